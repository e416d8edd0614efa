//! Word lists written as data files (`data/{time,quotes,claims}/*.txt`) and the tokenizer that
//! both the lists and the analysed text go through, so that a phrase of the list matches the
//! same tokens in the text (`aujourd'hui` → `aujourd'` `hui`, `après-midi` → `après` `-` `midi`).
//!
//! File format, one entry a line: `category[ key]: phrase | phrase | …`, `#` starts a comment.
//! Matching is case-insensitive and accent-sensitive; the longest phrase wins.

use ahash::{AHashMap as HashMap, AHashSet as HashSet};
use std::sync::OnceLock;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (with an elision apostrophe glued on: `l'`, `d'`).
    Word,
    /// ASCII or Unicode decimal digits.
    Number,
    /// Any other single non-space character.
    Punct,
}

/// A token of the text: byte range and lowercase form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// First byte, inclusive.
    pub start: usize,
    /// Last byte, exclusive.
    pub end: usize,
    /// Lowercased text, typographic apostrophes folded to `'`.
    pub lower: String,
    /// Kind.
    pub kind: TokenKind,
    /// Hash of `lower`, computed once so that lexicon lookups on every token stay cheap.
    pub key: u64,
}

/// Hash of a lowercase word, the same for tokens and lexicon entries.
fn word_key(lower: &str) -> u64 {
    static HASHER: std::sync::OnceLock<ahash::RandomState> = std::sync::OnceLock::new();
    HASHER
        .get_or_init(|| ahash::RandomState::with_seeds(0x7665, 0x696c, 0x6c65, 0x7469))
        .hash_one(lower)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘')
}

/// Whether the text after an apostrophe is an English clitic (`'s`, `'t`, `'ll`…), which is not
/// glued to the word before as French elisions are (`Wednesday's` is `wednesday` `'` `s`).
fn is_english_clitic(rest: &str) -> bool {
    let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    matches!(
        word.to_lowercase().as_str(),
        "s" | "t" | "ll" | "re" | "ve" | "d" | "m"
    )
}

/// Splits `text` into words, digit runs and single punctuation characters.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let kind = if c.is_alphabetic() {
            TokenKind::Word
        } else if c.is_numeric() {
            TokenKind::Number
        } else {
            TokenKind::Punct
        };
        let mut end = start + c.len_utf8();
        if kind != TokenKind::Punct {
            while let Some(&(i, next)) = chars.peek() {
                let same = match kind {
                    TokenKind::Word => next.is_alphabetic(),
                    _ => next.is_ascii_digit() || (next.is_numeric() && !next.is_alphabetic()),
                };
                if !same {
                    break;
                }
                end = i + next.len_utf8();
                chars.next();
            }
            // Elision: a word directly followed by an apostrophe and a letter (or the end of a phrase
            // of the word lists) keeps the apostrophe.
            if kind == TokenKind::Word {
                if let Some(&(i, next)) = chars.peek() {
                    let rest = &text[i + next.len_utf8()..];
                    let after = rest.chars().next();
                    if is_apostrophe(next)
                        && after.is_none_or(char::is_alphabetic)
                        && !is_english_clitic(rest)
                    {
                        end = i + next.len_utf8();
                        chars.next();
                    }
                }
            }
        }
        let lower: String = text[start..end]
            .chars()
            .map(|c| if is_apostrophe(c) { '\'' } else { c })
            .flat_map(char::to_lowercase)
            .collect();
        tokens.push(Token {
            key: word_key(&lower),
            start,
            end,
            lower,
            kind,
        });
    }
    tokens
}

/// A set of categorised phrases.
#[derive(Debug, Default, Clone)]
pub struct Lexicon {
    /// Joined lowercase tokens → `(category, key)` pairs.
    phrases: HashMap<String, Vec<(String, String)>>,
    /// Every phrase and every leading part of one, to stop a lookup early.
    prefixes: HashSet<String>,
    /// Keys of the first word of every phrase: most tokens start none, and say so in one probe.
    first_words: HashSet<u64>,
    /// Longest phrase, in tokens.
    max_len: usize,
}

/// A phrase of the lexicon found in the tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit<'a> {
    /// The entry's key (`"1"` for `month 1: janvier`), empty when the line has none.
    pub key: &'a str,
    /// Number of tokens covered.
    pub len: usize,
}

impl Lexicon {
    /// Parses one or more data files; malformed lines are skipped (the files ship with the crate).
    pub fn parse(sources: &[&str]) -> Self {
        let mut lexicon = Self::default();
        for source in sources {
            for line in source.lines() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                let Some((head, body)) = line.split_once(':') else {
                    continue;
                };
                let mut head_parts = head.split_whitespace();
                let Some(category) = head_parts.next() else {
                    continue;
                };
                let key = head_parts.next().unwrap_or("");
                for phrase in body.split('|') {
                    lexicon.add(category, key, phrase);
                }
            }
        }
        lexicon
    }

    /// Adds one phrase.
    pub fn add(&mut self, category: &str, key: &str, phrase: &str) {
        let tokens = tokenize(phrase.trim());
        if tokens.is_empty() {
            return;
        }
        self.max_len = self.max_len.max(tokens.len());
        self.first_words.insert(tokens[0].key);
        for n in 1..=tokens.len() {
            self.prefixes.insert(join(&tokens[..n]));
        }
        let joined = join(&tokens);
        let entry = self.phrases.entry(joined).or_default();
        if !entry.iter().any(|(c, k)| c == category && k == key) {
            entry.push((category.to_string(), key.to_string()));
        }
    }

    /// Longest phrase of `category` starting at token `at`.
    pub fn at<'a>(&'a self, tokens: &[Token], at: usize, category: &str) -> Option<Hit<'a>> {
        let longest = self.max_len.min(tokens.len().saturating_sub(at));
        // Most tokens start no phrase at all: answer without building a key.
        match tokens.get(at) {
            Some(first) if self.first_words.contains(&first.key) => {}
            _ => return None,
        }
        let mut joined = String::new();
        let mut best = None;
        for (index, token) in tokens.iter().skip(at).take(longest).enumerate() {
            if index > 0 {
                joined.push(' ');
            }
            joined.push_str(&token.lower);
            // Most tokens start no phrase at all: stop as soon as no phrase continues this way.
            if !self.prefixes.contains(joined.as_str()) {
                break;
            }
            if let Some(entries) = self.phrases.get(joined.as_str()) {
                if let Some((_, key)) = entries.iter().find(|(c, _)| c == category) {
                    best = Some(Hit {
                        key,
                        len: index + 1,
                    });
                }
            }
        }
        best
    }

    /// Whether the single word `word` (lowercase) is in `category`.
    pub fn has(&self, category: &str, word: &str) -> bool {
        self.phrases
            .get(word)
            .is_some_and(|entries| entries.iter().any(|(c, _)| c == category))
    }

    /// Every phrase of `category` (joined tokens), for suffix lists and the like.
    pub fn phrases_of(&self, category: &str) -> Vec<&str> {
        let mut out: Vec<&str> = self
            .phrases
            .iter()
            .filter(|(_, entries)| entries.iter().any(|(c, _)| c == category))
            .map(|(phrase, _)| phrase.as_str())
            .collect();
        out.sort_unstable();
        out
    }
}

fn join(tokens: &[Token]) -> String {
    tokens
        .iter()
        .map(|t| t.lower.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The lexicon of one supported language (time, claims and quotes lists together), built once.
/// Unsupported codes get the English lexicon.
pub fn for_language(lang: &str) -> &'static Lexicon {
    static LEXICONS: OnceLock<[Lexicon; 4]> = OnceLock::new();
    let all = LEXICONS.get_or_init(|| {
        [
            Lexicon::parse(&[
                include_str!("../../data/time/fr.txt"),
                include_str!("../../data/claims/fr.txt"),
                include_str!("../../data/quotes/fr.txt"),
            ]),
            Lexicon::parse(&[
                include_str!("../../data/time/en.txt"),
                include_str!("../../data/claims/en.txt"),
                include_str!("../../data/quotes/en.txt"),
            ]),
            Lexicon::parse(&[
                include_str!("../../data/time/de.txt"),
                include_str!("../../data/claims/de.txt"),
                include_str!("../../data/quotes/de.txt"),
            ]),
            Lexicon::parse(&[
                include_str!("../../data/time/es.txt"),
                include_str!("../../data/claims/es.txt"),
                include_str!("../../data/quotes/es.txt"),
            ]),
        ]
    });
    let index = LANGUAGES.iter().position(|l| *l == lang).unwrap_or(1);
    &all[index]
}

/// Languages with a lexicon. Others fall back to the closest guess made by [`guess_language`].
pub const LANGUAGES: [&str; 4] = ["fr", "en", "de", "es"];

/// Picks one of [`LANGUAGES`] from a few frequent function words, for text whose language is
/// unknown. Returns `"en"` when nothing is conclusive.
pub fn guess_language(text: &str) -> &'static str {
    const MARKERS: [(&str, &[&str]); 4] = [
        (
            "fr",
            &[
                "le", "la", "les", "des", "est", "une", "du", "et", "que", "dans",
            ],
        ),
        (
            "en",
            &[
                "the", "and", "of", "is", "was", "that", "in", "for", "with", "said",
            ],
        ),
        (
            "de",
            &[
                "der", "die", "und", "das", "ist", "nicht", "mit", "den", "ein", "sich",
            ],
        ),
        (
            "es",
            &[
                "el", "los", "las", "y", "del", "que", "una", "por", "con", "para",
            ],
        ),
    ];
    let mut scores = [0usize; 4];
    for word in text.split(|c: char| !c.is_alphabetic()).take(2000) {
        if word.is_empty() {
            continue;
        }
        let lower = word.to_lowercase();
        for (index, (_, words)) in MARKERS.iter().enumerate() {
            if words.contains(&lower.as_str()) {
                scores[index] += 1;
            }
        }
    }
    let best = scores
        .iter()
        .enumerate()
        .max_by_key(|(_, score)| **score)
        .map(|(i, _)| i)
        .unwrap_or(1);
    if scores[best] == 0 {
        "en"
    } else {
        MARKERS[best].0
    }
}

/// Maps any language code to one of [`LANGUAGES`] (`fr-FR` → `fr`), or `None`.
pub fn supported(code: &str) -> Option<&'static str> {
    let base = code
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    LANGUAGES.iter().copied().find(|l| *l == base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elision_and_hyphens_tokenize_consistently() {
        let tokens = tokenize("Aujourd’hui l'après-midi, 20h30");
        let lower: Vec<&str> = tokens.iter().map(|t| t.lower.as_str()).collect();
        assert_eq!(
            lower,
            ["aujourd'", "hui", "l'", "après", "-", "midi", ",", "20", "h", "30"]
        );
        let possessive: Vec<String> = tokenize("Friday's").into_iter().map(|t| t.lower).collect();
        assert_eq!(possessive, ["friday", "'", "s"]);
    }

    #[test]
    fn longest_phrase_wins() {
        let lexicon = Lexicon::parse(&["relday -1: hier\nrelday -2: avant-hier\nmonth 5: mai"]);
        let tokens = tokenize("avant-hier");
        assert_eq!(
            lexicon.at(&tokens, 0, "relday"),
            Some(Hit { key: "-2", len: 3 })
        );
        assert_eq!(lexicon.at(&tokens, 0, "month"), None);
        assert!(lexicon.has("month", "mai"));
    }

    #[test]
    fn guesses_common_languages() {
        assert_eq!(
            guess_language("Le président a dit que la guerre est dans le pays"),
            "fr"
        );
        assert_eq!(
            guess_language("The minister said that the war was over"),
            "en"
        );
        assert_eq!(
            guess_language("Der Minister sagte, dass die Lage ernst ist"),
            "de"
        );
        assert_eq!(
            guess_language("El ministro dijo que los precios y las tasas"),
            "es"
        );
        assert_eq!(supported("fr-CA"), Some("fr"));
        assert_eq!(supported("ru"), None);
    }
}
