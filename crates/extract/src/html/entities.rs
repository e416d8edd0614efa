//! Character references (`&amp;`, `&eacute;`, `&#233;`, `&#xE9;`) and whitespace collapsing.
//!
//! Named references use the full HTML5 table (2,231 names, from the `entities` crate, generated
//! from the W3C's `entities.json`), including the legacy forms written without `;`. Numeric
//! references follow the HTML rules: code points 0x80–0x9F are read as windows-1252, and
//! invalid ones (0, surrogates, beyond U+10FFFF) become U+FFFD.
//!
//! [`TextSink`] decodes and collapses whitespace in one pass over the raw text, which is
//! what every text-producing step of the extractor needs.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Longest named reference in the table (`&CounterClockwiseContourIntegral;` is 33 bytes).
const MAX_NAME_LEN: usize = 32;

fn named_table() -> &'static HashMap<&'static [u8], &'static str> {
    static TABLE: OnceLock<HashMap<&'static [u8], &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        entities::ENTITIES
            .iter()
            .filter_map(|e| {
                let name = e.entity.strip_prefix('&')?;
                Some((name.as_bytes(), e.characters))
            })
            .collect()
    })
}

/// windows-1252 meanings of the C1 range, which HTML applies to numeric references.
const WINDOWS_1252_C1: [char; 32] = [
    '\u{20AC}', '\u{FFFD}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{FFFD}', '\u{017D}', '\u{FFFD}',
    '\u{FFFD}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{FFFD}', '\u{017E}', '\u{0178}',
];

fn numeric_char(value: u32) -> char {
    match value {
        0x80..=0x9F => WINDOWS_1252_C1[(value - 0x80) as usize],
        0 => '\u{FFFD}',
        _ => char::from_u32(value).unwrap_or('\u{FFFD}'),
    }
}

/// A decoded reference: what it stands for and how many bytes of input it used.
enum Decoded {
    Char(char),
    Str(&'static str),
}

/// Decodes the reference starting at `bytes[0] == b'&'`. `in_attribute` applies HTML's rule
/// that a legacy name without `;` followed by `=` or an alphanumeric is left alone (URLs).
fn decode_at(bytes: &[u8], in_attribute: bool) -> Option<(Decoded, usize)> {
    let rest = bytes.get(1..)?;
    if rest.first() == Some(&b'#') {
        let (hex, digits_start) = match rest.get(1) {
            Some(b'x' | b'X') => (true, 2),
            _ => (false, 1),
        };
        let mut value: u32 = 0;
        let mut end = digits_start;
        while let Some(&byte) = rest.get(end) {
            let digit = if hex {
                (byte as char).to_digit(16)
            } else {
                (byte as char).to_digit(10)
            };
            let Some(digit) = digit else { break };
            value = value
                .saturating_mul(if hex { 16 } else { 10 })
                .saturating_add(digit);
            end += 1;
        }
        if end == digits_start {
            return None;
        }
        if rest.get(end) == Some(&b';') {
            end += 1;
        }
        return Some((Decoded::Char(numeric_char(value)), end + 1));
    }
    let name_len = rest
        .iter()
        .take(MAX_NAME_LEN)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if name_len == 0 {
        return None;
    }
    let table = named_table();
    if rest.get(name_len) == Some(&b';') {
        if let Some(value) = table.get(&rest[..=name_len]) {
            return Some((Decoded::Str(value), name_len + 2));
        }
    }
    // Legacy references without `;`: the longest known prefix wins (`&notit` is `¬it`).
    for len in (2..=name_len.min(6)).rev() {
        if let Some(value) = table.get(&rest[..len]) {
            let next = rest.get(len).copied();
            if in_attribute && next.is_some_and(|b| b == b'=' || b.is_ascii_alphanumeric()) {
                return None;
            }
            return Some((Decoded::Str(value), len + 1));
        }
    }
    None
}

/// Decodes the references in an attribute value, leaving whitespace as it is.
pub(crate) fn decode_attribute(raw: &str) -> Cow<'_, str> {
    if !raw.contains('&') && !raw.contains('\0') {
        return Cow::Borrowed(raw);
    }
    let bytes = raw.as_bytes();
    let mut out = String::with_capacity(raw.len());
    let mut copied = 0;
    let mut pos = 0;
    while let Some(offset) = memchr::memchr2(b'&', b'\0', &bytes[pos..]) {
        let at = pos + offset;
        out.push_str(&raw[copied..at]);
        if bytes[at] == b'\0' {
            out.push('\u{FFFD}');
            pos = at + 1;
        } else if let Some((decoded, used)) = decode_at(&bytes[at..], true) {
            match decoded {
                Decoded::Char(c) => out.push(c),
                Decoded::Str(s) => out.push_str(s),
            }
            pos = at + used;
        } else {
            out.push('&');
            pos = at + 1;
        }
        copied = pos;
    }
    out.push_str(&raw[copied..]);
    Cow::Owned(out)
}

/// Accumulates text: decodes references, collapses runs of whitespace (including no-break
/// spaces) into one space, and drops zero-width characters and NUL bytes.
#[derive(Debug, Default)]
pub(crate) struct TextSink {
    /// The text so far, never starting with a space.
    pub(crate) text: String,
    pending_space: bool,
}

fn is_collapsible(c: char) -> bool {
    c.is_whitespace()
}

fn is_dropped(c: char) -> bool {
    matches!(
        c,
        '\0' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}'
    )
}

impl TextSink {
    /// Marks a word boundary (a space unless the text is empty or already ends in one).
    pub(crate) fn space(&mut self) {
        self.pending_space = true;
    }

    fn push_char(&mut self, c: char) {
        if is_collapsible(c) {
            self.pending_space = true;
        } else if !is_dropped(c) {
            self.flush_space();
            self.text.push(c);
        }
    }

    fn flush_space(&mut self) {
        if self.pending_space {
            if !self.text.is_empty() {
                self.text.push(' ');
            }
            self.pending_space = false;
        }
    }

    /// Appends already-decoded text.
    pub(crate) fn push_decoded(&mut self, decoded: &str) {
        for c in decoded.chars() {
            self.push_char(c);
        }
    }

    /// Appends raw HTML text: references are decoded, whitespace collapsed.
    pub(crate) fn push_raw(&mut self, raw: &str) {
        let bytes = raw.as_bytes();
        let mut pos = 0;
        while pos < bytes.len() {
            // Fast path: a run of plain printable ASCII goes in as one slice.
            let run = bytes[pos..]
                .iter()
                .take_while(|&&b| b > b' ' && b < 0x7F && b != b'&')
                .count();
            if run > 0 {
                self.flush_space();
                self.text.push_str(&raw[pos..pos + run]);
                pos += run;
                continue;
            }
            if bytes[pos] == b'&' {
                if let Some((decoded, used)) = decode_at(&bytes[pos..], false) {
                    match decoded {
                        Decoded::Char(c) => self.push_char(c),
                        Decoded::Str(s) => self.push_decoded(s),
                    }
                    pos += used;
                } else {
                    self.push_char('&');
                    pos += 1;
                }
                continue;
            }
            let Some(c) = raw.get(pos..).and_then(|s| s.chars().next()) else {
                break;
            };
            self.push_char(c);
            pos += c.len_utf8();
        }
    }

    /// Appends raw text keeping line breaks (for `<pre>`): references decoded, other
    /// whitespace kept as is.
    pub(crate) fn push_raw_preformatted(&mut self, raw: &str) {
        self.flush_space();
        let decoded = decode_attribute(raw);
        for c in decoded.chars() {
            if !is_dropped(c) {
                self.text.push(if c == '\u{A0}' { ' ' } else { c });
            }
        }
    }

    /// Takes the text out, trimmed, leaving the sink empty.
    pub(crate) fn take(&mut self) -> String {
        self.pending_space = false;
        let mut text = std::mem::take(&mut self.text);
        let trimmed_len = text.trim_end().len();
        text.truncate(trimmed_len);
        text
    }

    /// Whether nothing but whitespace was pushed since the last [`TextSink::take`].
    pub(crate) fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

/// Decodes and collapses one raw text into a fresh string.
pub(crate) fn collapse(raw: &str) -> String {
    let mut sink = TextSink::default();
    sink.push_raw(raw);
    sink.take()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_named_numeric_and_legacy_references() {
        assert_eq!(
            collapse("caf&eacute; &amp; th&#233; &#xE9;t&eacute;"),
            "café & thé été"
        );
        assert_eq!(collapse("&copy 2024"), "© 2024");
        assert_eq!(
            collapse("&#150; &#0; &#x110000;"),
            "\u{2013} \u{FFFD} \u{FFFD}"
        );
        assert_eq!(collapse("&CounterClockwiseContourIntegral;"), "\u{2233}");
    }

    #[test]
    fn unknown_or_bare_ampersands_stay() {
        assert_eq!(
            collapse("Fish & Chips &zzzz; &#;"),
            "Fish & Chips &zzzz; &#;"
        );
        assert_eq!(collapse("trailing &"), "trailing &");
    }

    #[test]
    fn collapses_whitespace_and_drops_invisible_characters() {
        assert_eq!(collapse("  a\n\t b&nbsp;&nbsp;c\u{200B}d\0 "), "a b cd");
    }

    #[test]
    fn attribute_values_keep_url_parameters() {
        assert_eq!(decode_attribute("?a=1&copy=2&amp;b=3"), "?a=1&copy=2&b=3");
        assert_eq!(decode_attribute("plain"), "plain");
    }

    #[test]
    fn preformatted_keeps_line_breaks() {
        let mut sink = TextSink::default();
        sink.push_raw_preformatted("fn main() {\n    x &lt; y\n}");
        assert_eq!(sink.take(), "fn main() {\n    x < y\n}");
    }
}
