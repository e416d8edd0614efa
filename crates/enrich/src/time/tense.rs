//! Tense of the clause around an expression, from cue words of the lexicon: auxiliaries followed
//! by a participle (`a été`, `has said`), imperfect or preterite endings (`-ait`, `-ed`), future
//! endings and words (`sera`, `-ront`, `will`, `prochain`). The nearest cue in the sentence wins.

use super::lexicon::{Lexicon, Token, TokenKind};

/// Tense of a clause, as far as cue words tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    /// Past event.
    Past,
    /// Future event.
    Future,
    /// No cue.
    Unknown,
}

/// How far (in tokens) to look for a cue.
const WINDOW: usize = 14;

/// Sentence index of every token: a new sentence starts after `!`, `?`, `;`, a line break, or a
/// full stop that ends a sentence rather than an abbreviation (`N.J.`, `Mr.`, `Oct. 25`): one not
/// after a single letter or a short title, and followed by a capital, a digit or a quote mark.
pub fn sentence_ids(text: &str, tokens: &[Token]) -> Vec<usize> {
    const ABBREVIATIONS: [&str; 20] = [
        "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "col", "lt", "sen", "rep", "gov", "corp",
        "inc", "co", "ltd", "vs", "mme", "mgr",
    ];
    let mut ids = Vec::with_capacity(tokens.len());
    let mut sentence = 0;
    let mut previous_end = 0;
    let mut boundary = false;
    for (index, token) in tokens.iter().enumerate() {
        let gap = text.get(previous_end..token.start).unwrap_or("");
        if boundary || gap.contains('\n') {
            sentence += 1;
        }
        boundary = match token.lower.as_str() {
            "!" | "?" | ";" => true,
            "." => {
                let after_abbreviation = index > 0 && {
                    let previous = &tokens[index - 1];
                    previous.kind == TokenKind::Word
                        && (previous.lower.chars().count() == 1
                            || ABBREVIATIONS.contains(&previous.lower.as_str()))
                };
                let next_starts_sentence = tokens.get(index + 1).is_none_or(|next| {
                    text.get(next.start..next.end)
                        .and_then(|word| word.chars().next())
                        .is_some_and(|c| c.is_uppercase() || c.is_numeric() || !c.is_alphabetic())
                });
                !after_abbreviation && next_starts_sentence
            }
            _ => false,
        };
        ids.push(sentence);
        previous_end = token.end;
    }
    ids
}

fn ends_with_any(word: &str, suffixes: &[&str], min_len: usize) -> bool {
    word.chars().count() >= min_len && suffixes.iter().any(|s| !s.is_empty() && word.ends_with(s))
}

/// Cue lists of one language, read once per text.
pub struct Cues<'a> {
    lexicon: &'a Lexicon,
    participle: Vec<&'a str>,
    past_verb: Vec<&'a str>,
    future: Vec<&'a str>,
}

impl<'a> Cues<'a> {
    /// Reads the suffix lists of `lexicon`.
    pub fn new(lexicon: &'a Lexicon) -> Self {
        Self {
            lexicon,
            participle: lexicon.phrases_of("participle_suffix"),
            past_verb: lexicon.phrases_of("past_verb_suffix"),
            future: lexicon.phrases_of("future_suffix"),
        }
    }

    fn cue(&self, tokens: &[Token], at: usize) -> Option<Tense> {
        let token = tokens.get(at)?;
        if token.kind != TokenKind::Word {
            return None;
        }
        if self.lexicon.at(tokens, at, "future_word").is_some() {
            return Some(Tense::Future);
        }
        if self.lexicon.at(tokens, at, "past_word").is_some() {
            return Some(Tense::Past);
        }
        if let Some(hit) = self.lexicon.at(tokens, at, "past_aux") {
            let participle =
                tokens.iter().skip(at + hit.len).take(4).any(|t| {
                    t.kind == TokenKind::Word && ends_with_any(&t.lower, &self.participle, 3)
                });
            if participle {
                return Some(Tense::Past);
            }
        }
        let word = token.lower.as_str();
        if ends_with_any(word, &self.future, 5) && !self.lexicon.has("not_future", word) {
            return Some(Tense::Future);
        }
        if ends_with_any(word, &self.past_verb, 5) {
            return Some(Tense::Past);
        }
        None
    }

    /// Tense around tokens `start..end`: the nearest cue within the sentence.
    pub fn around(&self, tokens: &[Token], sentences: &[usize], start: usize, end: usize) -> Tense {
        let Some(&sentence) = sentences.get(start) else {
            return Tense::Unknown;
        };
        for distance in 1..=WINDOW {
            let before = start.checked_sub(distance);
            let after = end + distance - 1;
            for at in [before, Some(after)].into_iter().flatten() {
                if sentences.get(at) != Some(&sentence) {
                    continue;
                }
                if let Some(tense) = self.cue(tokens, at) {
                    return tense;
                }
            }
        }
        Tense::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::lexicon::{for_language, tokenize};

    fn tense_of(text: &str, word: &str, lang: &str) -> Tense {
        let tokens = tokenize(text);
        let sentences = sentence_ids(text, &tokens);
        let at = tokens
            .iter()
            .position(|t| t.lower == word)
            .expect("word in test text");
        Cues::new(for_language(lang)).around(&tokens, &sentences, at, at + 1)
    }

    #[test]
    fn reads_french_tenses() {
        assert_eq!(
            tense_of("Il a été hospitalisé mardi.", "mardi", "fr"),
            Tense::Past
        );
        assert_eq!(
            tense_of("Le concert aura lieu mardi à Besançon.", "mardi", "fr"),
            Tense::Future
        );
        assert_eq!(
            tense_of("Les joueurs se retrouveront samedi.", "samedi", "fr"),
            Tense::Future
        );
        assert_eq!(tense_of("Mardi.", "mardi", "fr"), Tense::Unknown);
    }

    #[test]
    fn reads_english_tenses() {
        assert_eq!(
            tense_of("The minister resigned on Friday.", "friday", "en"),
            Tense::Past
        );
        assert_eq!(
            tense_of("The talks will resume on Friday.", "friday", "en"),
            Tense::Future
        );
    }

    #[test]
    fn sentences_split_on_stops_and_lines() {
        let text = "Un. Deux\nTrois";
        let tokens = tokenize(text);
        assert_eq!(sentence_ids(text, &tokens), [0, 0, 1, 2]);
        let abbreviated = "The N.J. airport. Then";
        let tokens = tokenize(abbreviated);
        let ids = sentence_ids(abbreviated, &tokens);
        assert_eq!(ids.first(), ids.get(tokens.len() - 3));
        assert_eq!(ids.last(), Some(&1));
    }
}
