//! Lexical overlap between a block and the rest of its document.
//!
//! A teaser for another story shares few content words with the article it was glued into,
//! whatever its language; a sentence of the article shares many. Words are compared by a short
//! prefix (five characters) so that inflected forms (`flooded`/`flooding`) count as one.

use ahash::AHashMap as HashMap;

use super::lexicon::Lexicons;
use super::shape::content_words;

/// Characters of a word kept for comparison: a crude, language-independent stem.
const STEM_CHARS: usize = 5;

/// Content-word counts of one document.
#[derive(Debug, Default, Clone)]
pub struct Vocabulary {
    counts: HashMap<String, u32>,
}

impl Vocabulary {
    /// Counts the content words of `texts`.
    pub fn of<'a>(texts: impl IntoIterator<Item = &'a str>, lex: &Lexicons) -> Self {
        let mut vocab = Vocabulary::default();
        for text in texts {
            for stem in stems(text, lex) {
                *vocab.counts.entry(stem).or_insert(0) += 1;
            }
        }
        vocab
    }

    /// Share of the content words of `text` that also occur elsewhere in the document (`text`
    /// itself is assumed to be counted in this vocabulary). `None` when `text` has fewer than
    /// two content words, too few to judge.
    pub fn overlap(&self, text: &str, lex: &Lexicons) -> Option<f32> {
        let mut own: HashMap<String, u32> = HashMap::new();
        for stem in stems(text, lex) {
            *own.entry(stem).or_insert(0) += 1;
        }
        let total: u32 = own.values().sum();
        if total < 2 {
            return None;
        }
        let shared: u32 = own
            .iter()
            .filter(|(stem, n)| self.counts.get(*stem).copied().unwrap_or(0) > **n)
            .map(|(_, n)| *n)
            .sum();
        Some(shared as f32 / total as f32)
    }
}

fn stems<'a>(text: &'a str, lex: &'a Lexicons) -> impl Iterator<Item = String> + 'a {
    content_words(text, |w| lex.is_function_word(w)).map(|mut word| {
        // Cut the word in place rather than copying its first characters into a new string.
        if let Some((end, _)) = word.char_indices().nth(STEM_CHARS) {
            word.truncate(end);
        }
        word
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unrelated_teaser_has_low_overlap() {
        let lex = Lexicons::get();
        let article = [
            "Heavy rain flooded the harbour district of Valmora on Sunday night.",
            "The harbour authority said the flooding damaged three warehouses in Valmora.",
            "Cricket league announces new stadium sponsorship deal",
        ];
        let vocab = Vocabulary::of(article, lex);
        let teaser = vocab.overlap(article[2], lex).expect("enough words");
        let sentence = vocab.overlap(article[1], lex).expect("enough words");
        assert!(teaser < 0.2, "{teaser}");
        assert!(sentence > 0.3, "{sentence}");
    }

    #[test]
    fn too_short_texts_are_not_judged() {
        let lex = Lexicons::get();
        let vocab = Vocabulary::of(["Tags"], lex);
        assert_eq!(vocab.overlap("Tags", lex), None);
    }
}
