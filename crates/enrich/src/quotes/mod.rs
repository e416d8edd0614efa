//! Quotes and their speakers.
//!
//! Direct quotes come from quote-mark pairs ([`marks`]); each is attributed from a verb of speech
//! right after it (`« … », a ajouté Loukachenko`, `"…," he said`) or before it in the same
//! sentence (`Poutine a déclaré qu'il était possible « … »`). A pronoun subject or an inverted
//! verb (`a-t-il déclaré`, `sagte er`) resolves to the last named speaker. Indirect speech is a
//! verb of speech followed by a complementizer (`a déclaré que…`, `said that…`); the reported
//! clause is recorded with `direct: false`.
//!
//! Verbs of speech are word lists per language (`data/quotes/*.txt`). Speakers are read from
//! capitalised words next to the verb; when entities were found before (`doc.entities`), a person
//! mention overlapping the speaker gives `speaker_id`. Out of scope: speakers named only in an
//! earlier sentence without a pronoun, nested quotes.

pub mod marks;

use veille_model::{CharOffsets, Document, EntityKind, Quote, Span};

use crate::time::lexicon::{self, Lexicon, Token, TokenKind};

/// How many tokens after a closing mark a verb of speech may sit.
const AFTER_WINDOW: usize = 4;
/// How many tokens between a verb of speech and `que`/`that`.
const COMPLEMENTIZER_WINDOW: usize = 5;

/// Finds direct and indirect quotes in `text` (language code `lang`, guessed when unsupported).
pub fn find(text: &str, lang: &str) -> Vec<Quote> {
    let lang = lexicon::supported(lang).unwrap_or_else(|| lexicon::guess_language(text));
    let reader = Reader {
        text,
        tokens: lexicon::tokenize(text),
        lexicon: lexicon::for_language(lang),
    };
    let offsets = CharOffsets::new(text);
    let mut last_speaker: Option<(String, Span)> = None;
    let mut quotes: Vec<(usize, Quote)> = Vec::new();
    // End of the last direct quote and its speaker.
    let mut previous_direct: Option<(usize, Option<(String, Span)>)> = None;
    let direct = marks::find_quoted(text);
    let mut events: Vec<(usize, Option<marks::Quoted>, Option<usize>)> =
        direct.iter().map(|q| (q.start, Some(*q), None)).collect();
    for verb_at in reader.indirect_verbs(&direct) {
        events.push((reader.tokens[verb_at].start, None, Some(verb_at)));
    }
    events.sort_by_key(|e| e.0);
    for (_, quoted, verb_at) in events {
        let (start, end, is_direct, attribution) = match (quoted, verb_at) {
            (Some(q), _) => (q.start, q.end, true, reader.attribute_direct(q)),
            (None, Some(verb)) => {
                let Some((start, end)) = reader.reported_clause(verb) else {
                    continue;
                };
                let verb_end = reader.verb_end(verb);
                (
                    start,
                    end,
                    false,
                    Some(reader.subject_before(verb, verb_end)),
                )
            }
            _ => continue,
        };
        let (speaker, verb) = match attribution {
            Some(Attribution {
                speaker: Speaker::Named(name, span),
                verb,
            }) => {
                let span = offsets.span(span.0..span.1);
                last_speaker = Some((name.clone(), span));
                (Some((name, span)), Some(verb))
            }
            Some(Attribution {
                speaker: Speaker::Pronoun,
                verb,
            }) => (last_speaker.clone(), Some(verb)),
            Some(Attribution {
                speaker: Speaker::Unknown,
                verb,
            }) => (None, Some(verb)),
            // A quote right after another one in the same paragraph, with no verb of its own,
            // goes on with the same speaker.
            None if is_direct
                && previous_direct.as_ref().is_some_and(|(end, _)| {
                    text.get(*end..start).is_some_and(|gap| !gap.contains('\n'))
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
        if is_direct {
            previous_direct = Some((end, speaker.clone()));
        }
        let words = text.get(start..end).unwrap_or("").to_string();
        // Two-word scare quotes without a verb of speech are titles or terms, not statements.
        if is_direct && verb.is_none() && words.split_whitespace().count() < 3 {
            continue;
        }
        quotes.push((
            start,
            Quote {
                text: words,
                span: offsets.span(start..end),
                direct: is_direct,
                speaker: speaker.as_ref().map(|(name, _)| name.clone()),
                speaker_id: None,
                speaker_span: speaker.map(|(_, span)| span),
                verb,
            },
        ));
    }
    quotes.into_iter().map(|(_, q)| q).collect()
}

/// Fills `doc.quotes`, linking speakers to person entities when their spans overlap.
pub fn extract(doc: &mut Document) {
    let lang = doc
        .language
        .as_ref()
        .map(|f| f.value.clone())
        .unwrap_or_default();
    let mut quotes = find(&doc.text, &lang);
    for quote in &mut quotes {
        let Some(span) = quote.speaker_span else {
            continue;
        };
        let linked = doc
            .entities
            .iter()
            .filter(|e| matches!(e.kind, EntityKind::Person | EntityKind::Organization))
            .find(|e| {
                e.mentions
                    .iter()
                    .any(|m| m.span.start < span.end && span.start < m.span.end)
            });
        if let Some(entity) = linked {
            quote.speaker_id = Some(entity.id.clone());
        }
    }
    doc.quotes = quotes;
}

enum Speaker {
    /// A name or noun phrase, with its byte range.
    Named(String, (usize, usize)),
    /// A pronoun or an inverted verb: the last named speaker.
    Pronoun,
    /// A verb without a readable subject.
    Unknown,
}

struct Attribution {
    speaker: Speaker,
    verb: String,
}

struct Reader<'a> {
    text: &'a str,
    tokens: Vec<Token>,
    lexicon: &'a Lexicon,
}

fn is_capitalised(token: &Token, text: &str) -> bool {
    token.kind == TokenKind::Word
        && text
            .get(token.start..token.end)
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase)
}

fn ends_sentence(token: &Token) -> bool {
    matches!(token.lower.as_str(), "." | "!" | "?" | "…")
}

fn is_quote_mark(token: &Token) -> bool {
    matches!(token.lower.as_str(), "«" | "»" | "“" | "”" | "„" | "\"")
}

impl Reader<'_> {
    fn first_token_at_or_after(&self, byte: usize) -> usize {
        self.tokens.partition_point(|t| t.start < byte)
    }

    fn verb_end(&self, at: usize) -> usize {
        ["inverted_verb", "speech_verb"]
            .iter()
            .find_map(|c| self.lexicon.at(&self.tokens, at, c))
            .map_or(at + 1, |hit| at + hit.len)
    }

    fn verb_text(&self, at: usize, end: usize) -> String {
        let start = self.tokens[at].start;
        let end = self.tokens[end - 1].end;
        self.text.get(start..end).unwrap_or("").to_string()
    }

    fn named(&self, from: usize, to: usize) -> Speaker {
        let start = self.tokens[from].start;
        let end = self.tokens[to - 1].end;
        match self.text.get(start..end) {
            Some(name) if !name.is_empty() => Speaker::Named(name.to_string(), (start, end)),
            _ => Speaker::Unknown,
        }
    }

    fn is_pronoun(&self, at: usize) -> bool {
        self.tokens
            .get(at)
            .is_some_and(|t| self.lexicon.has("pronoun", &t.lower))
    }

    /// The speaker of a direct quote: a verb right after it, else one before it in the sentence.
    fn attribute_direct(&self, quoted: marks::Quoted) -> Option<Attribution> {
        let after = self.first_token_at_or_after(quoted.end);
        // Skip the closing mark and punctuation.
        let mut at = after;
        while self
            .tokens
            .get(at)
            .is_some_and(|t| t.kind == TokenKind::Punct && !ends_sentence(t))
        {
            at += 1;
        }
        if quoted.closed || at > after {
            for offset in 0..AFTER_WINDOW {
                let position = at + offset;
                let Some(token) = self.tokens.get(position) else {
                    break;
                };
                // The attribution sits in the same paragraph as the quote.
                let previous_end = self
                    .tokens
                    .get(position.wrapping_sub(1))
                    .map_or(quoted.end, |t| t.end);
                let gap = self
                    .text
                    .get(previous_end.min(token.start)..token.start)
                    .unwrap_or("");
                if ends_sentence(token) || is_quote_mark(token) || gap.contains('\n') {
                    break;
                }
                if let Some(hit) = self.lexicon.at(&self.tokens, position, "inverted_verb") {
                    return Some(Attribution {
                        speaker: Speaker::Pronoun,
                        verb: self.verb_text(position, position + hit.len),
                    });
                }
                if let Some(hit) = self.lexicon.at(&self.tokens, position, "speech_verb") {
                    let verb_end = position + hit.len;
                    let verb = self.verb_text(position, verb_end);
                    // "…", Smith said / he said.
                    if position > at {
                        if self.is_pronoun(position - 1) {
                            return Some(Attribution {
                                speaker: Speaker::Pronoun,
                                verb,
                            });
                        }
                        return Some(Attribution {
                            speaker: self.named(at, position),
                            verb,
                        });
                    }
                    // "…", a déclaré X / said X.
                    if self.is_pronoun(verb_end) {
                        return Some(Attribution {
                            speaker: Speaker::Pronoun,
                            verb,
                        });
                    }
                    return Some(Attribution {
                        speaker: self.phrase_after(verb_end),
                        verb,
                    });
                }
            }
        }
        // A verb of speech earlier in the sentence: "X a déclaré : « … »".
        let before = self.first_token_at_or_after(quoted.start).saturating_sub(1);
        let mut position = before;
        let mut steps = 0;
        while position > 0 && steps < 30 {
            position -= 1;
            steps += 1;
            let token = &self.tokens[position];
            if ends_sentence(token)
                || self
                    .text
                    .get(token.end..self.tokens[position + 1].start)
                    .is_some_and(|g| g.contains('\n'))
            {
                break;
            }
            if let Some(hit) = self.lexicon.at(&self.tokens, position, "speech_verb") {
                let verb_end = position + hit.len;
                let verb = self.verb_text(position, verb_end);
                // An incise (", a annoncé samedi le ministère") names the speaker after the verb.
                if position > 0 && self.tokens[position - 1].lower == "," {
                    if let speaker @ Speaker::Named(..) = self.phrase_after(verb_end) {
                        return Some(Attribution { speaker, verb });
                    }
                }
                return Some(Attribution {
                    speaker: self.subject_before(position, verb_end).speaker,
                    verb,
                });
            }
        }
        None
    }

    /// The noun phrase after a verb: the last capitalised run, or the whole phrase for bodies
    /// named by common nouns (`le bureau présidentiel`).
    fn phrase_after(&self, from: usize) -> Speaker {
        // "a annoncé samedi le ministère": skip the day.
        let mut from = from;
        while self.tokens.get(from).is_some_and(|t| {
            self.lexicon.has("weekday", &t.lower) || self.lexicon.has("relday", &t.lower)
        }) {
            from += 1;
        }
        let mut end = from;
        while let Some(token) = self.tokens.get(end) {
            let stop = (token.kind == TokenKind::Punct && token.lower != "-")
                || self.lexicon.has("clause_stop", &token.lower)
                || end - from >= 10;
            if stop {
                break;
            }
            end += 1;
        }
        if end == from {
            return Speaker::Unknown;
        }
        let mut best: Option<(usize, usize)> = None;
        let mut index = from;
        while index < end {
            if is_capitalised(&self.tokens[index], self.text) {
                let run_start = index;
                while index < end
                    && (is_capitalised(&self.tokens[index], self.text)
                        || self.tokens[index].lower == "-")
                {
                    index += 1;
                }
                best = Some((run_start, index));
            } else {
                index += 1;
            }
        }
        match best {
            Some((run_start, run_end)) => {
                let after_of = run_start > from
                    && matches!(
                        self.tokens[run_start - 1].lower.as_str(),
                        "de" | "du" | "des" | "d'" | "of" | "la" | "le" | "l'" | "the"
                    );
                if after_of {
                    self.named(from, end)
                } else {
                    self.named(run_start, run_end)
                }
            }
            None => self.named(from, end),
        }
    }

    /// The subject before a verb: a capitalised run (skipping commas and a few adverbs), a
    /// pronoun, or a short noun phrase back to its determiner.
    fn subject_before(&self, verb: usize, verb_end: usize) -> Attribution {
        let verb_text = self.verb_text(verb, verb_end);
        let mut at = verb;
        while at > 0
            && (self.tokens[at - 1].lower == ","
                || self.lexicon.has("gap_word", &self.tokens[at - 1].lower))
        {
            at -= 1;
        }
        if at == 0 {
            return Attribution {
                speaker: Speaker::Unknown,
                verb: verb_text,
            };
        }
        if self.is_pronoun(at - 1) {
            return Attribution {
                speaker: Speaker::Pronoun,
                verb: verb_text,
            };
        }
        let run_end = at;
        let mut run_start = at;
        while run_start > 0
            && (is_capitalised(&self.tokens[run_start - 1], self.text)
                || (self.tokens[run_start - 1].lower == "-" && run_start >= 2))
        {
            run_start -= 1;
        }
        // Skip a sentence-initial determiner caught in the run ("Le", "The").
        while run_start < run_end
            && self
                .lexicon
                .has("speaker_stop", &self.tokens[run_start].lower)
        {
            run_start += 1;
        }
        if run_start < run_end {
            // "le ministère biélorusse de la Défense": a name inside a noun phrase names a body.
            let mut of_at = run_start;
            while of_at > 0
                && matches!(
                    self.tokens[of_at - 1].lower.as_str(),
                    "la" | "l'" | "le" | "les" | "the"
                )
            {
                of_at -= 1;
            }
            if of_at > 0
                && matches!(
                    self.tokens[of_at - 1].lower.as_str(),
                    "de" | "du" | "des" | "d'" | "of"
                )
            {
                let mut start = of_at - 1;
                while start > 0
                    && run_start - start < 10
                    && self.tokens[start - 1].kind == TokenKind::Word
                {
                    start -= 1;
                    if self.lexicon.has("article", &self.tokens[start].lower) {
                        return Attribution {
                            speaker: self.named(start, run_end),
                            verb: verb_text,
                        };
                    }
                }
            }
            return Attribution {
                speaker: self.named(run_start, run_end),
                verb: verb_text,
            };
        }
        // "la police a indiqué": back to the determiner.
        let mut start = at;
        while start > 0 && at - start < 6 && self.tokens[start - 1].kind == TokenKind::Word {
            start -= 1;
            if self.lexicon.has("article", &self.tokens[start].lower) {
                return Attribution {
                    speaker: self.named(start, at),
                    verb: verb_text,
                };
            }
        }
        Attribution {
            speaker: Speaker::Unknown,
            verb: verb_text,
        }
    }

    /// Verbs of speech followed by a complementizer, outside direct quotes.
    fn indirect_verbs(&self, direct: &[marks::Quoted]) -> Vec<usize> {
        let inside = |byte: usize| direct.iter().any(|q| q.start <= byte && byte < q.end);
        let mut found = Vec::new();
        let mut at = 0;
        while at < self.tokens.len() {
            let Some(hit) = self.lexicon.at(&self.tokens, at, "speech_verb") else {
                at += 1;
                continue;
            };
            let verb_end = at + hit.len;
            if !inside(self.tokens[at].start) {
                let complementizer = (verb_end..verb_end + COMPLEMENTIZER_WINDOW)
                    .take_while(|&i| {
                        self.tokens
                            .get(i)
                            .is_some_and(|t| t.kind != TokenKind::Punct || t.lower == ",")
                    })
                    .find(|&i| self.lexicon.has("complementizer", &self.tokens[i].lower));
                if complementizer.is_some() {
                    found.push(at);
                }
            }
            at = verb_end;
        }
        found
    }

    /// The clause after the complementizer of the verb at `verb`, to the end of the sentence.
    fn reported_clause(&self, verb: usize) -> Option<(usize, usize)> {
        let verb_end = self.verb_end(verb);
        let complementizer = (verb_end..verb_end + COMPLEMENTIZER_WINDOW).find(|&i| {
            self.tokens
                .get(i)
                .is_some_and(|t| self.lexicon.has("complementizer", &t.lower))
        })?;
        let first = complementizer + 1;
        let start = self.tokens.get(first)?.start;
        let mut last = first;
        while let Some(token) = self.tokens.get(last + 1) {
            let gap = self
                .text
                .get(self.tokens[last].end..token.start)
                .unwrap_or("");
            if ends_sentence(&self.tokens[last]) || gap.contains('\n') {
                break;
            }
            last += 1;
        }
        let mut end = self.tokens[last].end;
        if ends_sentence(&self.tokens[last]) && last > first {
            end = self.tokens[last - 1].end;
        }
        (end > start).then_some((start, end))
    }
}

#[cfg(test)]
mod tests;
