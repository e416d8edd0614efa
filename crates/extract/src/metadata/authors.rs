//! Reading bylines: "By X and Y", "Écrit par A, B et C", "Von X", "Por X", "Di X", author
//! metadata values. Lists are split, roles ("Staff Writer", "correspondante à Kyiv"), e-mail
//! addresses and dates are dropped, and scraper accounts ("qxrt7", "admin", "user1234", an
//! address) are told apart from people: they are never authors, they become flags.
//!
//! A line only counts as a byline when everything after its opener reads as names, roles or
//! dates, so that "Par ailleurs, le gouvernement…" or "By the end of the year…" are left alone.

use std::sync::OnceLock;

use regex::Regex;

use super::lexicon::lexicon;
use super::util::collapse_whitespace;

/// Longest line considered as a byline.
const MAX_BYLINE_CHARS: usize = 240;
/// Longest single name.
const MAX_NAME_CHARS: usize = 60;

/// What a byline or author value says.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Byline {
    /// People or desks, in order, without duplicates.
    pub authors: Vec<String>,
    /// Accounts of a scraper or CMS user, as written.
    pub scraper_accounts: Vec<String>,
}

impl Byline {
    /// Whether it named anybody or any account.
    pub fn is_empty(&self) -> bool {
        self.authors.is_empty() && self.scraper_accounts.is_empty()
    }
}

/// Lower-case particles allowed inside a person's name.
const PARTICLES: &[&str] = &[
    "de", "du", "des", "d'", "van", "von", "der", "den", "ter", "da", "di", "del", "della", "dos",
    "das", "do", "le", "la", "bin", "ibn", "al", "el", "y", "zu", "af", "st.",
];

/// Words that join two credits ("Le Monde avec AFP"), beside the list joiners of the lexicon.
const CREDIT_JOINERS: &[&str] = &["avec", "with", "mit", "con", "com", "met", "с"];

/// Time-zone abbreviations left over when a byline's time is split off ("2:24 am ET").
const TIME_ZONES: &[&str] = &[
    "ET", "EST", "EDT", "CT", "CST", "CDT", "MT", "MST", "MDT", "PT", "PST", "PDT", "GMT", "UTC",
    "BST", "CET", "CEST", "EET", "EEST", "MSK", "IST",
];

/// Names CMSs give to their default accounts.
const GENERIC_ACCOUNTS: &[&str] = &[
    "admin",
    "administrator",
    "administrateur",
    "webmaster",
    "root",
    "user",
    "guest",
    "editor",
    "author",
    "wpadmin",
    "siteadmin",
    "superuser",
    "moderator",
    "newsbot",
    "bot",
    "system",
    "support",
    "contributor",
    "anonymous",
    "unknown",
];

fn email_regex() -> &'static Regex {
    static EMAIL: OnceLock<Regex> = OnceLock::new();
    EMAIL.get_or_init(|| {
        Regex::new(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
            .unwrap_or_else(|error| panic!("e-mail pattern does not compile: {error}"))
    })
}

/// If `line` opens with a byline word ("By", "Par", "Écrit par", "Von"…), the text after it.
pub(crate) fn strip_byline_prefix(line: &str) -> Option<&str> {
    let line = line.trim();
    if line.chars().count() > MAX_BYLINE_CHARS {
        return None;
    }
    let lowered = line.to_lowercase();
    for prefix in &lexicon().byline_prefixes {
        let Some(after) = lowered.strip_prefix(prefix.as_str()) else {
            continue;
        };
        // A word prefix must end at a word boundary; a "Label:" prefix ends with its colon.
        let boundary =
            prefix.ends_with(':') || after.starts_with(|c: char| c.is_whitespace() || c == ':');
        if !boundary {
            continue;
        }
        // Lower-casing may change byte lengths; cut the original at the same character count.
        let cut = line
            .char_indices()
            .nth(prefix.chars().count())
            .map(|(i, _)| i)
            .unwrap_or(line.len());
        let rest = line[cut..].trim_start_matches([':', ' ', '\u{a0}']).trim();
        if !rest.is_empty() {
            return Some(rest);
        }
    }
    None
}

/// Reads a line as a byline: it must open with a byline word and hold only names, roles and
/// dates after it. `None` when it is not a byline.
pub(crate) fn parse_byline_line(line: &str) -> Option<Byline> {
    let rest = strip_byline_prefix(line)?;
    parse_author_list(rest, true)
}

/// Reads an author value (metadata, a byline element): names, lists, roles, accounts.
/// With `strict`, any item that is neither a name, a role, a date nor an account rejects the
/// whole value.
pub(crate) fn parse_author_list(value: &str, strict: bool) -> Option<Byline> {
    let value = collapse_whitespace(value);
    if value.is_empty() || value.chars().count() > MAX_BYLINE_CHARS * 2 {
        return None;
    }
    let value = strip_byline_prefix(&value)
        .map(str::to_string)
        .unwrap_or(value);
    let mut byline = Byline::default();
    // A bare address is an account; inside a list it is contact detail and dropped.
    // Every address holds an `@`: most values have none, and the pattern need not run.
    let has_at = value.contains('@');
    let emails: Vec<String> = if has_at {
        email_regex()
            .find_iter(&value)
            .map(|m| m.as_str().to_string())
            .collect()
    } else {
        Vec::new()
    };
    let without_emails = if has_at {
        email_regex().replace_all(&value, ",")
    } else {
        std::borrow::Cow::Borrowed(value.as_str())
    };
    // Dates hold commas ("Dec. 19, 2022"): take them out before splitting the list.
    let mut without_dates = String::with_capacity(without_emails.len());
    let mut last = 0;
    for date in super::dates::find_dates(&without_emails) {
        without_dates.push_str(without_emails.get(last..date.range.start).unwrap_or(""));
        without_dates.push(',');
        last = date.range.end;
    }
    without_dates.push_str(without_emails.get(last..).unwrap_or(""));
    for item in split_items(&without_dates) {
        match classify(&item) {
            Item::Name(name) => push_unique(&mut byline.authors, name),
            Item::Account(account) => push_unique(&mut byline.scraper_accounts, account),
            Item::Role | Item::Date => {}
            Item::Junk if strict => return None,
            Item::Junk => {}
        }
    }
    if byline.is_empty() {
        if let Some(email) = emails.into_iter().next() {
            byline.scraper_accounts.push(email);
        }
    }
    (!byline.is_empty()).then_some(byline)
}

fn push_unique(list: &mut Vec<String>, value: String) {
    if !list
        .iter()
        .any(|v| v.to_lowercase() == value.to_lowercase())
    {
        list.push(value);
    }
}

/// Splits a credit list on commas, semicolons, bars, parentheses and joiner words.
fn split_items(value: &str) -> Vec<String> {
    let lex = lexicon();
    let mut items = Vec::new();
    for chunk in value.split([
        ',', ';', '|', '·', '•', '(', ')', '/', '\u{2013}', '\u{2014}',
    ]) {
        let mut current: Vec<&str> = Vec::new();
        for word in chunk.split_whitespace() {
            let is_joiner = word == "&"
                || lex.joiners.iter().any(|j| j == word)
                || CREDIT_JOINERS.contains(&word);
            if is_joiner {
                if !current.is_empty() {
                    items.push(current.join(" "));
                }
                current.clear();
            } else {
                current.push(word);
            }
        }
        if !current.is_empty() {
            items.push(current.join(" "));
        }
    }
    items
        .into_iter()
        .map(|item| {
            item.trim_matches(|c: char| {
                c.is_whitespace() || matches!(c, '.' | ':' | '-' | '"' | '«' | '»')
            })
            .to_string()
        })
        .filter(|item| !item.is_empty())
        .collect()
}

enum Item {
    Name(String),
    Account(String),
    Role,
    Date,
    Junk,
}

fn classify(item: &str) -> Item {
    let lex = lexicon();
    let words: Vec<&str> = item.split_whitespace().collect();
    let Some(first) = words.first() else {
        return Item::Junk;
    };
    let lowered = item.to_lowercase();
    let starts_with_cue = |cues: &[String]| {
        cues.iter().any(|cue| {
            lowered
                .strip_prefix(cue.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', ':']))
        })
    };
    if lex.roles.contains(&first.to_lowercase())
        || starts_with_cue(&lex.published_cues)
        || starts_with_cue(&lex.updated_cues)
    {
        return Item::Role;
    }
    if words.iter().all(|w| TIME_ZONES.contains(w)) {
        return Item::Date;
    }
    if item.chars().any(|c| c.is_ascii_digit()) {
        if looks_like_time(item) || !item.chars().any(char::is_alphabetic) {
            return Item::Date;
        }
        if words.len() == 1 && !item.contains(':') {
            // "qxrt7", "user1234": handles, not people.
            return Item::Account(item.to_string());
        }
        return Item::Junk;
    }
    if item.contains("://") || item.starts_with("www.") || item.starts_with('@') {
        return Item::Account(item.to_string());
    }
    if words.len() == 1 {
        let lower = item.to_lowercase();
        if GENERIC_ACCOUNTS.contains(&lower.as_str()) {
            return Item::Account(item.to_string());
        }
        // A lone all-lower-case token ("jdoe", "newsdesk42") is a login, not a name.
        if item.chars().all(|c| !c.is_alphabetic() || c.is_lowercase())
            && item.chars().filter(|c| c.is_alphabetic()).count() >= 3
            && item
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
        {
            return Item::Account(item.to_string());
        }
    }
    if words.iter().all(|w| lex.roles.contains(&w.to_lowercase())) {
        return Item::Role;
    }
    if is_name_shaped(&words) {
        return Item::Name(tidy_case(item));
    }
    Item::Junk
}

fn looks_like_time(item: &str) -> bool {
    item.split_whitespace().any(|w| {
        let digits: Vec<&str> = w.split([':', 'h']).collect();
        digits.len() == 2
            && digits
                .iter()
                .all(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()))
    })
}

/// A person's or desk's name: 1–6 words, each capitalised, an initial or a particle.
fn is_name_shaped(words: &[&str]) -> bool {
    if words.is_empty() || words.len() > 6 {
        return false;
    }
    if words.iter().map(|w| w.chars().count() + 1).sum::<usize>() > MAX_NAME_CHARS {
        return false;
    }
    let mut capitalised = 0;
    for word in words {
        let lower = word.to_lowercase();
        if PARTICLES.contains(&lower.as_str())
            && word.chars().next().is_some_and(char::is_lowercase)
        {
            continue;
        }
        let core = word.trim_start_matches(['"', '\'', '«']);
        let core = core
            .strip_prefix("d'")
            .or_else(|| core.strip_prefix("d’"))
            .or_else(|| core.strip_prefix("l'"))
            .unwrap_or(core);
        let starts_upper = core.chars().next().is_some_and(char::is_uppercase);
        let letters_ok = core
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'));
        if !starts_upper || !letters_ok {
            return false;
        }
        capitalised += 1;
    }
    capitalised > 0
}

/// "JANE DOE" → "Jane Doe"; names written with ordinary case are kept as written.
fn tidy_case(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let shouting = words.len() >= 2
        && words.iter().all(|w| {
            w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !w.chars().any(char::is_lowercase)
        });
    if !shouting {
        return words.join(" ");
    }
    words
        .iter()
        .map(|word| {
            let mut out = String::new();
            let mut upper_next = true;
            for c in word.chars() {
                if upper_next {
                    out.extend(c.to_uppercase());
                } else {
                    out.extend(c.to_lowercase());
                }
                upper_next = matches!(c, '-' | '\'' | '’');
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a metadata value (an author meta tag, a JSON-LD author name) is a scraper account.
pub(crate) fn is_scraper_account(value: &str) -> bool {
    matches!(classify(value.trim()), Item::Account(_))
        || (email_regex().is_match(value) && value.split_whitespace().count() == 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn authors(line: &str) -> Vec<String> {
        parse_byline_line(line)
            .map(|b| b.authors)
            .unwrap_or_default()
    }

    #[test]
    fn splits_bylines_in_several_languages() {
        assert_eq!(
            authors("Écrit par Anna Lemoine, Paul-Henri de Varenne et Louise Martin"),
            vec!["Anna Lemoine", "Paul-Henri de Varenne", "Louise Martin"]
        );
        assert_eq!(
            authors("By Sarah J. Whitfield and Tom O'Brien"),
            vec!["Sarah J. Whitfield", "Tom O'Brien"]
        );
        assert_eq!(
            authors("Von Katrin Vogel und Jonas Brandt"),
            vec!["Katrin Vogel", "Jonas Brandt"]
        );
        assert_eq!(
            authors("Por María José Gutiérrez y Luis Ortega"),
            vec!["María José Gutiérrez", "Luis Ortega"]
        );
        assert_eq!(authors("Di Giulia Esposito"), vec!["Giulia Esposito"]);
        assert_eq!(authors("Par Marc Lefèvre"), vec!["Marc Lefèvre"]);
        assert_eq!(
            authors("Door Pieter de Vries en Anouk Jansen"),
            vec!["Pieter de Vries", "Anouk Jansen"]
        );
    }

    #[test]
    fn strips_roles_dates_and_emails() {
        assert_eq!(
            authors("By Jane Holloway, Staff Writer"),
            vec!["Jane Holloway"]
        );
        assert_eq!(
            authors(
                "Par Claire Roussel, correspondante à Kyiv, publié le 19 décembre 2022 à 10h12"
            ),
            vec!["Claire Roussel"]
        );
        assert_eq!(
            authors("By Owen Park | Updated Dec. 19, 2022"),
            vec!["Owen Park"]
        );
        assert_eq!(
            authors("By Ada Stone ada.stone@example.org"),
            vec!["Ada Stone"]
        );
        assert_eq!(authors("By JANE HOLLOWAY"), vec!["Jane Holloway"]);
        assert_eq!(
            authors("By Owen Park, Nov. 19, 2019 at 2:24 am ET"),
            vec!["Owen Park"]
        );
        assert_eq!(authors("Le Desk avec AFP"), Vec::<String>::new());
        assert_eq!(
            parse_author_list("Le Monde avec AFP", true).map(|b| b.authors),
            Some(vec!["Le Monde".to_string(), "AFP".to_string()])
        );
    }

    #[test]
    fn leaves_sentences_alone() {
        assert!(parse_byline_line("Par ailleurs, le gouvernement a tranché.").is_none());
        assert!(parse_byline_line("By the end of the year, prices had doubled.").is_none());
        assert!(parse_byline_line("Von Berlin aus fliegt die Delegation weiter.").is_none());
        assert!(parse_byline_line("Di recente il governo ha deciso.").is_none());
        assert!(parse_byline_line("Bylaw changes were voted").is_none());
    }

    #[test]
    fn scraper_accounts_are_not_authors() {
        let byline = parse_byline_line("By qxrt7").expect("a byline");
        assert!(byline.authors.is_empty());
        assert_eq!(byline.scraper_accounts, vec!["qxrt7"]);
        for account in ["admin", "user1234", "jdoe", "news@example.com", "@newsfeed"] {
            assert!(is_scraper_account(account), "{account}");
        }
        for person in ["Jane Holloway", "AFP", "Reuters", "Michael Levenson"] {
            assert!(!is_scraper_account(person), "{person}");
        }
    }

    proptest! {
        #[test]
        fn never_panics_and_never_returns_accounts_as_authors(text in "\\PC{0,160}") {
            if let Some(byline) = parse_author_list(&text, false) {
                for author in &byline.authors {
                    prop_assert!(!is_scraper_account(author));
                    prop_assert!(!author.is_empty());
                }
            }
            let _ = parse_byline_line(&text);
        }
    }
}
