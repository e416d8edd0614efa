//! Guessing the language of short texts from their function words.
//!
//! Statistical identifiers need sentences; a bracketed fragment of three words has none, but
//! its function words (`of`, `and`, `der`, `les`) say enough to tell it is not in the language of
//! the article around it.

use ahash::AHashMap as HashMap;
use std::sync::OnceLock;

/// Function words per language, shared with the cleaning step of `veille-extract`.
const FUNCTION_WORDS: &str = include_str!("../../../extract/data/lexicons/function_words.txt");
/// Derivational suffixes per language.
const SUFFIXES: &str = include_str!("data/derivational_suffixes.txt");

/// Word lists indexed for lookup.
#[derive(Debug)]
pub struct WordLists {
    /// Function word → languages that use it.
    function_words: HashMap<String, Vec<&'static str>>,
    /// Every derivational suffix, any language.
    pub suffixes: Vec<String>,
    /// Languages with a function-word list.
    languages: Vec<&'static str>,
}

impl WordLists {
    /// The lists compiled into the binary, built once.
    pub fn get() -> &'static WordLists {
        static LISTS: OnceLock<WordLists> = OnceLock::new();
        LISTS.get_or_init(|| {
            let mut function_words: HashMap<String, Vec<&'static str>> = HashMap::new();
            let mut languages = Vec::new();
            for (lang, words) in entries(FUNCTION_WORDS) {
                if !languages.contains(&lang) {
                    languages.push(lang);
                }
                for word in words.split_whitespace() {
                    let langs = function_words.entry(word.to_lowercase()).or_default();
                    if !langs.contains(&lang) {
                        langs.push(lang);
                    }
                }
            }
            let mut suffixes: Vec<String> = entries(SUFFIXES)
                .flat_map(|(_, words)| words.split_whitespace())
                .map(str::to_string)
                .collect();
            suffixes.sort();
            suffixes.dedup();
            WordLists {
                function_words,
                suffixes,
                languages,
            }
        })
    }

    /// Languages of a function word, empty for content words.
    pub fn languages_of(&self, word: &str) -> &[&'static str] {
        let found = if word.chars().any(char::is_uppercase) {
            self.function_words.get(&word.to_lowercase())
        } else {
            self.function_words.get(word)
        };
        found.map_or(&[], Vec::as_slice)
    }

    /// Whether `lang` has a function-word list here.
    pub fn knows(&self, lang: &str) -> bool {
        self.languages.contains(&lang)
    }

    /// How the function words of `text` point at `lang`: see [`Agreement`].
    pub fn agreement(&self, text: &str, lang: &str) -> Agreement {
        let mut agreement = Agreement::default();
        for word in words(text) {
            agreement.words += 1;
            let langs = self.languages_of(word);
            if langs.is_empty() {
                continue;
            }
            match (langs.contains(&lang), langs.len()) {
                (true, 1) => agreement.own_only += 1,
                (true, _) => {}
                (false, _) => agreement.others_only += 1,
            }
        }
        agreement
    }

    /// Whether `word` is a function word of any language.
    pub fn is_function_word(&self, word: &str) -> bool {
        !self.languages_of(word).is_empty()
    }

    /// Function-word counts per language in `text`, highest first.
    pub fn votes(&self, text: &str) -> Vec<(&'static str, usize)> {
        let mut counts: HashMap<&'static str, usize> = HashMap::new();
        for word in words(text) {
            for lang in self.languages_of(word) {
                *counts.entry(lang).or_insert(0) += 1;
            }
        }
        let mut votes: Vec<(&'static str, usize)> = counts.into_iter().collect();
        votes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        votes
    }

    /// The [`Agreement`] of `text` with each listed language, from one pass over its words, in
    /// the order of the lists.
    pub fn agreements(&self, text: &str) -> Vec<(&'static str, Agreement)> {
        let mut votes = vec![0usize; self.languages.len()];
        let mut own_only = vec![0usize; self.languages.len()];
        let (mut words_seen, mut function_words) = (0usize, 0usize);
        for word in words(text) {
            words_seen += 1;
            let langs = self.languages_of(word);
            if langs.is_empty() {
                continue;
            }
            function_words += 1;
            for lang in langs {
                if let Some(i) = self.languages.iter().position(|l| l == lang) {
                    votes[i] += 1;
                    if langs.len() == 1 {
                        own_only[i] += 1;
                    }
                }
            }
        }
        self.languages
            .iter()
            .enumerate()
            .map(|(i, lang)| {
                let agreement = Agreement {
                    own_only: own_only[i],
                    others_only: function_words - votes[i],
                    words: words_seen,
                };
                (*lang, agreement)
            })
            .collect()
    }

    /// The language with the most function words in `text`, when it has at least three and
    /// leads strictly (related languages share many function words).
    pub fn guess(&self, text: &str) -> Option<&'static str> {
        let votes = self.votes(text);
        let (best, n) = *votes.first()?;
        let runner_up = votes.get(1).map_or(0, |v| v.1);
        (n >= 3 && n > runner_up).then_some(best)
    }
}

/// Function-word counts of a text against one language.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Agreement {
    /// Words that are function words of that language and of no other listed language.
    pub own_only: usize,
    /// Words that are function words of other listed languages but not of that one.
    pub others_only: usize,
    /// All words.
    pub words: usize,
}

/// Words of `text`: runs of letters and apostrophes.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphabetic() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
}

fn entries(source: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    source
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once(char::is_whitespace))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_pass_agreements_equal_agreement_per_language() {
        let lists = WordLists::get();
        for text in [
            "Le ministre a dit que les pourparlers avec la délégation de Minsk dureraient une semaine.",
            "The minister said that the talks with the delegation in Minsk would last a week.",
            "Der Minister sagte, dass die Gespräche mit der Delegation eine Woche dauern würden, the end.",
            "",
        ] {
            for (lang, agreement) in lists.agreements(text) {
                assert_eq!(agreement, lists.agreement(text, lang), "{lang}: {text}");
            }
        }
    }

    #[test]
    fn guesses_languages_of_sentences() {
        let lists = WordLists::get();
        assert_eq!(
            lists.guess("Le maire a dit que la ville et la région paieront."),
            Some("fr")
        );
        assert_eq!(
            lists.guess("The mayor said that the city and the region will pay."),
            Some("en")
        );
        assert_eq!(
            lists.guess("Der Bürgermeister sagte, dass die Stadt und das Land zahlen."),
            Some("de")
        );
        assert_eq!(lists.guess("Berlin Paris"), None);
    }

    #[test]
    fn function_words_know_their_languages() {
        let lists = WordLists::get();
        assert!(lists.languages_of("of").contains(&"en"));
        assert!(!lists.languages_of("of").contains(&"fr"));
        assert!(lists.languages_of("drones").is_empty());
        assert!(lists.suffixes.iter().any(|s| s == "ienne"));
    }
}
