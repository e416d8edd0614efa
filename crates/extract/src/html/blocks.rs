//! Writing the selected content out as blocks, pruning furniture inside it.
//!
//! The walk is iterative (no recursion) over the content roots. Block-level elements and
//! `<br>` end the current block; `<li>`, `<h2>`–`<h6>`, `<blockquote>`, `<pre>` and data-table
//! rows give the block its [`BlockKind`]. Inside the content it drops, with a
//! [`RemovalReason`]: furniture named by tag or class (navigation, share bars, comments,
//! ads, bylines…), link-dense lists and boxes (related stories), short blocks that open with a
//! teaser or prompt phrase ("Lire aussi", "Read more", "Lesen Sie auch"), and `<h1>` (the
//! title). Figure captions go to `captions`, with the photo credit split off when it is marked.

use veille_model::{BlockKind, Caption, RemovalReason, Removed};

use super::entities::TextSink;
use super::scoring::{furniture_of, Analysis, Selection};
use super::tags::Tag;
use super::tree::{flags, Tree, NONE};
use crate::{Block, ExtractConfig};

/// Most removed blocks reported per page.
const MAX_REMOVED: usize = 200;
/// Longest removed text kept, in characters.
const MAX_REMOVED_CHARS: usize = 600;

/// Blocks, captions and removed furniture of a page.
#[derive(Debug, Default)]
pub(crate) struct Output {
    /// Body blocks.
    pub(crate) blocks: Vec<Block>,
    /// Captions.
    pub(crate) captions: Vec<Caption>,
    /// Removed furniture.
    pub(crate) removed: Vec<Removed>,
}

/// Phrases that open a teaser for another story or a prompt, lower-case, by kind.
const OPENING_PHRASES: &[(&str, RemovalReason)] = &[
    ("read more", RemovalReason::RelatedTeaser),
    ("read also", RemovalReason::RelatedTeaser),
    ("also read", RemovalReason::RelatedTeaser),
    ("see also", RemovalReason::RelatedTeaser),
    ("related:", RemovalReason::RelatedTeaser),
    ("related articles", RemovalReason::RelatedTeaser),
    ("related stories", RemovalReason::RelatedTeaser),
    ("related posts", RemovalReason::RelatedTeaser),
    ("related content", RemovalReason::RelatedTeaser),
    ("you may also like", RemovalReason::RelatedTeaser),
    ("you might also like", RemovalReason::RelatedTeaser),
    ("recommended for you", RemovalReason::RelatedTeaser),
    ("more stories", RemovalReason::RelatedTeaser),
    ("lire aussi", RemovalReason::RelatedTeaser),
    ("à lire aussi", RemovalReason::RelatedTeaser),
    ("a lire aussi", RemovalReason::RelatedTeaser),
    ("lire également", RemovalReason::RelatedTeaser),
    ("à lire également", RemovalReason::RelatedTeaser),
    ("voir aussi", RemovalReason::RelatedTeaser),
    ("sur le même sujet", RemovalReason::RelatedTeaser),
    ("lesen sie auch", RemovalReason::RelatedTeaser),
    ("lesen sie mehr", RemovalReason::RelatedTeaser),
    ("mehr zum thema", RemovalReason::RelatedTeaser),
    ("auch interessant", RemovalReason::RelatedTeaser),
    ("lee también", RemovalReason::RelatedTeaser),
    ("leer más", RemovalReason::RelatedTeaser),
    ("leggi anche", RemovalReason::RelatedTeaser),
    ("leia também", RemovalReason::RelatedTeaser),
    ("leia mais", RemovalReason::RelatedTeaser),
    ("veja também", RemovalReason::RelatedTeaser),
    ("lees ook", RemovalReason::RelatedTeaser),
    ("share this", RemovalReason::SharePrompt),
    ("share on", RemovalReason::SharePrompt),
    ("follow us", RemovalReason::SharePrompt),
    ("sign up for", RemovalReason::SharePrompt),
    ("subscribe to", RemovalReason::SharePrompt),
    ("partager sur", RemovalReason::SharePrompt),
    ("suivez-nous", RemovalReason::SharePrompt),
    ("abonnez-vous", RemovalReason::SharePrompt),
    ("inscrivez-vous", RemovalReason::SharePrompt),
    ("folgen sie uns", RemovalReason::SharePrompt),
    ("teilen sie", RemovalReason::SharePrompt),
];

/// Whole short blocks that are ad markers.
const AD_MARKERS: &[&str] = &[
    "advertisement",
    "publicité",
    "anzeige",
    "publicidad",
    "pubblicità",
    "werbung",
    "sponsored",
    "ad",
];

/// Longest block (in characters) that an opening phrase can turn into a teaser.
const TEASER_MAX_CHARS: usize = 250;

/// Why a short block of text is furniture, judging by its words.
pub(crate) fn phrase_reason(text: &str) -> Option<RemovalReason> {
    let mut prefix = String::with_capacity(40);
    for c in text.chars().take(24) {
        prefix.extend(c.to_lowercase());
    }
    let chars = text.chars().count();
    if chars <= 16 {
        let bare = prefix.trim_matches(|c: char| !c.is_alphanumeric());
        if AD_MARKERS.contains(&bare) {
            return Some(RemovalReason::Advertising);
        }
    }
    if chars > TEASER_MAX_CHARS {
        return None;
    }
    let prefix = prefix.trim_start_matches(|c: char| !c.is_alphanumeric());
    OPENING_PHRASES
        .iter()
        .find(|(phrase, _)| prefix.starts_with(phrase))
        .map(|&(_, reason)| reason)
}

/// Collects the visible text of a subtree (at most `max_chars` characters).
pub(crate) fn subtree_text(
    tree: &Tree<'_>,
    analysis: &Analysis,
    root: u32,
    max_chars: usize,
) -> String {
    let mut sink = TextSink::default();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        if analysis.hidden[node as usize] {
            continue;
        }
        let n = &tree.nodes[node as usize];
        if n.tag == Tag::Text {
            sink.push_raw(tree.slice(node));
            if sink.text.len() > max_chars * 4 {
                break;
            }
            continue;
        }
        if n.tag.is_block() || matches!(n.tag, Tag::Br | Tag::Td | Tag::Th) {
            sink.space();
        }
        let first = stack.len();
        stack.extend(tree.children(node));
        stack[first..].reverse();
    }
    let text = sink.take();
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

/// Splits a photo credit off a caption: a credit-classed element inside it, a `©`, or a
/// trailing "Photo: …" / "(AP Photo/…)" / "/ AFP" part.
pub(crate) fn split_credit(text: &str, marked_credit: Option<String>) -> Caption {
    if let Some(credit) = marked_credit.filter(|c| !c.is_empty()) {
        let caption = text.replace(&credit, "");
        let caption = caption
            .trim()
            .trim_end_matches(['|', '/', '-', '–'])
            .trim()
            .to_string();
        return Caption {
            text: caption,
            credit: Some(credit),
        };
    }
    let lower = text.to_lowercase();
    let markers = [
        "©",
        "(photo",
        "photo:",
        "photo :",
        "photograph:",
        "photos:",
        "crédit photo",
        "crédit :",
        "crédits :",
        "credit:",
        "foto:",
        "bild:",
        "image:",
        "illustration :",
        "(ap ",
        "(afp",
        "(reuters",
        "(getty",
    ];
    let position = markers
        .iter()
        .filter_map(|m| lower.find(m))
        .filter(|&at| at > 0)
        .min();
    if let Some(at) = position {
        // `lower` has the same byte layout as `text` only for ASCII-lowercasing scripts; check.
        if lower.len() == text.len() && text.is_char_boundary(at) {
            let (caption, credit) = text.split_at(at);
            let credit = credit
                .trim()
                .trim_start_matches('(')
                .trim_end_matches(')')
                .trim();
            let caption = caption
                .trim()
                .trim_end_matches(['|', '/', '-', '–', '.'])
                .trim();
            if !caption.is_empty() && !credit.is_empty() {
                return Caption {
                    text: format!(
                        "{caption}{}",
                        if text[..at].trim_end().ends_with('.') {
                            "."
                        } else {
                            ""
                        }
                    ),
                    credit: Some(credit.to_string()),
                };
            }
        }
    }
    Caption {
        text: text.to_string(),
        credit: None,
    }
}

struct Writer<'t, 'a> {
    tree: &'t Tree<'a>,
    analysis: &'t Analysis,
    cfg: &'t ExtractConfig,
    /// The core container and its ancestors: never pruned.
    core_path: Vec<u32>,
    core_text: u32,
    /// Link density of the core.
    core_density: f32,
    /// The content was found among furniture-named elements: keep them.
    lenient: bool,
    /// The content is a discussion thread: replies are content.
    discussion: bool,
    sink: TextSink,
    kinds: Vec<(u32, BlockKind)>,
    /// Depth of `<pre>` nesting.
    in_pre: u32,
    out: Output,
}

enum Step {
    Enter(u32),
    Leave(u32),
}

impl Writer<'_, '_> {
    fn remove(&mut self, node: u32, reason: RemovalReason, detail: &str) {
        if self.out.removed.len() >= MAX_REMOVED || self.analysis.stats[node as usize].text < 20 {
            return;
        }
        let text = subtree_text(self.tree, self.analysis, node, MAX_REMOVED_CHARS);
        if !text.is_empty() {
            self.out.removed.push(Removed {
                text,
                reason,
                detail: Some(detail.to_string()),
            });
        }
    }

    fn flush(&mut self) {
        // Inside `<pre>` whitespace is kept, so the block is preformatted whatever else it is.
        let kind = if self.in_pre > 0 {
            BlockKind::Preformatted
        } else {
            self.kinds
                .last()
                .map_or(BlockKind::Paragraph, |&(_, kind)| kind)
        };
        let mut text = self.sink.take();
        if kind == BlockKind::Preformatted {
            text = text.trim_start_matches(['\n', '\r']).to_string();
        }
        if text.trim().is_empty() {
            return;
        }
        if kind != BlockKind::Preformatted {
            if let Some(reason) = phrase_reason(&text) {
                if self.out.removed.len() < MAX_REMOVED {
                    self.out.removed.push(Removed {
                        text,
                        reason,
                        detail: Some("html: opening phrase of a short block".to_string()),
                    });
                }
                return;
            }
        }
        self.out.blocks.push(Block { text, kind });
    }

    /// Whether `node` should be dropped, and why.
    fn prune_reason(&self, node: u32) -> Option<(RemovalReason, &'static str)> {
        if self.core_path.contains(&node) {
            return None;
        }
        let n = &self.tree.nodes[node as usize];
        let stats = &self.analysis.stats[node as usize];
        if n.tag == Tag::H1 {
            return Some((RemovalReason::DuplicateTitle, "html: h1 inside the content"));
        }
        if let Some(reason) = furniture_of(self.tree, node) {
            let comments = reason == RemovalReason::Comments;
            let small = u64::from(stats.text) * 10 < u64::from(self.core_text) * 6;
            if comments && !self.cfg.include_comments && !self.lenient && !self.discussion {
                return Some((reason, "html: comment section"));
            }
            if !comments && small && !self.lenient {
                return Some((reason, "html: tag or class names"));
            }
        }
        let link_dense_tag = matches!(
            n.tag,
            Tag::Div
                | Tag::Section
                | Tag::Ul
                | Tag::Ol
                | Tag::Dl
                | Tag::Table
                | Tag::Header
                | Tag::P
                | Tag::Li
        );
        if link_dense_tag && stats.text > 0 && stats.commas < 10 {
            let density = stats.link_density();
            // A listing page is made of links: judge boxes against the content's own density.
            let base = if n.class.weight > 0 { 0.6 } else { 0.45 };
            let limit = f32::max(base, self.core_density + 0.3);
            if density > limit {
                let reason = if n.tag == Tag::P || n.tag == Tag::Li || stats.list_items > 0 {
                    RemovalReason::RelatedTeaser
                } else {
                    RemovalReason::Navigation
                };
                return Some((reason, "html: link density"));
            }
        }
        None
    }

    fn is_caption(&self, node: u32) -> bool {
        let n = &self.tree.nodes[node as usize];
        n.tag == Tag::Figcaption
            || (n.class.caption
                && !n.tag.is_subheading()
                && self.analysis.stats[node as usize].text < 600
                && !self.core_path.contains(&node))
    }

    fn caption(&mut self, node: u32) {
        let mut credit = None;
        let mut stack = vec![node];
        while let Some(current) = stack.pop() {
            if current != node && self.tree.nodes[current as usize].class.credit {
                credit = Some(subtree_text(self.tree, self.analysis, current, 300));
                break;
            }
            stack.extend(self.tree.children(current));
        }
        let text = subtree_text(self.tree, self.analysis, node, 1000);
        if !text.is_empty() {
            self.out.captions.push(split_credit(&text, credit));
        }
    }

    /// Whether a table row is a data row (cells hold inline text only).
    fn is_data_row(&self, row: u32) -> bool {
        self.tree.children(row).all(|cell| {
            let n = &self.tree.nodes[cell as usize];
            !matches!(n.tag, Tag::Td | Tag::Th) || n.flags & flags::BLOCK_CHILD == 0
        })
    }

    fn write_root(&mut self, root: u32) {
        let mut steps = vec![Step::Enter(root)];
        while let Some(step) = steps.pop() {
            match step {
                Step::Enter(node) => self.enter(node, &mut steps),
                Step::Leave(node) => self.leave(node),
            }
        }
        self.flush();
    }

    fn enter(&mut self, node: u32, steps: &mut Vec<Step>) {
        let index = node as usize;
        let tag = self.tree.nodes[index].tag;
        if tag == Tag::Text {
            let raw = self.tree.slice(node);
            if self.in_pre > 0 {
                self.sink.push_raw_preformatted(raw);
            } else {
                self.sink.push_raw(raw);
            }
            return;
        }
        if self.analysis.hidden[index] {
            return;
        }
        if tag == Tag::Br {
            if self.in_pre > 0 {
                self.sink.push_raw_preformatted("\n");
            } else {
                self.flush();
            }
            return;
        }
        if let Some((reason, detail)) = self.prune_reason(node) {
            self.flush();
            self.remove(node, reason, detail);
            return;
        }
        if self.is_caption(node) {
            self.flush();
            self.caption(node);
            return;
        }
        let in_data_row = self
            .kinds
            .last()
            .is_some_and(|&(_, kind)| kind == BlockKind::TableRow);
        let cell = matches!(tag, Tag::Td | Tag::Th);
        if cell && in_data_row {
            if !self.sink.is_empty() {
                self.sink.push_raw_preformatted("\t");
            }
        } else if tag.is_block() || cell {
            self.flush();
        }
        let kind = match tag {
            Tag::Li | Tag::Dd | Tag::Dt => Some(BlockKind::ListItem),
            Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6 => Some(BlockKind::Heading),
            Tag::Blockquote => Some(BlockKind::Blockquote),
            Tag::Pre => Some(BlockKind::Preformatted),
            Tag::Tr if self.is_data_row(node) => Some(BlockKind::TableRow),
            _ => None,
        };
        if let Some(kind) = kind {
            self.kinds.push((node, kind));
        }
        if tag == Tag::Pre {
            self.in_pre += 1;
        }
        steps.push(Step::Leave(node));
        let first = steps.len();
        steps.extend(self.tree.children(node).map(Step::Enter));
        steps[first..].reverse();
    }

    fn leave(&mut self, node: u32) {
        let tag = self.tree.nodes[node as usize].tag;
        let in_data_row = self
            .kinds
            .last()
            .is_some_and(|&(_, kind)| kind == BlockKind::TableRow);
        let cell = matches!(tag, Tag::Td | Tag::Th);
        if tag.is_block() || (cell && !in_data_row) {
            self.flush();
        }
        if self.kinds.last().is_some_and(|&(open, _)| open == node) {
            self.kinds.pop();
        }
        if tag == Tag::Pre {
            self.in_pre = self.in_pre.saturating_sub(1);
        }
    }
}

/// Writes the selected content as blocks.
pub(crate) fn write(
    tree: &Tree<'_>,
    analysis: &Analysis,
    selection: &Selection,
    cfg: &ExtractConfig,
) -> Output {
    let mut core_path = Vec::new();
    let mut node = selection.core;
    while node != NONE {
        core_path.push(node);
        node = tree.nodes[node as usize].parent;
    }
    let mut writer = Writer {
        tree,
        analysis,
        cfg,
        core_path,
        core_text: analysis.stats[selection.core as usize].text,
        core_density: analysis.stats[selection.core as usize].link_density(),
        lenient: selection.lenient,
        discussion: selection.discussion,
        sink: TextSink::default(),
        kinds: Vec::new(),
        in_pre: 0,
        out: Output::default(),
    };
    for &root in &selection.roots {
        writer.write_root(root);
    }
    writer.note_neighbours(selection);
    writer.out
}

impl Writer<'_, '_> {
    /// Looks at what surrounds the content (siblings of the roots and of their ancestors, a
    /// few levels up): furniture there is recorded as removed, figure captions are kept as
    /// captions (lead images often sit just outside the body text), and comment threads are
    /// written out when the configuration asks for comments.
    fn note_neighbours(&mut self, selection: &Selection) {
        let Some(&first) = selection.roots.first() else {
            return;
        };
        let mut inner = first;
        for _ in 0..NEIGHBOUR_LEVELS {
            let parent = self.tree.nodes[inner as usize].parent;
            if parent == NONE || parent == 0 {
                return;
            }
            let siblings: Vec<u32> = self.tree.children(parent).collect();
            for sibling in siblings {
                let n = &self.tree.nodes[sibling as usize];
                if n.tag == Tag::Text
                    || sibling == inner
                    || selection.roots.contains(&sibling)
                    || self.analysis.hidden[sibling as usize]
                {
                    continue;
                }
                match furniture_of(self.tree, sibling) {
                    Some(RemovalReason::Comments) if self.cfg.include_comments => {
                        self.write_root(sibling)
                    }
                    Some(reason) => {
                        self.remove(sibling, reason, "html: furniture next to the content")
                    }
                    None => self.captions_in(sibling),
                }
            }
            inner = parent;
            if self.tree.nodes[inner as usize].tag == Tag::Body {
                return;
            }
        }
    }

    /// Adds the captions found in a small subtree outside the content.
    fn captions_in(&mut self, root: u32) {
        if self.analysis.stats[root as usize].text > 2000 {
            return;
        }
        let mut stack = vec![root];
        while let Some(node) = stack.pop() {
            if self.analysis.hidden[node as usize]
                || self.tree.nodes[node as usize].tag == Tag::Text
            {
                continue;
            }
            if self.is_caption(node) {
                self.caption(node);
                continue;
            }
            let first = stack.len();
            stack.extend(self.tree.children(node));
            stack[first..].reverse();
        }
    }
}

/// How many levels above the content [`Writer::note_neighbours`] looks.
const NEIGHBOUR_LEVELS: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opening_phrases_mark_short_blocks_only() {
        assert_eq!(
            phrase_reason("Lire aussi : Le budget voté"),
            Some(RemovalReason::RelatedTeaser)
        );
        assert_eq!(
            phrase_reason("» Lesen Sie auch: Die Bahn streikt"),
            Some(RemovalReason::RelatedTeaser)
        );
        assert_eq!(
            phrase_reason("Advertisement"),
            Some(RemovalReason::Advertising)
        );
        let long = format!("Read more about it: {}", "words ".repeat(60));
        assert_eq!(phrase_reason(&long), None);
        assert_eq!(phrase_reason("Reading is fun."), None);
    }

    #[test]
    fn splits_marked_and_unmarked_credits() {
        let caption = split_credit("A crowd in the square. Photo: Jane Roe", None);
        assert_eq!(caption.text, "A crowd in the square.");
        assert_eq!(caption.credit.as_deref(), Some("Photo: Jane Roe"));
        let caption = split_credit("Le port de Brest © Jean Dupont", None);
        assert_eq!(caption.credit.as_deref(), Some("© Jean Dupont"));
        let caption = split_credit("Firefighters at work (AP Photo/John Doe)", None);
        assert_eq!(caption.text, "Firefighters at work");
        assert_eq!(caption.credit.as_deref(), Some("AP Photo/John Doe"));
        let caption = split_credit("Die Brücke im Nebel. Max Muster", Some("Max Muster".into()));
        assert_eq!(caption.credit.as_deref(), Some("Max Muster"));
        assert_eq!(split_credit("Just a caption", None).credit, None);
    }
}
