//! A single-pass HTML tokenizer over the page's bytes.
//!
//! It yields start tags (attributes as raw slices, references still encoded), end tags, text
//! runs and the contents of raw-text elements. It finds tags with `memchr`, jumps over comments,
//! doctypes and processing instructions, and skips the bodies of `<script>`, `<style>`,
//! `<svg>`, `<template>` and friends by searching for their end tag, which is
//! where most of a modern page's bytes are.
//!
//! It never fails: a `<` that does not start a tag is text, a truncated tag or comment ends
//! the input, quotes that never close run to the end. Every slice boundary falls on an ASCII
//! delimiter, so slices of the `&str` input are always on character boundaries.

use memchr::{memchr, memmem};

use super::tags::{self, Tag};

/// One attribute of a start tag, as written (value not decoded).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Attr<'a> {
    /// Name as written (compare case-insensitively).
    pub(crate) name: &'a str,
    /// Raw value, without quotes; empty when the attribute has no value.
    pub(crate) value: &'a str,
}

/// A token of the page.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Token<'a> {
    /// A start tag; its attributes are in [`Tokenizer::attrs`] until the next call.
    Start {
        tag: Tag,
        name: &'a str,
        self_closing: bool,
    },
    /// An end tag.
    End { tag: Tag, name: &'a str },
    /// Text between tags, references not decoded.
    Text(&'a str),
    /// The whole content of a raw-text element that just started (script, style, title…).
    RawText(&'a str),
}

/// The tokenizer state.
pub(crate) struct Tokenizer<'a> {
    src: &'a str,
    pos: usize,
    attrs: Vec<Attr<'a>>,
    /// Set after the start tag of a raw-text element: its name, to find the end tag.
    raw_pending: Option<(Tag, &'a str)>,
    /// An end tag to emit after a raw-text body.
    end_pending: Option<(Tag, &'a str)>,
}

fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

impl<'a> Tokenizer<'a> {
    /// Starts at the beginning of `src`.
    pub(crate) fn new(src: &'a str) -> Self {
        Self {
            src,
            pos: 0,
            attrs: Vec::with_capacity(16),
            raw_pending: None,
            end_pending: None,
        }
    }

    /// Attributes of the last start tag.
    pub(crate) fn attrs(&self) -> &[Attr<'a>] {
        &self.attrs
    }

    /// Byte offset of the next unread byte.
    pub(crate) fn position(&self) -> usize {
        self.pos
    }

    /// The next token, or `None` at the end of the input.
    pub(crate) fn next_token(&mut self) -> Option<Token<'a>> {
        if let Some((tag, name)) = self.end_pending.take() {
            return Some(Token::End { tag, name });
        }
        if let Some((tag, name)) = self.raw_pending.take() {
            let body = self.raw_body(name);
            self.end_pending = Some((tag, name));
            return Some(Token::RawText(body));
        }
        let bytes = self.src.as_bytes();
        // Loops rather than recursing over skipped comments: a page may hold thousands in a row.
        loop {
            let text_start = self.pos;
            let mut search = self.pos;
            let lt = loop {
                let Some(offset) = memchr(b'<', &bytes[search..]) else {
                    self.pos = bytes.len();
                    return (text_start < bytes.len())
                        .then(|| Token::Text(&self.src[text_start..]));
                };
                let lt = search + offset;
                let markup = match bytes.get(lt + 1) {
                    Some(b) if b.is_ascii_alphabetic() => true,
                    Some(b'/') => bytes
                        .get(lt + 2)
                        .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'>'),
                    Some(b'!' | b'?') => true,
                    _ => false,
                };
                if markup {
                    break lt;
                }
                search = lt + 1;
            };
            if lt > text_start {
                self.pos = lt;
                return Some(Token::Text(&self.src[text_start..lt]));
            }
            self.pos = lt;
            if let Some(token) = self.markup() {
                return Some(token);
            }
        }
    }

    /// Reads the markup at `self.pos` (which holds `<`). Returns `None` for comments and other
    /// skipped constructs.
    fn markup(&mut self) -> Option<Token<'a>> {
        let bytes = self.src.as_bytes();
        let start = self.pos;
        match bytes.get(start + 1) {
            Some(b'!') => {
                if bytes[start..].starts_with(b"<!--") {
                    self.pos = memmem::find(&bytes[start + 4..], b"-->")
                        .map_or(bytes.len(), |i| start + 4 + i + 3);
                } else {
                    self.pos = memchr(b'>', &bytes[start..]).map_or(bytes.len(), |i| start + i + 1);
                }
                None
            }
            Some(b'?') => {
                self.pos = memchr(b'>', &bytes[start..]).map_or(bytes.len(), |i| start + i + 1);
                None
            }
            Some(b'/') => {
                let name_start = start + 2;
                let name_end = self.name_end(name_start);
                let name = &self.src[name_start..name_end];
                self.pos =
                    memchr(b'>', &bytes[name_end..]).map_or(bytes.len(), |i| name_end + i + 1);
                if name.is_empty() {
                    return None;
                }
                Some(Token::End {
                    tag: tags::lookup(name.as_bytes()),
                    name,
                })
            }
            _ => Some(self.start_tag(start + 1)),
        }
    }

    fn name_end(&self, from: usize) -> usize {
        let bytes = self.src.as_bytes();
        let mut end = from;
        while end < bytes.len() && !is_space(bytes[end]) && bytes[end] != b'>' && bytes[end] != b'/'
        {
            end += 1;
        }
        end
    }

    fn start_tag(&mut self, name_start: usize) -> Token<'a> {
        let bytes = self.src.as_bytes();
        let name_end = self.name_end(name_start);
        let name = &self.src[name_start..name_end];
        let tag = tags::lookup(name.as_bytes());
        self.attrs.clear();
        let mut pos = name_end;
        let mut self_closing = false;
        loop {
            while pos < bytes.len() && is_space(bytes[pos]) {
                pos += 1;
            }
            let Some(&byte) = bytes.get(pos) else { break };
            if byte == b'>' {
                pos += 1;
                break;
            }
            if byte == b'/' {
                pos += 1;
                self_closing = bytes.get(pos) == Some(&b'>');
                continue;
            }
            let attr_start = pos;
            pos += 1;
            while pos < bytes.len()
                && !is_space(bytes[pos])
                && !matches!(bytes[pos], b'=' | b'>' | b'/')
            {
                pos += 1;
            }
            let attr_name = &self.src[attr_start..pos];
            while pos < bytes.len() && is_space(bytes[pos]) {
                pos += 1;
            }
            let mut value = "";
            if bytes.get(pos) == Some(&b'=') {
                pos += 1;
                while pos < bytes.len() && is_space(bytes[pos]) {
                    pos += 1;
                }
                match bytes.get(pos) {
                    Some(&quote @ (b'"' | b'\'')) => {
                        let value_start = pos + 1;
                        let value_end = memchr(quote, &bytes[value_start..])
                            .map_or(bytes.len(), |i| value_start + i);
                        value = &self.src[value_start..value_end];
                        pos = (value_end + 1).min(bytes.len());
                    }
                    Some(_) => {
                        let value_start = pos;
                        while pos < bytes.len() && !is_space(bytes[pos]) && bytes[pos] != b'>' {
                            pos += 1;
                        }
                        value = &self.src[value_start..pos];
                    }
                    None => {}
                }
            }
            if self.attrs.len() < 64 {
                self.attrs.push(Attr {
                    name: attr_name,
                    value,
                });
            }
        }
        self.pos = pos;
        let foreign_self_closing = self_closing && matches!(tag, Tag::Svg | Tag::Math);
        if tag.is_raw_text() && !foreign_self_closing {
            self.raw_pending = Some((tag, name));
        }
        Token::Start {
            tag,
            name,
            self_closing,
        }
    }

    /// Consumes the body of a raw-text element up to (and including) its end tag and returns
    /// the body. Without an end tag, the body runs to the end of the input.
    fn raw_body(&mut self, name: &str) -> &'a str {
        let bytes = self.src.as_bytes();
        let start = self.pos;
        let mut search = start;
        while let Some(offset) = memmem::find(&bytes[search..], b"</") {
            let lt = search + offset;
            let name_start = lt + 2;
            let name_end = name_start + name.len();
            if bytes.get(lt + 1) == Some(&b'/')
                && bytes
                    .get(name_start..name_end)
                    .is_some_and(|candidate| candidate.eq_ignore_ascii_case(name.as_bytes()))
                && bytes
                    .get(name_end)
                    .is_none_or(|&b| is_space(b) || b == b'>' || b == b'/')
            {
                if let Some(breakout) = foreign_breakout(name, &bytes[start..lt]) {
                    self.pos = start + breakout;
                    return &self.src[start..start + breakout];
                }
                self.pos =
                    memchr(b'>', &bytes[name_end..]).map_or(bytes.len(), |i| name_end + i + 1);
                return &self.src[start..lt];
            }
            search = lt + 1;
        }
        // No end tag: an unclosed `<svg>` ends where HTML resumes; a script runs to the end.
        let breakout = foreign_breakout(name, &bytes[start..]).unwrap_or(bytes.len() - start);
        self.pos = start + breakout;
        &self.src[start..start + breakout]
    }
}

/// In `<svg>`/`<math>`, HTML elements such as `<p>`, `<div>`, `<ul>` end the foreign content
/// (browsers do the same), so an unclosed icon does not swallow the page. Returns the offset
/// of the first such tag in `body`.
fn foreign_breakout(name: &str, body: &[u8]) -> Option<usize> {
    if !(name.eq_ignore_ascii_case("svg") || name.eq_ignore_ascii_case("math")) {
        return None;
    }
    let mut search = 0;
    while let Some(offset) = memchr(b'<', &body[search..]) {
        let lt = search + offset;
        let rest = &body[lt + 1..];
        let name_len = rest
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len > 0 {
            let tag = tags::lookup(&rest[..name_len]);
            if matches!(
                tag,
                Tag::P
                    | Tag::Div
                    | Tag::Ul
                    | Tag::Ol
                    | Tag::Li
                    | Tag::Table
                    | Tag::H1
                    | Tag::H2
                    | Tag::H3
                    | Tag::Body
                    | Tag::Br
                    | Tag::Pre
                    | Tag::Blockquote
                    | Tag::Dl
            ) {
                return Some(lt);
            }
        }
        search = lt + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn describe(src: &str) -> Vec<String> {
        let mut tokenizer = Tokenizer::new(src);
        let mut out = Vec::new();
        while let Some(token) = tokenizer.next_token() {
            out.push(match token {
                Token::Start { name, .. } => {
                    let attrs: Vec<String> = tokenizer
                        .attrs()
                        .iter()
                        .map(|a| format!("{}={}", a.name, a.value))
                        .collect();
                    format!("<{name} {}>", attrs.join(" "))
                }
                Token::End { name, .. } => format!("</{name}>"),
                Token::Text(t) => format!("T:{t}"),
                Token::RawText(t) => format!("R:{t}"),
            });
        }
        out
    }

    #[test]
    fn reads_tags_attributes_and_text() {
        let tokens = describe("<p class=\"lead x\" id=a data-x='1>2' hidden>Hi &amp; bye</p>");
        assert_eq!(
            tokens,
            vec![
                "<p class=lead x id=a data-x=1>2 hidden=>",
                "T:Hi &amp; bye",
                "</p>"
            ]
        );
    }

    #[test]
    fn skips_comments_and_raw_text_bodies() {
        let tokens = describe("a<!-- <p>no</p> -->b<script>if (a<b) {}</scr</script >c");
        assert_eq!(
            tokens,
            vec![
                "T:a",
                "T:b",
                "<script >",
                "R:if (a<b) {}</scr",
                "</script>",
                "T:c"
            ]
        );
    }

    #[test]
    fn an_unclosed_svg_stops_at_html_content() {
        let tokens = describe("<svg><path d=x></a><ul><li>Item</li></ul>");
        assert_eq!(tokens[..3], ["<svg >", "R:<path d=x></a>", "</svg>"]);
        assert!(tokens.contains(&"T:Item".to_string()));
    }

    #[test]
    fn a_lone_less_than_sign_is_text() {
        assert_eq!(describe("1 < 2 <3"), vec!["T:1 < 2 <3"]);
    }

    #[test]
    fn truncated_input_ends_cleanly() {
        assert_eq!(
            describe("<p>text<a href=\"x"),
            vec!["<p >", "T:text", "<a href=x>"]
        );
        assert_eq!(describe("<!-- never closed"), Vec::<String>::new());
        assert_eq!(
            describe("<style>body{}"),
            vec!["<style >", "R:body{}", "</style>"]
        );
    }
}
