//! Lines of the body that are metadata rather than article: bylines ("Écrit par A, B et C",
//! "By qxrt7"), datelines ("Publié le 19 décembre 2022") and, in scraped text, a masthead
//! ("AllInfo") above the title. They are looked for only near the head and the tail of the
//! body, where pages put them, and move from the blocks to `removed` with their reason.

use veille_model::{BodyKind, RemovalReason, Removed};

use super::authors::{parse_byline_line, Byline};
use super::dates::find_dates;
use super::lexicon::lexicon;
use super::title::{is_fragment, is_masthead};
use crate::Block;

/// How many blocks from the head, and from the tail, may hold metadata lines.
const HEAD_BLOCKS: usize = 6;
const TAIL_BLOCKS: usize = 4;
/// Longest dateline.
const MAX_DATELINE_CHARS: usize = 140;

/// Prefix of `Removed::detail` for blocks this module took out.
pub(crate) const DETAIL_PREFIX: &str = "metadata:";

/// A dateline read from the body.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Dateline {
    /// The line as written.
    pub text: String,
    /// ISO date read from it.
    pub iso: String,
    /// Whether it announces a modification ("Mis à jour le…") rather than the publication.
    pub is_update: bool,
}

/// The metadata lines found in the body.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct MetadataLines {
    /// Bylines, as written and as read.
    pub bylines: Vec<(String, Byline)>,
    /// Datelines.
    pub datelines: Vec<Dateline>,
    /// A masthead above the title of scraped text.
    pub masthead: Option<String>,
}

/// Reads a dateline: a short line that opens with a publication or update cue and holds a
/// date, or a line that is nothing but a date.
pub(crate) fn parse_dateline(line: &str) -> Option<Dateline> {
    let line = line.trim();
    if line.chars().count() > MAX_DATELINE_CHARS {
        return None;
    }
    let lowered = line.to_lowercase();
    let lex = lexicon();
    let opens_with = |cues: &[String]| cues.iter().any(|cue| lowered.starts_with(cue.as_str()));
    let is_update = opens_with(&lex.updated_cues);
    let has_cue = is_update || opens_with(&lex.published_cues);
    let date = find_dates(line).into_iter().next()?;
    // Without a cue, only a line that is little more than its date ("March 17, 2024",
    // "19.12.2022 – 10:42") is a dateline.
    let significant = |text: &str| text.chars().filter(|c| c.is_alphanumeric()).count();
    let date_only =
        significant(line.get(date.range.clone()).unwrap_or("")) >= significant(line) * 7 / 10;
    if !has_cue && !date_only {
        return None;
    }
    Some(Dateline {
        text: line.to_string(),
        iso: date.iso,
        is_update,
    })
}

/// Moves byline, dateline and masthead lines from the head and tail of `blocks` into `removed`
/// and returns what they said.
pub(crate) fn take_metadata_lines(
    blocks: &mut Vec<Block>,
    removed: &mut Vec<Removed>,
    body_kind: BodyKind,
) -> MetadataLines {
    let mut lines = MetadataLines::default();
    let count = blocks.len();
    let mut take = vec![false; count];
    for (index, block) in blocks.iter().enumerate() {
        let near_edge = index < HEAD_BLOCKS || index + TAIL_BLOCKS >= count;
        if !near_edge {
            continue;
        }
        if let Some(byline) = parse_byline_line(&block.text) {
            let reason = if byline.authors.is_empty() {
                RemovalReason::ScraperAccount
            } else {
                RemovalReason::Byline
            };
            removed.push(Removed {
                text: block.text.clone(),
                reason,
                detail: Some(format!("{DETAIL_PREFIX} byline")),
            });
            lines.bylines.push((block.text.clone(), byline));
            take[index] = true;
        } else if let Some(dateline) = parse_dateline(&block.text) {
            removed.push(Removed {
                text: block.text.clone(),
                reason: RemovalReason::Byline,
                detail: Some(format!("{DETAIL_PREFIX} dateline")),
            });
            lines.datelines.push(dateline);
            take[index] = true;
        }
    }
    if body_kind == BodyKind::Text {
        // A masthead is a brand-like token among the leading fragments, before the title.
        let masthead_at = blocks
            .iter()
            .enumerate()
            .filter(|(index, _)| !take[*index])
            .take_while(|(_, block)| is_fragment(&block.text))
            .take(3)
            .find(|(_, block)| is_masthead(&block.text))
            .map(|(index, _)| index);
        if let Some(index) = masthead_at {
            let text = blocks[index].text.clone();
            removed.push(Removed {
                text: text.clone(),
                reason: RemovalReason::Navigation,
                detail: Some(format!("{DETAIL_PREFIX} masthead, read as the site name")),
            });
            lines.masthead = Some(text);
            take[index] = true;
        }
    }
    let mut index = 0;
    blocks.retain(|_| {
        let keep = !take.get(index).copied().unwrap_or(false);
        index += 1;
        keep
    });
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(lines: &[&str]) -> Vec<Block> {
        lines.iter().map(|l| Block::paragraph(*l)).collect()
    }

    #[test]
    fn takes_bylines_and_datelines_from_the_edges() {
        let mut body = blocks(&[
            "NordInfo",
            "Les digues ont tenu cette nuit dans la vallée",
            "Par Claire Roussel et Jean Dupont",
            "Publié le 4 mars 2023 à 08h15",
            "La crue a atteint son maximum vers minuit, selon la préfecture, qui a levé l'alerte rouge au matin.",
            "Les habitants ont pu regagner leurs maisons dans la journée.",
            "By qxrt7",
        ]);
        let mut removed = Vec::new();
        let lines = take_metadata_lines(&mut body, &mut removed, BodyKind::Text);
        assert_eq!(lines.bylines.len(), 2);
        assert_eq!(
            lines.bylines[0].1.authors,
            vec!["Claire Roussel", "Jean Dupont"]
        );
        assert_eq!(lines.bylines[1].1.scraper_accounts, vec!["qxrt7"]);
        assert_eq!(lines.datelines[0].iso, "2023-03-04T08:15:00");
        assert_eq!(lines.masthead.as_deref(), Some("NordInfo"));
        assert_eq!(body.len(), 3);
        assert_eq!(
            body[0].text,
            "Les digues ont tenu cette nuit dans la vallée"
        );
        assert!(removed
            .iter()
            .any(|r| r.reason == RemovalReason::ScraperAccount && r.text == "By qxrt7"));
    }

    #[test]
    fn a_lone_date_is_a_dateline_but_a_sentence_with_a_date_is_not() {
        assert_eq!(
            parse_dateline("March 17, 2024").map(|d| d.iso).as_deref(),
            Some("2024-03-17")
        );
        assert!(parse_dateline("Le 17 mars 2024, la mairie a rouvert les écoles.").is_none());
    }

    #[test]
    fn leaves_sentences_in_the_middle_alone() {
        let mut body = blocks(&[
            "Un titre tout à fait ordinaire ici",
            "Par ailleurs, la mairie a rouvert les écoles.",
            "Publié le rapport, le ministre a démissionné.",
        ]);
        let mut removed = Vec::new();
        let lines = take_metadata_lines(&mut body, &mut removed, BodyKind::Text);
        assert_eq!(body.len(), 3);
        assert!(lines.bylines.is_empty() && lines.datelines.is_empty() && removed.is_empty());
    }
}
