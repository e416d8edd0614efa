//! Finding the main content: text statistics per node, then readability-style scoring.
//!
//! Every paragraph-like element (a `<p>`, `<pre>`, `<td>`, or a `<div>`/`<section>` holding
//! text but no block children) that has enough text gives points to its parent and half as
//! many to its grandparent: one for being there, one per comma, one per 100 characters (at
//! most three). Each candidate container starts from a base for its tag and ±25 for what its
//! class and id say, and its total is scaled by `1 - link density`. The best candidate wins,
//! and its siblings join it when they score close to it, share its class, or are clean
//! paragraphs. Text inside furniture (navigation, comments, related links…) does not vote.

use veille_model::RemovalReason;

use super::tags::Tag;
use super::tree::{flags, Tree, NONE};

/// Text statistics of one node's visible subtree.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Stats {
    /// Characters of text, whitespace excluded.
    pub(crate) text: u32,
    /// Characters of text inside links.
    pub(crate) link: u32,
    /// Commas (Latin and CJK).
    pub(crate) commas: u32,
    /// `<p>` elements.
    pub(crate) paragraphs: u32,
    /// `<li>` elements.
    pub(crate) list_items: u32,
    /// Images.
    pub(crate) images: u32,
    /// Form inputs and buttons.
    pub(crate) inputs: u32,
}

impl Stats {
    /// Share of the text that sits inside links.
    pub(crate) fn link_density(&self) -> f32 {
        if self.text == 0 {
            0.0
        } else {
            self.link as f32 / self.text as f32
        }
    }
}

/// Per-node facts the content search and the block writer share.
pub(crate) struct Analysis {
    /// Statistics per node.
    pub(crate) stats: Vec<Stats>,
    /// Whether the node or an ancestor is hidden.
    pub(crate) hidden: Vec<bool>,
    /// Whether the node or an ancestor is furniture that must not vote.
    pub(crate) unlikely: Vec<bool>,
    /// Whether the node is or sits inside `<nav>`, `<aside>`, `<footer>` or `<menu>`.
    pub(crate) page_furniture: Vec<bool>,
}

fn count_text(raw: &str) -> (u32, u32) {
    let mut chars = 0u32;
    let mut commas = 0u32;
    let bytes = raw.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        if byte == b',' {
            commas += 1;
        } else if byte == 0xEF && bytes.get(i + 1) == Some(&0xBC) && bytes.get(i + 2) == Some(&0x8C)
        {
            commas += 1; // "，"
        } else if byte == 0xE3 && bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0x81)
        {
            commas += 1; // "、"
        }
        if !byte.is_ascii_whitespace() && (byte & 0xC0) != 0x80 {
            chars += 1;
        }
        i += 1;
    }
    (chars, commas)
}

/// The furniture kind of a node from its tag or names, if any.
pub(crate) fn furniture_of(tree: &Tree<'_>, node: u32) -> Option<RemovalReason> {
    let n = &tree.nodes[node as usize];
    if n.flags & flags::ITEMPROP_BODY != 0 || n.class.body {
        return None;
    }
    match n.tag {
        Tag::Nav | Tag::Aside | Tag::Footer | Tag::Menu => return Some(RemovalReason::Navigation),
        Tag::Form => return Some(RemovalReason::Other),
        Tag::Address => return Some(RemovalReason::Byline),
        _ => {}
    }
    match n.class.furniture {
        Some(reason) if n.class.weight < 0 => Some(reason),
        _ => None,
    }
}

/// Statistics of the visible part of every subtree, and the text of every subtree counting
/// hidden parts too.
fn measure(tree: &Tree<'_>, own_hidden: &[bool]) -> (Vec<Stats>, Vec<u32>) {
    let count = tree.nodes.len();
    let mut stats = vec![Stats::default(); count];
    let mut total = vec![0u32; count];
    for index in (1..count).rev() {
        let node = &tree.nodes[index];
        match node.tag {
            Tag::Text => {
                let (text, commas) = count_text(tree.slice(index as u32));
                stats[index].text = text;
                stats[index].commas = commas;
                total[index] = text;
            }
            Tag::A => stats[index].link = stats[index].text,
            Tag::P => stats[index].paragraphs += 1,
            Tag::Li => stats[index].list_items += 1,
            Tag::Img | Tag::Picture | Tag::Video => stats[index].images += 1,
            Tag::Input | Tag::Button | Tag::Select => stats[index].inputs += 1,
            _ => {}
        }
        if node.parent == NONE {
            continue;
        }
        total[node.parent as usize] += total[index];
        if own_hidden[index] {
            continue;
        }
        let own = stats[index];
        let parent = &mut stats[node.parent as usize];
        parent.text += own.text;
        parent.link += own.link;
        parent.commas += own.commas;
        parent.paragraphs += own.paragraphs;
        parent.list_items += own.list_items;
        parent.images += own.images;
        parent.inputs += own.inputs;
    }
    (stats, total)
}

/// Computes the statistics and visibility of every node.
pub(crate) fn analyse(tree: &Tree<'_>) -> Analysis {
    let count = tree.nodes.len();
    let mut own_hidden: Vec<bool> = tree
        .nodes
        .iter()
        .map(|n| n.flags & flags::HIDDEN != 0)
        .collect();
    let (mut stats, total) = measure(tree, &own_hidden);
    // A hidden element holding most of the page's text is revealed by a script (streamed
    // server rendering parks the article in `<div hidden>`): treat it as visible.
    let page_total = total[0];
    let mut revealed = false;
    for (index, node) in tree.nodes.iter().enumerate() {
        let control = matches!(
            node.tag,
            Tag::Button | Tag::Select | Tag::Option | Tag::Input | Tag::Dialog
        );
        if own_hidden[index]
            && !control
            && page_total > 0
            && u64::from(total[index]) * 2 > u64::from(page_total)
        {
            own_hidden[index] = false;
            revealed = true;
        }
    }
    if revealed {
        stats = measure(tree, &own_hidden).0;
    }
    let mut hidden = vec![false; count];
    for (index, node) in tree.nodes.iter().enumerate() {
        let parent_hidden = node.parent != NONE && hidden[node.parent as usize];
        hidden[index] = parent_hidden || own_hidden[index];
    }
    let page_text = stats[0].text.max(1);
    let mut unlikely = vec![false; count];
    let mut page_furniture = vec![false; count];
    for index in 1..count {
        let node = &tree.nodes[index];
        let parent_unlikely = node.parent != NONE && unlikely[node.parent as usize];
        let own = match furniture_of(tree, index as u32) {
            // A comment thread never votes, however long; other furniture that holds most of
            // the page is more likely a badly named wrapper.
            Some(RemovalReason::Comments) => true,
            // `<nav>`, `<aside>`, `<footer>` say what they are, whatever their size.
            Some(_) if matches!(node.tag, Tag::Nav | Tag::Aside | Tag::Footer | Tag::Menu) => true,
            Some(_) => stats[index].text * 2 < page_text,
            None => false,
        };
        // An element named as the article body votes even inside oddly named wrappers.
        let named_body = node.flags & flags::ITEMPROP_BODY != 0 || node.class.body;
        unlikely[index] = !named_body && (parent_unlikely || own);
        let parent_furniture = node.parent != NONE && page_furniture[node.parent as usize];
        page_furniture[index] =
            parent_furniture || matches!(node.tag, Tag::Nav | Tag::Aside | Tag::Footer | Tag::Menu);
    }
    Analysis {
        stats,
        hidden,
        unlikely,
        page_furniture,
    }
}

/// The content found on a page.
#[derive(Debug, Clone)]
pub(crate) struct Selection {
    /// Roots of the content, in document order.
    pub(crate) roots: Vec<u32>,
    /// The best-scoring container (one of the roots or inside one).
    pub(crate) core: u32,
    /// Found only by letting furniture-named elements vote: keep their text.
    pub(crate) lenient: bool,
    /// A short post followed by a long thread marked up as comments: the thread is content.
    pub(crate) discussion: bool,
}

/// Share of its parent's clean paragraph text under which the winner gives way to its parent.
const CLIMB_SHARE: f32 = 0.7;

fn base_score(tag: Tag) -> f32 {
    match tag {
        Tag::Div | Tag::Article | Tag::Main | Tag::Section => 5.0,
        Tag::Pre | Tag::Td | Tag::Blockquote => 3.0,
        Tag::Address | Tag::Ol | Tag::Ul | Tag::Dl | Tag::Dd | Tag::Dt | Tag::Li | Tag::Form => {
            -3.0
        }
        Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6 | Tag::Th => -5.0,
        _ => 0.0,
    }
}

fn class_score(tree: &Tree<'_>, node: u32) -> f32 {
    let n = &tree.nodes[node as usize];
    let mut score = f32::from(n.class.weight) * 25.0;
    if n.flags & flags::ITEMPROP_BODY != 0 {
        score += 25.0;
    }
    score
}

/// Whether the node carries paragraph text of its own for scoring.
fn is_paragraph_like(tree: &Tree<'_>, node: u32) -> bool {
    let n = &tree.nodes[node as usize];
    match n.tag {
        Tag::P | Tag::Pre | Tag::Td => true,
        Tag::Div
        | Tag::Section
        | Tag::Article
        | Tag::Blockquote
        | Tag::Dd
        | Tag::Font
        | Tag::Center => n.flags & flags::BLOCK_CHILD == 0,
        _ => false,
    }
}

/// Least clean paragraph text (characters) for a content choice made without furniture.
const MIN_CONTENT: u32 = 250;

/// Picks the main content.
///
/// Furniture does not vote at first. When that leaves almost nothing, the page's text lives
/// in elements named like furniture (a forum thread marked up as comments, a page builder's
/// `widget` boxes): the search runs again with every visible element voting, and the
/// selection is marked `lenient` so that the writer keeps what those names would drop.
pub(crate) fn select(tree: &Tree<'_>, analysis: &Analysis) -> Selection {
    let strict = select_with(tree, analysis, true);
    if strict
        .as_ref()
        .is_some_and(|(_, good)| *good >= MIN_CONTENT)
    {
        return strict
            .map(|(selection, _)| selection)
            .unwrap_or_else(whole_page);
    }
    let lenient = select_with(tree, analysis, false);
    let (chosen, good) = match (strict, lenient) {
        (Some((strict, strict_good)), Some((mut lenient, lenient_good))) => {
            if lenient_good > strict_good.saturating_mul(2) {
                lenient.lenient = true;
                (lenient, lenient_good)
            } else {
                (strict, strict_good)
            }
        }
        (Some(strict), None) => strict,
        (None, Some((mut lenient, lenient_good))) => {
            lenient.lenient = true;
            (lenient, lenient_good)
        }
        (None, None) => (whole_page(), 0),
    };
    if good >= MIN_CONTENT {
        return chosen;
    }
    // No real paragraphs anywhere (product grids, listings, app shells): the page's own
    // `<main>` is the best guide, when it holds more text than the weak choice.
    let main = (1..tree.nodes.len() as u32).find(|&n| {
        tree.nodes[n as usize].tag == Tag::Main
            && !analysis.hidden[n as usize]
            && !analysis.page_furniture[n as usize]
    });
    match main {
        Some(main) if plain_text(analysis, main) > plain_text(analysis, chosen.core) => Selection {
            roots: vec![main],
            core: main,
            lenient: false,
            discussion: false,
        },
        _ => chosen,
    }
}

fn whole_page() -> Selection {
    Selection {
        roots: vec![0],
        core: 0,
        lenient: true,
        discussion: false,
    }
}

/// One content search; returns the selection and the clean paragraph text under its core.
fn select_with(
    tree: &Tree<'_>,
    analysis: &Analysis,
    honour_unlikely: bool,
) -> Option<(Selection, u32)> {
    let count = tree.nodes.len();
    let mut scores = vec![f32::NAN; count];
    // Text of clean paragraphs under each node: how much article-like text it holds.
    let mut good = vec![0u32; count];
    for index in 1..count {
        let node = index as u32;
        if analysis.hidden[index]
            || analysis.page_furniture[index]
            || (honour_unlikely && analysis.unlikely[index])
        {
            continue;
        }
        if is_paragraph_like(tree, node) {
            let parent = tree.nodes[index].parent;
            vote(tree, &mut scores, &mut good, parent, &analysis.stats[index]);
        } else if tree.nodes[index].flags & flags::BLOCK_CHILD != 0
            && tree.nodes[index].tag != Tag::Text
        {
            // Text written straight into a container between its blocks ("<div>Text<h2>…")
            // votes like a paragraph of that container, as readability's wrapping does.
            let mut run = Stats::default();
            for child in tree.children(node) {
                let child_tag = tree.nodes[child as usize].tag;
                if child_tag.is_block() {
                    vote(tree, &mut scores, &mut good, node, &run);
                    run = Stats::default();
                } else if !analysis.hidden[child as usize] {
                    let own = &analysis.stats[child as usize];
                    run.text += own.text;
                    run.link += own.link;
                    run.commas += own.commas;
                }
            }
            vote(tree, &mut scores, &mut good, node, &run);
        }
    }
    let mut best = NONE;
    let mut best_score = f32::MIN;
    for (index, score) in scores.iter_mut().enumerate() {
        if score.is_nan() {
            continue;
        }
        *score *= 1.0 - analysis.stats[index].link_density();
        if *score > best_score {
            best_score = *score;
            best = index as u32;
        }
    }
    if best == NONE {
        return None;
    }
    // Climb while the winner holds too small a share of its parent's clean paragraphs: the
    // article is split over several boxes, or a well-named part outscored the whole.
    loop {
        // Wrappers that add no paragraph text are passed through.
        let mut ancestor = tree.nodes[best as usize].parent;
        while ancestor != NONE && good[ancestor as usize] <= good[best as usize] + 10 {
            ancestor = tree.nodes[ancestor as usize].parent;
        }
        if ancestor == NONE || ancestor == 0 || tree.nodes[ancestor as usize].tag == Tag::Body {
            break;
        }
        if (good[best as usize] as f32) >= CLIMB_SHARE * good[ancestor as usize] as f32 {
            break;
        }
        best = ancestor;
        let ancestor_score = scores[ancestor as usize];
        if !ancestor_score.is_nan() {
            best_score = best_score.max(ancestor_score);
        }
    }
    best = semantic_container(tree, analysis, best);
    best = repeated_container(tree, analysis, best);
    if honour_unlikely {
        // A short first post whose box is followed by a thread of replies: take the box that
        // has the thread as a sibling, so that the sibling rule can add the thread.
        let post_plain = analysis.stats[best as usize]
            .text
            .saturating_sub(analysis.stats[best as usize].link);
        let mut level = best;
        for _ in 0..3 {
            let parent = tree.nodes[level as usize].parent;
            if parent == NONE || parent == 0 {
                break;
            }
            if tree
                .children(parent)
                .any(|s| s != level && is_thread(tree, analysis, s, post_plain))
            {
                best = level;
                break;
            }
            level = parent;
        }
    }
    let (roots, discussion) =
        with_siblings(tree, analysis, &scores, best, best_score, honour_unlikely);
    let selection = Selection {
        roots,
        core: best,
        lenient: false,
        discussion,
    };
    Some((selection, good[best as usize]))
}

/// Shortest paragraph (characters) counted as clean article text when comparing containers:
/// teaser blurbs, dates and labels stay below it.
const GOOD_MIN_CHARS: u32 = 80;

/// Gives the points of one paragraph (with statistics `stats`) to `parent` and half to its
/// parent, and counts its clean text for every ancestor.
fn vote(tree: &Tree<'_>, scores: &mut [f32], good: &mut [u32], parent: u32, stats: &Stats) {
    if stats.text < 20 || parent == NONE || parent == 0 {
        return;
    }
    let points = 2.0 + stats.commas as f32 + (stats.text as f32 / 100.0).min(3.0);
    if stats.link_density() < 0.5 && stats.text >= GOOD_MIN_CHARS {
        let mut ancestor = parent;
        while ancestor != NONE {
            good[ancestor as usize] += stats.text.saturating_sub(stats.link);
            ancestor = tree.nodes[ancestor as usize].parent;
        }
    }
    add(tree, scores, parent, points);
    let grandparent = tree.nodes[parent as usize].parent;
    if grandparent != NONE && grandparent != 0 {
        add(tree, scores, grandparent, points / 2.0);
    }
}

fn add(tree: &Tree<'_>, scores: &mut [f32], node: u32, points: f32) {
    let slot = &mut scores[node as usize];
    if slot.is_nan() {
        *slot = base_score(tree.nodes[node as usize].tag) + class_score(tree, node);
    }
    *slot += points;
}

/// The `<main>` (or `role=main`, or `<article>`) around `core` when `core` holds less than
/// half of its text: landing and service pages spread their text over many small boxes,
/// and the page's own marking of its main part is then a better guide than any one box.
fn semantic_container(tree: &Tree<'_>, analysis: &Analysis, core: u32) -> u32 {
    let plain = |node: u32| {
        let stats = &analysis.stats[node as usize];
        stats.text.saturating_sub(stats.link)
    };
    let mut ancestor = tree.nodes[core as usize].parent;
    while ancestor != NONE && ancestor != 0 {
        let n = &tree.nodes[ancestor as usize];
        if matches!(n.tag, Tag::Main | Tag::Article) || n.flags & flags::ITEMPROP_BODY != 0 {
            let stats = &analysis.stats[ancestor as usize];
            if plain(core) * 2 < plain(ancestor) && stats.link_density() < 0.5 {
                return ancestor;
            }
            return core;
        }
        ancestor = n.parent;
    }
    core
}

/// Plain (non-link) text of a node.
fn plain_text(analysis: &Analysis, node: u32) -> u32 {
    let stats = &analysis.stats[node as usize];
    stats.text.saturating_sub(stats.link)
}

/// Whether two elements carry the same non-empty class value.
fn same_class(tree: &Tree<'_>, a: u32, b: u32) -> bool {
    let class = tree.slice(a);
    !class.is_empty() && tree.nodes[b as usize].tag != Tag::Text && tree.slice(b) == class
}

/// Text-rich siblings of `node` that share its class (answers of a question, posts of a
/// thread, blocks of a long article): how much plain text they hold together.
fn repeated_text(tree: &Tree<'_>, analysis: &Analysis, node: u32) -> u32 {
    let parent = tree.nodes[node as usize].parent;
    if parent == NONE {
        return 0;
    }
    tree.children(parent)
        .filter(|&s| s != node && same_class(tree, node, s) && !analysis.hidden[s as usize])
        .filter(|&s| analysis.stats[s as usize].link_density() < 0.35)
        .map(|s| plain_text(analysis, s))
        .sum()
}

/// The nearest ancestor of `core` (a few levels up at most) that is one of a run of
/// same-class siblings with as much text as itself: the content is the whole run.
fn repeated_container(tree: &Tree<'_>, analysis: &Analysis, core: u32) -> u32 {
    let mut node = core;
    for _ in 0..REPEAT_LEVELS {
        if node == 0 || tree.nodes[node as usize].tag == Tag::Body {
            break;
        }
        if repeated_text(tree, analysis, node) * 2 >= plain_text(analysis, node).max(1) {
            return node;
        }
        node = tree.nodes[node as usize].parent;
        if node == NONE {
            break;
        }
    }
    core
}

/// How far above the winner a run of same-class siblings is looked for.
const REPEAT_LEVELS: usize = 5;

fn ends_like_sentence(tree: &Tree<'_>, node: u32) -> bool {
    let mut text = String::new();
    let mut stack = vec![node];
    while let Some(current) = stack.pop() {
        if tree.nodes[current as usize].tag == Tag::Text {
            text.push_str(tree.slice(current));
        }
        let children: Vec<u32> = tree.children(current).collect();
        stack.extend(children.into_iter().rev());
        if text.len() > 2000 {
            break;
        }
    }
    let trimmed = text.trim_end();
    trimmed.ends_with(['.', '!', '?', '…', '。', '»', '"', '”'])
}

/// Readability's sibling rule: siblings of the winner that score well, share its class or
/// read like clean paragraphs are part of the content too.
fn with_siblings(
    tree: &Tree<'_>,
    analysis: &Analysis,
    scores: &[f32],
    best: u32,
    best_score: f32,
    honour_unlikely: bool,
) -> (Vec<u32>, bool) {
    let parent = tree.nodes[best as usize].parent;
    if parent == NONE {
        return (vec![best], false);
    }
    let plain = |node: u32| {
        let stats = &analysis.stats[node as usize];
        stats.text.saturating_sub(stats.link)
    };
    let mut discussion = false;
    let threshold = (best_score * 0.2).max(10.0);
    let best_class = tree.slice(best);
    let mut roots = Vec::new();
    for sibling in tree.children(parent) {
        let index = sibling as usize;
        if sibling == best {
            roots.push(sibling);
            continue;
        }
        if analysis.hidden[index] || tree.nodes[index].tag == Tag::Text {
            continue;
        }
        if honour_unlikely && analysis.unlikely[index] {
            // A forum thread: a short first post, then replies marked up as comments that
            // hold far more text than the post itself.
            if is_thread(tree, analysis, sibling, plain(best)) {
                roots.push(sibling);
                discussion = true;
            }
            continue;
        }
        let mut bonus = 0.0;
        if !best_class.is_empty() && tree.slice(sibling) == best_class {
            bonus = best_score * 0.2;
        }
        let score = scores[index];
        if !score.is_nan() && score + bonus >= threshold {
            roots.push(sibling);
            continue;
        }
        if same_class(tree, best, sibling)
            && analysis.stats[index].link_density() < 0.35
            && plain_text(analysis, sibling) > 0
        {
            roots.push(sibling);
            continue;
        }
        if tree.nodes[index].tag == Tag::P {
            let stats = &analysis.stats[index];
            let density = stats.link_density();
            if (stats.text > 80 && density < 0.25)
                || (stats.text > 0 && density == 0.0 && ends_like_sentence(tree, sibling))
            {
                roots.push(sibling);
            }
        }
    }
    (roots, discussion)
}

/// Whether `node` is a thread of replies (comment-named, mostly plain text) much longer than
/// a first post of `post_plain` characters.
fn is_thread(tree: &Tree<'_>, analysis: &Analysis, node: u32, post_plain: u32) -> bool {
    let stats = &analysis.stats[node as usize];
    furniture_of(tree, node) == Some(RemovalReason::Comments)
        && post_plain < DISCUSSION_MAX_POST
        && stats.text.saturating_sub(stats.link) > post_plain.saturating_mul(2)
        && stats.link_density() < 0.3
}

/// Longest first post (characters outside links) that a longer thread of replies can follow
/// and still be read as one discussion.
const DISCUSSION_MAX_POST: u32 = 1200;

#[cfg(test)]
mod tests {
    use super::super::tree::build;
    use super::*;

    fn paragraph(words: usize) -> String {
        format!(
            "<p>{}</p>",
            "Some words, with commas, and more. ".repeat(words)
        )
    }

    #[test]
    fn counts_text_links_and_commas() {
        let tree = build("<div><p>Hello, world <a href=x>link</a></p></div>");
        let analysis = analyse(&tree);
        let div = tree.children(0).next().expect("div");
        let stats = analysis.stats[div as usize];
        assert_eq!(stats.text, "Hello,world".len() as u32 + 4);
        assert_eq!(stats.link, 4);
        assert_eq!(stats.commas, 1);
        assert_eq!(stats.paragraphs, 1);
    }

    #[test]
    fn picks_the_paragraph_container_over_navigation() {
        let html = format!(
            "<div class=\"menu\"><p>{}</p></div><div id=\"story\">{}{}</div>",
            "Home, News, Sport, Culture, Weather, Travel. ".repeat(5),
            paragraph(4),
            paragraph(3)
        );
        let tree = build(&html);
        let analysis = analyse(&tree);
        let selection = select(&tree, &analysis);
        let story = tree.children(0).nth(1).expect("story div");
        assert_eq!(selection.core, story);
    }

    #[test]
    fn hidden_text_does_not_count() {
        let tree = build("<div><p hidden>secret</p><p>seen and counted</p></div>");
        let analysis = analyse(&tree);
        let div = tree.children(0).next().expect("div");
        assert_eq!(
            analysis.stats[div as usize].text,
            "seenandcounted".len() as u32
        );
    }

    #[test]
    fn a_hidden_box_holding_most_of_the_page_counts_as_shown() {
        let tree = build("<div hidden><p>streamed article text, long enough</p></div><p>menu</p>");
        let analysis = analyse(&tree);
        let hidden_div = tree.children(0).next().expect("div");
        assert!(!analysis.hidden[hidden_div as usize]);
    }

    #[test]
    fn a_page_without_paragraphs_selects_the_whole_page() {
        let tree = build("<span>tiny</span>");
        let analysis = analyse(&tree);
        assert_eq!(select(&tree, &analysis).roots, vec![0]);
    }
}
