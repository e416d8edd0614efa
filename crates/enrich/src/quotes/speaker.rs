//! Reading the words that name a speaker next to a verb of speech.
//!
//! A speaker is a name (a run of capitalised words, `Harris and Quill` and `Jean-Marc`
//! included, titles in front left out: "Foreign Minister Lena Ortiz" → "Lena Ortiz"), a noun
//! phrase that names a body, complements kept ("le porte-parole de l'armée", "a spokesman for
//! the ministry in Bonn"), or a pronoun. Names after the verb (`a déclaré le ministre, Paul
//! Roche`) are read by [`Reader::phrase_after`]; which of several names is the subject is
//! decided in `clause.rs`.

use super::reader::{ends_sentence, is_capitalised, is_dash, Reader};
use crate::time::lexicon::TokenKind;

/// The longest noun phrase read, in tokens.
const MAX_PHRASE: usize = 14;

/// Who a verb of speech points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Speaker {
    /// Words naming the speaker, their byte range, and whether they are a proper name.
    Named {
        text: String,
        span: (usize, usize),
        proper: bool,
    },
    /// A pronoun or an implicit subject: the last speaker (the last one named like a person
    /// when `person`; never one named like a single person when `plural`).
    Pronoun { person: bool, plural: bool },
    /// A verb without a readable subject.
    Unknown,
}

impl Speaker {
    /// Whether words were read.
    pub fn is_named(&self) -> bool {
        matches!(self, Speaker::Named { .. })
    }
}

impl Reader<'_> {
    /// Whether a token is a title written before names ("ministre", "Senator", "Innenministerin").
    pub fn is_title(&self, at: usize) -> bool {
        let Some(token) = self.tokens.get(at) else {
            return false;
        };
        if self.has("speaker_title", &token.lower) {
            return true;
        }
        // German compounds: "Innenministerin" ends with a listed title.
        let char_len = token.lower.chars().count();
        token.lower.char_indices().any(|(index, _)| {
            index > 0
                && char_len >= 6
                && self.has("title_suffix", &token.lower[index..])
                && token.lower[index..].chars().count() + 2 <= char_len
        })
    }

    /// Whether a token, at the front of a name run, is no part of the name (a determiner,
    /// a weekday, a sentence-initial adverb or preposition).
    pub fn is_run_noise(&self, at: usize) -> bool {
        if self.is_word(at, ".") {
            return true;
        }
        [
            "speaker_stop",
            "determiner",
            "clause_stop",
            "weekday",
            "relday",
            "gap_word",
            "according_to",
            "coordinator",
            "pronoun",
        ]
        .iter()
        .any(|category| self.is(at, category))
    }

    /// The start of a name run `from..to` once determiners and titles in front are left out.
    pub fn strip_front(&self, from: usize, to: usize) -> usize {
        let mut start = from;
        while start < to && self.is_run_noise(start) {
            start += 1;
        }
        if let Some(last_title) = (start..to).rev().find(|&i| self.is_title(i)) {
            if last_title + 1 < to {
                start = last_title + 1;
            }
        }
        while start < to && self.is_run_noise(start) {
            start += 1;
        }
        start
    }

    /// A speaker made of tokens `from..to`.
    pub fn named(&self, from: usize, to: usize, proper: bool) -> Speaker {
        match self.slice(from, to) {
            Some((start, end)) => Speaker::Named {
                text: self.words(from, to),
                span: (start, end),
                proper,
            },
            None => Speaker::Unknown,
        }
    }

    /// Whether the token at `at` continues a name run leftwards: a capitalised word, or a hyphen
    /// between two of them ("Jean-Marc").
    pub fn in_name_run(&self, at: usize) -> bool {
        let Some(token) = self.tokens.get(at) else {
            return false;
        };
        let capitalised = |i: usize| {
            self.tokens
                .get(i)
                .is_some_and(|t| is_capitalised(t, self.text))
        };
        let glued = |a: usize, b: usize| match (self.tokens.get(a), self.tokens.get(b)) {
            (Some(left), Some(right)) => left.end == right.start,
            _ => false,
        };
        match token.lower.as_str() {
            _ if capitalised(at) => true,
            // "Jean-Marc", "S&P".
            "-" | "&" => at > 0 && capitalised(at - 1) && capitalised(at + 1),
            // "J. Okafor", "St. Clair", "U.S. Navy": the dot of an initial or of a
            // shortened name (a title's dot, "Mr.", is left out with the title).
            "." => {
                at > 0
                    && self.is_abbreviation_dot(at)
                    && !self.is_title(at - 1)
                    && (self.tokens[at - 1].lower.chars().count() == 1
                        || self.is(at - 1, "name_abbreviation"))
            }
            // "Harris and Quill", "Roux et Marchal": one name or joint speakers.
            _ if self.is(at, "coordinator") => at > 0 && capitalised(at - 1) && capitalised(at + 1),
            // "Poor's Corp": a possessive inside a name.
            "'" => at > 0 && capitalised(at - 1) && self.is_word(at + 1, "s") && glued(at, at + 1),
            "s" => at > 1 && self.is_word(at - 1, "'") && glued(at - 1, at) && capitalised(at - 2),
            _ => false,
        }
    }

    /// The start of a name that goes on leftwards over "of" ("Bank of America", "Ministère de
    /// la Défense") from the run starting at `start`.
    fn extend_over_of(&self, start: usize) -> usize {
        let mut start = start;
        for _ in 0..3 {
            let Some(of_at) = self.after_of_word(start) else {
                break;
            };
            if of_at == 0 || !self.in_name_run(of_at - 1) || self.breaks_before(of_at) {
                break;
            }
            let mut head = of_at - 1;
            while head > 0 && of_at - head < MAX_PHRASE && self.in_name_run(head - 1) {
                head -= 1;
            }
            // "Bank of America", "National Association of Manufacturers" are one name;
            // "Tiago Ramos of the National Union" is a person and where he works.
            let one_name =
                of_at - head == 1 || (head..of_at).any(|i| self.is(i, "organisation_head"));
            if !one_name {
                break;
            }
            // A sentence-initial determiner alone ("Le de …") is no head.
            if self.strip_front(head, of_at) >= of_at {
                break;
            }
            start = head;
        }
        start
    }

    /// Whether the words before token `at` (determiners skipped) end with "de", "of", "der"…
    pub fn after_of_word(&self, at: usize) -> Option<usize> {
        let mut before = at;
        while before > 0 && self.is(before - 1, "determiner") && !self.is(before - 1, "of_word") {
            before -= 1;
        }
        (before > 0 && self.links_back(before - 1)).then(|| before - 1)
    }

    /// Whether the token at `at` joins a head noun to a complement when a phrase is read
    /// backwards ("de", "of", and "in"/"for" in "a spokesman for the ministry in Bonn").
    fn links_back(&self, at: usize) -> bool {
        self.is(at, "of_word") || self.is(at, "link_back")
    }

    /// A common noun phrase ending before token `end`, back to its determiner, over
    /// complements ("le porte-parole de l'armée"); its first token.
    fn common_phrase_start(&self, end: usize) -> Option<usize> {
        let mut at = end;
        while at > 0 && end - at < MAX_PHRASE {
            let token = &self.tokens[at - 1];
            // Words, hyphens, possessives and numbers ("el artículo 205").
            let inside =
                token.kind != TokenKind::Punct || matches!(token.lower.as_str(), "-" | "'");
            if !inside || self.breaks_before(at) && at != end {
                // "Officials in Kyiv said": a phrase opening the sentence has no determiner.
                return self.opens_sentence_phrase(at, end);
            }
            at -= 1;
            // "face au cousin": a preposition fused with the article bounds the phrase.
            if self.is(at, "phrase_boundary") {
                return (at + 1 < end).then_some(at + 1);
            }
            if self.is(at, "determiner") && !self.is(at, "of_word") {
                // "de l'armée": go on to the head noun.
                if at > 0 && self.links_back(at - 1) {
                    at -= 1;
                    continue;
                }
                return Some(at);
            }
        }
        if at == 0 {
            return self.opens_sentence_phrase(at, end);
        }
        None
    }

    /// `Some(at)` when token `at` opens its sentence with a capital and the phrase `at..end`
    /// is not empty.
    fn opens_sentence_phrase(&self, at: usize, end: usize) -> Option<usize> {
        let opens = at == 0 || self.breaks_before(at) || self.closes_sentence(at - 1);
        let capital = self
            .tokens
            .get(at)
            .is_some_and(|t| is_capitalised(t, self.text));
        (opens && capital && at < end).then_some(at)
    }

    /// A person's name (two capitalised words or more, titles left out, no organisation word)
    /// ending right before the "of" at `of_at`.
    fn person_before(&self, of_at: usize) -> Option<Speaker> {
        let end = of_at;
        let mut start = end;
        while start > 0 && end - start < 6 && self.in_name_run(start - 1) {
            if self.breaks_before(start) && start != end {
                break;
            }
            start -= 1;
        }
        let name_start = self.strip_front(start, end);
        let words = (name_start..end)
            .filter(|&i| self.tokens[i].kind == TokenKind::Word)
            .count();
        let organisation = (name_start..end).any(|i| self.is(i, "organisation_head"));
        (words >= 2 && !organisation && name_start > start)
            .then(|| self.named(name_start, end, true))
    }

    /// The noun phrase ending before token `end`: a name (titles left out) or a common noun
    /// phrase back to its determiner.
    pub fn phrase_ending(&self, end: usize) -> Speaker {
        if end == 0 || end > self.tokens.len() {
            return Speaker::Unknown;
        }
        if self.in_name_run(end - 1) {
            let mut start = end - 1;
            while start > 0 && end - start < MAX_PHRASE && self.in_name_run(start - 1) {
                if self.breaks_before(start) {
                    break;
                }
                start -= 1;
            }
            start = self.extend_over_of(start);
            // "le ministère italien de la Santé": a name complementing a head noun.
            if let Some(of_at) = self.after_of_word(start) {
                // "Spokesman Tiago Ramos of the National Union": the person before "of".
                if let Some(person) = self.person_before(of_at) {
                    return person;
                }
                if let Some(head) = self.common_phrase_start(of_at) {
                    return self.named(head, end, false);
                }
            }
            let name_start = self.strip_front(start, end);
            if name_start < end {
                return self.named(name_start, end, true);
            }
            return Speaker::Unknown;
        }
        match self.common_phrase_start(end) {
            Some(start) => self.named(start, end, false),
            None => Speaker::Unknown,
        }
    }

    /// The first token of the phrase [`Self::phrase_ending`] reads, when it reads one.
    pub fn phrase_start(&self, speaker: &Speaker) -> Option<usize> {
        match speaker {
            Speaker::Named { span, .. } => Some(self.first_token_at_or_after(span.0)),
            _ => None,
        }
    }

    /// The pronoun at `at` as a speaker.
    pub fn pronoun(&self, at: usize) -> Speaker {
        Speaker::Pronoun {
            person: self.is(at, "person_pronoun"),
            plural: self.is(at, "plural_pronoun"),
        }
    }

    /// The noun phrase after a verb placed before its subject (`a déclaré le ministre de la
    /// Défense, Paul Roche`, `said port director Helen Marsh`): the last name of the phrase, the
    /// whole phrase for bodies named by common nouns, the name in apposition after it. Nothing
    /// after the verb (`añadió.`) is an implicit subject.
    pub fn phrase_after(&self, from: usize) -> Speaker {
        let mut from = from;
        loop {
            if let Some(hit) = self.lexicon.at(&self.tokens, from, "aside") {
                // "se souvient quant à elle Lucie Roy", "ajoute pour sa part le maire".
                from += hit.len;
            } else if self.is(from, "weekday")
                || self.is(from, "relday")
                || self.is(from, "gap_word")
            {
                from += 1;
            } else if (self.is(from, "determiner") || self.is(from, "clause_stop"))
                && (self.is(from + 1, "weekday") || self.is(from + 1, "relday"))
            {
                // "afirmó este lunes el presidente", "sagte am Montag der Minister".
                from += 2;
            } else if let Some(subject) = self.after_dative(from) {
                // "a dit à la presse la gouverneure": the subject after the indirect object.
                from = subject;
            } else {
                break;
            }
        }
        // "añadió." names no one: Spanish drops the subject of the last speaker; elsewhere a
        // verb with nothing after it has its subject before it.
        let implicit = if self.has("implicit_subject", "yes") {
            Speaker::Pronoun {
                person: false,
                plural: false,
            }
        } else {
            Speaker::Unknown
        };
        match self.tokens.get(from) {
            None => return implicit,
            Some(token) if ends_sentence(token) || is_dash(token) => return implicit,
            _ => {}
        }
        if self.is_pronoun(from) {
            return self.pronoun(from);
        }
        // "se souvient de cet appel": a complement, never the subject.
        if self.is(from, "of_word") && !self.is(from, "determiner") {
            return Speaker::Unknown;
        }
        let starts_common = self.is(from, "determiner");
        let mut end = from;
        while let Some(token) = self.tokens.get(end) {
            if end - from >= 10 || (end > from && self.breaks_before(end)) {
                break;
            }
            let punct = token.kind == TokenKind::Punct
                && !matches!(token.lower.as_str(), "-" | "'")
                && !self.is_abbreviation_dot(end);
            // "ein Sprecher der Feuerwehr" goes on; "Müller der Zeitung" stops.
            let complement = starts_common && self.is(end, "of_word");
            if punct || (self.is(end, "clause_stop") && !complement) {
                break;
            }
            end += 1;
        }
        if end == from {
            return Speaker::Unknown;
        }
        let phrase = self.best_in_phrase(from, end);
        // "…, a précisé le capitaine des pompiers, Luc Morin.": the name in apposition.
        if self.is_word(end, ",") && !matches!(phrase, Speaker::Named { proper: true, .. }) {
            let name_start = end + 1;
            let mut name_end = name_start;
            while name_end < self.tokens.len()
                && name_end - name_start < 6
                && self.in_name_run(name_end)
            {
                name_end += 1;
            }
            let closes = self
                .tokens
                .get(name_end)
                .is_none_or(|t| t.kind == TokenKind::Punct || self.is(name_end, "clause_stop"));
            let stripped = self.strip_front(name_start, name_end);
            if name_end > name_start && closes && stripped < name_end {
                return self.named(stripped, name_end, true);
            }
        }
        phrase
    }

    /// [`Self::phrase_after`] when it reads a name, a determiner phrase or a pronoun, as an
    /// incise's subject must be (`a annoncé samedi le ministère`, not `a déclaré ne faire`).
    pub fn incise_subject(&self, from: usize) -> Speaker {
        let speaker = self.phrase_after(from);
        match &speaker {
            Speaker::Named { proper: true, .. } | Speaker::Pronoun { .. } => speaker,
            Speaker::Named { span, .. } => {
                let first = self.first_token_at_or_after(span.0);
                if self.is(first, "determiner") {
                    speaker
                } else {
                    Speaker::Unknown
                }
            }
            Speaker::Unknown => Speaker::Unknown,
        }
    }

    /// After an indirect object opening at `from` ("à la presse", "to reporters"), the first token of
    /// the determiner phrase that follows it within a few words, if any.
    fn after_dative(&self, from: usize) -> Option<usize> {
        if !self.is(from, "dative") {
            return None;
        }
        let mut at = from + 1;
        if self.is(at, "determiner") {
            at += 1;
        }
        let determiner = (at + 1..at + 5)
            .take_while(|&i| {
                self.tokens
                    .get(i)
                    .is_some_and(|t| t.kind == TokenKind::Word || t.lower == "-")
            })
            .find(|&i| self.is(i, "determiner") && !self.is(i, "of_word"));
        // "décrypte pour la radio Steve Lurie": a one-word object, then a full name.
        let name_after_object = || {
            let name = at + 1;
            let words = (name..name + 2)
                .filter(|&i| {
                    self.tokens
                        .get(i)
                        .is_some_and(|t| is_capitalised(t, self.text))
                })
                .count();
            (self
                .tokens
                .get(at)
                .is_some_and(|t| t.kind == TokenKind::Word)
                && words == 2)
                .then_some(name)
        };
        determiner.or_else(name_after_object)
    }

    /// The speaker inside the phrase `from..to` read after a verb.
    fn best_in_phrase(&self, from: usize, to: usize) -> Speaker {
        let mut best: Option<(usize, usize)> = None;
        let mut index = from;
        while index < to {
            if is_capitalised(&self.tokens[index], self.text) {
                let run_start = index;
                while index < to && self.in_name_run(index) {
                    index += 1;
                }
                best = Some((run_start, index));
            } else {
                index += 1;
            }
        }
        let Some((run_start, run_end)) = best else {
            return self.named(from, to, false);
        };
        // "ein Sprecher der Feuerwehr" is a body; "der Hafenchef Lars Brandt" opens on an
        // article that German spells like the genitive link.
        if self
            .after_of_word(run_start)
            .is_some_and(|of_at| of_at > from)
        {
            return self.named(from, to, false);
        }
        // "le président chilien Pablo Reyes" names a person; "l'élue les Républicains",
        // "la candidate FN" name her by a role, the capitalised words being a complement.
        if run_start > from + 1 && self.is(from, "determiner") {
            // A full name (two words or more) after a role needs no listed title:
            // "la syndicaliste Marie Colin".
            let full_name = (run_start..run_end)
                .filter(|&i| self.tokens[i].kind == TokenKind::Word)
                .count()
                >= 2;
            let titled = ((from + 1..run_start).any(|i| self.is_title(i)) || full_name)
                && !(from + 1..run_start).any(|i| self.is(i, "determiner"));
            if !titled {
                // "le président d'une association, George Lama" style phrases ending with a
                // full name still stand for that person when a pronoun comes back to them.
                return self.named(from, to, full_name && run_end == to);
            }
        }
        let name_start = self.strip_front(run_start, run_end);
        // "sagt der Arbeitsminister": a capitalised title alone names a role, not a person.
        let title_only = run_end - name_start == 1 && self.is_title(name_start);
        if name_start < run_end && !title_only {
            self.named(name_start, run_end, true)
        } else {
            self.named(from, to, false)
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::time::lexicon::{for_language, tokenize};

    fn reader<'a>(text: &'a str, lang: &str) -> Reader<'a> {
        Reader {
            text,
            tokens: tokenize(text),
            lexicon: for_language(lang),
        }
    }

    fn text_of(speaker: Speaker) -> String {
        match speaker {
            Speaker::Named { text, .. } => text,
            other => format!("{other:?}"),
        }
    }

    /// The speaker read before the last occurrence of `verb` (also used by `clause` tests).
    pub(in crate::quotes) fn subject(text: &str, lang: &str, verb: &str) -> String {
        let r = reader(text, lang);
        let at = r
            .tokens
            .iter()
            .rposition(|t| t.lower == verb)
            .expect("verb");
        text_of(r.subject_before(at))
    }

    #[test]
    fn names_with_and_and_possessives() {
        assert_eq!(
            subject("Harris and Quill said", "en", "said"),
            "Harris and Quill"
        );
    }

    #[test]
    fn titles_are_left_out_of_names() {
        assert_eq!(
            subject("Foreign Minister Lena Ortiz said", "en", "said"),
            "Lena Ortiz"
        );
        assert_eq!(
            subject("Innenministerin Eva Lang sagte", "de", "sagte"),
            "Eva Lang"
        );
    }

    #[test]
    fn common_noun_phrases_keep_their_complements() {
        assert_eq!(
            subject("Le porte-parole de l'armée a dit", "fr", "a"),
            "Le porte-parole de l'armée"
        );
        assert_eq!(
            subject("Le ministère italien de la Santé a dit", "fr", "a"),
            "Le ministère italien de la Santé"
        );
    }

    #[test]
    fn phrase_after_prefers_a_name_in_apposition() {
        let r = reader("a dit le chef des pompiers, Luc Morin.", "fr");
        assert_eq!(text_of(r.phrase_after(2)), "Luc Morin");
        let r = reader("añadió.", "es");
        assert_eq!(
            r.phrase_after(1),
            Speaker::Pronoun {
                person: false,
                plural: false
            }
        );
    }
}
