//! Splitting already-scraped plain text into blocks, reconstructing paragraphs.
//!
//! Scraped text comes in two layouts, sometimes mixed in one file: paragraphs separated by
//! blank lines, and paragraphs one per line with no blank lines at all. Inside a blank-line
//! group, lines are either hard-wrapped pieces of one paragraph (similar lengths under ~100
//! characters, mostly breaking mid-sentence) and are joined, or separate paragraphs. A line
//! that stops mid-sentence and is followed by a line starting in lower case is joined to it
//! in either layout. Whitespace (including no-break spaces) is collapsed to single spaces.

use crate::Block;

/// Longest line (in characters) of a hard-wrapped paragraph.
const MAX_WRAP_WIDTH: usize = 100;
/// Shortest wrap width considered: shorter lines are a list, not wrapped prose.
const MIN_WRAP_WIDTH: usize = 30;

/// Splits plain text into paragraph blocks.
pub fn split_blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut group: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            flush_group(&mut group, &mut blocks);
        } else {
            group.push(line);
        }
    }
    flush_group(&mut group, &mut blocks);
    blocks
}

fn flush_group(group: &mut Vec<&str>, blocks: &mut Vec<Block>) {
    if group.is_empty() {
        return;
    }
    let lines: Vec<String> = group.drain(..).map(normalise_space).collect();
    if is_hard_wrapped(&lines) {
        blocks.push(Block::paragraph(join_lines(&lines)));
        return;
    }
    let mut current: Vec<String> = Vec::new();
    for line in lines {
        let continues = current
            .last()
            .is_some_and(|prev| !ends_sentence(prev) && starts_lowercase(&line));
        if !continues && !current.is_empty() {
            blocks.push(Block::paragraph(join_lines(&current)));
            current.clear();
        }
        current.push(line);
    }
    if !current.is_empty() {
        blocks.push(Block::paragraph(join_lines(&current)));
    }
}

/// Lines of similar length, none longer than a typical wrap width, that mostly break
/// mid-sentence: one paragraph wrapped by a text editor or a mail client.
fn is_hard_wrapped(lines: &[String]) -> bool {
    if lines.len() < 2 {
        return false;
    }
    let lengths: Vec<usize> = lines.iter().map(|l| l.chars().count()).collect();
    let width = lengths.iter().copied().max().unwrap_or(0);
    if !(MIN_WRAP_WIDTH..=MAX_WRAP_WIDTH).contains(&width) {
        return false;
    }
    let body = &lines[..lines.len() - 1];
    let full = body
        .iter()
        .filter(|l| l.chars().count() * 10 >= width * 6)
        .count();
    let mid_sentence = body.iter().filter(|l| !ends_sentence(l)).count();
    full == body.len() && mid_sentence * 2 > body.len()
}

/// Joins lines with spaces; a word hyphenated across a line break keeps its hyphen and loses
/// the space (`porte-` + `parole` → `porte-parole`).
fn join_lines(lines: &[String]) -> String {
    let mut out = String::new();
    for line in lines {
        if out.is_empty() {
            out.push_str(line);
            continue;
        }
        let hyphenated = out.ends_with('-')
            && out.chars().rev().nth(1).is_some_and(char::is_alphabetic)
            && starts_lowercase(line);
        if !hyphenated {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

fn normalise_space(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a line ends a sentence: final punctuation, possibly followed by closing quotes or
/// brackets, or a closing quote alone.
fn ends_sentence(line: &str) -> bool {
    let core = line.trim_end_matches(['"', '\'', '»', '”', '’', ')', ']', ' ']);
    matches!(
        core.chars().last(),
        Some('.' | '!' | '?' | '…' | ':' | ';' | '。' | '！' | '？')
    ) || core.len() < line.trim_end().len()
}

fn starts_lowercase(line: &str) -> bool {
    line.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn texts(blocks: &[Block]) -> Vec<&str> {
        blocks.iter().map(|b| b.text.as_str()).collect()
    }

    #[test]
    fn blank_line_paragraphs() {
        let blocks =
            split_blocks("Titre du jour\n\n\nPremier paragraphe.\n\nDeuxième paragraphe.\n");
        assert_eq!(
            texts(&blocks),
            vec![
                "Titre du jour",
                "Premier paragraphe.",
                "Deuxième paragraphe."
            ]
        );
    }

    #[test]
    fn one_paragraph_per_line() {
        let text = "[ad_1]\nEl consejo aprobó el plan el lunes por la mañana tras un largo debate.\nLa oposición votó en contra y anunció un recurso ante el tribunal regional.\n";
        let blocks = split_blocks(text);
        assert_eq!(blocks.len(), 3);
    }

    #[test]
    fn hard_wrapped_paragraph_is_joined() {
        let text = "The council met on Tuesday to discuss the future of the old\nharbour bridge, which has been closed to traffic since the\nstorm in March damaged its central pier.\n\nNext paragraph.";
        let blocks = split_blocks(text);
        assert_eq!(blocks.len(), 2);
        assert!(blocks[0].text.starts_with("The council met"));
        assert!(blocks[0].text.ends_with("central pier."));
        assert!(blocks[0].text.contains("old harbour"));
    }

    #[test]
    fn broken_sentence_is_joined_even_without_wrapping() {
        let text = "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke über den Fluss zu sanieren, und\ndie Arbeiten sollen im Mai beginnen.\nZweiter Absatz.";
        let blocks = split_blocks(text);
        assert_eq!(blocks.len(), 2);
        assert!(blocks[0].text.contains("und die Arbeiten"));
    }

    #[test]
    fn hyphenated_line_break_keeps_the_word() {
        let lines = vec!["le porte-".to_string(), "parole a parlé".to_string()];
        assert_eq!(join_lines(&lines), "le porte-parole a parlé");
    }

    #[test]
    fn whitespace_is_collapsed() {
        let blocks = split_blocks("  «\u{a0}Oui\u{a0}»,   a-t-il dit.\r\n");
        assert_eq!(texts(&blocks), vec!["« Oui », a-t-il dit."]);
    }

    proptest! {
        #[test]
        fn never_panics_and_blocks_are_trimmed(text in "\\PC{0,400}") {
            for block in split_blocks(&text) {
                prop_assert!(!block.text.is_empty());
                prop_assert_eq!(block.text.trim(), block.text.as_str());
                prop_assert!(!block.text.contains('\n'));
            }
        }

        #[test]
        fn no_word_is_lost(text in "([a-zA-Zéà]{1,8}[ .\n]{1,3}){0,60}") {
            let words_in: Vec<&str> = text.split_whitespace().collect();
            let blocks = split_blocks(&text);
            let joined: Vec<String> = blocks.iter().map(|b| b.text.clone()).collect();
            let joined = joined.join(" ");
            let words_out: Vec<&str> = joined.split_whitespace().collect();
            // Hyphen joins may merge two words into one, never drop letters.
            let letters = |ws: &[&str]| ws.iter().map(|w| w.chars().filter(|c| c.is_alphabetic()).count()).sum::<usize>();
            prop_assert_eq!(letters(&words_in), letters(&words_out));
        }
    }
}
