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
    let lang = lexicon::supported(lang).unwrap_or_else(|| lexicon::guess_language(text));
    let lexicon = lexicon::for_language(lang);
    let tokens = lexicon::tokenize(text);
    let candidates = rules::scan(text, &tokens, lexicon, lang);
    let sentences = tense::sentence_ids(text, &tokens);
    let cues = tense::Cues::new(lexicon);
    let clauses: Vec<Clause> = candidates
        .iter()
        .map(|c| {
            let sentence = sentences.get(c.start).copied().unwrap_or(0);
            let starts_sentence = c.start == 0 || sentences.get(c.start - 1) != Some(&sentence);
            let comma_before = c.start > 0 && tokens[c.start - 1].lower == ",";
            let comma_after = tokens.get(c.end).is_some_and(|t| t.lower == ",");
            Clause {
                tense: cues.around(&tokens, &sentences, c.start, c.end),
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
    resolve::resolve_all(&candidates, &clauses, anchoring)
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

/// Dates written in full (day, month and year) and years mentioned in `text`.
fn explicit_dates(text: &str, lang: &str) -> (Vec<Date>, Vec<i32>) {
    let lang = lexicon::supported(lang).unwrap_or_else(|| lexicon::guess_language(text));
    let lexicon = lexicon::for_language(lang);
    let tokens = lexicon::tokenize(text);
    let mut dates = Vec::new();
    let mut years = Vec::new();
    for candidate in rules::scan(text, &tokens, lexicon, lang) {
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

/// The anchor of a document and a year hint: the publication date, else the most confident
/// full date among `date_candidates`, else the latest full date written in the text or captions.
pub fn infer_anchor(doc: &Document, lang: &str) -> (Option<Anchor>, Option<i32>) {
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
    let mut dates = Vec::new();
    let mut years = Vec::new();
    for source in
        std::iter::once(doc.text.as_str()).chain(doc.captions.iter().map(|c| c.text.as_str()))
    {
        let (d, y) = explicit_dates(source, lang);
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
    let lang = doc
        .language
        .as_ref()
        .map(|f| f.value.clone())
        .unwrap_or_default();
    let (anchor, year_hint) = infer_anchor(doc, &lang);
    doc.times = find_with_hint(&doc.text, anchor, year_hint, &lang);
}

#[cfg(test)]
mod tests;
