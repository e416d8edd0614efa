//! Multilingual keyword lexicons of page and scraper furniture, loaded from
//! `data/lexicons/*.txt` and matched with one Aho-Corasick automaton.
//!
//! Matching works on a *match form* of the text ([`match_form`]): lower-cased, typographic
//! apostrophes folded, a space inserted where a lowercase letter is glued to an uppercase one
//! (`lecteursTout` → `abonnés tout`), punctuation turned into spaces, and padded with one space at
//! each end. Entries get the same treatment plus the padding, so every hit falls on whole words.
//! A hit is only a signal: [`super::classify`] weighs it against the block's shape.

use ahash::AHashSet as HashSet;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// A class of furniture, one per lexicon file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Class {
    /// Share / follow / newsletter prompts.
    Share,
    /// Comment sections.
    Comments,
    /// Cookie and sign-up consent notices.
    Consent,
    /// Advertising markers.
    Advertising,
    /// Scraper and content-farm markers.
    Scraper,
    /// Read-aloud audio players.
    Audio,
    /// Video player labels.
    Video,
    /// Interactive widgets, maps, live blogs.
    Widget,
    /// Teasers for other stories.
    Related,
    /// Headers of subscriber-only teaser lists.
    Subscriber,
    /// Paywall and login prompts.
    Paywall,
    /// Publisher disclaimers.
    Disclaimer,
    /// Section labels, trending lists, tags.
    Section,
    /// Site navigation.
    Navigation,
    /// "Read the rest elsewhere" markers.
    Continuation,
    /// Words that open a byline.
    Byline,
    /// Words that open a "published on" line.
    Dateline,
    /// Words of photo credits.
    PhotoCredit,
}

impl Class {
    /// Every class, in the order their files are loaded.
    pub const ALL: [Class; 18] = [
        Class::Share,
        Class::Comments,
        Class::Consent,
        Class::Advertising,
        Class::Scraper,
        Class::Audio,
        Class::Video,
        Class::Widget,
        Class::Related,
        Class::Subscriber,
        Class::Paywall,
        Class::Disclaimer,
        Class::Section,
        Class::Navigation,
        Class::Continuation,
        Class::Byline,
        Class::Dateline,
        Class::PhotoCredit,
    ];

    /// The data file of the class.
    fn source(self) -> &'static str {
        match self {
            Class::Share => include_str!("../../data/lexicons/share.txt"),
            Class::Comments => include_str!("../../data/lexicons/comments.txt"),
            Class::Consent => include_str!("../../data/lexicons/consent.txt"),
            Class::Advertising => include_str!("../../data/lexicons/advertising.txt"),
            Class::Scraper => include_str!("../../data/lexicons/scraper.txt"),
            Class::Audio => include_str!("../../data/lexicons/audio.txt"),
            Class::Video => include_str!("../../data/lexicons/video.txt"),
            Class::Widget => include_str!("../../data/lexicons/widget.txt"),
            Class::Related => include_str!("../../data/lexicons/related.txt"),
            Class::Subscriber => include_str!("../../data/lexicons/subscriber.txt"),
            Class::Paywall => include_str!("../../data/lexicons/paywall.txt"),
            Class::Disclaimer => include_str!("../../data/lexicons/disclaimer.txt"),
            Class::Section => include_str!("../../data/lexicons/section.txt"),
            Class::Navigation => include_str!("../../data/lexicons/navigation.txt"),
            Class::Continuation => include_str!("../../data/lexicons/continuation.txt"),
            Class::Byline => include_str!("../../data/lexicons/byline.txt"),
            Class::Dateline => include_str!("../../data/lexicons/dateline.txt"),
            Class::PhotoCredit => include_str!("../../data/lexicons/photo_credit.txt"),
        }
    }

    /// Short name used in `Removed::detail`.
    pub fn name(self) -> &'static str {
        match self {
            Class::Share => "share",
            Class::Comments => "comments",
            Class::Consent => "consent",
            Class::Advertising => "advertising",
            Class::Scraper => "scraper",
            Class::Audio => "audio",
            Class::Video => "video",
            Class::Widget => "widget",
            Class::Related => "related",
            Class::Subscriber => "subscriber",
            Class::Paywall => "paywall",
            Class::Disclaimer => "disclaimer",
            Class::Section => "section",
            Class::Navigation => "navigation",
            Class::Continuation => "continuation",
            Class::Byline => "byline",
            Class::Dateline => "dateline",
            Class::PhotoCredit => "photo-credit",
        }
    }
}

/// Byte range of a hit in the match form, and the index of its entry.
type HitSpan = (usize, usize, usize);

/// One lexicon entry.
#[derive(Debug, Clone)]
struct Entry {
    class: Class,
    lang: String,
    /// Match form of the phrase, without the padding spaces.
    phrase: String,
}

/// What one class's entries found in one text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClassHits {
    /// Distinct phrases that matched.
    pub phrases: Vec<String>,
    /// Languages of the matched entries, deduplicated.
    pub langs: Vec<String>,
    /// Share of the text's non-space characters covered by hits, in `[0, 1]`.
    pub coverage: f32,
    /// A hit starts at the first word.
    pub at_start: bool,
    /// A hit ends at the last word.
    pub at_end: bool,
}

impl ClassHits {
    /// `lexicon:<class>/<langs> "<phrase>", …` for `Removed::detail`.
    pub fn describe(&self, class: Class) -> String {
        let quoted: Vec<String> = self.phrases.iter().map(|p| format!("\"{p}\"")).collect();
        format!(
            "lexicon:{}/{} {} (coverage {:.2})",
            class.name(),
            self.langs.join("+"),
            quoted.join(" "),
            self.coverage
        )
    }
}

/// All furniture lexicons plus the word lists of the cleaning step.
#[derive(Debug)]
pub struct Lexicons {
    automaton: AhoCorasick,
    entries: Vec<Entry>,
    /// Capitalised sentence openers, case-sensitive (`Le`, `The`, `Der`).
    pub sentence_starters: HashSet<String>,
    /// Lower-case function words of every language.
    pub function_words: HashSet<String>,
}

impl Lexicons {
    /// The lexicons compiled into the binary, built once.
    pub fn get() -> &'static Lexicons {
        static LEXICONS: OnceLock<Lexicons> = OnceLock::new();
        LEXICONS.get_or_init(Lexicons::build)
    }

    fn build() -> Lexicons {
        let mut entries = Vec::new();
        for class in Class::ALL {
            for (lang, phrase) in parse_lines(class.source()) {
                let form = match_form(phrase);
                let trimmed = form.trim();
                if trimmed.is_empty() {
                    continue;
                }
                entries.push(Entry {
                    class,
                    lang: lang.to_string(),
                    phrase: trimmed.to_string(),
                });
            }
        }
        let patterns: Vec<String> = entries.iter().map(|e| format!(" {} ", e.phrase)).collect();
        // The data files are compiled in and small; a failure here is a programming error that
        // every test would catch, so it is not input-derived.
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .expect("lexicon automaton builds from compiled-in data");
        let sentence_starters =
            parse_lines(include_str!("../../data/lexicons/sentence_starters.txt"))
                .map(|(_, word)| word.to_string())
                .collect();
        let function_words = parse_lines(include_str!("../../data/lexicons/function_words.txt"))
            .flat_map(|(_, words)| words.split_whitespace())
            .map(str::to_lowercase)
            .collect();
        Lexicons {
            automaton,
            entries,
            sentence_starters,
            function_words,
        }
    }

    /// Lexicon hits of every class in `text`, indexed like [`Class::ALL`].
    pub fn scan(&self, text: &str) -> Vec<(Class, ClassHits)> {
        let form = match_form(text);
        let letters = form.chars().filter(|c| !c.is_whitespace()).count().max(1);
        // Per class: the (start, end, entry index) of every hit.
        let mut per_class: Vec<(Class, Vec<HitSpan>)> = Vec::new();
        for m in self.automaton.find_overlapping_iter(&form) {
            let entry = &self.entries[m.pattern().as_usize()];
            let slot = match per_class.iter_mut().find(|(c, _)| *c == entry.class) {
                Some((_, v)) => v,
                None => {
                    per_class.push((entry.class, Vec::new()));
                    &mut per_class.last_mut().expect("just pushed").1
                }
            };
            slot.push((m.start(), m.end(), m.pattern().as_usize()));
        }
        let last_end = form.len();
        per_class
            .into_iter()
            .map(|(class, mut spans)| {
                spans.sort_unstable();
                let mut hits = ClassHits::default();
                let mut covered = vec![false; form.len()];
                for &(start, end, idx) in &spans {
                    let entry = &self.entries[idx];
                    for flag in covered.iter_mut().take(end).skip(start) {
                        *flag = true;
                    }
                    if !hits.phrases.contains(&entry.phrase) {
                        hits.phrases.push(entry.phrase.clone());
                    }
                    if !hits.langs.contains(&entry.lang) {
                        hits.langs.push(entry.lang.clone());
                    }
                    hits.at_start |= start == 0;
                    hits.at_end |= end == last_end;
                }
                // Drop phrases contained in a longer matched phrase: "partagez" inside
                // "partagez cet article" is one signal, not two.
                let all = hits.phrases.clone();
                hits.phrases.retain(|p| {
                    !all.iter()
                        .any(|q| q != p && format!(" {q} ").contains(&format!(" {p} ")))
                });
                let covered_letters = form
                    .char_indices()
                    .filter(|(i, c)| !c.is_whitespace() && covered[*i])
                    .count();
                hits.coverage = (covered_letters as f32 / letters as f32).clamp(0.0, 1.0);
                (class, hits)
            })
            .collect()
    }

    /// Hits of one class.
    pub fn scan_class(&self, text: &str, class: Class) -> Option<ClassHits> {
        self.scan(text)
            .into_iter()
            .find(|(c, _)| *c == class)
            .map(|(_, h)| h)
    }

    /// The longest entry of `class` that `text` starts with, in match form, with the number of
    /// words it spans in `text`.
    pub fn leading_phrase(&self, text: &str, class: Class) -> Option<(String, usize)> {
        let form = match_form(text);
        self.automaton
            .find_overlapping_iter(&form)
            .filter(|m| m.start() == 0)
            .map(|m| &self.entries[m.pattern().as_usize()])
            .filter(|e| e.class == class)
            .max_by_key(|e| e.phrase.len())
            .map(|e| (e.phrase.clone(), e.phrase.split(' ').count()))
    }

    /// Whether `word` (any case) is a function word.
    pub fn is_function_word(&self, word: &str) -> bool {
        // Callers mostly pass words already in lower case: look those up without a copy.
        let already_lower = if word.is_ascii() {
            !word.bytes().any(|b| b.is_ascii_uppercase())
        } else {
            word.chars().all(|c| {
                let mut lower = c.to_lowercase();
                lower.next() == Some(c) && lower.next().is_none()
            })
        };
        if already_lower {
            self.function_words.contains(word)
        } else {
            self.function_words.contains(&word.to_lowercase())
        }
    }
}

/// Non-comment lines of a lexicon file as `(language, rest)`.
fn parse_lines(source: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    source
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| line.split_once(char::is_whitespace))
        .map(|(lang, rest)| (lang, rest.trim()))
}

/// The match form of `text`: lower-case words separated by single spaces, padded with a space at
/// each end. Apostrophes and hyphens inside words are kept; everything else that is not a letter
/// or digit separates words.
pub fn match_form(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    let mut prev: Option<char> = None;
    for c in text.chars() {
        let c = match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' | '\u{00B4}' => '\'',
            '\u{2010}' | '\u{2011}' => '-',
            other => other,
        };
        let keep_inner = (c == '\'' || c == '-') && prev.is_some_and(char::is_alphanumeric);
        if c.is_alphanumeric() || keep_inner {
            if c.is_uppercase() && prev.is_some_and(char::is_lowercase) && !out.ends_with(' ') {
                out.push(' ');
            }
            out.extend(c.to_lowercase());
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
        prev = Some(c);
    }
    // A trailing apostrophe or hyphen is punctuation, not part of the word.
    while out.ends_with('\'') || out.ends_with('-') {
        out.pop();
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn match_form_splits_glued_case_and_drops_punctuation() {
        assert_eq!(
            match_form("Réservé aux lecteursTout voir"),
            " réservé aux lecteurs tout voir "
        );
        assert_eq!(match_form("PARTAGEZ:"), " partagez ");
        assert_eq!(match_form("l’article   -44"), " l'article 44 ");
        assert_eq!(match_form(""), " ");
    }

    #[test]
    fn every_lexicon_file_loads_entries() {
        let lex = Lexicons::get();
        for class in Class::ALL {
            assert!(
                lex.entries.iter().any(|e| e.class == class),
                "{} has no entries",
                class.name()
            );
        }
        assert!(lex.sentence_starters.contains("The"));
        assert!(lex.function_words.contains("und"));
    }

    #[test]
    fn every_class_covers_the_eight_languages() {
        let lex = Lexicons::get();
        for class in Class::ALL {
            for lang in ["fr", "en", "de", "es", "it", "pt", "nl", "ru"] {
                assert!(
                    lex.entries
                        .iter()
                        .any(|e| e.class == class && e.lang == lang),
                    "{} has no {lang} entry",
                    class.name()
                );
            }
        }
    }

    #[test]
    fn hits_fall_on_whole_words_only() {
        let lex = Lexicons::get();
        // "share" must not match inside "shareholders".
        assert!(lex
            .scan_class("Shareholders met on Monday", Class::Share)
            .is_none());
        let hits = lex
            .scan_class("Share this article", Class::Share)
            .expect("hit");
        assert!(hits.at_start && hits.at_end);
        assert!(hits.coverage > 0.99);
        assert_eq!(hits.phrases, vec!["share this article".to_string()]);
    }

    #[test]
    fn coverage_is_partial_for_long_text() {
        let lex = Lexicons::get();
        let hits = lex
            .scan_class(
                "Die Werbung im Fernsehen ist im letzten Jahr stark gesunken.",
                Class::Advertising,
            )
            .expect("hit");
        assert!(hits.coverage < 0.3, "{}", hits.coverage);
        assert!(!hits.at_start);
    }

    #[test]
    fn leading_phrase_prefers_longest() {
        let lex = Lexicons::get();
        let (phrase, words) = lex
            .leading_phrase("Écrit par Ana Gómez", Class::Byline)
            .expect("byline prefix");
        assert_eq!(phrase, "écrit par");
        assert_eq!(words, 2);
    }
}
