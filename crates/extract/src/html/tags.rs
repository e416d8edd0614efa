//! Tag names the extractor cares about, and the HTML facts attached to them (void elements,
//! raw-text elements, block-level elements, what closes an open `<p>`).
//!
//! Names are matched case-insensitively without allocating; every other name becomes
//! [`Tag::Other`] together with a hash of its lower-cased name so that `</my-widget>` still
//! closes `<my-widget>`.

/// A known element name. `Text` marks text nodes in the tree.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tag {
    Text,
    Html,
    Head,
    Body,
    Title,
    Meta,
    Link,
    Script,
    Style,
    Noscript,
    Template,
    Svg,
    Math,
    Iframe,
    Textarea,
    Select,
    Button,
    Object,
    Canvas,
    Video,
    Audio,
    Div,
    Span,
    P,
    A,
    Br,
    Hr,
    Img,
    Picture,
    Source,
    Input,
    Form,
    Label,
    H1,
    H2,
    H3,
    H4,
    H5,
    H6,
    Hgroup,
    Ul,
    Ol,
    Li,
    Dl,
    Dt,
    Dd,
    Table,
    Caption,
    Thead,
    Tbody,
    Tfoot,
    Tr,
    Td,
    Th,
    Blockquote,
    Pre,
    Code,
    Article,
    Section,
    Main,
    Nav,
    Aside,
    Header,
    Footer,
    Figure,
    Figcaption,
    Address,
    Time,
    Details,
    Summary,
    Center,
    Font,
    Em,
    Strong,
    B,
    I,
    U,
    Small,
    Sup,
    Sub,
    Cite,
    Q,
    Abbr,
    Mark,
    Area,
    Base,
    Col,
    Embed,
    Param,
    Track,
    Wbr,
    Keygen,
    Dialog,
    Menu,
    Fieldset,
    Legend,
    Option,
    Other,
}

/// Looks a tag name up, case-insensitively. Names longer than 10 bytes are never known tags.
pub(crate) fn lookup(name: &[u8]) -> Tag {
    let mut buf = [0u8; 10];
    if name.len() > buf.len() {
        return Tag::Other;
    }
    for (slot, byte) in buf.iter_mut().zip(name) {
        *slot = byte.to_ascii_lowercase();
    }
    match &buf[..name.len()] {
        b"html" => Tag::Html,
        b"head" => Tag::Head,
        b"body" => Tag::Body,
        b"title" => Tag::Title,
        b"meta" => Tag::Meta,
        b"link" => Tag::Link,
        b"script" => Tag::Script,
        b"style" => Tag::Style,
        b"noscript" => Tag::Noscript,
        b"template" => Tag::Template,
        b"svg" => Tag::Svg,
        b"math" => Tag::Math,
        b"iframe" => Tag::Iframe,
        b"textarea" => Tag::Textarea,
        b"select" => Tag::Select,
        b"button" => Tag::Button,
        b"object" => Tag::Object,
        b"canvas" => Tag::Canvas,
        b"video" => Tag::Video,
        b"audio" => Tag::Audio,
        b"div" => Tag::Div,
        b"span" => Tag::Span,
        b"p" => Tag::P,
        b"a" => Tag::A,
        b"br" => Tag::Br,
        b"hr" => Tag::Hr,
        b"img" | b"image" => Tag::Img,
        b"picture" => Tag::Picture,
        b"source" => Tag::Source,
        b"input" => Tag::Input,
        b"form" => Tag::Form,
        b"label" => Tag::Label,
        b"h1" => Tag::H1,
        b"h2" => Tag::H2,
        b"h3" => Tag::H3,
        b"h4" => Tag::H4,
        b"h5" => Tag::H5,
        b"h6" => Tag::H6,
        b"hgroup" => Tag::Hgroup,
        b"ul" => Tag::Ul,
        b"ol" => Tag::Ol,
        b"li" => Tag::Li,
        b"dl" => Tag::Dl,
        b"dt" => Tag::Dt,
        b"dd" => Tag::Dd,
        b"table" => Tag::Table,
        b"caption" => Tag::Caption,
        b"thead" => Tag::Thead,
        b"tbody" => Tag::Tbody,
        b"tfoot" => Tag::Tfoot,
        b"tr" => Tag::Tr,
        b"td" => Tag::Td,
        b"th" => Tag::Th,
        b"blockquote" => Tag::Blockquote,
        b"pre" | b"listing" | b"xmp" => Tag::Pre,
        b"code" => Tag::Code,
        b"article" => Tag::Article,
        b"section" => Tag::Section,
        b"main" => Tag::Main,
        b"nav" => Tag::Nav,
        b"aside" => Tag::Aside,
        b"header" => Tag::Header,
        b"footer" => Tag::Footer,
        b"figure" => Tag::Figure,
        b"figcaption" => Tag::Figcaption,
        b"address" => Tag::Address,
        b"time" => Tag::Time,
        b"details" => Tag::Details,
        b"summary" => Tag::Summary,
        b"center" => Tag::Center,
        b"font" => Tag::Font,
        b"em" => Tag::Em,
        b"strong" => Tag::Strong,
        b"b" => Tag::B,
        b"i" => Tag::I,
        b"u" => Tag::U,
        b"small" => Tag::Small,
        b"sup" => Tag::Sup,
        b"sub" => Tag::Sub,
        b"cite" => Tag::Cite,
        b"q" => Tag::Q,
        b"abbr" => Tag::Abbr,
        b"mark" => Tag::Mark,
        b"area" => Tag::Area,
        b"base" => Tag::Base,
        b"col" => Tag::Col,
        b"embed" => Tag::Embed,
        b"param" => Tag::Param,
        b"track" => Tag::Track,
        b"wbr" => Tag::Wbr,
        b"keygen" => Tag::Keygen,
        b"dialog" => Tag::Dialog,
        b"menu" => Tag::Menu,
        b"fieldset" => Tag::Fieldset,
        b"legend" => Tag::Legend,
        b"option" | b"optgroup" | b"datalist" => Tag::Option,
        _ => Tag::Other,
    }
}

/// FNV-1a hash of a lower-cased name, to match end tags of unknown elements.
pub(crate) fn name_hash(name: &[u8]) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in name {
        hash ^= u32::from(byte.to_ascii_lowercase());
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash
}

impl Tag {
    /// Elements that never have children or an end tag.
    pub(crate) fn is_void(self) -> bool {
        matches!(
            self,
            Tag::Area
                | Tag::Base
                | Tag::Br
                | Tag::Col
                | Tag::Embed
                | Tag::Hr
                | Tag::Img
                | Tag::Input
                | Tag::Keygen
                | Tag::Link
                | Tag::Meta
                | Tag::Param
                | Tag::Source
                | Tag::Track
                | Tag::Wbr
        )
    }

    /// Elements whose content is not markup: the tokenizer jumps to their end tag.
    pub(crate) fn is_raw_text(self) -> bool {
        matches!(
            self,
            Tag::Script
                | Tag::Style
                | Tag::Textarea
                | Tag::Iframe
                | Tag::Title
                | Tag::Template
                | Tag::Svg
                | Tag::Math
        )
    }

    /// Elements that start a new block of text (a line break in rendered text).
    pub(crate) fn is_block(self) -> bool {
        matches!(
            self,
            Tag::Html
                | Tag::Body
                | Tag::Div
                | Tag::P
                | Tag::H1
                | Tag::H2
                | Tag::H3
                | Tag::H4
                | Tag::H5
                | Tag::H6
                | Tag::Hgroup
                | Tag::Ul
                | Tag::Ol
                | Tag::Li
                | Tag::Dl
                | Tag::Dt
                | Tag::Dd
                | Tag::Table
                | Tag::Caption
                | Tag::Thead
                | Tag::Tbody
                | Tag::Tfoot
                | Tag::Tr
                | Tag::Blockquote
                | Tag::Pre
                | Tag::Article
                | Tag::Section
                | Tag::Main
                | Tag::Nav
                | Tag::Aside
                | Tag::Header
                | Tag::Footer
                | Tag::Figure
                | Tag::Figcaption
                | Tag::Address
                | Tag::Details
                | Tag::Summary
                | Tag::Center
                | Tag::Form
                | Tag::Fieldset
                | Tag::Legend
                | Tag::Dialog
                | Tag::Menu
                | Tag::Hr
        )
    }

    /// Block elements whose start closes an open `<p>` (HTML's "close a p element").
    pub(crate) fn closes_p(self) -> bool {
        self.is_block()
            && !matches!(
                self,
                Tag::Html
                    | Tag::Body
                    | Tag::Caption
                    | Tag::Thead
                    | Tag::Tbody
                    | Tag::Tfoot
                    | Tag::Tr
                    | Tag::Center
                    | Tag::Legend
            )
    }

    /// Sub-headings, `h2`–`h6`.
    pub(crate) fn is_subheading(self) -> bool {
        matches!(self, Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6)
    }

    /// Elements that stop the search for an open element to close (HTML's "scope").
    pub(crate) fn is_scope_boundary(self) -> bool {
        matches!(
            self,
            Tag::Html | Tag::Table | Tag::Td | Tag::Th | Tag::Caption | Tag::Object | Tag::Button
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_ignores_case_and_rejects_long_names() {
        assert_eq!(lookup(b"DiV"), Tag::Div);
        assert_eq!(lookup(b"figcaption"), Tag::Figcaption);
        assert_eq!(lookup(b"my-custom-element"), Tag::Other);
        assert_eq!(lookup(b""), Tag::Other);
    }

    #[test]
    fn name_hash_is_case_insensitive() {
        assert_eq!(name_hash(b"My-Widget"), name_hash(b"my-widget"));
        assert_ne!(name_hash(b"my-widget"), name_hash(b"my-gadget"));
    }

    #[test]
    fn td_is_not_a_block_but_p_closers_are() {
        assert!(Tag::Div.closes_p());
        assert!(!Tag::Td.is_block());
        assert!(!Tag::Span.closes_p());
    }
}
