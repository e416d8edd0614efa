//! Document-level passes that need more than one block: zones (head, body, tail), lists of
//! teasers under a header, labels above the headline, and sub-headings.

use veille_model::{BlockKind, RemovalReason, Removed};

use super::classify::Zone;
use super::lexicon::{Class, Lexicons};
use super::shape::{ends_with_question_or_exclamation, Shape};
use super::vocab::Vocabulary;
use crate::Block;

/// Overlap with the article from which a line under a teaser header is taken for article text.
const TEASER_MAX_OVERLAP: f32 = 0.34;
/// Longest line (in words) taken for a teaser under a header.
const TEASER_MAX_WORDS: usize = 35;
/// Most teasers removed under one header.
const TEASER_MAX_RUN: usize = 12;
/// Longest header (in words) that introduces a list of teasers.
const HEADER_MAX_WORDS: usize = 8;
/// Longest sub-heading, in words.
const HEADING_MAX_WORDS: usize = 12;

/// One block of the document being cleaned, kept or removed.
#[derive(Debug, Clone)]
pub struct Item {
    /// The block (for removed items, the removed text).
    pub block: Block,
    /// Set when the block is removed.
    pub removed: Option<Removed>,
    /// Lexicon class that removed it, if any.
    pub class: Option<Class>,
}

impl Item {
    /// A kept block.
    pub fn kept(block: Block) -> Self {
        Item {
            block,
            removed: None,
            class: None,
        }
    }

    /// Whether the block stays in the body.
    pub fn is_kept(&self) -> bool {
        self.removed.is_none()
    }

    /// Removes the block.
    pub fn remove(&mut self, reason: RemovalReason, detail: String, class: Option<Class>) {
        self.removed = Some(Removed {
            text: self.block.text.clone(),
            reason,
            detail: Some(detail),
        });
        self.class = class;
    }
}

/// Zone of every item: before the first body-shaped kept block, between, or after the last.
/// A document with no body-shaped block is all body: there is nothing to measure against.
pub fn zones(items: &[Item]) -> Vec<Zone> {
    let body: Vec<usize> = items
        .iter()
        .enumerate()
        .filter(|(_, item)| item.is_kept() && Shape::of(&item.block.text).body_like())
        .map(|(i, _)| i)
        .collect();
    let (Some(&first), Some(&last)) = (body.first(), body.last()) else {
        return vec![Zone::Body; items.len()];
    };
    (0..items.len())
        .map(|i| {
            if i < first {
                Zone::Head
            } else if i > last {
                Zone::Tail
            } else {
                Zone::Body
            }
        })
        .collect()
}

/// Removes the lines listed under a teaser header ("Subscriber stories — see all", "Most read",
/// "Related"): short lines that share few content words with the rest of the article.
pub fn remove_teaser_lists(items: &mut [Item], lex: &Lexicons) {
    let vocab = Vocabulary::of(
        items
            .iter()
            .filter(|i| i.is_kept())
            .map(|i| i.block.text.as_str()),
        lex,
    );
    for header in 0..items.len() {
        let Some(removed) = &items[header].removed else {
            continue;
        };
        let is_header = matches!(
            removed.reason,
            RemovalReason::SubscriberTeaser | RemovalReason::RelatedTeaser
        ) || items[header].class == Some(Class::Section);
        if !is_header || Shape::of(&removed.text).words > HEADER_MAX_WORDS {
            continue;
        }
        let reason = removed.reason;
        let header_text = removed.text.clone();
        let mut taken = 0;
        let mut next = header + 1;
        while next < items.len() && taken < TEASER_MAX_RUN {
            if !items[next].is_kept() {
                next += 1;
                continue;
            }
            let text = &items[next].block.text;
            let shape = Shape::of(text);
            // Teasers are headlines or cut-off lines, never a long finished sentence.
            if shape.words > TEASER_MAX_WORDS || shape.body_like() {
                break;
            }
            let overlap = vocab.overlap(text, lex).unwrap_or(0.0);
            if overlap >= TEASER_MAX_OVERLAP {
                break;
            }
            let detail = format!(
                "listed under \"{header_text}\"; {} words; overlap {overlap:.2} with the article",
                shape.words
            );
            items[next].remove(reason, detail, None);
            taken += 1;
            next += 1;
        }
    }
}

/// Removes short labels (site name, section) above the headline of a plain-text article:
/// one to three words with no punctuation, directly followed (furniture aside) by a longer
/// headline-shaped line.
pub fn remove_labels_above_headline(items: &mut [Item]) {
    let kept: Vec<usize> = (0..items.len()).filter(|&i| items[i].is_kept()).collect();
    let mut labels = Vec::new();
    for (pos, &i) in kept.iter().enumerate() {
        let text = &items[i].block.text;
        let shape = Shape::of(text);
        if shape.words <= 3
            && !shape.terminal
            && !text.chars().any(|c| c.is_ascii_digit())
            && !has_unspaced_script(text)
        {
            labels.push(i);
            if labels.len() > 3 {
                return;
            }
            continue;
        }
        // The line under the labels must read as a headline, and prose must follow soon:
        // data lines (`Shr 1.20 dlr vs 95 cts`) are neither.
        let headline = shape.headline_like(text)
            && shape.words >= 4
            && text
                .split_whitespace()
                .filter(|w| w.chars().any(|c| c.is_ascii_digit()))
                .count()
                <= 1;
        let prose_follows = kept
            .iter()
            .skip(pos + 1)
            .take(4)
            .any(|&j| Shape::of(&items[j].block.text).body_like());
        if !(headline && prose_follows) {
            return;
        }
        break;
    }
    for i in labels {
        items[i].remove(
            RemovalReason::SectionLabel,
            "short label above the headline (site or section name)".into(),
            None,
        );
    }
}

/// Whether `text` uses a script written without spaces between words (Chinese, Japanese,
/// Thai…), where a word count says nothing about length.
fn has_unspaced_script(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c as u32,
            0x0E00..=0x0EFF // Thai, Lao
            | 0x1000..=0x109F // Myanmar
            | 0x3040..=0x30FF // Hiragana, Katakana
            | 0x3400..=0x4DBF // CJK extension A
            | 0x4E00..=0x9FFF // CJK ideographs
            | 0xF900..=0xFAFF) // CJK compatibility
    })
}

/// Marks short headline-shaped lines inside a plain-text article as sub-headings, when the
/// next kept block is prose. The first kept block (the headline) is left alone.
pub fn mark_headings(items: &mut [Item]) {
    let kept: Vec<usize> = (0..items.len()).filter(|&i| items[i].is_kept()).collect();
    for pair in kept.windows(2).skip(1) {
        let (current, next) = (pair[0], pair[1]);
        let text = &items[current].block.text;
        let shape = Shape::of(text);
        let heading_shaped = shape.words <= HEADING_MAX_WORDS
            && shape.starts_upper
            && !shape.announces
            && !shape.ellipsis
            && (!shape.terminal || ends_with_question_or_exclamation(text));
        if heading_shaped && Shape::of(&items[next].block.text).sentence_like() {
            items[current].block.kind = BlockKind::Heading;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(texts: &[&str]) -> Vec<Item> {
        texts
            .iter()
            .map(|t| Item::kept(Block::paragraph(*t)))
            .collect()
    }

    #[test]
    fn zones_follow_body_paragraphs() {
        let items = items(&[
            "Share",
            "The storm damaged more than two hundred homes along the coast on Friday night.",
            "Officials said repairs to the sea wall would take at least three months to finish.",
            "Tags",
        ]);
        assert_eq!(
            zones(&items),
            vec![Zone::Head, Zone::Body, Zone::Body, Zone::Tail]
        );
    }

    #[test]
    fn labels_above_a_headline_are_removed() {
        let mut items = items(&[
            "Regionales",
            "Neue Fähre verbindet Lindau und Bregenz ab Mai",
            "Die Stadtwerke haben am Dienstag eine neue Fährverbindung über den Bodensee angekündigt.",
        ]);
        remove_labels_above_headline(&mut items);
        assert!(!items[0].is_kept());
        assert!(items[1].is_kept() && items[2].is_kept());
    }

    #[test]
    fn data_lines_are_not_labels() {
        let mut items = items(&[
            "Shr not given",
            "Net profit 1.2 mln vs 800,000",
            "Revs 27.2 mln vs 19.4 mln",
        ]);
        remove_labels_above_headline(&mut items);
        assert!(items.iter().all(Item::is_kept));
    }

    #[test]
    fn a_short_title_followed_by_prose_is_kept() {
        let mut items = items(&[
            "Brexit",
            "The government lost a key vote in parliament on Tuesday evening, officials said.",
        ]);
        remove_labels_above_headline(&mut items);
        assert!(items[0].is_kept());
    }

    #[test]
    fn question_subheading_is_marked() {
        let mut items = items(&[
            "Un nouveau tramway pour Montréal",
            "La ville a présenté lundi le tracé d'une nouvelle ligne de tramway vers l'est.",
            "Un projet trop cher ?",
            "Plusieurs élus estiment que le coût annoncé est largement sous-estimé par la ville.",
        ]);
        mark_headings(&mut items);
        assert_eq!(items[2].block.kind, BlockKind::Heading);
        assert_eq!(items[0].block.kind, BlockKind::Paragraph);
        assert_eq!(items[1].block.kind, BlockKind::Paragraph);
    }
}
