//! Reported speech: what someone said without quote marks, kept with `direct: false`.
//!
//! Four shapes, all read within one sentence:
//! * a verb of speech and a complementizer: `X a affirmé que …`, `X said that …`,
//!   `X sagte, dass …`, `X dijo que …`;
//! * a verb whose clause needs no complementizer: `Reyes said the budget was balanced`,
//!   `Lang sagte, die Schulen blieben offen`;
//! * an incise closing the sentence: `…, a ajouté Marchal.`, `…, the agency said.`,
//!   `…, sagte ein Sprecher.`, `…, informó el ayuntamiento.`;
//! * an attribution cue: `Selon X, …`, `…, according to X.`, `Laut Polizei …`, `Según X, …`.
//!
//! The reported clause stops at the end of the sentence, or before a new clause with its own
//! subject (`, tandis que …`, `; …`) or an incise.

use super::marks::{holding, overlapping, Quoted};
use super::reader::{is_capitalised, is_quote_mark, Reader, Verb};
use super::speaker::Speaker;
use super::Attribution;
use crate::time::lexicon::TokenKind;

/// How many tokens may sit between a verb of speech and its complementizer
/// (`a averti à plusieurs reprises ces derniers jours que`).
const COMPLEMENTIZER_WINDOW: usize = 7;
/// How many tokens of adjuncts may follow an incise's speaker (`dans un communiqué`).
const INCISE_TAIL: usize = 8;
/// Fewest words a reported clause holds.
const MIN_CLAUSE_WORDS: usize = 3;

/// One piece of reported speech, in byte offsets.
pub(super) struct Reported {
    /// First byte of the reported clause.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// Who reported it, and with which words.
    pub attribution: Attribution,
}

impl Reader<'_> {
    /// Every piece of reported speech outside the direct quotes `direct`.
    pub fn reported(&self, direct: &[Quoted]) -> Vec<Reported> {
        let inside = |byte: usize| holding(direct, byte).is_some();
        let overlaps = |start: usize, end: usize| overlapping(direct, start, end);
        let mut found: Vec<Reported> = Vec::new();
        let mut at = 0;
        while at < self.tokens.len() {
            if inside(self.tokens[at].start) {
                at += 1;
                continue;
            }
            if let Some(reported) = self.according_to_at(at) {
                if !overlaps(reported.start, reported.end) {
                    found.push(reported);
                }
            }
            let Some(verb) = self.verb_at(at) else {
                at += 1;
                continue;
            };
            let reported = self
                .with_complementizer(verb)
                .or_else(|| self.bare_clause(verb))
                .or_else(|| self.incise(verb).filter(|r| !inside(r.start)));
            found.extend(reported);
            at = verb.end.max(at + 1);
        }
        let mut seen = Vec::new();
        found.retain(|r| {
            let fresh = !seen.contains(&(r.start, r.end));
            seen.push((r.start, r.end));
            fresh
        });
        found
    }

    /// One past the last token of a reported clause starting at token `first`.
    fn clause_end(&self, first: usize) -> usize {
        let end = self.sentence_end(first);
        for index in first + 1..end {
            if self.is_word(index, ";") {
                return index;
            }
            if self.is_word(index, ",") {
                let next = index + 1;
                let new_clause = self
                    .lexicon
                    .at(&self.tokens, next, "clause_break")
                    .is_some()
                    || self
                        .lexicon
                        .at(&self.tokens, next, "according_to")
                        .is_some()
                    || self.verb_at(next).is_some();
                if new_clause {
                    return index;
                }
            }
        }
        end
    }

    /// The clause from token `first` as a piece of reported speech, when long enough.
    fn clause(&self, first: usize, end: usize, attribution: Attribution) -> Option<Reported> {
        let words = (first..end)
            .filter(|&i| self.tokens[i].kind == TokenKind::Word)
            .count();
        if words < MIN_CLAUSE_WORDS {
            return None;
        }
        let (start, end) = self.slice(first, end)?;
        Some(Reported {
            start,
            end,
            attribution,
        })
    }

    /// The speaker of a verb that comes before its clause.
    fn speaker_of(&self, verb: Verb) -> Speaker {
        if verb.inverted {
            return self.verb_first_speaker(verb);
        }
        if self.is(verb.at, "participle_verb") {
            // "…, Albert Roy, tout en assurant que": the gerund's markers stand before it.
            let mut at = verb.at;
            while at > 0 && self.is(at - 1, "gerund_marker") {
                at -= 1;
            }
            if at > 0 && self.is_word(at - 1, ",") {
                return self.participle_subject(at);
            }
        }
        match self.subject_before(verb.at) {
            // "afirmó el ministro que …": the subject after the verb.
            Speaker::Unknown => match self.phrase_after(verb.end) {
                named @ Speaker::Named { .. } => named,
                _ => Speaker::Unknown,
            },
            found => found,
        }
    }

    /// `X a affirmé que …`, `X said that …`, `X sagte, dass …`.
    fn with_complementizer(&self, verb: Verb) -> Option<Reported> {
        // A comma may only sit right after the verb ("sagte, dass") or right before the
        // complementizer ("a dit, lundi, que"); "après que", "so that" are conjunctions.
        let complementizer = (verb.end..verb.end + COMPLEMENTIZER_WINDOW)
            .take_while(|&i| {
                self.tokens.get(i).is_some_and(|t| match t.lower.as_str() {
                    "," => i == verb.end || self.is(i + 1, "complementizer"),
                    "-" | "'" => true,
                    _ => t.kind != TokenKind::Punct,
                })
            })
            .find(|&i| self.is(i, "complementizer"))?;
        if complementizer > 0 && self.is(complementizer - 1, "conjunction_head") {
            return None;
        }
        let first = complementizer + 1;
        let end = self.clause_end(first);
        let speaker = self.speaker_of(verb);
        self.clause(first, end, self.attribution(verb, speaker))
    }

    /// `Reyes said the budget was balanced`, `Lang sagte, die Schulen blieben offen`.
    fn bare_clause(&self, verb: Verb) -> Option<Reported> {
        if verb.inverted || verb.at == 0 {
            return None;
        }
        let head = &self.tokens[verb.at].lower;
        let before = &self.tokens[verb.at - 1];
        if is_quote_mark(before) {
            return None;
        }
        let mut first = verb.end;
        if self.has("bare_clause_verb", head) && verb.end == verb.at + 1 {
            // "said Monday the plan …", "said on Monday the plan …".
            if self.is_word(first, "on") && self.is(first + 1, "weekday") {
                first += 1;
            }
            while self.is(first, "weekday") || self.is(first, "relday") {
                first += 1;
            }
            let token = self.tokens.get(first)?;
            // "said profits doubled": a bare noun followed by a word may open the clause too.
            let bare_noun = token.kind == TokenKind::Word
                && !["clause_stop", "gap_word", "according_to", "complementizer"]
                    .iter()
                    .any(|c| self.is(first, c))
                && self
                    .tokens
                    .get(first + 1)
                    .is_some_and(|t| t.kind == TokenKind::Word);
            let opens =
                self.is(first, "clause_opener") || is_capitalised(token, self.text) || bare_noun;
            if !opens || self.is(first, "complementizer") && !self.is(first, "clause_opener") {
                return None;
            }
            // ", said the agency." is an incise; "Haddad, the spokesman, said the talks …" is not.
            if before.lower == "," {
                let start = self.sentence_start(verb.at);
                let earlier_comma = (start..verb.at - 1).any(|i| self.is_word(i, ","));
                if !earlier_comma {
                    return None;
                }
            }
        } else if self.has("comma_clause_verb", head) && self.is_word(verb.end, ",") {
            first = verb.end + 1;
            let token = self.tokens.get(first)?;
            let opens_other = token.kind == TokenKind::Punct
                || ["complementizer", "relative_pronoun", "coordinator"]
                    .iter()
                    .any(|c| self.is(first, c) && !self.is(first, "determiner"));
            if opens_other || before.lower == "," {
                return None;
            }
        } else {
            return None;
        }
        let speaker = self.subject_before(verb.at);
        if matches!(speaker, Speaker::Unknown) {
            return None;
        }
        let end = self.clause_end(first);
        self.clause(first, end, self.attribution(verb, speaker))
    }

    /// `…, a ajouté Marchal.`, `…, the agency said.`, `…, he added.`
    pub fn incise(&self, verb: Verb) -> Option<Reported> {
        if verb.at == 0 || self.is(verb.at, "participle_verb") {
            return None;
        }
        let next = self.tokens.get(verb.end);
        if next.is_some_and(|t| is_quote_mark(t) || t.lower == ":")
            || self.is(verb.end, "complementizer")
        {
            return None;
        }
        let (speaker, comma, tail) = if self.is_word(verb.at - 1, ",") {
            if verb.inverted {
                (self.verb_first_speaker(verb), verb.at - 1, verb.end)
            } else {
                match self.incise_subject(verb.end) {
                    named @ Speaker::Named { span, .. } => {
                        let tail = self.first_token_at_or_after(span.1);
                        (named, verb.at - 1, tail)
                    }
                    pronoun @ Speaker::Pronoun { .. } => (pronoun, verb.at - 1, verb.end),
                    // "…, the head of the dairy board, DMB, said.": the name set off before.
                    Speaker::Unknown => {
                        let named = self.apposition_subject(verb.at)?;
                        let start = self.phrase_start(&named)?;
                        if start == 0 || !self.is_word(start - 1, ",") {
                            return None;
                        }
                        (named, start - 1, verb.end)
                    }
                }
            }
        } else {
            if verb.inverted {
                return None;
            }
            let (speaker, start) = if self.is_pronoun(verb.at - 1) {
                (self.pronoun(verb.at - 1), verb.at - 1)
            } else {
                let speaker = self.phrase_ending(verb.at);
                let Speaker::Named { span, .. } = &speaker else {
                    return None;
                };
                let start = self.first_token_at_or_after(span.0);
                (speaker, start)
            };
            if start == 0 || !self.is_word(start - 1, ",") {
                return None;
            }
            (speaker, start - 1, verb.end)
        };
        let sentence_end = self.sentence_end(verb.at);
        let tail_fits = tail >= sentence_end
            || self.is_word(tail, ",")
            || (self.is(tail, "clause_stop") && sentence_end - tail <= INCISE_TAIL)
            || (self.is(tail, "weekday") && sentence_end - tail <= INCISE_TAIL);
        if !tail_fits {
            return None;
        }
        let start = self.sentence_start(comma);
        // "« … », a dit X" is a direct quote's attribution, not reported speech; a clause that
        // only holds a quoted phrase ("Tant que les « … », les digues …") is.
        if comma == 0
            || is_quote_mark(&self.tokens[comma - 1])
            || is_quote_mark(&self.tokens[start])
        {
            return None;
        }
        // "For the second quarter, Delta Foods said, its margins rose": the incise sits inside
        // the sentence after a short adverbial, and the reported clause follows it.
        let before_words = (start..comma)
            .filter(|&i| self.tokens[i].kind == TokenKind::Word)
            .count();
        let clause_follows = self.is_word(tail, ",")
            && ["clause_opener", "determiner", "pronoun"]
                .iter()
                .any(|c| self.is(tail + 1, c));
        if before_words < 5 && clause_follows {
            let end = self.clause_end(tail + 1);
            return self.clause(tail + 1, end, self.attribution(verb, speaker));
        }
        self.clause(start, comma, self.attribution(verb, speaker))
    }

    /// `Selon X, …`, `…, selon X.`, `Laut Polizei wurden …`, `Según X, …`.
    fn according_to_at(&self, at: usize) -> Option<Reported> {
        let hit = self.lexicon.at(&self.tokens, at, "according_to")?;
        let cue_end = at + hit.len;
        let cue = self.words(at, cue_end);
        // "selon laquelle", "según la cual", "according to which" are no attributions.
        let mut after = cue_end;
        while self.is(after, "determiner") && !self.is(after, "relative_pronoun") {
            after += 1;
        }
        if self.is(after, "relative_pronoun") && !self.is(cue_end, "pronoun") {
            return None;
        }
        // "selon les consignes", "según las normas": following rules, not someone's words.
        if self.is(after, "not_a_source") {
            return None;
        }
        let sentence_start = self.sentence_start(at);
        let opens_sentence =
            at == sentence_start || (self.is_word(at - 1, ",") && at - 1 - sentence_start <= 2);
        let closes_only = self.has("according_to_after", &self.tokens[at].lower);
        let attribution = |speaker: Speaker| Attribution {
            speaker,
            verb: cue.clone(),
        };
        if opens_sentence && !closes_only {
            let sentence_end = self.sentence_end(at);
            let comma = (cue_end..sentence_end.min(cue_end + 12)).find(|&i| self.is_word(i, ","));
            if let Some(comma) = comma {
                let speaker = self.phrase_after(cue_end);
                let fits = match &speaker {
                    Speaker::Named { span, .. } => span.1 <= self.tokens[comma].start,
                    Speaker::Pronoun { .. } => true,
                    Speaker::Unknown => false,
                };
                if fits {
                    let end = self.clause_end(comma + 1);
                    return self.clause(comma + 1, end, attribution(speaker));
                }
            }
            if self
                .lexicon
                .at(&self.tokens, at, "according_to_open")
                .is_some()
            {
                let (speaker, first) = self.name_after_open_cue(cue_end)?;
                let end = self.clause_end(first);
                return self.clause(first, end, attribution(speaker));
            }
            return None;
        }
        if at > 0 && self.is_word(at - 1, ",") {
            // ", so Müller" must name someone: ", so dass …" is a conjunction.
            let speaker = if closes_only {
                self.incise_subject(cue_end)
            } else {
                self.phrase_after(cue_end)
            };
            let tail = match &speaker {
                Speaker::Named { span, .. } => self.first_token_at_or_after(span.1),
                Speaker::Pronoun { .. } => cue_end + 1,
                Speaker::Unknown => return None,
            };
            let sentence_end = self.sentence_end(at);
            let tail_fits = tail >= sentence_end
                || (self.is(tail, "clause_stop") && sentence_end - tail <= INCISE_TAIL);
            if !tail_fits {
                return None;
            }
            if (sentence_start..at).any(|i| is_quote_mark(&self.tokens[i])) {
                return None;
            }
            return self.clause(sentence_start, at - 1, attribution(speaker));
        }
        None
    }

    /// The name right after a cue that opens a sentence without a comma (`Laut Polizei
    /// wurden …`, `Laut Innenminister Paul Roth ist …`), and the first token after it.
    fn name_after_open_cue(&self, from: usize) -> Option<(Speaker, usize)> {
        let mut at = from;
        while self.is(at, "determiner") {
            at += 1;
        }
        let run_start = at;
        while at < self.tokens.len()
            && at - run_start < 8
            && is_capitalised(&self.tokens[at], self.text)
        {
            at += 1;
        }
        // "Laut einem Sprecher der Polizei": a complement in the genitive.
        if at > run_start
            && self.is(at, "of_word")
            && self
                .tokens
                .get(at + 1)
                .is_some_and(|t| is_capitalised(t, self.text))
        {
            at += 1;
            while at < self.tokens.len()
                && at - run_start < 12
                && is_capitalised(&self.tokens[at], self.text)
            {
                at += 1;
            }
        }
        if at == run_start {
            return None;
        }
        let speaker = match self.phrase_ending(at) {
            Speaker::Named { proper, .. } if proper && run_start > from => {
                self.named(from, at, false)
            }
            Speaker::Unknown => self.named(run_start, at, false),
            found => found,
        };
        Some((speaker, at))
    }
}
