//! Temporal expressions resolved to TIMEX3 values.
//!
//! How it works: the text is tokenized ([`lexicon::tokenize`]), a hand-written grammar
//! ([`rules`]) reads dates, weekdays, relative days and units, durations, clock times, sets and
//! reference words from per-language word lists (`data/time/*.txt`, fr/en/de/es), and the
//! resolver ([`resolve`]) turns each into a TIMEX3 value against an anchor date, using the tense
//! of the clause ([`tense`]) where the text leaves a direction open.
//!
//! The anchor is the publication date when known (`anchor: "published"`), else a document date
//! inferred from the page's date candidates or the latest full date written in the text or a
//! caption (`"inferred"`); without one, values stay underspecified (`XXXX-WXX-1`) and the anchor
//! is `"none"`. Dates without a year but with a weekday (`dimanche 23 juillet`) then take the
//! year, near the latest year the text mentions, in which that day has that weekday.
//!
//! Out of scope: holidays (`Pentecôte`), event-anchored expressions (`deux jours avant le vote`),
//! and time zones.

pub mod calendar;
pub mod lexicon;
pub mod meaning;
pub mod resolve;
pub mod rules;
pub mod tense;

pub use calendar::Date;

use veille_model::{CharOffsets, Document, TimeExpression};

use resolve::{Anchoring, Clause};
use rules::Meaning;

/// Where the anchor date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnchorKind {
    /// The publication date.
    Published,
    /// A date inferred from the text or page.
    Inferred,
    /// The date of the story the document belongs to.
    Story,
}

impl AnchorKind {
    /// The `anchor` string of [`TimeExpression`].
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Published => "published",
            Self::Inferred => "inferred",
            Self::Story => "story",
        }
    }
}

/// The date relative expressions are resolved against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    /// The date.
    pub date: Date,
    /// Where it comes from.
    pub kind: AnchorKind,
}

/// Finds and resolves the temporal expressions of `text` (language code `lang`, guessed when
/// unsupported) against `anchor`.
pub fn find(text: &str, anchor: Option<Anchor>, lang: &str) -> Vec<TimeExpression> {
    find_with_hint(text, anchor, None, lang)
}

/// Like [`find`], with a year the document is about for weekday-dated days when no anchor is known.
pub fn find_with_hint(
    text: &str,
    anchor: Option<Anchor>,
    year_hint: Option<i32>,
    lang: &str,
) -> Vec<TimeExpression> {
    find_in_scan(text, &TextScan::new(text, lang), anchor, year_hint)
}

/// The tokens of a text and the temporal expressions the grammar finds in them, before
/// resolution. Both the time and the claims readers need them (claims skip numbers inside
/// dates), so [`crate::enrich`] computes them once per document.
#[derive(Debug, Clone)]
pub struct TextScan {
    /// Lexicon language used (the document's when supported, else guessed from the text).
    pub lang: &'static str,
    /// Tokens of the text.
    pub tokens: Vec<lexicon::Token>,
    /// Temporal expressions found, left to right.
    pub candidates: Vec<rules::Candidate>,
}

impl TextScan {
    /// Tokenizes and scans `text` (language code `lang`, guessed when unsupported).
    pub fn new(text: &str, lang: &str) -> Self {
        let lang = lexicon::supported(lang).unwrap_or_else(|| lexicon::guess_language(text));
        let lexicon = lexicon::for_language(lang);
        let tokens = lexicon::tokenize(text);
        let candidates = rules::scan(text, &tokens, lexicon, lang);
        Self {
            lang,
            tokens,
            candidates,
        }
    }

    /// Dates written in full (day, month and year) and years among the candidates.
    fn explicit_dates(&self) -> (Vec<Date>, Vec<i32>) {
        let mut dates = Vec::new();
        let mut years = Vec::new();
        for candidate in &self.candidates {
            match candidate.meaning {
                Meaning::Calendar {
                    year: Some(y),
                    month,
                    day: Some(d),
                    ..
                } => {
                    dates.extend(Date::new(y, month, d));
                    years.push(y);
                }
                Meaning::Calendar { year: Some(y), .. } | Meaning::Year(y) => years.push(y),
                _ => {}
            }
        }
        (dates, years)
    }
}

/// [`find_with_hint`] on a text already scanned by [`TextScan::new`].
pub fn find_in_scan(
    text: &str,
    scan: &TextScan,
    anchor: Option<Anchor>,
    year_hint: Option<i32>,
) -> Vec<TimeExpression> {
    let lexicon = lexicon::for_language(scan.lang);
    let tokens = &scan.tokens;
    let candidates = &scan.candidates;
    let sentences = tense::sentence_ids(text, tokens);
    let cues = tense::Cues::new(lexicon);
    let clauses: Vec<Clause> = candidates
        .iter()
        .map(|c| {
            let sentence = sentences.get(c.start).copied().unwrap_or(0);
            let starts_sentence = c.start == 0 || sentences.get(c.start - 1) != Some(&sentence);
            let comma_before = c.start > 0 && tokens[c.start - 1].lower == ",";
            let comma_after = tokens.get(c.end).is_some_and(|t| t.lower == ",");
            Clause {
                tense: cues.around(tokens, &sentences, c.start, c.end),
                sentence,
                detached: starts_sentence || comma_before || comma_after,
            }
        })
        .collect();
    let anchoring = Anchoring {
        date: anchor.map(|a| a.date),
        year_hint,
    };
    let offsets = CharOffsets::new(text);
    resolve::resolve_all(candidates, &clauses, anchoring)
        .into_iter()
        .filter_map(|r| {
            let start = tokens.get(r.start)?.start;
            let end = tokens.get(r.end.checked_sub(1)?)?.end;
            let anchor_label = match (r.used_anchor, anchor) {
                (true, Some(a)) => a.kind.as_str(),
                (true, None) if year_hint.is_some() && !r.value.starts_with('X') => {
                    AnchorKind::Inferred.as_str()
                }
                _ => "none",
            };
            Some(TimeExpression {
                text: text.get(start..end)?.to_string(),
                span: offsets.span(start..end),
                timex_type: r.timex_type,
                value: r.value,
                modifier: r.modifier,
                anchor: anchor_label.to_string(),
            })
        })
        .collect()
}

/// The anchor of a document and a year hint: the publication date, else the most confident
/// full date among `date_candidates`, else the latest full date written in the text or captions.
pub fn infer_anchor(doc: &Document, lang: &str) -> (Option<Anchor>, Option<i32>) {
    infer_anchor_scanned(doc, lang, None)
}

/// [`infer_anchor`], reusing the scan of `doc.text` when the caller has one.
fn infer_anchor_scanned(
    doc: &Document,
    lang: &str,
    text_scan: Option<&TextScan>,
) -> (Option<Anchor>, Option<i32>) {
    if let Some(date) = doc
        .published
        .as_ref()
        .and_then(|f| Date::parse_iso(&f.value))
    {
        return (
            Some(Anchor {
                date,
                kind: AnchorKind::Published,
            }),
            Some(date.year),
        );
    }
    let best_candidate = doc
        .date_candidates
        .iter()
        .filter_map(|c| Date::parse_iso(&c.value).map(|d| (c.confidence, d)))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    if let Some((_, date)) = best_candidate {
        return (
            Some(Anchor {
                date,
                kind: AnchorKind::Inferred,
            }),
            Some(date.year),
        );
    }
    let (mut dates, mut years) = match text_scan {
        Some(scan) => scan.explicit_dates(),
        None => TextScan::new(&doc.text, lang).explicit_dates(),
    };
    for caption in &doc.captions {
        let (d, y) = TextScan::new(&caption.text, lang).explicit_dates();
        dates.extend(d);
        years.extend(y);
    }
    let anchor = dates.iter().max().map(|&date| Anchor {
        date,
        kind: AnchorKind::Inferred,
    });
    (anchor, years.into_iter().max())
}

/// Fills `doc.times`.
pub fn extract(doc: &mut Document) {
    let scan = TextScan::new(&doc.text, &document_language(doc));
    extract_scanned(doc, &scan);
}

/// Fills `doc.times` from the scan of `doc.text` made with [`document_language`].
pub fn extract_scanned(doc: &mut Document, scan: &TextScan) {
    let lang = document_language(doc);
    let (anchor, year_hint) = infer_anchor_scanned(doc, &lang, Some(scan));
    doc.times = find_in_scan(&doc.text, scan, anchor, year_hint);
}

/// The language code the time and claims readers use for a document (empty when unknown).
pub fn document_language(doc: &Document) -> String {
    doc.language
        .as_ref()
        .map(|f| f.value.clone())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
