//! Which name is the subject of a verb of speech when a sentence holds several, read from
//! clause structure: a relative clause between the subject and its verb is skipped
//! (`X, qui a rencontré Y, a déclaré`), an apposition between commas gives way to the head it
//! describes (`Omar Saïdi, porte-parole de la mairie, a dit`) or is the name
//! (`le porte-parole, Léa Morin, a dit`), a coordinated verb or a participle of speech takes
//! the subject of its clause (`X a salué Y et a déclaré`, `X a rejeté …, affirmant que`), and a
//! subject relative pronoun stands for its antecedent (`le cousin qui assure que`).

use super::marks::{holding, Quoted};
use super::reader::{is_capitalised, Reader};
use super::speaker::Speaker;
use crate::time::lexicon::TokenKind;

impl Reader<'_> {
    /// The subject of the verb starting at token `verb`.
    pub fn subject_before(&self, verb: usize) -> Speaker {
        let mut at = verb;
        while at > 0 && self.is(at - 1, "gap_word") {
            at -= 1;
        }
        if at == 0 {
            return Speaker::Unknown;
        }
        if self.is_pronoun(at - 1) {
            return self.pronoun(at - 1);
        }
        // "X a salué les sauveteurs et a déclaré": the subject of the first verb.
        if self.is(at - 1, "coordinator") {
            return self.clause_subject(verb);
        }
        // "le cousin qui assure que …": the antecedent of a subject relative pronoun.
        if self.is(at - 1, "subject_relative") {
            return self.phrase_ending(at - 1);
        }
        let mut comma = false;
        loop {
            if at > 0 && (self.is_word(at - 1, ",") || self.is(at - 1, "gap_word")) {
                comma |= self.is_word(at - 1, ",");
                at -= 1;
            } else if let Some(start) = self.aside_ending_at(at) {
                // "Roux, de son côté, a dit".
                at = start;
            } else {
                break;
            }
        }
        if at > 0 && self.is_pronoun(at - 1) {
            return self.pronoun(at - 1);
        }
        let phrase = self.phrase_ending(at);
        if !comma {
            return phrase;
        }
        // "A, B, a dit": B is a relative clause, an apposition, or the name of A.
        let segment_end = at;
        let Some(comma_at) = (self.sentence_start(at)..segment_end)
            .rev()
            .take(30)
            .find(|&i| self.is_word(i, ","))
        else {
            return phrase;
        };
        if self.is(comma_at + 1, "relative_pronoun") {
            return self.phrase_ending(comma_at);
        }
        let whole_segment_is_name = matches!(phrase, Speaker::Named { proper: true, .. })
            && self
                .phrase_start(&phrase)
                .is_some_and(|s| self.only_titles_between(comma_at + 1, s));
        if whole_segment_is_name {
            return phrase;
        }
        // "The bank, a unit of Harlow Group, said": the head, not its description.
        match self.phrase_ending(comma_at) {
            described @ Speaker::Named { .. } => described,
            _ => phrase,
        }
    }

    /// The name a verb after a comma belongs to when the comma closes an apposition or a
    /// relative clause (`le porte-parole, Léa Morin, a dit`, `X, qui a vu Y, a dit`), and
    /// not an incise after a clause (`Le train est arrivé à Lyon, a annoncé …`).
    pub fn apposition_subject(&self, verb: usize) -> Option<Speaker> {
        if verb == 0 || !self.is_word(verb - 1, ",") {
            return None;
        }
        let comma_at = (self.sentence_start(verb)..verb - 1)
            .rev()
            .take(30)
            .find(|&i| self.is_word(i, ","))?;
        if self.is(comma_at + 1, "relative_pronoun") {
            return match self.phrase_ending(comma_at) {
                named @ Speaker::Named { proper: true, .. } => Some(named),
                _ => None,
            };
        }
        let phrase = self.phrase_ending(verb - 1);
        let whole_segment = self
            .phrase_start(&phrase)
            .is_some_and(|s| self.only_titles_between(comma_at + 1, s));
        (matches!(phrase, Speaker::Named { proper: true, .. }) && whole_segment).then_some(phrase)
    }

    /// Whether tokens `from..to` are only determiners and titles ("el general" before a name).
    fn only_titles_between(&self, from: usize, to: usize) -> bool {
        (from..to).all(|i| self.is_run_noise(i) || self.is_title(i))
    }

    /// The first token of an aside ("de son côté", "for his part") ending right before `at`.
    fn aside_ending_at(&self, at: usize) -> Option<usize> {
        (at.saturating_sub(4)..at).find(|&start| {
            self.lexicon
                .at(&self.tokens, start, "aside")
                .is_some_and(|hit| start + hit.len == at)
        })
    }

    /// The subject of the clause holding token `at`: the first name of the sentence that is
    /// no complement ("Le porte-parole du port, Léa Morin, a rejeté …" → Léa Morin).
    pub fn clause_subject(&self, at: usize) -> Speaker {
        let start = self.sentence_start(at);
        // The subject of the sentence's first verb ("L'opposante a assuré …, ajoutant que").
        let first_verb = (start..at).find(|&i| {
            self.is(i, "auxiliary") || self.verb_at(i).is_some_and(|v| !v.inverted && v.end <= at)
        });
        if let Some(verb) = first_verb {
            if verb > start && !self.is(verb - 1, "coordinator") {
                let subject = self.subject_before(verb);
                if subject.is_named() || matches!(subject, Speaker::Pronoun { .. }) {
                    return subject;
                }
            }
        }
        let mut index = start;
        while index < at && index - start < 40 {
            if is_capitalised(&self.tokens[index], self.text) {
                let run_start = index;
                while index < at && self.in_name_run(index) {
                    index += 1;
                }
                let name_start = self.strip_front(run_start, index);
                let complement = self.after_of_word(run_start).is_some()
                    || (run_start > 0 && self.is(run_start - 1, "clause_stop"));
                if name_start < index && !complement {
                    return self.named(name_start, index, true);
                }
            } else {
                index += 1;
            }
        }
        Speaker::Unknown
    }

    /// Byte ranges of the person-like subjects of sentences (a name of two words or more read
    /// by [`Self::clause_subject`], outside quotes), in text order.
    pub fn person_subjects(&self, direct: &[Quoted]) -> Vec<(usize, usize)> {
        let mut subjects = Vec::new();
        // German capitalises every noun: two capitalised words are no clue of a person there.
        if self.has("capitalised_nouns", "yes") {
            return subjects;
        }
        let mut start = 0;
        while start < self.tokens.len() {
            let end = self.sentence_end(start).max(start + 1);
            if let Speaker::Named {
                span, proper: true, ..
            } = self.clause_subject(end.min(self.tokens.len()))
            {
                let first = self.first_token_at_or_after(span.0);
                let last = self.first_token_at_or_after(span.1);
                let words = (first..last)
                    .filter(|&i| self.tokens[i].kind == TokenKind::Word)
                    .count();
                let quoted = holding(direct, span.0).is_some();
                if words >= 2 && !quoted && span.0 >= self.tokens[start].start {
                    subjects.push(span);
                }
            }
            start = end + 1;
        }
        subjects
    }

    /// The speaker of a participle of speech after a comma: the name just before the comma
    /// ("a cité la porte-parole, Léa Morin, affirmant"), else the clause's subject.
    pub fn participle_subject(&self, verb: usize) -> Speaker {
        if verb >= 1 && self.is_word(verb - 1, ",") {
            // Only a name set off by commas of its own: "devant les Verts, ajoutant" is not.
            if let named @ Speaker::Named { proper: true, .. } = self.phrase_ending(verb - 1) {
                let start = self.phrase_start(&named).unwrap_or(0);
                if start > 0 && self.is_word(start - 1, ",") {
                    return named;
                }
            }
        }
        // The verb of speech the participle hangs on ("», a-t-il regretté, estimant que").
        let start = self.sentence_start(verb);
        let mut position = verb;
        while position > start && verb - position < 20 {
            position -= 1;
            let Some(main) = self.verb_covering(position).filter(|v| v.end <= verb) else {
                continue;
            };
            if main.inverted {
                return self.verb_first_speaker(main);
            }
            if main.at > 0 && self.is_word(main.at - 1, ",") {
                if let named @ Speaker::Named { .. } = self.incise_subject(main.end) {
                    return named;
                }
            }
            break;
        }
        self.clause_subject(verb)
    }
}

#[cfg(test)]
mod tests {
    use crate::quotes::speaker::tests::subject;

    #[test]
    fn relative_clauses_and_appositions() {
        assert_eq!(
            subject("Paul Roy, qui a vu Ana Gil, a dit", "fr", "a"),
            "Paul Roy"
        );
        assert_eq!(
            subject("Le chef du parti, Ana Gil, a dit", "fr", "a"),
            "Ana Gil"
        );
        assert_eq!(
            subject("Ana Gil, cheffe du parti, a dit", "fr", "a"),
            "Ana Gil"
        );
    }

    #[test]
    fn coordinated_verbs_and_subject_relatives() {
        assert_eq!(
            subject("Ana Gil a salué les secours et a dit", "fr", "a"),
            "Ana Gil"
        );
        assert_eq!(
            subject("Il a vu le voisin qui assure", "fr", "assure"),
            "le voisin"
        );
    }
}
