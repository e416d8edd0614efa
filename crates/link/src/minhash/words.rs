//! Lower-cased, white-space-separated words of raw text, without a copy of the text or a
//! string per word: the word splitting behind [`super::MinHasher::signature_of_text`].
//!
//! The words are exactly those of `text.to_lowercase().split_whitespace()` (white space as
//! `char::is_whitespace` defines it; Python's `str.split()` also splits at the ASCII separators
//! 0x1C–0x1F, which Rust does not). Most words of most text are ASCII without capitals: they are
//! found eight bytes at a time and passed straight from the text.

/// Whether `byte` is ASCII white space as `char::is_whitespace` sees it.
fn is_ascii_white(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)
}

/// Length of the non-ASCII white-space character (`char::is_whitespace`) that `rest` starts
/// with, or 0. Every such character is a 2- or 3-byte sequence led by 0xC2, 0xE1, 0xE2 or 0xE3
/// (no-break spaces, typographic spaces, line and paragraph separators).
fn multibyte_white_len(rest: &[u8]) -> usize {
    match rest {
        [0xC2, 0x85 | 0xA0, ..] => 2,
        [0xE1, 0x9A, 0x80, ..]
        | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]
        | [0xE2, 0x81, 0x9F, ..]
        | [0xE3, 0x80, 0x80, ..] => 3,
        _ => 0,
    }
}

/// Appends the lower case of `c` to `word` as `char::to_lowercase` gives it. Capital sigma is
/// appended as `σ` and reported: its lower case depends on its neighbours.
fn push_lowercase(c: char, word: &mut Vec<u8>) -> bool {
    let mut utf8 = [0u8; 4];
    match c {
        'Σ' => {
            word.extend_from_slice('σ'.encode_utf8(&mut utf8).as_bytes());
            return true;
        }
        // ASCII and Latin-1 capitals are 0x20 below their lower case; the rest of Latin-1 has
        // no lower case of its own. This skips a table search for most accented letters of
        // Western European text.
        'A'..='Z' | '\u{C0}'..='\u{DE}' if c != '\u{D7}' => {
            let lower = char::from_u32(c as u32 + 0x20).unwrap_or(c);
            word.extend_from_slice(lower.encode_utf8(&mut utf8).as_bytes());
        }
        '\0'..='\u{FF}' => word.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes()),
        _ => {
            for lower in c.to_lowercase() {
                word.extend_from_slice(lower.encode_utf8(&mut utf8).as_bytes());
            }
        }
    }
    false
}

/// Writes the lower case of `word` (one white-space-free word) into `out`, exactly as
/// `str::to_lowercase` does.
fn lowercase_word_into(word: &str, out: &mut Vec<u8>) {
    out.clear();
    let mut context_dependent = false;
    for c in word.chars() {
        context_dependent |= push_lowercase(c, out);
    }
    if context_dependent {
        // Final or medial sigma: let the standard library decide from the whole word (white
        // space is neither cased nor case-ignorable, so the word is all the context it uses).
        out.clear();
        out.extend_from_slice(word.to_lowercase().as_bytes());
    }
}

/// The high bit of each byte of `eight` (little-endian) that is not a plain word byte: ASCII
/// control or space (up to 0x20), an ASCII capital, or any byte of a non-ASCII character. Each
/// byte is tested on its low 7 bits plus 0x80 minus a bound, which cannot carry into the next
/// byte, so the answer is exact for every byte.
fn special_bytes(eight: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let low7 = eight & !HIGH;
    let at_least = |bound: u64| (low7 + (0x80 - bound) * ONES) & HIGH;
    let control_or_space = !at_least(0x21) & HIGH;
    let capital = at_least(b'A'.into()) & !at_least(u64::from(b'Z') + 1);
    (eight & HIGH) | control_or_space | capital
}

/// Calls `visit` with the UTF-8 bytes of each word of `text`, lower-cased: the words of
/// `text.to_lowercase().split_whitespace()`. A word with no capital and no non-ASCII letter
/// (most words of most text) is passed straight from `text`; the others are lower-cased into
/// one reused buffer.
pub(super) fn for_each_lowercase_word(text: &str, mut visit: impl FnMut(&[u8])) {
    let bytes = text.as_bytes();
    let mut lowered: Vec<u8> = Vec::with_capacity(64);
    let mut i = 0;
    while i < bytes.len() {
        // Skip white space.
        let byte = bytes[i];
        if is_ascii_white(byte) {
            i += 1;
            continue;
        }
        let white = multibyte_white_len(&bytes[i..]);
        if white > 0 {
            i += white;
            continue;
        }
        // A word: up to the next white space. Continuation bytes (0x80..=0xBF) never look like
        // white space or a lead byte, so scanning bytes is safe.
        let start = i;
        let mut plain = true;
        while i < bytes.len() {
            // Eight bytes at a time while none of them needs a look: in most words the first
            // load already reaches the white space after it.
            if let Some(chunk) = bytes.get(i..i + 8) {
                let mut eight = [0u8; 8];
                eight.copy_from_slice(chunk);
                let special = special_bytes(u64::from_le_bytes(eight));
                if special == 0 {
                    i += 8;
                    continue;
                }
                i += special.trailing_zeros() as usize / 8;
            }
            let byte = bytes[i];
            if byte < 0x80 {
                if is_ascii_white(byte) {
                    break;
                }
                plain &= !byte.is_ascii_uppercase();
            } else {
                if multibyte_white_len(&bytes[i..]) > 0 {
                    break;
                }
                plain = false;
            }
            i += 1;
        }
        match text.get(start..i) {
            Some(word) if plain => visit(word.as_bytes()),
            Some(word) => {
                lowercase_word_into(word, &mut lowered);
                visit(&lowered);
            }
            // Unreachable: both ends are character boundaries (white space or the ends of
            // `text`); skipping is the safe answer should it ever happen.
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn white_space_bytes_match_char_is_whitespace() {
        for byte in 0u8..0x80 {
            assert_eq!(
                is_ascii_white(byte),
                char::from(byte).is_whitespace(),
                "{byte:#x}"
            );
        }
        let mut utf8 = [0u8; 4];
        for c in (0x80..=0x10FFFF).filter_map(char::from_u32) {
            let encoded = c.encode_utf8(&mut utf8).as_bytes();
            let white = multibyte_white_len(encoded);
            assert_eq!(white > 0, c.is_whitespace(), "U+{:04X}", c as u32);
            assert!(white == 0 || white == encoded.len());
        }
    }

    #[test]
    fn special_bytes_flags_exactly_the_bytes_that_need_a_look() {
        for byte in 0u8..=255 {
            let special = byte <= 0x20 || byte >= 0x80 || byte.is_ascii_uppercase();
            for position in 0..8 {
                // The byte among plain neighbours, and among special ones.
                for filler in [b'a', 0xC3] {
                    let mut eight = [filler; 8];
                    eight[position] = byte;
                    let flags = special_bytes(u64::from_le_bytes(eight));
                    assert_eq!(flags & (0x80 << (8 * position)) != 0, special, "{byte:#x}");
                }
            }
        }
    }

    #[test]
    fn lower_case_matches_the_standard_library_for_every_character() {
        let mut out = Vec::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            out.clear();
            let context_dependent = push_lowercase(c, &mut out);
            assert_eq!(context_dependent, c == 'Σ');
            let expected: String = if c == 'Σ' {
                "σ".into()
            } else {
                c.to_lowercase().collect()
            };
            assert_eq!(out, expected.as_bytes(), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn text_words_are_the_lower_cased_white_space_separated_runs() {
        let text = "ÉTÉ  à\u{a0}Paris:\tΟΔΟΣ ΟΔΟΣ. ΣΑΣ\u{2009}İstanbul\u{3000}ǅemal straße";
        let mut words = Vec::new();
        for_each_lowercase_word(text, |w| {
            words.push(String::from_utf8_lossy(w).into_owned())
        });
        let expected: Vec<String> = text
            .to_lowercase()
            .split_whitespace()
            .map(String::from)
            .collect();
        assert_eq!(words, expected);
        assert!(words.contains(&"οδος.".to_string()) && words.contains(&"σας".to_string()));
    }

    proptest! {
        #[test]
        fn words_are_those_of_lowercase_then_split(
            text in "([a-zA-Z0-9]|[ÀÉÈÇàéèçœŒßÿ]|[ΣσςΑα]|[İıIi\u{307}]|[ \t\n\u{a0}\u{85}\u{2009}\u{202f}\u{3000}\u{1c}.'’-]){0,120}"
        ) {
            let lowered = text.to_lowercase();
            let expected: Vec<&str> = lowered.split_whitespace().collect();
            let mut seen = Vec::new();
            for_each_lowercase_word(&text, |w| seen.push(String::from_utf8_lossy(w).into_owned()));
            prop_assert_eq!(seen, expected);
        }
    }
}
