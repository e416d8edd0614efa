//! Text clean-up after decoding: line endings to `\n`, control characters removed, Unicode NFC.
//!
//! Every body and every hint string goes through [`clean`], so later stages can rely on one
//! newline convention, no invisible control characters and composed accents (`é` is one
//! character whether the source wrote it composed or as `e` + combining acute). Most input is
//! already clean, so a byte scan and [`is_nfc_quick`] decide whether any copying is needed.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Whether a character is removed (or, for line breaks, rewritten) by [`clean`].
fn needs_cleaning(c: char) -> bool {
    match c {
        '\n' | '\t' => false,
        '\u{FEFF}' => true,
        c => c.is_control(),
    }
}

/// Fast check on bytes: any C0 control other than tab/newline, DEL, a C1 control (`C2 80..9F`)
/// or a BOM (`EF BB BF`).
fn may_need_cleaning(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| match b {
        b'\n' | b'\t' => false,
        0x00..=0x1F | 0x7F => true,
        0xC2 => matches!(bytes.get(i + 1), Some(0x80..=0x9F)),
        0xEF => bytes.get(i + 1..i + 3) == Some(&[0xBB, 0xBF][..]),
        _ => false,
    })
}

/// Cleans decoded text: `\r\n` and lone `\r` become `\n`, form feeds and vertical tabs become
/// `\n`, other control characters and BOMs are dropped, and the result is put in NFC.
/// Returns the text and how many characters were dropped.
pub(crate) fn clean(text: String) -> (String, usize) {
    let (text, dropped) = if may_need_cleaning(&text) {
        let mut out = String::with_capacity(text.len());
        let mut dropped = 0;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if !needs_cleaning(c) {
                out.push(c);
                continue;
            }
            match c {
                '\r' => {
                    if chars.peek() != Some(&'\n') {
                        out.push('\n');
                    }
                }
                '\u{0B}' | '\u{0C}' => out.push('\n'),
                _ => dropped += 1,
            }
        }
        (out, dropped)
    } else {
        (text, 0)
    };
    let text = match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text,
        IsNormalized::No | IsNormalized::Maybe => text.nfc().collect(),
    };
    (text, dropped)
}

/// Cleans a short metadata string (a title, a date, a name): like [`clean`], with whitespace
/// runs collapsed to one space and the ends trimmed. Blank strings become `None`.
pub(crate) fn clean_hint(text: &str) -> Option<String> {
    let (cleaned, _) = clean(text.to_string());
    let collapsed = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    (!collapsed.is_empty()).then_some(collapsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_returned_unchanged() {
        let text = "Déjà vu.\n\n\tFin.".to_string();
        assert_eq!(clean(text.clone()), (text, 0));
    }

    #[test]
    fn line_endings_become_newlines() {
        let (text, dropped) = clean("a\r\nb\rc\u{0C}d".into());
        assert_eq!(text, "a\nb\nc\nd");
        assert_eq!(dropped, 0);
    }

    #[test]
    fn controls_nul_c1_and_bom_are_dropped() {
        let (text, dropped) = clean("\u{FEFF}ab\0c\u{1B}d\u{85}e\u{7F}".into());
        assert_eq!(text, "abcde");
        assert_eq!(dropped, 5);
    }

    #[test]
    fn decomposed_accents_are_composed() {
        let (text, _) = clean("Cafe\u{301} Mu\u{308}ller".into());
        assert_eq!(text, "Café Müller");
    }

    #[test]
    fn hints_are_trimmed_and_collapsed() {
        assert_eq!(
            clean_hint("  Le  titre\n du\tjour "),
            Some("Le titre du jour".into())
        );
        assert_eq!(clean_hint(" \u{0} \n"), None);
    }
}
