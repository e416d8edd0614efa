//! Who speaks a direct quote: a verb of speech right after it (`« … », a ajouté X`,
//! `"…," Smith said`), else one before it in the same sentence (`X a déclaré : « … »`,
//! `Selon X, « … »`). Dash dialogue carries its attribution inside the paragraph
//! (`— Nous partirons, dit-elle.`, `—No —dijo Luis—.`): the quote stops where it starts.

use super::marks::{holding, Quoted};
use super::reader::{ends_sentence, is_capitalised, is_dash, is_quote_mark, Reader, Verb};
use super::speaker::Speaker;
use super::Attribution;
use crate::time::lexicon::TokenKind;

/// How many tokens after a closing mark a verb of speech may sit (a subject may come first).
const AFTER_WINDOW: usize = 6;
/// How many tokens before an opening mark a verb of speech may sit.
const BEFORE_WINDOW: usize = 40;

impl Reader<'_> {
    /// The verb of speech that covers token `at`, starting at it or a few tokens before
    /// (`a` `déclaré`, `a` `ensuite` `expliqué`).
    pub fn verb_covering(&self, at: usize) -> Option<Verb> {
        (at.saturating_sub(4)..=at)
            .filter_map(|start| self.verb_at(start))
            .find(|verb| verb.end > at)
    }

    /// The speaker of a verb placed before its subject, or with its pronoun glued on.
    pub fn verb_first_speaker(&self, verb: Verb) -> Speaker {
        if verb.inverted {
            let pronoun = (verb.at..verb.end).rev().find(|&i| self.is_pronoun(i));
            return pronoun.map_or(
                Speaker::Pronoun {
                    person: false,
                    plural: false,
                },
                |i| self.pronoun(i),
            );
        }
        self.phrase_after(verb.end)
    }

    /// An attribution for `verb` with the speaker `speaker`.
    pub fn attribution(&self, verb: Verb, speaker: Speaker) -> Attribution {
        Attribution {
            speaker,
            verb: self.words(verb.at, verb.end),
        }
    }

    /// Whether the words after an attribution cue name rules rather than a source
    /// ("selon les consignes").
    pub fn cue_names_no_source(&self, from: usize) -> bool {
        let mut at = from;
        while self.is(at, "determiner") {
            at += 1;
        }
        self.is(at, "not_a_source")
    }

    /// The speaker of a direct quote.
    pub fn attribute_direct(&self, quoted: Quoted, direct: &[Quoted]) -> Option<Attribution> {
        if let Some(found) = self.attribution_after(quoted) {
            return Some(found);
        }
        self.attribution_before(quoted, direct)
            .or_else(|| self.attribution_closing_sentence(quoted))
    }

    /// `Tant que les « … », les digues tiendront, a déclaré Roux.`: an incise that
    /// closes the sentence holding a quoted phrase names its speaker.
    fn attribution_closing_sentence(&self, quoted: Quoted) -> Option<Attribution> {
        let after = self.first_token_at_or_after(quoted.end);
        // Only a closed quote in the middle of its sentence and paragraph.
        let next_start = self.tokens.get(after)?.start;
        let same_paragraph = self
            .text
            .get(quoted.end.min(next_start)..next_start)
            .is_some_and(|gap| !gap.contains('\n'));
        if !quoted.closed || !same_paragraph {
            return None;
        }
        let end = self.sentence_end(after);
        (after..end)
            .filter(|&i| self.is_word(i, ",") || self.verb_at(i).is_some())
            .find_map(|i| {
                let verb = self.verb_at(if self.is_word(i, ",") { i + 1 } else { i })?;
                self.incise(verb).map(|reported| reported.attribution)
            })
    }

    /// `« … », a ajouté X`, `"…," Smith said`, `„…“, sagte er`.
    fn attribution_after(&self, quoted: Quoted) -> Option<Attribution> {
        let after = self.first_token_at_or_after(quoted.end);
        let mut at = after;
        while self
            .tokens
            .get(at)
            .is_some_and(|t| t.kind == TokenKind::Punct && !ends_sentence(t) && !is_dash(t))
        {
            at += 1;
        }
        if !quoted.closed && at == after {
            return None;
        }
        // The attribution sits in the same paragraph as the quote.
        let next_start = self.tokens.get(at)?.start;
        if self
            .text
            .get(quoted.end.min(next_start)..next_start)
            .is_some_and(|gap| gap.contains('\n'))
        {
            return None;
        }
        for position in at..at + AFTER_WINDOW {
            let token = self.tokens.get(position)?;
            if (ends_sentence(token) && !self.is_abbreviation_dot(position))
                || is_quote_mark(token)
                || (position > at && self.breaks_before(position))
            {
                return None;
            }
            if position > at
                && token.kind == TokenKind::Punct
                && !matches!(token.lower.as_str(), "-" | "'")
                && !self.is_abbreviation_dot(position)
            {
                return None;
            }
            // "« … », selon l'étude", "“…,” according to the police".
            if position == at {
                if let Some(hit) = self.lexicon.at(&self.tokens, position, "according_to") {
                    let speaker = self.incise_subject(position + hit.len);
                    if !matches!(speaker, Speaker::Unknown) {
                        return Some(Attribution {
                            speaker,
                            verb: self.words(position, position + hit.len),
                        });
                    }
                }
            }
            let Some(verb) = self.verb_at(position) else {
                continue;
            };
            if verb.inverted || position == at {
                return Some(self.attribution(verb, self.verb_first_speaker(verb)));
            }
            // "…", Smith said / he then said / the agency's spokesman said.
            let mut subject_end = position;
            while subject_end > at && self.is(subject_end - 1, "gap_word") {
                subject_end -= 1;
            }
            let speaker = if subject_end == at {
                // `wie die „…“ weiter berichtete`: no subject between the quote and the verb.
                Speaker::Unknown
            } else if self.is_pronoun(subject_end - 1) {
                self.pronoun(subject_end - 1)
            } else {
                match self.phrase_ending(subject_end) {
                    Speaker::Unknown => self.named(at, subject_end, false),
                    found => found,
                }
            };
            return Some(self.attribution(verb, speaker));
        }
        None
    }

    /// `X a déclaré : « … »`, `Selon X, « … »`, `Roux a déclaré qu'il était possible « … »`.
    fn attribution_before(&self, quoted: Quoted, direct: &[Quoted]) -> Option<Attribution> {
        let first = self.first_token_at_or_after(quoted.start);
        let stop = self.sentence_start(first);
        let in_other_quote =
            |byte: usize| holding(direct, byte).is_some_and(|q| q.start != quoted.start);
        let mut position = first.saturating_sub(1);
        while position > stop && first - position < BEFORE_WINDOW {
            position -= 1;
            if in_other_quote(self.tokens[position].start) {
                continue;
            }
            if let Some(hit) = self
                .lexicon
                .at(&self.tokens, position, "according_to")
                .filter(|hit| !self.cue_names_no_source(position + hit.len))
            {
                let speaker = self.phrase_after(position + hit.len);
                if speaker.is_named() || matches!(speaker, Speaker::Pronoun { .. }) {
                    return Some(Attribution {
                        speaker,
                        verb: self.words(position, position + hit.len),
                    });
                }
            }
            let Some(verb) = self.verb_covering(position) else {
                continue;
            };
            if verb.inverted {
                return Some(self.attribution(verb, self.verb_first_speaker(verb)));
            }
            let after_comma = verb.at > 0 && self.is_word(verb.at - 1, ",");
            // An incise (", a annoncé samedi le ministère") names the speaker after the verb.
            if after_comma {
                // "The spokesman, Omar Haddad, told reporters": a name in apposition before.
                if let Some(before) = self.apposition_subject(verb.at) {
                    return Some(self.attribution(verb, before));
                }
                let after = self.incise_subject(verb.end);
                if after.is_named() {
                    return Some(self.attribution(verb, after));
                }
                if self.is(verb.at, "participle_verb") {
                    return Some(self.attribution(verb, self.participle_subject(verb.at)));
                }
            }
            // "Explicó el presidente: « … »": a verb opening its sentence has its subject after.
            let speaker = match self.subject_before(verb.at) {
                Speaker::Unknown => self.incise_subject(verb.end),
                found => found,
            };
            return Some(self.attribution(verb, speaker));
        }
        None
    }

    /// An incise starting at token `at`: a verb before its subject (`dit-elle`, `demanda Julie`)
    /// or a short subject then the verb (`she said`, `Marc Roy said`).
    fn incise_at(&self, at: usize) -> Option<(Verb, Speaker)> {
        if let Some(verb) = self.verb_at(at) {
            return Some((verb, self.verb_first_speaker(verb)));
        }
        // A subject first: the incise must end right after its verb ("…, she said.").
        let closes = |verb: &Verb| {
            self.tokens.get(verb.end).is_none_or(|t| {
                ends_sentence(t) || is_dash(t) || t.lower == "," || self.breaks_before(verb.end)
            })
        };
        if self.is_pronoun(at) {
            let verb = self.verb_at(at + 1).filter(|v| !v.inverted && closes(v))?;
            return Some((verb, self.pronoun(at)));
        }
        let mut end = at;
        while end < at + 4
            && self
                .tokens
                .get(end)
                .is_some_and(|t| is_capitalised(t, self.text))
        {
            end += 1;
        }
        let verb = self
            .verb_at(end)
            .filter(|v| !v.inverted && end > at && closes(v))?;
        match self.phrase_ending(end) {
            named @ Speaker::Named { .. } => Some((verb, named)),
            _ => None,
        }
    }

    /// The spoken parts of a dash-dialogue paragraph, in byte ranges, with the incise that
    /// names the speaker (`, dit-elle`, `? demanda Julie`, `—dijo el capitán—`): the words
    /// before the incise, and the words after it when the speech goes on
    /// (`—No vamos —dijo Luis—. Seguiremos buscando.`).
    pub fn dash_incise(&self, quoted: Quoted) -> Vec<(usize, usize, Option<Attribution>)> {
        let first = self.first_token_at_or_after(quoted.start);
        let mut position = first + 1;
        while let Some(token) = self.tokens.get(position) {
            if token.start >= quoted.end {
                break;
            }
            let previous = &self.tokens[position - 1];
            let opens_incise = matches!(previous.lower.as_str(), "," | "?" | "!" | "…" | "—" | "–");
            let incise = if opens_incise {
                self.incise_at(position)
            } else {
                None
            };
            let Some((verb, speaker)) = incise else {
                position += 1;
                continue;
            };
            let end = if matches!(previous.lower.as_str(), "," | "—" | "–") {
                previous.start
            } else {
                previous.end
            };
            let end = quoted.start
                + self
                    .text
                    .get(quoted.start..end)
                    .map_or(0, |words| words.trim_end().len());
            let incise_end = match &speaker {
                Speaker::Named { span, .. } => self.first_token_at_or_after(span.1).max(verb.end),
                _ => verb.end,
            };
            let attribution = self.attribution(verb, speaker);
            let mut parts = vec![(quoted.start, end, Some(attribution.clone()))];
            // The speech goes on after the incise's closing dash or full stop.
            let mut next = incise_end;
            while self
                .tokens
                .get(next)
                .is_some_and(|t| t.kind == TokenKind::Punct && t.start < quoted.end)
            {
                next += 1;
            }
            let rest_words = (next..self.tokens.len())
                .take_while(|&i| self.tokens[i].start < quoted.end)
                .filter(|&i| self.tokens[i].kind == TokenKind::Word)
                .count();
            if next > incise_end && rest_words >= 2 {
                if let Some(token) = self.tokens.get(next) {
                    parts.push((token.start, quoted.end, Some(attribution)));
                }
            }
            return parts;
        }
        vec![(quoted.start, quoted.end, None)]
    }
}
