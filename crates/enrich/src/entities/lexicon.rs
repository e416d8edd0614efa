//! Word lists the recogniser consults: function words per language, given names, and cue
//! words (organisation and location heads, person titles, capitalised non-names).
//!
//! All lists are data files under `crates/enrich/data/ner/` compiled in with `include_str!`
//! and parsed once on first use; their sources and licences are in that folder's README.

use ahash::{AHashMap as HashMap, AHashSet as HashSet};
use std::io::Read;
use std::sync::OnceLock;

use flate2::read::GzDecoder;

const STOPWORDS: &str = include_str!("../../data/ner/stopwords.tsv");
const FIRST_NAMES: &str = include_str!("../../data/ner/first_names.txt");
const CUES: &str = include_str!("../../data/ner/cues.tsv");
const COMMON_EN_GZ: &[u8] = include_bytes!("../../data/ner/common_en.txt.gz");

/// What a cue word says about the name it belongs to or precedes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// Head word of organisation names ("Université", "Party").
    Org,
    /// Head word of location names ("Lac", "River").
    Loc,
    /// A title or role introducing a person ("M.", "président").
    Title,
    /// Capitalised word that is not a PER/LOC/ORG name (months, demonyms).
    Misc,
    /// Preposition announcing a place ("à", "in").
    LocPrep,
    /// Word that stopword lists include but that also starts names ("New", "Great").
    NamePart,
    /// Lowercase head of a place name in Romance languages ("lac", "mer").
    LocHead,
    /// Lowercase head of an organisation name in Romance languages ("université").
    OrgHead,
    /// Word that makes a name an event, a competition or a work ("Coupe", "War").
    Event,
}

/// The loaded lists.
#[derive(Debug)]
pub struct Lexicon {
    /// Lowercase function words per ISO 639-1 code.
    stopwords: HashMap<String, HashSet<String>>,
    /// Lowercase function words of every language.
    all_stopwords: HashSet<String>,
    /// Lowercase given names.
    first_names: HashSet<String>,
    /// Cue words, as written (case matters: "Marine" the navy, "marine" the adjective).
    cues: HashMap<String, Vec<Cue>>,
}

impl Lexicon {
    /// The shared lexicon, parsed on first use.
    pub fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(Lexicon::parse)
    }

    fn parse() -> Lexicon {
        let mut stopwords: HashMap<String, HashSet<String>> = HashMap::new();
        let mut all_stopwords = HashSet::new();
        for line in STOPWORDS.lines() {
            if let Some((lang, word)) = line.split_once('\t') {
                let word = word.trim().to_lowercase();
                stopwords
                    .entry(lang.to_string())
                    .or_default()
                    .insert(word.clone());
                all_stopwords.insert(word);
            }
        }
        let first_names = FIRST_NAMES
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_lowercase)
            .collect();
        let mut cues: HashMap<String, Vec<Cue>> = HashMap::new();
        for line in CUES.lines() {
            if line.starts_with('#') {
                continue;
            }
            let Some((class, word)) = line.split_once('\t') else {
                continue;
            };
            let cue = match class {
                "org" => Cue::Org,
                "loc" => Cue::Loc,
                "title" => Cue::Title,
                "misc" => Cue::Misc,
                "locprep" => Cue::LocPrep,
                "namepart" => Cue::NamePart,
                "lochead" => Cue::LocHead,
                "orghead" => Cue::OrgHead,
                "event" => Cue::Event,
                _ => continue,
            };
            cues.entry(word.trim().to_string()).or_default().push(cue);
        }
        Lexicon {
            stopwords,
            all_stopwords,
            first_names,
            cues,
        }
    }

    /// Whether `lower` (already lowercase) is a function word of `lang`, or of any language
    /// when `lang` is unknown or has no list.
    pub fn is_stopword(&self, lower: &str, lang: Option<&str>) -> bool {
        match lang.and_then(|l| self.stopwords.get(l)) {
            Some(set) => set.contains(lower),
            None => self.all_stopwords.contains(lower),
        }
    }

    /// Whether `lower` (already lowercase) is a known given name.
    pub fn is_first_name(&self, lower: &str) -> bool {
        self.first_names.contains(lower)
    }

    /// Whether `lower` (already lowercase) is an ordinary word of `lang`, for the languages
    /// that have a word list (English); `None` for the others.
    pub fn is_common_word(&self, lower: &str, lang: Option<&str>) -> Option<bool> {
        match lang {
            Some("en") => Some(common_english().contains(lower)),
            _ => None,
        }
    }

    /// Whether `word`, as written, carries `cue`.
    pub fn has_cue(&self, word: &str, cue: Cue) -> bool {
        self.cues.get(word).is_some_and(|c| c.contains(&cue))
    }
}

/// A sorted word list kept as one string, searched by binary search over line starts: far
/// cheaper to load than a hash set of 275,000 strings. The search starts from the range of
/// words sharing the first two bytes ([`SortedWords::by_prefix`]), which halves its steps: the
/// entity features ask about every token of an English text.
#[derive(Debug, Default)]
struct SortedWords {
    text: String,
    /// Where each word starts, and (last) where the text ends.
    starts: Vec<u32>,
    /// For each two-byte prefix key ([`prefix_key`]), the index of the first word whose key is
    /// at least that one; one more entry at the end.
    by_prefix: Vec<u32>,
}

/// The first two bytes of `word` as one number (a missing byte is 0, which no word contains),
/// in the same order as the words themselves.
fn prefix_key(word: &str) -> usize {
    let bytes = word.as_bytes();
    let byte = |i: usize| bytes.get(i).copied().unwrap_or(0) as usize;
    (byte(0) << 8) | byte(1)
}

impl SortedWords {
    fn new(text: String) -> SortedWords {
        let mut starts = Vec::with_capacity(text.len() / 8);
        let mut at = 0usize;
        for line in text.split_inclusive('\n') {
            if !line.trim_end().is_empty() {
                starts.push(at as u32);
            }
            at += line.len();
        }
        let count = starts.len();
        starts.push(text.len() as u32);
        let mut words = SortedWords {
            text,
            starts,
            by_prefix: Vec::new(),
        };
        // The words are sorted, so their keys never decrease: one pass fills every slot.
        let mut by_prefix = Vec::with_capacity((1 << 16) + 1);
        for i in 0..count {
            let key = prefix_key(words.word(i));
            while by_prefix.len() <= key {
                by_prefix.push(i as u32);
            }
        }
        by_prefix.resize((1 << 16) + 1, count as u32);
        words.by_prefix = by_prefix;
        words
    }

    fn word(&self, i: usize) -> &str {
        let (start, end) = (self.starts[i] as usize, self.starts[i + 1] as usize);
        let line = self.text.get(start..end).unwrap_or("");
        line.split('\n').next().unwrap_or("")
    }

    fn contains(&self, word: &str) -> bool {
        let key = prefix_key(word);
        let (mut lo, mut hi) = match (self.by_prefix.get(key), self.by_prefix.get(key + 1)) {
            (Some(&lo), Some(&hi)) => (lo as usize, hi as usize),
            _ => (0, self.starts.len().saturating_sub(1)),
        };
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.word(mid).cmp(word) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }
}

/// English word list (sorted by the build script), decompressed on first use. Unreadable data
/// gives an empty list (and a logged error) rather than a panic.
fn common_english() -> &'static SortedWords {
    static WORDS: OnceLock<SortedWords> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut text = String::new();
        if let Err(err) = GzDecoder::new(COMMON_EN_GZ).read_to_string(&mut text) {
            tracing::error!(%err, "English word list unreadable");
            return SortedWords::default();
        }
        SortedWords::new(text)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_ranges_find_exactly_the_listed_words() {
        let words = SortedWords::new("a\nab\nabc\nb\nbé\nzz\nzzz\n".to_string());
        for word in ["a", "ab", "abc", "b", "bé", "zz", "zzz"] {
            assert!(words.contains(word), "{word}");
        }
        for word in ["", "aa", "abd", "ba", "c", "z", "zzzz", "é"] {
            assert!(!words.contains(word), "{word}");
        }
        assert!(!SortedWords::default().contains("a"));
    }

    #[test]
    fn lists_are_loaded() {
        let lex = Lexicon::get();
        assert!(lex.is_stopword("le", Some("fr")));
        assert!(lex.is_stopword("the", None));
        assert!(!lex.is_stopword("kremlin", Some("fr")));
        assert!(lex.is_first_name("vladimir"));
        assert!(lex.is_first_name("mary"));
        assert!(lex.has_cue("Université", Cue::Org));
        assert!(lex.has_cue("porte-parole", Cue::Title));
        assert!(!lex.has_cue("université", Cue::Org));
        assert_eq!(lex.is_common_word("video", Some("en")), Some(true));
        assert_eq!(lex.is_common_word("zellweger", Some("en")), Some(false));
        assert_eq!(lex.is_common_word("video", Some("fr")), None);
        assert_eq!(lex.is_common_word("a", Some("en")), Some(true));
        assert_eq!(lex.is_common_word("zzzzzzzz", Some("en")), Some(false));
    }

    #[test]
    fn sorted_words_search() {
        let words = SortedWords::new("apple\nbanana\ncherry\n".to_string());
        assert!(words.contains("apple") && words.contains("banana") && words.contains("cherry"));
        assert!(!words.contains("apricot") && !words.contains("") && !words.contains("zebra"));
    }
}
