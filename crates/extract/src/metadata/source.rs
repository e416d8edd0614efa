//! Finding the original source of a republished piece in its text: attribution sentences
//! ("Cet article a été initialement publié dans le New York Times", "originally published in",
//! "zuerst erschienen in", "publicado originalmente en"), credit lines ("Source : Reuters",
//! "(avec AFP)"), agency datelines ("KYIV (Reuters) -") and trailing agency credits ("— AFP").
//!
//! Names are normalised against the publisher list ("le New York Times" → "The New York Times");
//! an unknown name is kept as written when it is capitalised like a name. The evidence is the
//! sentence that said so. Markup signals (cross-domain canonical, JSON-LD `isBasedOn`) are read
//! by the caller.

use std::sync::OnceLock;

use regex::Regex;

use super::lexicon::{lexicon, PublisherKind};
use super::util::{collapse_whitespace, truncate_chars};

/// A claim, read from text, that the piece comes from another publisher.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SourceClaim {
    /// Publisher name, canonical when known.
    pub name: String,
    /// Whether the name is in the publisher list.
    pub known: bool,
    /// The words that said so.
    pub evidence: String,
    /// Signal identifier.
    pub signal: &'static str,
    /// Confidence in `[0, 1]`.
    pub confidence: f32,
}

/// Credit lines ("Source: …") only count in short blocks; in running text "source" is a word.
const MAX_CREDIT_LINE_CHARS: usize = 90;

/// Openers of an "originally published in" sentence, one per language family; the name follows.
const ORIGINALLY_PUBLISHED: &[&str] = &[
    // fr
    r"(?:initialement|originellement|originalement|d['’]abord|précédemment|à l['’]origine)\s+(?:été\s+)?(?:publiée?s?|parue?s?|diffusée?s?)\s+(?:dans|par|sur|chez)\s+",
    r"(?:publiée?s?|parue?s?)\s+(?:initialement|originellement|à l['’]origine|d['’]abord|en premier)\s+(?:dans|par|sur|chez)\s+",
    r"(?:article|texte|reportage)\s+(?:traduit|repris|adapté)\s+(?:de\s+l['’]anglais\s+)?(?:de|du|des|depuis)\s+",
    // en
    // Not "originally posted by": that is how forums quote a user.
    r"(?:originally|first)\s+(?:published|appeared|ran|reported)\s+(?:in|on|by|at)\s+",
    r"(?:article|story|piece|post|report)\s+(?:first\s+)?(?:appeared|was\s+(?:first\s+|originally\s+)?published)\s+(?:in|on|by|at)\s+",
    r"(?:republished|reprinted|reposted|adapted)\s+(?:with\s+permission\s+)?from\s+",
    // de
    r"(?:zuerst|ursprünglich|erstmals)\s+(?:erschienen|veröffentlicht|publiziert)\s+(?:in\s+der|in|im|bei|auf)\s+",
    r"(?:erschien|erschienen)\s+(?:zuerst|ursprünglich|erstmals)\s+(?:in\s+der|in|im|bei|auf)\s+",
    // es
    r"publicad[oa]s?\s+(?:originalmente|originariamente|inicialmente|primero)\s+(?:en|por)\s+",
    r"(?:originalmente|inicialmente)\s+publicad[oa]s?\s+(?:en|por)\s+",
    // it
    r"(?:pubblicat[oaie]|appars[oaie])\s+(?:originariamente|originalmente|inizialmente|per\s+la\s+prima\s+volta)\s+(?:su|da|in|sul|sulla|sullo|nel|nella|dal|dalla)\s+",
    r"(?:originariamente|originalmente)\s+pubblicat[oaie]\s+(?:su|da|in|sul|sulla|nel|nella)\s+",
    // pt
    r"publicad[oa]s?\s+(?:originalmente|inicialmente|primeiramente)\s+(?:em|no|na|pelo|pela|por)\s+",
    r"(?:originalmente|inicialmente)\s+publicad[oa]s?\s+(?:em|no|na|pelo|pela)\s+",
    // nl
    r"(?:oorspronkelijk|eerder|eerst)\s+(?:verschenen|gepubliceerd)\s+(?:in|op|bij|door)\s+",
    // ru, uk, pl
    r"(?:впервые|первоначально|изначально)\s+опубликован[аоы]?\s+(?:в|на)\s+",
    r"(?:вперше|спочатку)\s+опублікован[аоі]?\s+(?:в|у|на)\s+",
    r"(?:pierwotnie|oryginalnie|pierwszy\s+raz)\s+opublikowan[ayo]\s+(?:w|na|przez)\s+",
];

/// Words that name a credit line ("Source: Reuters").
const CREDIT_LABELS: &str =
    r"(?i:source|sources|fonte|fontes|fuente|fuentes|quelle|quellen|bron|источник|джерело|źródło)";

struct Patterns {
    originally: Regex,
    credit_line: Regex,
    agency_dateline: Regex,
    agency_tail: Regex,
    with_agency: Regex,
}

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let agencies = lexicon()
            .agency_aliases
            .iter()
            .map(|a| regex::escape(a))
            .collect::<Vec<_>>()
            .join("|");
        let build = |pattern: &str| {
            Regex::new(pattern).unwrap_or_else(|error| {
                panic!("attribution pattern does not compile (shipped data is wrong): {error}")
            })
        };
        Patterns {
            originally: build(&format!(
                r"(?i)(?:{})(?P<name>[^.;:!?()\[\]\n]{{2,90}})",
                ORIGINALLY_PUBLISHED.join("|")
            )),
            credit_line: build(&format!(
                r"^\s*{CREDIT_LABELS}\s*:\s*(?P<name>[^;:()\n]{{2,70}}?)\s*\.?$"
            )),
            agency_dateline: build(&format!(
                r"^[^()]{{0,60}}\((?P<name>{agencies})(?:/[^()]{{1,30}})?\)\s*(?:[-–—:]|\.\s)"
            )),
            agency_tail: build(&format!(
                r"(?:\s[-–—]\s*|\()(?P<name>{agencies})\s*\)?\.?\s*$"
            )),
            with_agency: build(&format!(
                r"^\s*\(?\s*(?i:avec|with|mit|con|com|met)\s+(?:l['’])?(?P<name>{agencies})(?:\s*(?i:et|and|und|y|e|en)\s+(?:{agencies}))?\s*\)?\.?\s*$"
            )),
        }
    })
}

/// Small words allowed inside a publisher name ("Folha de S.Paulo", "Corriere della Sera").
const NAME_CONNECTORS: &[&str] = &[
    "of", "de", "du", "des", "della", "di", "del", "da", "do", "dos", "für", "y", "&", "and",
    "the", "la", "le", "der", "die",
];
/// Articles allowed to open a publisher name in running text ("dans le New York Times").
const LEADING_ARTICLES: &[&str] = &[
    "the", "le", "la", "les", "l'", "l’", "der", "die", "das", "dem", "den", "el", "il", "lo", "o",
    "a", "de", "het", "os", "as",
];

/// Reads the publisher name at the start of `raw` ("le New York Times, le 3 mars" →
/// ("The New York Times", known)). `None` when no name-shaped words open it.
pub(crate) fn name_from_words(raw: &str) -> Option<(String, bool)> {
    let raw = collapse_whitespace(raw);
    let mut words: Vec<&str> = Vec::new();
    for (index, word) in raw.split(' ').enumerate() {
        let trimmed = word.trim_end_matches([',', '.', '»', '"', '”']);
        let lower = trimmed.to_lowercase();
        let capitalised = trimmed
            .trim_start_matches(['«', '"', '“', '\''])
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        let elided_article = index == 0 && (lower.starts_with("l'") || lower.starts_with("l’"));
        let allowed = capitalised
            || elided_article
            || (index == 0 && LEADING_ARTICLES.contains(&lower.as_str()))
            || (index > 0 && NAME_CONNECTORS.contains(&lower.as_str()))
            || trimmed.contains('.') && !trimmed.ends_with('.');
        if !allowed || words.len() >= 8 {
            break;
        }
        words.push(trimmed);
        if trimmed.len() != word.len() {
            // A comma or full stop closes the name.
            break;
        }
    }
    // Do not end on a connector or an article.
    while words.last().is_some_and(|w| {
        let lower = w.to_lowercase();
        NAME_CONNECTORS.contains(&lower.as_str()) || LEADING_ARTICLES.contains(&lower.as_str())
    }) {
        words.pop();
    }
    if words.is_empty() {
        return None;
    }
    let lex = lexicon();
    // "originally published in March 2022": a date, not a publisher.
    let first_word = words
        .iter()
        .find(|w| w.chars().next().is_some_and(char::is_uppercase))
        .map(|w| w.to_lowercase().trim_end_matches('.').to_string());
    if first_word.is_some_and(|w| lex.months.contains_key(&w) || lex.weekdays.contains(&w)) {
        return None;
    }
    // The longest known publisher at the start wins: "le New York Times Magazine" still finds it.
    for len in (1..=words.len()).rev() {
        let candidate = words[..len].join(" ");
        if let Some(publisher) = lex.publisher_by_name(&candidate) {
            return Some((publisher.name.clone(), true));
        }
        if len == 1 && candidate.contains('.') {
            if let Some(publisher) = lex.publisher_by_host(&candidate) {
                return Some((publisher.name.clone(), true));
            }
        }
    }
    // Unknown publisher: keep the capitalised words, without a lower-case leading article.
    let first_is_article = words
        .first()
        .is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase));
    let kept: Vec<&str> = if first_is_article {
        words[1..].to_vec()
    } else {
        words
    };
    let name = kept.join(" ");
    let name = name
        .strip_prefix("l'")
        .or_else(|| name.strip_prefix("l’"))
        .unwrap_or(&name)
        .to_string();
    let has_capital = name.chars().next().is_some_and(char::is_uppercase);
    (has_capital && name.chars().count() >= 2).then_some((name, false))
}

/// The sentence around `range` in `text`, as evidence.
fn sentence_around(text: &str, start: usize, end: usize) -> String {
    let before = text.get(..start).unwrap_or("");
    let sentence_start = before
        .rfind(['.', '!', '?', '\n'])
        .map(|i| i + 1)
        .unwrap_or(0);
    let after = text.get(end..).unwrap_or("");
    let sentence_end = after
        .find(['.', '!', '?', '\n'])
        .map(|i| end + i + 1)
        .unwrap_or(text.len());
    let sentence = text.get(sentence_start..sentence_end).unwrap_or(text);
    truncate_chars(sentence.trim(), 240)
}

/// Looks for an attribution in one block of text (body, removed block). Returns the strongest.
pub(crate) fn find_attribution(block: &str) -> Option<SourceClaim> {
    let patterns = patterns();
    let lex = lexicon();
    let mut claims = Vec::new();
    for caps in patterns.originally.captures_iter(block) {
        let (Some(whole), Some(name)) = (caps.get(0), caps.name("name")) else {
            continue;
        };
        if let Some((name, known)) = name_from_words(name.as_str()) {
            claims.push(SourceClaim {
                name,
                known,
                evidence: sentence_around(block, whole.start(), whole.end()),
                signal: "text:attribution",
                confidence: if known { 0.9 } else { 0.75 },
            });
        }
    }
    let short = block.chars().count() <= MAX_CREDIT_LINE_CHARS;
    if short {
        if let Some(caps) = patterns.credit_line.captures(block) {
            if let Some((name, known)) = caps.name("name").and_then(|m| name_from_words(m.as_str()))
            {
                claims.push(SourceClaim {
                    name,
                    known,
                    evidence: block.trim().to_string(),
                    signal: "text:credit",
                    confidence: if known { 0.75 } else { 0.55 },
                });
            }
        }
        if let Some(caps) = patterns.with_agency.captures(block) {
            if let Some(publisher) = caps
                .name("name")
                .and_then(|m| lex.publisher_by_name(m.as_str()))
            {
                claims.push(SourceClaim {
                    name: publisher.name.clone(),
                    known: true,
                    evidence: block.trim().to_string(),
                    signal: "text:credit",
                    confidence: 0.65,
                });
            }
        }
    }
    let agency = |caps: &regex::Captures<'_>| {
        caps.name("name")
            .and_then(|m| lex.publisher_by_name(m.as_str()))
            .filter(|p| p.kind == PublisherKind::Agency)
    };
    if let Some(caps) = patterns.agency_dateline.captures(block) {
        if let (Some(publisher), Some(whole)) = (agency(&caps), caps.get(0)) {
            claims.push(SourceClaim {
                name: publisher.name.clone(),
                known: true,
                evidence: truncate_chars(whole.as_str().trim(), 120),
                signal: "text:dateline",
                confidence: 0.75,
            });
        }
    }
    if let Some(caps) = patterns.agency_tail.captures(block) {
        if let (Some(publisher), Some(whole)) = (agency(&caps), caps.get(0)) {
            claims.push(SourceClaim {
                name: publisher.name.clone(),
                known: true,
                evidence: sentence_around(block, whole.start(), whole.end()),
                signal: "text:credit",
                confidence: 0.6,
            });
        }
    }
    claims.into_iter().reduce(|best, next| {
        if next.confidence > best.confidence {
            next
        } else {
            best
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn name(block: &str) -> Option<String> {
        find_attribution(block).map(|claim| claim.name)
    }

    #[test]
    fn reads_originally_published_in_many_languages() {
        let cases = [
            (
                "Cet article a été initialement publié dans le New York Times.",
                "The New York Times",
            ),
            (
                "This article was originally published in The Guardian on 3 March.",
                "The Guardian",
            ),
            (
                "This story first appeared on The Conversation.",
                "The Conversation",
            ),
            (
                "Dieser Text erschien zuerst in der Süddeutschen Zeitung.",
                "Süddeutschen Zeitung",
            ),
            (
                "Este artículo fue publicado originalmente en El País.",
                "El País",
            ),
            (
                "Articolo pubblicato originariamente su La Stampa.",
                "La Stampa",
            ),
            (
                "Texto publicado originalmente na Folha de S.Paulo.",
                "Folha de S.Paulo",
            ),
            (
                "Dit stuk verscheen eerder... oorspronkelijk verschenen in de Volkskrant.",
                "de Volkskrant",
            ),
            ("Материал впервые опубликован в Коммерсантъ.", "Kommersant"),
        ];
        for (block, expected) in cases {
            assert_eq!(name(block).as_deref(), Some(expected), "{block}");
        }
        assert_eq!(
            name("This guide was originally published in March 2022."),
            None
        );
        assert_eq!(name("Originally Posted by Kestrel77"), None);
        let claim = find_attribution(
            "Texte. Cet article a été initialement publié dans le New York Times.",
        )
        .expect("claim");
        assert_eq!(
            claim.evidence,
            "Cet article a été initialement publié dans le New York Times."
        );
        assert!(claim.known);
    }

    #[test]
    fn reads_credit_lines_and_agency_marks() {
        assert_eq!(name("Source : Reuters").as_deref(), Some("Reuters"));
        assert_eq!(name("Source: AFP").as_deref(), Some("Agence France-Presse"));
        assert_eq!(name("(avec AFP)").as_deref(), Some("Agence France-Presse"));
        assert_eq!(
            name("KYIV (Reuters) - Ukraine's air defences shot down drones overnight.").as_deref(),
            Some("Reuters")
        );
        assert_eq!(
            name("PARIS (AFP) — Le gouvernement a annoncé lundi un plan.").as_deref(),
            Some("Agence France-Presse")
        );
        assert_eq!(
            name("The talks will resume next week, officials said. — Reuters").as_deref(),
            Some("Reuters")
        );
    }

    #[test]
    fn ignores_look_alikes() {
        assert_eq!(name("Source link"), None);
        assert_eq!(name("Source link -44"), None);
        assert_eq!(
            name("In an interview with Reuters, the minister said prices would fall."),
            None
        );
        assert_eq!(
            name("Selon une source proche du dossier, la réunion aura lieu mardi."),
            None
        );
        assert_eq!(
            name("The AP style guide was updated (AP) in 2020 and later."),
            None
        );
    }

    proptest! {
        #[test]
        fn never_panics(text in "\\PC{0,200}") {
            let _ = find_attribution(&text);
            let _ = name_from_words(&text);
        }
    }
}
