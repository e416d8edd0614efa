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
        let word = &text[start..end];
        // Most tokens are ASCII, where lowercasing is a byte map (and the only apostrophe is
        // already `'`).
        let lower: String = if word.is_ascii() {
            word.to_ascii_lowercase()
        } else {
            word.chars()
                .map(|c| if is_apostrophe(c) { '\'' } else { c })
                .flat_map(char::to_lowercase)
                .collect()
        };
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
///
/// Phrases are found by hashing token keys (computed once per token by [`tokenize`]) rather
/// than by joining token strings: a lookup at a token allocates nothing, and the phrase's text
/// is compared only when its hash matches, so a hash collision can never produce a wrong hit.
#[derive(Debug, Default, Clone)]
pub struct Lexicon {
    /// Phrase hash ([`phrase_hash`] of its token keys) → the phrases with that hash.
    phrases: HashMap<u64, Vec<Phrase>>,
    /// Hashes of every phrase and every leading part of one, to stop a lookup early.
    prefixes: HashSet<u64>,
    /// Keys of the first word of every phrase: most tokens start none, and say so in one probe.
    first_words: HashSet<u64>,
    /// A bit per low bits of a first word's key ([`FIRST_WORD_BITS`] bits): a clear bit says
    /// "no phrase starts here" with one memory read, before any hashing. The lexicon is asked
    /// about dozens of categories at every token, so this answer matters.
    first_word_filter: Vec<u64>,
    /// Joined lowercase tokens → `(category, key)` pairs, for the questions asked with a
    /// word rather than tokens ([`Lexicon::has`], [`Lexicon::phrases_of`]).
    by_text: HashMap<String, Vec<(String, String)>>,
    /// Longest phrase, in tokens.
    max_len: usize,
}

/// One phrase of the lexicon with every `(category, key)` it belongs to.
#[derive(Debug, Clone)]
pub struct Phrase {
    /// Lowercase tokens, to confirm a hash match.
    tokens: Vec<String>,
    /// `(category, key)` pairs, in order of first appearance in the files.
    entries: Vec<(String, String)>,
}

impl Phrase {
    fn matches(&self, tokens: &[Token]) -> bool {
        self.tokens.len() == tokens.len()
            && self.tokens.iter().zip(tokens).all(|(a, b)| *a == b.lower)
    }

    /// The key of the phrase's first entry in `category`.
    fn key_of(&self, category: &str) -> Option<&str> {
        self.entries
            .iter()
            .find(|(c, _)| c == category)
            .map(|(_, k)| k.as_str())
    }
}

/// The phrases of a [`Lexicon`] found at each token of one text ([`Lexicon::index`]).
#[derive(Debug, Clone)]
pub struct PhraseIndex<'a> {
    /// Where the phrases of token `i` begin in `phrases` (one more entry than tokens).
    starts: Vec<usize>,
    /// `(length in tokens, phrase)`, by token, shortest first.
    phrases: Vec<(usize, &'a Phrase)>,
}

impl<'a> PhraseIndex<'a> {
    /// Longest phrase of `category` starting at token `at`: the same answer as
    /// [`Lexicon::at`] on the indexed tokens.
    pub fn at(&self, at: usize, category: &str) -> Option<Hit<'a>> {
        let from = *self.starts.get(at)?;
        let to = *self.starts.get(at + 1)?;
        self.phrases[from..to]
            .iter()
            .rev()
            .find_map(|(len, phrase)| phrase.key_of(category).map(|key| Hit { key, len: *len }))
    }
}

/// Hash of a sequence of token keys, extended one token at a time.
fn phrase_hash(previous: u64, token_key: u64) -> u64 {
    // A multiply-rotate mix (as in FxHash) of the running hash with the next key.
    (previous.rotate_left(5) ^ token_key).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

/// Size of [`Lexicon::first_word_filter`] in bits (a power of two).
const FIRST_WORD_BITS: usize = 1 << 16;

fn filter_slot(key: u64) -> (usize, u64) {
    let bit = (key as usize) & (FIRST_WORD_BITS - 1);
    (bit / 64, 1 << (bit % 64))
}

/// The running hash before any token.
const PHRASE_SEED: u64 = 0x7469_6d65_7820_6c65;

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
        if self.first_word_filter.is_empty() {
            self.first_word_filter = vec![0; FIRST_WORD_BITS / 64];
        }
        let (word, bit) = filter_slot(tokens[0].key);
        self.first_word_filter[word] |= bit;
        let mut hash = PHRASE_SEED;
        for token in &tokens {
            hash = phrase_hash(hash, token.key);
            self.prefixes.insert(hash);
        }
        let by_text = self.by_text.entry(join(&tokens)).or_default();
        if !by_text.iter().any(|(c, k)| c == category && k == key) {
            by_text.push((category.to_string(), key.to_string()));
        }
        let bucket = self.phrases.entry(hash).or_default();
        let index = match bucket.iter().position(|p| p.matches(&tokens)) {
            Some(index) => index,
            None => {
                bucket.push(Phrase {
                    tokens: tokens.iter().map(|t| t.lower.clone()).collect(),
                    entries: Vec::new(),
                });
                bucket.len() - 1
            }
        };
        let entries = &mut bucket[index].entries;
        if !entries.iter().any(|(c, k)| c == category && k == key) {
            entries.push((category.to_string(), key.to_string()));
        }
    }

    /// Longest phrase of `category` starting at token `at`.
    pub fn at<'a>(&'a self, tokens: &[Token], at: usize, category: &str) -> Option<Hit<'a>> {
        let mut best = None;
        self.walk(tokens, at, |len, phrase| {
            if let Some(key) = phrase.key_of(category) {
                best = Some(Hit { key, len });
            }
        });
        best
    }

    /// Calls `found` with every phrase starting at token `at`, shortest first.
    fn walk<'a>(&'a self, tokens: &[Token], at: usize, mut found: impl FnMut(usize, &'a Phrase)) {
        // Most tokens start no phrase at all: answer in one probe.
        let Some(first) = tokens.get(at) else {
            return;
        };
        let (word, bit) = filter_slot(first.key);
        if self
            .first_word_filter
            .get(word)
            .is_none_or(|w| w & bit == 0)
            || !self.first_words.contains(&first.key)
        {
            return;
        }
        let longest = self.max_len.min(tokens.len().saturating_sub(at));
        let mut hash = PHRASE_SEED;
        for len in 1..=longest {
            hash = phrase_hash(hash, tokens[at + len - 1].key);
            // Stop as soon as no phrase continues this way.
            if !self.prefixes.contains(&hash) {
                break;
            }
            let Some(bucket) = self.phrases.get(&hash) else {
                continue;
            };
            let span = &tokens[at..at + len];
            if let Some(phrase) = bucket.iter().find(|p| p.matches(span)) {
                found(len, phrase);
            }
        }
    }

    /// Every phrase starting at every token of `tokens`, found once, for readers that ask
    /// about many categories at the same tokens (the time grammar asks dozens per token).
    pub fn index<'a>(&'a self, tokens: &[Token]) -> PhraseIndex<'a> {
        let mut index = PhraseIndex {
            starts: Vec::with_capacity(tokens.len() + 1),
            phrases: Vec::new(),
        };
        for at in 0..tokens.len() {
            index.starts.push(index.phrases.len());
            self.walk(tokens, at, |len, phrase| index.phrases.push((len, phrase)));
        }
        index.starts.push(index.phrases.len());
        index
    }

    /// Whether the single word `word` (lowercase) is in `category`.
    pub fn has(&self, category: &str, word: &str) -> bool {
        self.by_text
            .get(word)
            .is_some_and(|entries| entries.iter().any(|(c, _)| c == category))
    }

    /// Every phrase of `category` (joined tokens), for suffix lists and the like.
    pub fn phrases_of(&self, category: &str) -> Vec<&str> {
        let mut out: Vec<&str> = self
            .by_text
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

    proptest::proptest! {
        /// The ASCII fast path lowercases exactly as the general path does.
        #[test]
        fn token_forms_are_lowercase_with_folded_apostrophes(text in "[a-zA-Z0-9'’ .,ÉéÀ-]{0,40}") {
            for token in tokenize(&text) {
                let expected: String = text[token.start..token.end]
                    .chars()
                    .map(|c| if is_apostrophe(c) { '\'' } else { c })
                    .flat_map(char::to_lowercase)
                    .collect();
                proptest::prop_assert_eq!(&token.lower, &expected);
                proptest::prop_assert_eq!(token.key, word_key(&expected));
            }
        }
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

    /// The plain definition of [`Lexicon::at`]: join the tokens and look the text up.
    fn naive_at<'a>(
        lexicon: &'a Lexicon,
        tokens: &[Token],
        at: usize,
        category: &str,
    ) -> Option<(&'a str, usize)> {
        let mut best = None;
        for len in 1..=tokens.len().saturating_sub(at) {
            let text = join(&tokens[at..at + len]);
            if let Some(entries) = lexicon.by_text.get(&text) {
                if let Some((_, key)) = entries.iter().find(|(c, _)| c == category) {
                    best = Some((key.as_str(), len));
                }
            }
        }
        best
    }

    #[test]
    fn hashed_lookup_agrees_with_joined_text_on_every_phrase() {
        let lexicon = for_language("fr");
        let mut checked = 0;
        for (text, entries) in &lexicon.by_text {
            // The phrase alone, and inside a sentence.
            for sentence in [text.clone(), format!("alors {text} puis")] {
                let tokens = tokenize(&sentence);
                let index = lexicon.index(&tokens);
                for at in 0..tokens.len() {
                    for (category, _) in entries {
                        let hit = lexicon.at(&tokens, at, category).map(|h| (h.key, h.len));
                        assert_eq!(hit, naive_at(lexicon, &tokens, at, category), "{sentence}");
                        assert_eq!(index.at(at, category), lexicon.at(&tokens, at, category));
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 100, "the French lists hold phrases");
    }

    proptest::proptest! {
        #[test]
        fn hashed_lookup_agrees_with_joined_text(words in proptest::collection::vec(
            proptest::sample::select(vec![
                "le", "la", "l'", "an", "dernier", "prochain", "mois", "de", "mai", "il", "y",
                "a", "trois", "jours", "après", "-", "midi", "hier", "soir", "millions",
                "d'", "euros", "%", "2019", "12", "h", "30", "début", "fin", "semaine",
            ]),
            0..12,
        ), category in proptest::sample::select(vec![
            "month", "relday", "unit", "mod", "article", "number", "scale", "currency", "vague",
        ])) {
            let lexicon = for_language("fr");
            let tokens = tokenize(&words.join(" "));
            let index = lexicon.index(&tokens);
            for at in 0..=tokens.len() {
                let hit = lexicon.at(&tokens, at, category).map(|h| (h.key, h.len));
                proptest::prop_assert_eq!(hit, naive_at(lexicon, &tokens, at, category));
                proptest::prop_assert_eq!(index.at(at, category), lexicon.at(&tokens, at, category));
            }
        }
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
