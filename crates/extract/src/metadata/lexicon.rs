//! The word lists metadata reading relies on, loaded once from `data/metadata/*` (see the
//! `LICENSE.md` there): month and weekday names, news publishers and agencies with their aliases
//! and domains, byline words, section labels.
//!
//! Loading never fails: a malformed line is skipped (the files ship with the crate and are
//! checked by the tests below), so that a typo cannot take extraction down.

use ahash::{AHashMap as HashMap, AHashSet as HashSet};
use std::sync::OnceLock;

const MONTHS: &str = include_str!("../../data/metadata/months.tsv");
const WEEKDAYS: &str = include_str!("../../data/metadata/weekdays.tsv");
const PUBLISHERS: &str = include_str!("../../data/metadata/publishers.tsv");
const BYLINES: &str = include_str!("../../data/metadata/bylines.tsv");
const SECTION_LABELS: &str = include_str!("../../data/metadata/section_labels.txt");

/// What kind of organisation a publisher is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PublisherKind {
    /// A news agency, whose copy other outlets run ("(AFP) -", "avec Reuters").
    Agency,
    /// A newspaper, broadcaster, magazine or news site.
    Outlet,
}

/// A known publisher.
#[derive(Debug, Clone)]
pub(crate) struct Publisher {
    /// Canonical name ("The New York Times").
    pub name: String,
    /// Agency or outlet.
    pub kind: PublisherKind,
    /// Registrable domains ("nytimes.com").
    pub domains: Vec<String>,
}

/// All word lists, parsed.
#[derive(Debug)]
pub(crate) struct Lexicon {
    /// Lower-case month form → month number.
    pub months: HashMap<String, u32>,
    /// Lower-case weekday forms.
    pub weekdays: Vec<String>,
    /// Known publishers.
    pub publishers: Vec<Publisher>,
    /// Normalised alias → index into `publishers`.
    alias_index: HashMap<String, usize>,
    /// Aliases of agencies as written ("AFP", "Reuters", "dpa"), longest first.
    pub agency_aliases: Vec<String>,
    /// Byline openers, longest first.
    pub byline_prefixes: Vec<String>,
    /// Words joining names in a list.
    pub joiners: Vec<String>,
    /// Role and desk words.
    pub roles: HashSet<String>,
    /// Words announcing a publication date, longest first.
    pub published_cues: Vec<String>,
    /// Words announcing a modification date, longest first.
    pub updated_cues: Vec<String>,
    /// Section labels.
    pub section_labels: HashSet<String>,
}

/// The lexicon, parsed on first use.
pub(crate) fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::load)
}

fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim_end)
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
}

fn comma_list(field: &str) -> impl Iterator<Item = String> + '_ {
    field
        .split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_string)
}

fn longest_first(mut list: Vec<String>) -> Vec<String> {
    list.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    list.dedup();
    list
}

impl Lexicon {
    fn load() -> Self {
        let mut months = HashMap::new();
        for line in data_lines(MONTHS) {
            let fields: Vec<&str> = line.split('\t').collect();
            if let [_, number, forms] = fields.as_slice() {
                if let Ok(number) = number.trim().parse::<u32>() {
                    for form in comma_list(forms) {
                        months.insert(form.to_lowercase(), number);
                    }
                }
            }
        }
        let mut weekdays = Vec::new();
        for line in data_lines(WEEKDAYS) {
            if let Some((_, forms)) = line.split_once('\t') {
                weekdays.extend(comma_list(forms).map(|f| f.to_lowercase()));
            }
        }
        let mut publishers = Vec::new();
        let mut alias_index = HashMap::new();
        let mut agency_aliases = Vec::new();
        for line in data_lines(PUBLISHERS) {
            let fields: Vec<&str> = line.split('\t').collect();
            let [name, kind, domains, aliases] = fields.as_slice() else {
                continue;
            };
            let index = publishers.len();
            publishers.push(Publisher {
                name: name.trim().to_string(),
                kind: if kind.trim() == "agency" {
                    PublisherKind::Agency
                } else {
                    PublisherKind::Outlet
                },
                domains: comma_list(domains).map(|d| d.to_lowercase()).collect(),
            });
            for alias in std::iter::once(name.to_string()).chain(comma_list(aliases)) {
                if kind.trim() == "agency" {
                    agency_aliases.push(alias.trim().to_string());
                }
                let key = normalize_name(&alias);
                if !key.is_empty() {
                    // The first publisher to claim an alias keeps it.
                    alias_index.entry(key).or_insert(index);
                }
            }
        }
        let mut byline_prefixes = Vec::new();
        let mut joiners = Vec::new();
        let mut roles = HashSet::new();
        let mut published_cues = Vec::new();
        let mut updated_cues = Vec::new();
        for line in data_lines(BYLINES) {
            let fields: Vec<&str> = line.split('\t').collect();
            let [kind, _lang, phrase] = fields.as_slice() else {
                continue;
            };
            let phrase = phrase.trim().to_lowercase();
            match kind.trim() {
                "prefix" => byline_prefixes.push(phrase),
                "joiner" => joiners.push(phrase),
                "role" => {
                    roles.insert(phrase);
                }
                "published" => published_cues.push(phrase),
                "updated" => updated_cues.push(phrase),
                _ => {}
            }
        }
        let section_labels = data_lines(SECTION_LABELS)
            .map(|line| line.trim().to_lowercase())
            .collect();
        Self {
            months,
            weekdays: longest_first(weekdays),
            publishers,
            alias_index,
            agency_aliases: longest_first(agency_aliases),
            byline_prefixes: longest_first(byline_prefixes),
            joiners: longest_first(joiners),
            roles,
            published_cues: longest_first(published_cues),
            updated_cues: longest_first(updated_cues),
            section_labels,
        }
    }

    /// The publisher a name refers to ("le New York Times" → The New York Times).
    pub fn publisher_by_name(&self, name: &str) -> Option<&Publisher> {
        let key = normalize_name(name);
        self.alias_index
            .get(&key)
            .and_then(|&index| self.publishers.get(index))
    }

    /// The publisher that owns a host name (`www.nytimes.com` → The New York Times).
    pub fn publisher_by_host(&self, host: &str) -> Option<&Publisher> {
        let host = host.trim_end_matches('.').to_lowercase();
        self.publishers.iter().find(|publisher| {
            publisher.domains.iter().any(|domain| {
                host == *domain
                    || host
                        .strip_suffix(domain.as_str())
                        .is_some_and(|rest| rest.ends_with('.'))
            })
        })
    }

    /// Whether `text` is a section or page label rather than a headline.
    pub fn is_section_label(&self, text: &str) -> bool {
        let key: String = text
            .trim()
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        self.section_labels.contains(&key)
    }

    /// A regex alternation of every month form, longest first, escaped.
    pub fn month_alternation(&self) -> String {
        let forms = longest_first(self.months.keys().cloned().collect());
        alternation(&forms)
    }

    /// A regex alternation of every weekday form, longest first, escaped.
    pub fn weekday_alternation(&self) -> String {
        alternation(&self.weekdays)
    }
}

fn alternation(forms: &[String]) -> String {
    forms
        .iter()
        .map(|form| regex::escape(form))
        .collect::<Vec<_>>()
        .join("|")
}

/// Leading articles dropped before comparing publisher names ("le Monde" = "Monde").
const ARTICLES: &[&str] = &[
    "the", "le", "la", "les", "der", "die", "das", "dem", "den", "el", "los", "las", "il", "lo",
    "gli", "o", "a", "de", "het",
];

/// Normalises a publisher name for lookup: lower case, single spaces, typographic apostrophes
/// made straight, a leading article and surrounding punctuation dropped.
pub(crate) fn normalize_name(name: &str) -> String {
    let lowered = name.replace('’', "'").to_lowercase();
    let words: Vec<&str> = lowered
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| matches!(c, '"' | '«' | '»' | '“' | '”' | ',' | ';' | ':'))
        })
        .filter(|w| !w.is_empty())
        .collect();
    let mut joined = words.join(" ");
    if let Some(rest) = joined.strip_prefix("l'") {
        joined = rest.to_string();
    } else if let Some((first, rest)) = joined.split_once(' ') {
        if ARTICLES.contains(&first) && !rest.is_empty() {
            joined = rest.to_string();
        }
    }
    joined.trim_end_matches(['.', ')', '(']).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_data_line_parses() {
        for line in data_lines(MONTHS) {
            assert_eq!(line.split('\t').count(), 3, "months.tsv: {line}");
        }
        for line in data_lines(PUBLISHERS) {
            assert_eq!(line.split('\t').count(), 4, "publishers.tsv: {line}");
        }
        for line in data_lines(BYLINES) {
            assert_eq!(line.split('\t').count(), 3, "bylines.tsv: {line}");
        }
        let lex = lexicon();
        assert_eq!(lex.months.get("décembre"), Some(&12));
        assert_eq!(lex.months.get("декабря"), Some(&12));
        assert!(lex.weekdays.iter().any(|w| w == "lundi"));
    }

    #[test]
    fn publisher_aliases_ignore_articles_and_case() {
        let lex = lexicon();
        let nyt = lex
            .publisher_by_name("le New York Times")
            .map(|p| p.name.as_str());
        assert_eq!(nyt, Some("The New York Times"));
        assert_eq!(
            lex.publisher_by_name("AFP").map(|p| p.kind),
            Some(PublisherKind::Agency)
        );
        assert_eq!(
            lex.publisher_by_name("l’Express").map(|p| p.name.as_str()),
            Some("L'Express")
        );
        assert!(lex.publisher_by_name("Gazette du Village").is_none());
    }

    #[test]
    fn publisher_by_host_respects_label_boundaries() {
        let lex = lexicon();
        assert_eq!(
            lex.publisher_by_host("www.nytimes.com")
                .map(|p| p.name.as_str()),
            Some("The New York Times")
        );
        assert!(lex.publisher_by_host("notnytimes.com").is_none());
    }

    #[test]
    fn section_labels_are_recognised() {
        assert!(lexicon().is_section_label("Opinion"));
        assert!(lexicon().is_section_label(" À la une "));
        assert!(!lexicon().is_section_label("Kyiv under fire again"));
    }
}
