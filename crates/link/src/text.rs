//! Text normalisation shared by every signal: case and diacritic folding, word tokens, stop
//! words per language, stemming, and language-independent keys (capitalised names, numbers).
//!
//! Everything here is deterministic and allocation-light; nothing panics on any input.
//! Names are detected by shape only (a capitalised word that is no stop word in any language),
//! so they work in languages without a named-entity model; entity ids from the enrich stage are
//! added on top when present (see [`crate::features`]).

use ahash::{AHashMap as HashMap, AHashSet as HashSet};
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The stop-word file, hand-written for this crate (see its header for the format and licence).
const STOPWORDS: &str = include_str!("../data/stopwords.txt");

/// Stop words per language code, plus the `all` set (months, weekdays) that no language keeps.
struct StopWords {
    by_language: HashMap<&'static str, HashSet<&'static str>>,
    any_language: HashSet<&'static str>,
}

fn stop_words() -> &'static StopWords {
    static CELL: OnceLock<StopWords> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut by_language: HashMap<&'static str, HashSet<&'static str>> = HashMap::new();
        let mut any_language = HashSet::new();
        let mut current = "all";
        for line in STOPWORDS.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(code) = line.strip_prefix('@') {
                current = code.trim();
                continue;
            }
            for word in line.split_whitespace() {
                by_language.entry(current).or_default().insert(word);
                any_language.insert(word);
            }
        }
        StopWords {
            by_language,
            any_language,
        }
    })
}

/// Whether a folded word is a stop word of `language`, or of any language when it is unknown.
/// Month and weekday names count as stop words everywhere.
pub fn is_stop_word(folded: &str, language: Option<&str>) -> bool {
    let words = stop_words();
    if words
        .by_language
        .get("all")
        .is_some_and(|s| s.contains(folded))
    {
        return true;
    }
    match language.and_then(|code| words.by_language.get(code)) {
        Some(set) => set.contains(folded),
        None => words.any_language.contains(folded),
    }
}

/// Whether a folded word is a stop word in some language (used to reject capitalised
/// function words such as "The", "Le", "Il" as names).
pub fn is_stop_word_anywhere(folded: &str) -> bool {
    stop_words().any_language.contains(folded)
}

/// Lower-cases a word, removes diacritics and expands a few letters that have no decomposition,
/// so that "Biélorussie", "BIELORUSSIE" and "bielorussie" compare equal.
pub fn fold(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    // Lower-case first, then decompose: some capitals lower-case to letters that fold further
    // (`ẞ` → `ß` → `ss`, `İ` → `i` + a combining dot), and folding must be idempotent.
    let mut out = String::with_capacity(word.len());
    for c in word.to_lowercase().nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            'ø' => out.push('o'),
            'ł' => out.push('l'),
            'đ' => out.push('d'),
            'ı' => out.push('i'),
            _ => out.push(c),
        }
    }
    out
}

/// One word of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    /// The word as written.
    pub raw: &'a str,
    /// Folded form ([`fold`]).
    pub folded: String,
    /// Whether it starts with an upper-case letter.
    pub capitalised: bool,
    /// Whether it opens a sentence (first word, or after `.`, `!`, `?`, `:` or a line break),
    /// where capitals say nothing about names.
    pub sentence_start: bool,
    /// Whether it is made of digits only.
    pub numeric: bool,
}

/// Splits text into words: runs of letters and digits. Apostrophes and hyphens split words
/// ("l'Ukraine" gives "l" and "Ukraine"), so elided articles do not hide names.
pub fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut sentence_start = true;
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(s) = start.take() {
            out.push(make_word(&text[s..i], sentence_start));
            sentence_start = false;
        }
        if matches!(
            c,
            '.' | '!' | '?' | ':' | '\n' | '…' | '«' | '“' | '"' | '¿' | '¡'
        ) {
            sentence_start = true;
        }
    }
    if let Some(s) = start {
        out.push(make_word(&text[s..], sentence_start));
    }
    out
}

fn make_word(raw: &str, sentence_start: bool) -> Word<'_> {
    let capitalised = raw.chars().next().is_some_and(char::is_uppercase);
    Word {
        raw,
        folded: fold(raw),
        capitalised,
        sentence_start,
        numeric: raw.chars().all(|c| c.is_ascii_digit()),
    }
}

/// Capitalised name keys of a text, in order of appearance: folded capitalised words that are
/// no stop word in any language and have at least three letters. Consecutive capitalised words
/// are also kept joined ("general motors"), which is more discriminative than either word.
/// A sentence-initial word counts only when it is capitalised again elsewhere in the text.
pub fn name_keys(text: &str) -> Vec<String> {
    name_keys_in(text, &words(text))
}

/// [`name_keys`] of `text` already split by [`words`] (`tokens` must be `words(text)`).
pub fn name_keys_in(text: &str, tokens: &[Word<'_>]) -> Vec<String> {
    let mid_sentence_capitals: HashSet<&str> = tokens
        .iter()
        .filter(|w| w.capitalised && !w.sentence_start)
        .map(|w| w.folded.as_str())
        .collect();
    let is_name = |w: &Word<'_>| {
        w.capitalised
            && !w.numeric
            && w.folded.chars().count() >= 3
            && !is_stop_word_anywhere(&w.folded)
            && (!w.sentence_start || mid_sentence_capitals.contains(w.folded.as_str()))
    };
    let mut out = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let mut previous_end: Option<usize> = None;
    let base = text.as_ptr() as usize;
    for w in tokens {
        let start = w.raw.as_ptr() as usize - base;
        // Only words separated by plain spaces form one multi-word name.
        let adjacent = previous_end
            .and_then(|end| text.get(end..start))
            .is_some_and(|gap| gap == " ");
        if is_name(w) {
            if !adjacent && run.len() > 1 {
                out.push(run.join(" "));
            }
            if !adjacent {
                run.clear();
            }
            out.push(w.folded.clone());
            run.push(&w.folded);
        } else {
            if run.len() > 1 {
                out.push(run.join(" "));
            }
            run.clear();
        }
        previous_end = Some(start + w.raw.len());
    }
    if run.len() > 1 {
        out.push(run.join(" "));
    }
    out
}

/// Numbers of a text, normalised so that "1,000", "1.000", "1 000" and "1000" are one key and
/// "3,5" equals "3.5", in order of appearance. Numbers of one digit are left out: they are often
/// spelled in words by one translator and in digits by another.
pub fn number_keys(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_alphanumeric()) {
            i += 1;
            continue;
        }
        // Collect digit groups and the separators between them. A space only groups
        // thousands when exactly three digits follow it, so "2019 2020" stays two numbers.
        let mut groups: Vec<String> = Vec::new();
        let mut separators: Vec<char> = Vec::new();
        let mut current = String::new();
        while i < chars.len() {
            let c = chars[i];
            if c.is_ascii_digit() {
                current.push(c);
                i += 1;
                continue;
            }
            let digits_after = chars[i + 1..]
                .iter()
                .take_while(|d| d.is_ascii_digit())
                .count();
            let accepted = match c {
                ',' | '.' => digits_after >= 1,
                ' ' | '\u{a0}' | '\u{202f}' | '\'' => {
                    digits_after == 3 && current.len() <= 3 && !current.is_empty()
                }
                _ => false,
            };
            if !accepted || current.is_empty() {
                break;
            }
            groups.push(std::mem::take(&mut current));
            separators.push(c);
            i += 1;
        }
        if !current.is_empty() {
            groups.push(current);
        }
        if let Some(key) = normalise_number(&groups, &separators) {
            out.push(key);
        }
    }
    out
}

/// Turns digit groups and their separators into one canonical number string.
///
/// Spaces always group thousands (the scanner only accepts them before three digits). With
/// two kinds of punctuation ("1.234,5"), the last one is the decimal mark. With one kind, it
/// groups thousands when every later group has three digits ("1,000", "1.234.567"), and is a
/// decimal mark otherwise ("3,5").
fn normalise_number(groups: &[String], separators: &[char]) -> Option<String> {
    let first = groups.first()?;
    let punctuation: Vec<(usize, char)> = separators
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c, ',' | '.'))
        .map(|(i, c)| (i, *c))
        .collect();
    let kinds: HashSet<char> = punctuation.iter().map(|(_, c)| *c).collect();
    let decimal_at: Option<usize> = if kinds.len() > 1 {
        punctuation.last().map(|(i, _)| *i)
    } else if groups.iter().skip(1).all(|g| g.len() == 3) {
        None
    } else if punctuation.len() == 1 {
        punctuation.first().map(|(i, _)| *i)
    } else {
        // "1.2.3": a version or a list, not a quantity.
        return None;
    };
    let mut integer = first.clone();
    let mut fraction = String::new();
    for (index, group) in groups.iter().skip(1).enumerate() {
        match decimal_at {
            Some(d) if index == d => fraction.push_str(group),
            Some(d) if index > d => break,
            _ => integer.push_str(group),
        }
    }
    let integer = integer.trim_start_matches('0');
    let integer = if integer.is_empty() { "0" } else { integer };
    let fraction = fraction.trim_end_matches('0');
    if fraction.is_empty() {
        if integer.len() < 2 {
            return None;
        }
        Some(integer.to_string())
    } else {
        Some(format!("{integer}.{fraction}"))
    }
}

/// A stemmer for a language code, when the language is one rust-stemmers knows.
pub fn stemmer_for(language: Option<&str>) -> Option<Stemmer> {
    let algorithm = match language? {
        "en" => Algorithm::English,
        "fr" => Algorithm::French,
        "es" => Algorithm::Spanish,
        "it" => Algorithm::Italian,
        "nl" => Algorithm::Dutch,
        "de" => Algorithm::German,
        "pt" => Algorithm::Portuguese,
        "ru" => Algorithm::Russian,
        "sv" => Algorithm::Swedish,
        "da" => Algorithm::Danish,
        "no" | "nb" => Algorithm::Norwegian,
        "fi" => Algorithm::Finnish,
        "hu" => Algorithm::Hungarian,
        "ro" => Algorithm::Romanian,
        "tr" => Algorithm::Turkish,
        "ar" => Algorithm::Arabic,
        _ => return None,
    };
    Some(Stemmer::create(algorithm))
}

/// Content terms of a text: folded, stemmed words that are not stop words and not numbers,
/// with at least two characters.
pub fn content_terms(text: &str, language: Option<&str>) -> Vec<String> {
    ContentTerms::new(language).of(&words(text))
}

/// [`content_terms`] of texts already split by [`words`], stemming each distinct word once
/// (news text repeats its words, and stemming is the costly part).
pub struct ContentTerms<'w> {
    language: Option<&'w str>,
    stemmer: Option<Stemmer>,
    stems: HashMap<&'w str, String>,
}

impl<'w> ContentTerms<'w> {
    /// Terms in `language` (stop words and stemmer of that language, when known).
    pub fn new(language: Option<&'w str>) -> Self {
        Self {
            language,
            stemmer: stemmer_for(language),
            stems: HashMap::new(),
        }
    }

    /// The content terms of `tokens`, in order.
    pub fn of(&mut self, tokens: &'w [Word<'_>]) -> Vec<String> {
        let Self {
            language,
            stemmer,
            stems,
        } = self;
        tokens
            .iter()
            .filter(|w| !w.numeric && w.folded.chars().count() >= 2)
            .filter(|w| !is_stop_word(&w.folded, *language))
            .map(|w| match stemmer {
                Some(s) => stems
                    .entry(w.folded.as_str())
                    .or_insert_with(|| s.stem(&w.folded).into_owned())
                    .clone(),
                None => w.folded.clone(),
            })
            .collect()
    }
}

/// Lower-cased, folded words joined by one space: the basis of exact-duplicate hashes and of
/// shingles, insensitive to punctuation, case, accents and whitespace.
pub fn normalised_words(text: &str) -> Vec<String> {
    words(text).into_iter().map(|w| w.folded).collect()
}

/// Number of quotations: pairs of straight double quotes plus opening typographic quotes.
pub fn quote_count(text: &str) -> u32 {
    let mut straight = 0u32;
    let mut opening = 0u32;
    for c in text.chars() {
        match c {
            '"' => straight += 1,
            '«' | '“' | '„' => opening += 1,
            _ => {}
        }
    }
    opening + straight / 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn folds_case_and_diacritics() {
        assert_eq!(fold("Biélorussie"), "bielorussie");
        assert_eq!(fold("ŒUVRE"), "oeuvre");
        assert_eq!(fold("Łódź"), "lodz");
        assert_eq!(fold("Straße"), "strasse");
    }

    #[test]
    fn number_forms_normalise_to_one_key() {
        for text in ["1,000", "1.000", "1 000", "1000", "1\u{a0}000"] {
            assert_eq!(number_keys(text), vec!["1000".to_string()], "{text}");
        }
        assert_eq!(number_keys("3,5 %"), vec!["3.5"]);
        assert_eq!(number_keys("3.50"), vec!["3.5"]);
        assert_eq!(
            number_keys("1,234,567 and 1.234.567"),
            vec!["1234567", "1234567"]
        );
        assert_eq!(number_keys("1.234,5"), vec!["1234.5"]);
        assert_eq!(number_keys("in 2019 and 2020"), vec!["2019", "2020"]);
        assert!(number_keys("3 apples and 7 pears").is_empty());
        assert!(
            number_keys("Su24 A320").is_empty(),
            "digits glued to letters are codes"
        );
    }

    #[test]
    fn names_skip_function_words_and_join_runs() {
        let names = name_keys("The company General Motors named Mary Barra. Barra, 51, said so.");
        assert!(names.contains(&"general motors".to_string()));
        assert!(names.contains(&"mary barra".to_string()));
        assert!(names.contains(&"barra".to_string()));
        assert!(!names.contains(&"the".to_string()));
        assert!(!names.iter().any(|n| n == "company"));
    }

    #[test]
    fn sentence_initial_word_is_a_name_only_when_seen_capitalised_elsewhere() {
        let names = name_keys("Yesterday the board met. Later Smith spoke with Smith's lawyer.");
        assert!(!names.contains(&"yesterday".to_string()));
        assert!(names.contains(&"smith".to_string()));
    }

    #[test]
    fn stop_words_are_per_language_with_months_everywhere() {
        assert!(is_stop_word("the", Some("en")));
        assert!(!is_stop_word("the", Some("fr")));
        assert!(is_stop_word("janvier", Some("en")));
        assert!(is_stop_word("der", None));
    }

    #[test]
    fn content_terms_are_stemmed_without_stop_words() {
        let terms = content_terms("The ministers were meeting in Minsk", Some("en"));
        assert_eq!(terms, vec!["minist", "meet", "minsk"]);
    }

    #[test]
    fn counts_quotes_in_both_styles() {
        assert_eq!(quote_count("He said \"yes\" and « non »."), 2);
    }

    proptest! {
        #[test]
        fn tokenisers_never_panic(text in "\\PC{0,200}") {
            let _ = words(&text);
            let _ = name_keys(&text);
            let _ = number_keys(&text);
            let _ = content_terms(&text, Some("fr"));
            let _ = quote_count(&text);
        }

        #[test]
        fn folding_is_idempotent(word in "\\PC{0,30}") {
            let once = fold(&word);
            prop_assert_eq!(fold(&once), once.clone());
        }
    }
}
