//! Quotes and their speakers.
//!
//! Direct quotes come from quote-mark pairs and dash dialogue ([`marks`]); each is attributed
//! from a verb of speech right after it (`« … », a ajouté Marchal`, `"…," he said`) or
//! before it in the same sentence (`Roux a déclaré qu'il était possible « … »`), see
//! `direct.rs`. Reported speech (`X a affirmé que …`, `…, a ajouté X.`, `selon X, …`,
//! `Reyes said the budget was balanced`) is recorded with `direct: false`, see `reported.rs`.
//!
//! Which of several names speaks is decided by clause structure, not by distance: the subject
//! of the verb of speech, past relative clauses and appositions, never a name inside the quote
//! (`clause.rs`, `speaker.rs`). A pronoun or an inverted verb (`a-t-il déclaré`, `sagte er`,
//! `añadió.`) resolves to the last speaker; a singular personal pronoun to the last one named
//! like a person (or, before any person has spoken, to the last person named as a sentence's
//! subject); a plural pronoun never to one named person.
//!
//! Verbs of speech and cues are word lists per language (`data/quotes/*.txt`, fr, en, de, es,
//! described in `data/quotes/README.md`). [`extract`] then links speakers to the document's
//! person and organisation entities (`link.rs`), through `Document::entities` only.
//! Out of scope: quoted words with no verb of speech or cue, a cue in the middle of a sentence
//! (`qui, selon lui, cherche`), possessive sources (`selon son communiqué`), gender agreement of
//! pronouns, nested quotes, free indirect speech.

pub mod marks;

mod clause;
mod direct;
mod link;
mod reader;
mod reported;
mod speaker;

use veille_model::{CharOffsets, Document, Quote, Span};

use crate::time::lexicon::{self};
use reader::Reader;
use speaker::Speaker;

/// A verb of speech and who it points at.
#[derive(Debug, Clone)]
struct Attribution {
    speaker: Speaker,
    verb: String,
}

/// A quote found, before its speaker is resolved.
struct Found {
    start: usize,
    end: usize,
    direct: bool,
    attribution: Option<Attribution>,
}

/// A speaker named in the text: words and character span.
type Named = (String, Span);

/// Finds direct and reported quotes in `text` (language code `lang`, guessed when unsupported).
pub fn find(text: &str, lang: &str) -> Vec<Quote> {
    let lang = lexicon::supported(lang).unwrap_or_else(|| lexicon::guess_language(text));
    let reader = Reader {
        text,
        tokens: lexicon::tokenize(text),
        lexicon: lexicon::for_language(lang),
    };
    let direct = marks::find_quoted(text);
    let mut found: Vec<Found> = direct
        .iter()
        .flat_map(|quoted| {
            let parts = if quoted.dash {
                reader.dash_incise(*quoted)
            } else {
                // An unclosed quote may hold its own incise: `"… will benefit, he said.`
                let inner = (!quoted.closed)
                    .then(|| reader.dash_incise(*quoted))
                    .filter(|parts| parts.first().is_some_and(|part| part.2.is_some()));
                inner.unwrap_or_else(|| {
                    let attribution = reader.attribute_direct(*quoted, &direct);
                    vec![(quoted.start, quoted.end, attribution)]
                })
            };
            parts.into_iter().map(|(start, end, attribution)| Found {
                start,
                end,
                direct: true,
                attribution,
            })
        })
        .collect();
    found.extend(reader.reported(&direct).into_iter().map(|r| Found {
        start: r.start,
        end: r.end,
        direct: false,
        attribution: Some(r.attribution),
    }));
    found.sort_by_key(|f| (f.start, !f.direct));
    share_coordinated_attributions(text, &reader, &mut found);
    let subjects = reader.person_subjects(&direct);
    resolve(text, found, &subjects)
}

/// `« A » et « B », alerte X`: a direct quote with no verb of its own, joined to the next one by
/// a coordinator alone, shares that quote's attribution.
fn share_coordinated_attributions(text: &str, reader: &Reader, found: &mut [Found]) {
    let direct: Vec<usize> = (0..found.len()).filter(|&i| found[i].direct).collect();
    for pair in direct.windows(2).rev() {
        let (first, second) = (pair[0], pair[1]);
        if found[first].attribution.is_some() || found[second].attribution.is_none() {
            continue;
        }
        let Some(gap) = text.get(found[first].end..found[second].start) else {
            continue;
        };
        let words: Vec<&str> = gap
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let joined =
            matches!(words.as_slice(), [word] if reader.has("coordinator", &word.to_lowercase()));
        if joined && !gap.contains('\n') {
            found[first].attribution = found[second].attribution.clone();
        }
    }
}

/// Gives each quote its speaker, in text order, resolving pronouns to the last speaker. When
/// no person has spoken yet, a person pronoun takes the last person named as the subject of a
/// sentence (`subjects`, byte ranges in text order): "Ana Gil a quitté la salle. « … », a-t-elle dit."
fn resolve(text: &str, found: Vec<Found>, subjects: &[(usize, usize)]) -> Vec<Quote> {
    let offsets = CharOffsets::new(text);
    let last_subject_before = |byte: usize| -> Option<Named> {
        let before = subjects.partition_point(|(start, _)| *start < byte);
        let (start, end) = *subjects.get(before.checked_sub(1)?)?;
        let words = text.get(start..end)?.to_string();
        Some((words, offsets.span(start..end)))
    };
    let mut last_speaker: Option<Named> = None;
    let mut last_person: Option<Named> = None;
    // Whether the last speaker was named like a person.
    let mut last_was_person = false;
    // End of the last direct quote and its speaker.
    let mut previous_direct: Option<(usize, Option<Named>)> = None;
    let mut quotes = Vec::new();
    for item in found {
        let (speaker, verb) = match item.attribution {
            Some(Attribution {
                speaker: Speaker::Named { text, span, proper },
                verb,
            }) => {
                let named = (text, offsets.span(span.0..span.1));
                last_speaker = Some(named.clone());
                last_was_person = proper;
                if proper {
                    last_person = Some(named.clone());
                }
                (Some(named), Some(verb))
            }
            Some(Attribution {
                speaker: Speaker::Pronoun { person, plural },
                verb,
            }) => {
                let resolved = if person {
                    last_person
                        .clone()
                        .or_else(|| last_subject_before(item.start))
                        .or_else(|| last_speaker.clone())
                } else if plural {
                    // "ont-ils affirmé" never stands for one named person.
                    last_speaker.clone().filter(|_| !last_was_person)
                } else {
                    last_speaker.clone()
                };
                (resolved, Some(verb))
            }
            Some(Attribution {
                speaker: Speaker::Unknown,
                verb,
            }) => (None, Some(verb)),
            // A quote right after another one in the same paragraph, with no verb of its own,
            // goes on with the same speaker.
            None if item.direct
                && previous_direct.as_ref().is_some_and(|(end, _)| {
                    text.get(*end..item.start)
                        .is_some_and(|gap| !gap.contains('\n'))
                }) =>
            {
                (
                    previous_direct
                        .as_ref()
                        .and_then(|(_, speaker)| speaker.clone()),
                    None,
                )
            }
            None => (None, None),
        };
        if item.direct {
            previous_direct = Some((item.end, speaker.clone()));
        }
        let words = text.get(item.start..item.end).unwrap_or("").to_string();
        // A part cut before its incise may hold no words at all ("“, sagt er. …").
        if !words.chars().any(char::is_alphabetic) {
            continue;
        }
        // Two-word scare quotes without a verb of speech are titles or terms, not statements.
        if item.direct && verb.is_none() && words.split_whitespace().count() < 3 {
            continue;
        }
        quotes.push(Quote {
            text: words,
            span: offsets.span(item.start..item.end),
            direct: item.direct,
            speaker: speaker.as_ref().map(|(name, _)| name.clone()),
            speaker_id: None,
            speaker_span: speaker.map(|(_, span)| span),
            verb,
        });
    }
    quotes
}

/// Fills `doc.quotes`, linking speakers to the document's person and organisation entities.
pub fn extract(doc: &mut Document) {
    let lang = doc
        .language
        .as_ref()
        .map(|f| f.value.clone())
        .unwrap_or_default();
    let mut quotes = find(&doc.text, &lang);
    link::link_speakers(&doc.entities, &mut quotes);
    doc.quotes = quotes;
}

#[cfg(test)]
mod tests;
