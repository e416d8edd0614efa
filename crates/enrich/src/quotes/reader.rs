//! The token view the quote finder reads: verbs of speech (with adverbs inside compound forms
//! and inverted subjects), sentence bounds, and small word tests backed by the word lists.

use crate::time::lexicon::{Lexicon, Token, TokenKind};

/// A verb of speech found in the tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Verb {
    /// First token.
    pub at: usize,
    /// One past the last token (an inverted pronoun included).
    pub end: usize,
    /// Whether the subject pronoun is glued after the verb (`a-t-il dit`, `sagte er`, `dit-elle`).
    pub inverted: bool,
}

/// Tokens of one text with the lexicon of its language.
pub(super) struct Reader<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token>,
    pub lexicon: &'a Lexicon,
}

/// Whether a token is a word that starts with a capital letter.
pub(super) fn is_capitalised(token: &Token, text: &str) -> bool {
    token.kind == TokenKind::Word
        && text
            .get(token.start..token.end)
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase)
}

/// Whether a token closes a sentence.
pub(super) fn ends_sentence(token: &Token) -> bool {
    matches!(token.lower.as_str(), "." | "!" | "?" | "…")
}

/// Whether a token is a quote mark of any style.
pub(super) fn is_quote_mark(token: &Token) -> bool {
    matches!(
        token.lower.as_str(),
        "«" | "»" | "“" | "”" | "„" | "\"" | "‹" | "›"
    )
}

/// Whether a token is a dash that may open or close a dialogue incise.
pub(super) fn is_dash(token: &Token) -> bool {
    matches!(token.lower.as_str(), "—" | "–")
}

impl Reader<'_> {
    /// Whether `word` (lowercase) is in the list `category`.
    pub fn has(&self, category: &str, word: &str) -> bool {
        self.lexicon.has(category, word)
    }

    /// Whether the token at `at` exists and is in `category`.
    pub fn is(&self, at: usize, category: &str) -> bool {
        self.tokens
            .get(at)
            .is_some_and(|t| self.lexicon.has(category, &t.lower))
    }

    /// Whether the token at `at` is exactly `word`.
    pub fn is_word(&self, at: usize, word: &str) -> bool {
        self.tokens.get(at).is_some_and(|t| t.lower == word)
    }

    /// Index of the first token starting at or after byte `byte`.
    pub fn first_token_at_or_after(&self, byte: usize) -> usize {
        self.tokens.partition_point(|t| t.start < byte)
    }

    /// Whether a paragraph break separates token `at` from the token before it.
    pub fn breaks_before(&self, at: usize) -> bool {
        if at == 0 || at >= self.tokens.len() {
            return true;
        }
        self.text
            .get(self.tokens[at - 1].end..self.tokens[at].start)
            .is_some_and(|gap| gap.contains('\n'))
    }

    /// Whether the token at `at` closes a sentence (a full stop between digits, `12.7`, does not).
    pub fn closes_sentence(&self, at: usize) -> bool {
        let Some(token) = self.tokens.get(at) else {
            return false;
        };
        if !ends_sentence(token) {
            return false;
        }
        let glued_digits = at > 0
            && self.tokens[at - 1].end == token.start
            && self.tokens[at - 1].kind == TokenKind::Number
            && self
                .tokens
                .get(at + 1)
                .is_some_and(|n| n.start == token.end && n.kind == TokenKind::Number);
        !glued_digits && !self.is_abbreviation_dot(at)
    }

    /// Whether the full stop at `at` closes an abbreviation before a name (`M. Roy`,
    /// `Dr. Smith`, `J. Smith`) rather than a sentence.
    pub fn is_abbreviation_dot(&self, at: usize) -> bool {
        if at == 0 || !self.is_word(at, ".") {
            return false;
        }
        let previous = &self.tokens[at - 1];
        let short_title = (self.has("speaker_title", &previous.lower)
            && previous.lower.chars().count() <= 3)
            || self.has("name_abbreviation", &previous.lower);
        let initial = previous.lower.chars().count() == 1 && is_capitalised(previous, self.text);
        previous.end == self.tokens[at].start
            && (short_title || initial)
            && self
                .tokens
                .get(at + 1)
                .is_some_and(|next| is_capitalised(next, self.text))
    }

    /// First token of the sentence holding token `at`. A sentence that opens on a comma was cut
    /// by a stray full stop (machine translation writes `digue. , déclarant`) and goes on.
    pub fn sentence_start(&self, at: usize) -> usize {
        let mut start = at.min(self.tokens.len());
        let mut steps = 0;
        while start > 0 && steps < 200 {
            steps += 1;
            if self.breaks_before(start) {
                break;
            }
            if self.closes_sentence(start - 1) && !self.is_word(start, ",") {
                break;
            }
            start -= 1;
        }
        start
    }

    /// One past the last token of the sentence holding token `at`, its closing mark excluded.
    pub fn sentence_end(&self, at: usize) -> usize {
        let mut end = at;
        while end < self.tokens.len() && end - at < 200 {
            if self.closes_sentence(end) && !self.is_word(end + 1, ",") {
                break;
            }
            if end > at && self.breaks_before(end) {
                break;
            }
            end += 1;
        }
        end
    }

    /// The text from the start of token `from` to the end of token `to - 1`.
    pub fn slice(&self, from: usize, to: usize) -> Option<(usize, usize)> {
        if from >= to || to > self.tokens.len() {
            return None;
        }
        Some((self.tokens[from].start, self.tokens[to - 1].end))
    }

    /// The words of tokens `from..to`.
    pub fn words(&self, from: usize, to: usize) -> String {
        self.slice(from, to)
            .and_then(|(start, end)| self.text.get(start..end))
            .unwrap_or("")
            .to_string()
    }

    /// The verb of speech starting at token `at`, if any: a listed phrase, an inverted form
    /// (`dit-elle`, `a-t-il ajouté`), or a compound form split by adverbs (`a ensuite expliqué`).
    pub fn verb_at(&self, at: usize) -> Option<Verb> {
        let token = self.tokens.get(at)?;
        if token.kind != TokenKind::Word {
            return None;
        }
        if let Some(hit) = self.lexicon.at(&self.tokens, at, "inverted_verb") {
            return Some(Verb {
                at,
                end: at + hit.len,
                inverted: true,
            });
        }
        // "a-t-il également ajouté": the inverted auxiliary, adverbs, then the participle.
        if let Some(hit) = self.lexicon.at(&self.tokens, at, "inverted_aux") {
            if let Some(end) = self.participle_after(at, at + hit.len) {
                return Some(Verb {
                    at,
                    end,
                    inverted: true,
                });
            }
        }
        if let Some(hit) = self.lexicon.at(&self.tokens, at, "speech_verb") {
            let end = at + hit.len;
            // "dit-elle", "ajouta-t-il": a pronoun glued with a hyphen; machine translation
            // also writes "déplore t-elle", losing the first one.
            let mut after = end;
            let lost_hyphen = self.is_word(after, "t") && self.is_word(after + 1, "-");
            if self.is_word(after, "-") || lost_hyphen {
                if !lost_hyphen {
                    after += 1;
                }
                if self.is_word(after, "t") && self.is_word(after + 1, "-") {
                    after += 2;
                }
                if self.is(after, "pronoun") {
                    return Some(Verb {
                        at,
                        end: after + 1,
                        inverted: true,
                    });
                }
            }
            return Some(Verb {
                at,
                end,
                inverted: false,
            });
        }
        if self.has("auxiliary", &token.lower) {
            if let Some(end) = self.participle_after(at, at + 1) {
                return Some(Verb {
                    at,
                    end,
                    inverted: false,
                });
            }
        }
        None
    }

    /// After the auxiliary at `aux` and up to three adverbs from `from`, one past a participle
    /// that makes a listed verb of speech with the auxiliary (`a` … `ajouté`).
    fn participle_after(&self, aux: usize, from: usize) -> Option<usize> {
        let auxiliary = self
            .tokens
            .get(aux)
            .filter(|t| self.has("auxiliary", &t.lower))?;
        let mut at = from;
        // Adverbs and asides: "a ensuite expliqué", "a pour sa part assuré".
        if let Some(hit) = self.lexicon.at(&self.tokens, at, "aside") {
            at += hit.len;
        }
        while at < from + 3 && self.is(at, "gap_word") {
            at += 1;
        }
        let participle = self.tokens.get(at)?;
        let pair = [auxiliary.clone(), participle.clone()];
        let hit = self.lexicon.at(&pair, 0, "speech_verb")?;
        (hit.len == 2).then_some(at + 1)
    }

    /// Whether the token at `at` is a subject pronoun.
    pub fn is_pronoun(&self, at: usize) -> bool {
        self.is(at, "pronoun")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::lexicon::{for_language, tokenize};

    fn reader<'a>(text: &'a str, lang: &str) -> Reader<'a> {
        Reader {
            text,
            tokens: tokenize(text),
            lexicon: for_language(lang),
        }
    }

    #[test]
    fn finds_split_and_inverted_verbs() {
        let r = reader("Elle a ensuite expliqué que tout allait bien.", "fr");
        let verb = r.verb_at(1).expect("split compound");
        assert_eq!(r.words(verb.at, verb.end), "a ensuite expliqué");
        let r = reader("« Oui », a-t-il également ajouté.", "fr");
        let at = r.tokens.iter().position(|t| t.lower == "a").expect("a");
        let verb = r.verb_at(at).expect("inverted split");
        assert!(verb.inverted);
        assert_eq!(r.words(verb.at, verb.end), "a-t-il également ajouté");
        let r = reader("— Non, ajouta-t-elle.", "fr");
        let at = r
            .tokens
            .iter()
            .position(|t| t.lower == "ajouta")
            .expect("ajouta");
        assert!(r.verb_at(at).expect("glued pronoun").inverted);
        // "a" alone, or "a" before a noun, is no verb of speech.
        let r = reader("Il a faim.", "fr");
        assert_eq!(r.verb_at(1), None);
    }

    #[test]
    fn sentences_go_on_after_a_stray_full_stop() {
        let r = reader("Il a nié. , déclarant que non. Fin.", "fr");
        let declarant = r
            .tokens
            .iter()
            .position(|t| t.lower == "déclarant")
            .expect("word");
        assert_eq!(r.sentence_start(declarant), 0);
        assert_eq!(r.tokens[r.sentence_end(0)].lower, ".");
        assert_eq!(r.sentence_end(0), 8);
    }
}
