//! A light arena tree built from the token stream, plus the head metadata gathered on the way.
//!
//! Each node is a fixed-size record (tag, links to parent, first/last child and next sibling,
//! a byte range into the page for text, what its class/id say, a few flags). Text stays as
//! slices of the page until a block is emitted. The builder follows the main HTML
//! tree-construction rules that matter for text (void elements, implied `</p>`, `</li>`,
//! `</td>`, scoped end tags, stray end tags ignored) and skips the rest of the standard
//! (no adoption agency, no foster parenting). Depth is capped at [`MAX_DEPTH`]: deeper
//! elements are flattened into the deepest open one, so 100,000 nested `<div>`s cost nothing.

use std::collections::HashMap;

use veille_model::RemovalReason;

use super::classes::{self, ClassInfo};
use super::entities::{collapse, decode_attribute};
use super::tags::{self, Tag};
use super::tokenizer::{Attr, Token, Tokenizer};
use crate::{LinkTag, MetaTag};

/// Deepest nesting kept in the tree.
pub(crate) const MAX_DEPTH: usize = 192;

/// "No node" in the links between nodes.
pub(crate) const NONE: u32 = u32::MAX;

/// Node flags.
pub(crate) mod flags {
    /// Not rendered (`hidden`, `aria-hidden`, `display:none`, form controls).
    pub(crate) const HIDDEN: u16 = 1;
    /// Has a block-level element among its children.
    pub(crate) const BLOCK_CHILD: u16 = 2;
    /// `itemprop="articleBody"` (or `text` inside an article item).
    pub(crate) const ITEMPROP_BODY: u16 = 4;
    /// Marked as a byline (`rel=author`, `itemprop=author`, `class*=author|byline`).
    pub(crate) const BYLINE: u16 = 8;
    /// Has an `<img>` (or picture, video) among its children.
    pub(crate) const MEDIA_CHILD: u16 = 16;
}

/// One node of the tree.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    /// Element name, or [`Tag::Text`].
    pub(crate) tag: Tag,
    /// Parent node, [`NONE`] for the root.
    pub(crate) parent: u32,
    /// First child, [`NONE`] if none.
    pub(crate) first_child: u32,
    /// Last child, [`NONE`] if none.
    pub(crate) last_child: u32,
    /// Next sibling, [`NONE`] if none.
    pub(crate) next_sibling: u32,
    /// Text nodes: the raw text; elements: the `class` value. Byte range into the page.
    pub(crate) start: u32,
    /// End of that range.
    pub(crate) end: u32,
    /// What the class/id/role names say.
    pub(crate) class: ClassInfo,
    /// [`flags`] bits.
    pub(crate) flags: u16,
    /// Hash of the name for unknown elements, so that their end tag finds them.
    name_hash: u32,
}

/// The tree and the metadata found while building it.
#[derive(Debug)]
pub(crate) struct Tree<'a> {
    /// The page.
    pub(crate) src: &'a str,
    /// Node 0 is the document root; children always come after their parent.
    pub(crate) nodes: Vec<Node>,
    /// `<html lang>`.
    pub(crate) html_lang: Option<String>,
    /// First `<title>` text.
    pub(crate) title: Option<String>,
    /// `<meta>` elements.
    pub(crate) meta: Vec<MetaTag>,
    /// `<link rel>` elements and `rel`-carrying anchors.
    pub(crate) links: Vec<LinkTag>,
    /// Raw JSON-LD scripts.
    pub(crate) json_ld: Vec<String>,
    /// `<h1>` nodes.
    pub(crate) h1: Vec<u32>,
    /// `<time>` nodes with their `datetime`.
    pub(crate) times: Vec<(Option<String>, u32)>,
    /// Byline nodes.
    pub(crate) bylines: Vec<u32>,
}

impl Tree<'_> {
    /// The raw text of a text node, or the class value of an element.
    pub(crate) fn slice(&self, node: u32) -> &str {
        let node = &self.nodes[node as usize];
        self.src
            .get(node.start as usize..node.end as usize)
            .unwrap_or("")
    }

    /// Children of `node`, in order.
    pub(crate) fn children(&self, node: u32) -> Children<'_> {
        Children {
            nodes: &self.nodes,
            next: self.nodes[node as usize].first_child,
        }
    }
}

/// Iterator over the children of a node.
pub(crate) struct Children<'t> {
    nodes: &'t [Node],
    next: u32,
}

impl Iterator for Children<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        if self.next == NONE {
            return None;
        }
        let current = self.next;
        self.next = self.nodes[current as usize].next_sibling;
        Some(current)
    }
}

fn attr<'a>(attrs: &[Attr<'a>], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|a| a.name.eq_ignore_ascii_case(name))
        .map(|a| a.value)
}

/// Whether an inline style hides the element (`display:none`, `visibility:hidden`).
fn style_hides(style: &str) -> bool {
    let compact: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(400)
        .collect::<String>()
        .to_ascii_lowercase();
    compact.contains("display:none") || compact.contains("visibility:hidden")
}

struct Builder<'a> {
    tree: Tree<'a>,
    /// Open elements; the root is at the bottom.
    stack: Vec<u32>,
    /// Start tags that were not pushed because the stack was full, to ignore their end tags.
    overflow: usize,
    body_seen: bool,
    /// Classification of class lists already seen on this page.
    class_cache: HashMap<&'a str, ClassInfo>,
}

impl<'a> Builder<'a> {
    fn current(&self) -> u32 {
        self.stack.last().copied().unwrap_or(0)
    }

    fn append(&mut self, mut node: Node) -> u32 {
        let parent = self.current();
        let id = self.tree.nodes.len() as u32;
        node.parent = parent;
        let parent_node = &mut self.tree.nodes[parent as usize];
        let previous = parent_node.last_child;
        if previous == NONE {
            parent_node.first_child = id;
        }
        parent_node.last_child = id;
        if node.tag.is_block() {
            parent_node.flags |= flags::BLOCK_CHILD;
        }
        if matches!(node.tag, Tag::Img | Tag::Picture | Tag::Video) {
            parent_node.flags |= flags::MEDIA_CHILD;
        }
        if previous != NONE {
            self.tree.nodes[previous as usize].next_sibling = id;
        }
        self.tree.nodes.push(node);
        id
    }

    fn tag_of(&self, node: u32) -> Tag {
        self.tree.nodes[node as usize].tag
    }

    /// Pops up to and including the nearest open `target`, if one is open within scope.
    fn close(&mut self, target: Tag, hash: u32, extra_boundaries: &[Tag]) -> bool {
        for depth in (1..self.stack.len()).rev() {
            let node = &self.tree.nodes[self.stack[depth] as usize];
            if node.tag == target && (target != Tag::Other || node.name_hash == hash) {
                self.stack.truncate(depth);
                return true;
            }
            if node.tag.is_scope_boundary() || extra_boundaries.contains(&node.tag) {
                return false;
            }
        }
        false
    }

    fn implied_ends(&mut self, tag: Tag) {
        if tag.closes_p() {
            self.close(Tag::P, 0, &[]);
        }
        match tag {
            Tag::Li => {
                self.close(Tag::Li, 0, &[Tag::Ul, Tag::Ol]);
            }
            Tag::Dt | Tag::Dd if !self.close(Tag::Dt, 0, &[Tag::Dl]) => {
                self.close(Tag::Dd, 0, &[Tag::Dl]);
            }
            Tag::Tr => {
                self.close_cell();
                self.close(Tag::Tr, 0, &[]);
            }
            Tag::Td | Tag::Th => self.close_cell(),
            Tag::Option => {
                self.close(Tag::Option, 0, &[Tag::Select]);
            }
            Tag::A => {
                self.close(Tag::A, 0, &[]);
            }
            Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6 => {
                let top = self.current();
                if self.tag_of(top).is_subheading() || self.tag_of(top) == Tag::H1 {
                    self.stack.pop();
                }
            }
            _ => {}
        }
    }

    fn close_cell(&mut self) {
        // A cell is only closed by a new cell or row of its own table: stop at `table`.
        for depth in (1..self.stack.len()).rev() {
            match self.tag_of(self.stack[depth]) {
                Tag::Td | Tag::Th => {
                    self.stack.truncate(depth);
                    return;
                }
                Tag::Table | Tag::Tr => return,
                _ => {}
            }
        }
    }

    fn start_tag(&mut self, tag: Tag, name: &str, attrs: &[Attr<'a>], self_closing: bool) {
        self.collect_head(tag, attrs);
        match tag {
            Tag::Html | Tag::Head => return,
            Tag::Body => {
                if self.body_seen {
                    return;
                }
                self.body_seen = true;
            }
            _ => {}
        }
        self.implied_ends(tag);
        let class_value = attr(attrs, "class").unwrap_or("");
        let id_value = attr(attrs, "id").unwrap_or("");
        let role = attr(attrs, "role").unwrap_or("");
        let class = if class_value.is_empty() && id_value.is_empty() && role.is_empty() {
            ClassInfo::default()
        } else if id_value.is_empty() && role.is_empty() {
            // Pages repeat the same class lists hundreds of times (menu items, cards).
            *self
                .class_cache
                .entry(class_value)
                .or_insert_with(|| classes::classify(class_value, "", ""))
        } else {
            classes::classify(class_value, id_value, role)
        };
        let mut node_flags = 0;
        let hidden_by_attr = attr(attrs, "hidden").is_some()
            || attr(attrs, "aria-hidden").is_some_and(|v| v.eq_ignore_ascii_case("true"))
            || attr(attrs, "style").is_some_and(style_hides)
            || class.furniture == Some(RemovalReason::Other);
        if hidden_by_attr
            || matches!(
                tag,
                Tag::Button | Tag::Select | Tag::Option | Tag::Input | Tag::Dialog
            )
        {
            node_flags |= flags::HIDDEN;
        }
        let itemprop = attr(attrs, "itemprop").unwrap_or("");
        if itemprop.eq_ignore_ascii_case("articleBody") {
            node_flags |= flags::ITEMPROP_BODY;
        }
        let rel = attr(attrs, "rel").unwrap_or("");
        let is_byline = class.byline
            || itemprop.eq_ignore_ascii_case("author")
            || rel.eq_ignore_ascii_case("author");
        if is_byline {
            node_flags |= flags::BYLINE;
        }
        // Record the class range of the element for similar-sibling checks.
        let (start, end) = range_of(self.tree.src, class_value);
        let node = Node {
            tag,
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
            start,
            end,
            class,
            flags: node_flags,
            name_hash: if tag == Tag::Other {
                tags::name_hash(name.as_bytes())
            } else {
                0
            },
        };
        let id = self.append(node);
        match tag {
            Tag::H1 => self.tree.h1.push(id),
            Tag::Time => {
                let datetime =
                    attr(attrs, "datetime").map(|v| decode_attribute(v).trim().to_string());
                self.tree
                    .times
                    .push((datetime.filter(|d| !d.is_empty()), id));
            }
            _ => {}
        }
        if is_byline && !self.inside_byline() {
            self.tree.bylines.push(id);
        }
        if tag.is_void() || (self_closing && tag == Tag::Other) {
            return;
        }
        if self.stack.len() >= MAX_DEPTH {
            self.overflow += 1;
            return;
        }
        self.stack.push(id);
    }

    fn inside_byline(&self) -> bool {
        self.stack
            .iter()
            .any(|&open| self.tree.nodes[open as usize].flags & flags::BYLINE != 0)
    }

    fn collect_head(&mut self, tag: Tag, attrs: &[Attr<'a>]) {
        match tag {
            Tag::Html if self.tree.html_lang.is_none() => {
                let lang = attr(attrs, "lang").or_else(|| attr(attrs, "xml:lang"));
                self.tree.html_lang = lang
                    .map(|l| decode_attribute(l).trim().to_string())
                    .filter(|l| !l.is_empty());
            }
            Tag::Meta => {
                let key = ["name", "property", "itemprop", "http-equiv"]
                    .iter()
                    .find_map(|k| attr(attrs, k).filter(|v| !v.trim().is_empty()));
                if let (Some(key), Some(content)) = (key, attr(attrs, "content")) {
                    self.tree.meta.push(MetaTag {
                        key: decode_attribute(key).trim().to_ascii_lowercase(),
                        content: decode_attribute(content).trim().to_string(),
                    });
                }
            }
            Tag::Link | Tag::A => {
                let rel = attr(attrs, "rel").map(|r| r.trim().to_ascii_lowercase());
                let href = attr(attrs, "href");
                if let (Some(rel), Some(href)) = (rel, href) {
                    let useful = tag == Tag::Link
                        || rel.split_ascii_whitespace().any(|r| {
                            !matches!(
                                r,
                                "nofollow"
                                    | "noopener"
                                    | "noreferrer"
                                    | "sponsored"
                                    | "ugc"
                                    | "external"
                            )
                        });
                    if useful && !rel.is_empty() {
                        self.tree.links.push(LinkTag {
                            rel,
                            href: decode_attribute(href).trim().to_string(),
                        });
                    }
                }
            }
            _ => {}
        }
    }

    fn end_tag(&mut self, tag: Tag, name: &str) {
        match tag {
            Tag::Html | Tag::Head | Tag::Body => {}
            Tag::Br => self.start_tag(Tag::Br, name, &[], true),
            _ if tag.is_void() => {}
            _ => {
                if self.overflow > 0 {
                    self.overflow -= 1;
                    return;
                }
                let hash = if tag == Tag::Other {
                    tags::name_hash(name.as_bytes())
                } else {
                    0
                };
                self.close(tag, hash, &[]);
            }
        }
    }

    fn text(&mut self, raw: &str) {
        let (start, end) = range_of(self.tree.src, raw);
        self.append(Node {
            tag: Tag::Text,
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
            start,
            end,
            class: ClassInfo::default(),
            flags: 0,
            name_hash: 0,
        });
    }

    fn raw_text(&mut self, tag: Tag, attrs_type: Option<&str>, body: &str) {
        match tag {
            Tag::Title if self.tree.title.is_none() => {
                let title = collapse(body);
                if !title.is_empty() {
                    self.tree.title = Some(title);
                }
            }
            Tag::Script
                if attrs_type
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
            {
                let json = body.trim();
                if !json.is_empty() {
                    self.tree.json_ld.push(json.to_string());
                }
            }
            _ => {}
        }
    }
}

/// Byte range of `part`, a slice of `src`, as `u32`s (empty when out of range).
fn range_of(src: &str, part: &str) -> (u32, u32) {
    let base = src.as_ptr() as usize;
    let start = (part.as_ptr() as usize).wrapping_sub(base);
    if part.is_empty() || start > src.len() {
        return (0, 0);
    }
    let end = start + part.len();
    match (u32::try_from(start), u32::try_from(end)) {
        (Ok(start), Ok(end)) => (start, end),
        _ => (0, 0),
    }
}

/// Builds the tree of a page. Pages over 4 GiB are cut (offsets are `u32`).
pub(crate) fn build(src: &str) -> Tree<'_> {
    let root = Node {
        tag: Tag::Html,
        parent: NONE,
        first_child: NONE,
        last_child: NONE,
        next_sibling: NONE,
        start: 0,
        end: 0,
        class: ClassInfo::default(),
        flags: 0,
        name_hash: 0,
    };
    let mut nodes = Vec::with_capacity(src.len() / 64 + 16);
    nodes.push(root);
    let mut builder = Builder {
        tree: Tree {
            src,
            nodes,
            html_lang: None,
            title: None,
            meta: Vec::new(),
            links: Vec::new(),
            json_ld: Vec::new(),
            h1: Vec::new(),
            times: Vec::new(),
            bylines: Vec::new(),
        },
        stack: vec![0],
        overflow: 0,
        body_seen: false,
        class_cache: HashMap::new(),
    };
    let mut tokenizer = Tokenizer::new(src);
    // The `type` of the last raw-text start tag (for JSON-LD scripts).
    let mut raw_type: Option<&str> = None;
    let mut raw_tag = Tag::Other;
    let mut in_raw = false;
    while let Some(token) = tokenizer.next_token() {
        if tokenizer.position() > u32::MAX as usize {
            break;
        }
        match token {
            Token::Start {
                tag,
                name,
                self_closing,
            } => {
                if tag.is_raw_text() {
                    raw_type = attr(tokenizer.attrs(), "type");
                    raw_tag = tag;
                    in_raw = !(self_closing && matches!(tag, Tag::Svg | Tag::Math));
                    // Raw-text elements keep no node: their text is never body text.
                    builder.collect_head(tag, tokenizer.attrs());
                    continue;
                }
                builder.start_tag(tag, name, tokenizer.attrs(), self_closing);
            }
            Token::RawText(body) => builder.raw_text(raw_tag, raw_type, body),
            Token::End { tag, name } => {
                if in_raw && tag == raw_tag {
                    in_raw = false;
                    continue;
                }
                builder.end_tag(tag, name);
            }
            Token::Text(text) => builder.text(text),
        }
    }
    builder.tree
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(tree: &Tree<'_>, node: u32, out: &mut String) {
        let n = &tree.nodes[node as usize];
        if n.tag == Tag::Text {
            out.push_str(tree.slice(node).trim());
            return;
        }
        out.push_str(&format!("{:?}(", n.tag).to_lowercase());
        for child in tree.children(node) {
            outline(tree, child, out);
        }
        out.push(')');
    }

    fn shape(html: &str) -> String {
        let tree = build(html);
        let mut out = String::new();
        for child in tree.children(0) {
            outline(&tree, child, &mut out);
        }
        out
    }

    #[test]
    fn implied_end_tags() {
        assert_eq!(shape("<p>a<p>b<div>c</div>"), "p(a)p(b)div(c)");
        assert_eq!(shape("<ul><li>a<li>b</ul>"), "ul(li(a)li(b))");
        assert_eq!(
            shape("<table><tr><td>a<td>b<tr><td>c</table>"),
            "table(tr(td(a)td(b))tr(td(c)))"
        );
    }

    #[test]
    fn stray_end_tags_are_ignored() {
        assert_eq!(shape("<div>a</span>b</div>c"), "div(ab)c");
        assert_eq!(shape("<td><div>x</td>y"), "td(div(x))y");
    }

    #[test]
    fn unknown_elements_close_by_name() {
        assert_eq!(shape("<x-a><x-b>t</x-a>u"), "other(other(t))u");
    }

    #[test]
    fn depth_is_bounded() {
        let html = "<div>".repeat(100_000) + "deep" + &"</div>".repeat(100_000);
        let tree = build(&html);
        let mut depth = 0;
        let mut node = tree.nodes.len() as u32 - 1;
        while node != NONE {
            depth += 1;
            node = tree.nodes[node as usize].parent;
        }
        assert!(depth <= MAX_DEPTH + 2, "depth {depth}");
    }

    #[test]
    fn collects_head_metadata() {
        let tree = build(
            "<html lang=fr><head><title>T &amp; U</title><meta property=\"og:title\" content=\"O\">\
             <link rel=canonical href=\"https://x.test/a?b=1&amp;c=2\">\
             <script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script></head>\
             <body><a rel=\"author\" href=\"/p\">Ann</a><a rel=nofollow href=/x>x</a>\
             <time datetime=\"2024-05-01\">1 May</time></body></html>",
        );
        assert_eq!(tree.html_lang.as_deref(), Some("fr"));
        assert_eq!(tree.title.as_deref(), Some("T & U"));
        assert_eq!(tree.meta[0].key, "og:title");
        assert_eq!(tree.links.len(), 2);
        assert_eq!(tree.links[0].href, "https://x.test/a?b=1&c=2");
        assert_eq!(tree.json_ld.len(), 1);
        assert_eq!(tree.times[0].0.as_deref(), Some("2024-05-01"));
        assert_eq!(tree.bylines.len(), 1);
    }

    #[test]
    fn hidden_elements_are_flagged() {
        let tree = build("<div style=\"display: none\">x</div><div hidden>y</div><div>z</div>");
        let hidden: Vec<bool> = tree
            .children(0)
            .map(|c| tree.nodes[c as usize].flags & flags::HIDDEN != 0)
            .collect();
        assert_eq!(hidden, vec![true, true, false]);
    }
}
