//! Per-block classification: is this block furniture, and of which kind?
//!
//! Each furniture class gets a score from its lexicon hits (how much of the block they cover,
//! how many distinct phrases, whether the block opens with one) and from the block's shape
//! (short, no final punctuation, ends with `:` or `|`, written in capitals, outside the body of
//! the article). A sentence-shaped block is penalised for every class except the *statement*
//! classes (comment prompts, consent notices, paywall prompts, disclaimers), which are sentences
//! by nature and instead need two distinct lexicon phrases when they are long.
//! Bylines, datelines, placeholders and stray fragments are recognised by shape.

use std::sync::OnceLock;

use regex::Regex;
use veille_model::{BodyKind, RemovalReason};

use super::lexicon::{Class, ClassHits, Lexicons};
use super::shape::{has_duration, Shape};

/// Score from which a block is removed.
const THRESHOLD: f32 = 0.9;
/// Longest byline, in words.
const MAX_BYLINE_WORDS: usize = 16;

/// Where a block sits relative to the article's body paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// Before the first body paragraph.
    Head,
    /// Between the first and last body paragraphs.
    Body,
    /// After the last body paragraph.
    Tail,
}

/// A decision to remove a block.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// Why.
    pub reason: RemovalReason,
    /// Signals that fired.
    pub detail: String,
    /// The lexicon class that decided, when one did.
    pub class: Option<Class>,
}

/// Classifies one block of a body of `kind`; `None` keeps it.
pub fn classify(text: &str, zone: Zone, kind: BodyKind, lex: &Lexicons) -> Option<Verdict> {
    let shape = Shape::of(text);
    // In text taken out of HTML, template syntax and symbols are literal content (a code
    // sample, a rating); only a scraper's plain-text output carries them as debris.
    if kind == BodyKind::Text {
        if let Some(verdict) = placeholder(text) {
            return Some(verdict);
        }
    }
    if let Some(verdict) = fragment(text, &shape) {
        return Some(verdict);
    }
    if let Some(verdict) = byline(text, &shape, lex) {
        return Some(verdict);
    }
    if let Some(verdict) = dateline(text, &shape, lex) {
        return Some(verdict);
    }
    if zone != Zone::Body {
        if let Some(verdict) = date_only(text, &shape) {
            return Some(verdict);
        }
    }
    let hits = lex.scan(text);
    let mut best: Option<(f32, Class, &ClassHits, Vec<String>)> = None;
    for (class, class_hits) in &hits {
        let Some(reason_class) = scored_class(*class) else {
            continue;
        };
        let (score, signals) = score(text, reason_class, class_hits, &shape, zone);
        if best.as_ref().is_none_or(|(s, ..)| score > *s) {
            best = Some((score, reason_class, class_hits, signals));
        }
    }
    let (score, class, class_hits, signals) = best?;
    if score < THRESHOLD {
        return None;
    }
    let mut detail = class_hits.describe(class);
    for signal in signals {
        detail.push_str("; ");
        detail.push_str(&signal);
    }
    detail.push_str(&format!("; score {score:.2}"));
    Some(Verdict {
        reason: reason_of(class),
        detail,
        class: Some(class),
    })
}

/// Classes that are scored; the others are used by dedicated rules.
fn scored_class(class: Class) -> Option<Class> {
    match class {
        Class::Byline | Class::Dateline | Class::PhotoCredit => None,
        other => Some(other),
    }
}

/// Classes whose furniture is written as full sentences.
fn is_statement(class: Class) -> bool {
    matches!(
        class,
        Class::Comments | Class::Consent | Class::Paywall | Class::Disclaimer
    )
}

/// The removal reason reported for a class.
pub fn reason_of(class: Class) -> RemovalReason {
    match class {
        Class::Share => RemovalReason::SharePrompt,
        Class::Comments => RemovalReason::Comments,
        Class::Consent => RemovalReason::ConsentNotice,
        Class::Advertising => RemovalReason::Advertising,
        Class::Scraper | Class::Continuation => RemovalReason::ScraperMarker,
        Class::Audio | Class::Video => RemovalReason::MediaWidget,
        Class::Widget | Class::Section => RemovalReason::SectionLabel,
        Class::Related => RemovalReason::RelatedTeaser,
        Class::Subscriber => RemovalReason::SubscriberTeaser,
        Class::Paywall => RemovalReason::Paywall,
        Class::Disclaimer => RemovalReason::PublisherDisclaimer,
        Class::Navigation => RemovalReason::Navigation,
        Class::Byline | Class::Dateline => RemovalReason::Byline,
        Class::PhotoCredit => RemovalReason::Caption,
    }
}

fn score(
    text: &str,
    class: Class,
    hits: &ClassHits,
    shape: &Shape,
    zone: Zone,
) -> (f32, Vec<String>) {
    let statement = is_statement(class);
    let mut signals = Vec::new();
    let mut score = 0.2 + 0.6 * hits.coverage;
    let distinct = hits.phrases.len();
    if distinct > 1 {
        score += 0.15 * (distinct - 1).min(3) as f32;
        signals.push(format!("{distinct} distinct phrases"));
    }
    if shape.words <= 6 {
        score += 0.2;
        signals.push(format!("short ({} words)", shape.words));
    } else if shape.words <= 14 {
        score += 0.05;
    } else if !statement {
        score -= 0.5;
        signals.push(format!("long ({} words)", shape.words));
    }
    if !shape.terminal {
        score += 0.1;
        signals.push("no final punctuation".into());
    }
    if shape.announces {
        score += 0.15;
        signals.push("ends like a label".into());
    }
    match zone {
        Zone::Head => {
            score += 0.1;
            signals.push("before the body".into());
        }
        Zone::Tail => {
            score += 0.1;
            signals.push("after the body".into());
        }
        Zone::Body => {}
    }
    if hits.at_start {
        score += 0.1;
        signals.push("opens with the phrase".into());
    }
    if !statement && text.trim_start().starts_with(['"', '«', '“', '„', '‘']) {
        // Quoted words are content (a quotation, a title), not page furniture.
        score -= 0.3;
        signals.push("opens with a quote mark".into());
    }
    if shape.sentence_like() && !statement {
        score -= 0.35;
        signals.push("sentence-shaped".into());
    }
    if statement && distinct >= 2 {
        // Two phrases of the same notice in one block: the block is that notice.
        score += 0.35;
    } else if statement && shape.words > 14 {
        score -= 0.5;
    }
    if class == Class::Video {
        if has_duration(text) {
            score += 0.4;
            signals.push("duration".into());
        } else if hits.coverage < 0.9 {
            // "Duration of the contract", "Video: 4K": a player label needs its duration.
            score -= 0.3;
        }
    }
    if shape.all_caps() && matches!(class, Class::Widget | Class::Section | Class::Navigation) {
        score += 0.3;
        signals.push("all capitals".into());
    }
    (score, signals)
}

/// `[ad_1]`, `[caption id=…]`, `{{ad}}`: template placeholders a scraper failed to expand.
fn placeholder(text: &str) -> Option<Verdict> {
    static PLACEHOLDER: OnceLock<Regex> = OnceLock::new();
    let re = PLACEHOLDER.get_or_init(|| {
        Regex::new(r"^(?:\[/?[A-Za-z][\w-]{0,30}(?:\s[^\]]{0,80})?\]|\{\{[^}]{1,60}\}\}|%%[A-Za-z_]{1,30}%%)$")
            .expect("static regex")
    });
    let trimmed = text.trim();
    if !re.is_match(trimmed) {
        return None;
    }
    let lower = trimmed.to_lowercase();
    let is_ad = lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| matches!(w, "ad" | "ads" | "adsense" | "advert" | "pub" | "werbung"));
    Some(Verdict {
        reason: if is_ad {
            RemovalReason::Advertising
        } else {
            RemovalReason::ScraperMarker
        },
        detail: format!(
            "placeholder token{}",
            if is_ad { " naming an ad slot" } else { "" }
        ),
        class: None,
    })
}

/// Blocks with no letters, or a single short word with no punctuation (`on`, `*`, `•`).
fn fragment(text: &str, shape: &Shape) -> Option<Verdict> {
    // Numbers alone (a score, a time, a phone number) can be content, and so can symbols such
    // as a star rating; punctuation alone cannot.
    if !text.chars().any(char::is_alphanumeric)
        && text
            .chars()
            .all(|c| c.is_whitespace() || c.is_ascii_punctuation() || "•·–—…|«»“”‘’".contains(c))
    {
        return Some(Verdict {
            reason: RemovalReason::Fragment,
            detail: "no letters or digits".into(),
            class: None,
        });
    }
    // A lone lower-case function-word-sized token (`on`, `de`) is debris; an acronym (`GPU`)
    // may be a label of the article.
    let trimmed = text.trim();
    if shape.words == 1
        && shape.letters <= 3
        && !shape.terminal
        && trimmed.chars().count() <= 4
        && trimmed.chars().all(|c| c.is_lowercase())
    {
        return Some(Verdict {
            reason: RemovalReason::Fragment,
            detail: format!("stray short word ({} letters)", shape.letters),
            class: None,
        });
    }
    None
}

/// `By Jane Doe`, `Écrit par A, B et C` → Byline; `By qxrt7` → ScraperAccount.
fn byline(text: &str, shape: &Shape, lex: &Lexicons) -> Option<Verdict> {
    if shape.words > MAX_BYLINE_WORDS || shape.sentence_like() {
        return None;
    }
    let (phrase, prefix_words) = lex.leading_phrase(text, Class::Byline)?;
    let rest: Vec<&str> = text.split_whitespace().skip(prefix_words).collect();
    let rest: Vec<&str> = match rest.first() {
        // `Par :` / `Author:` leave a lone colon after the prefix.
        Some(&":") => rest[1..].to_vec(),
        _ => rest,
    };
    if rest.is_empty() {
        return None;
    }
    // `By admin`: after a bare preposition an all-lower-case word is a handle too.
    let preposition = phrase.split(' ').count() == 1 && phrase.chars().count() <= 4;
    if rest.len() == 1 && looks_like_account(rest[0], preposition) {
        return Some(Verdict {
            reason: RemovalReason::ScraperAccount,
            detail: format!("byline \"{phrase}\" naming an account handle, not a person"),
            class: Some(Class::Byline),
        });
    }
    const JOINERS: &[&str] = &[
        "et", "and", "und", "y", "e", "en", "i", "и", "&", "with", "avec", "mit", "con", "com",
        "met",
    ];
    const PARTICLES: &[&str] = &[
        "de", "du", "des", "la", "le", "van", "von", "der", "den", "da", "di", "do", "dos", "del",
        "al", "el", "bin", "ibn", "ter", "zu", "y",
    ];
    let name_like = rest.iter().all(|w| {
        let word = w.trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '.' | '|'));
        word.is_empty()
            || JOINERS.contains(&word.to_lowercase().as_str())
            || PARTICLES.contains(&word)
            || word.chars().next().is_some_and(|c| c.is_uppercase())
    });
    if !name_like {
        return None;
    }
    Some(Verdict {
        reason: RemovalReason::Byline,
        detail: format!("byline opened by \"{phrase}\" followed by names"),
        class: Some(Class::Byline),
    })
}

/// A user handle rather than a name: digits mixed with letters, underscores, `@`, or (when
/// `lowercase_counts`) an all-lowercase single token.
fn looks_like_account(word: &str, lowercase_counts: bool) -> bool {
    let word = word.trim_matches(|c: char| matches!(c, ',' | '.' | ':'));
    let has_letters = word.chars().any(char::is_alphabetic);
    let has_digits = word.chars().any(|c| c.is_ascii_digit());
    has_letters
        && (has_digits
            || word.contains('_')
            || word.starts_with('@')
            || (lowercase_counts && word.chars().all(|c| c.is_lowercase())))
}

/// `Publié le 12 mars 2024` → Byline (a dateline, kept as metadata); `Publié le` alone →
/// Fragment.
fn dateline(text: &str, shape: &Shape, lex: &Lexicons) -> Option<Verdict> {
    if shape.words > 12 || shape.sentence_like() {
        return None;
    }
    let (phrase, prefix_words) = lex.leading_phrase(text, Class::Dateline)?;
    let rest: Vec<&str> = text.split_whitespace().skip(prefix_words).collect();
    let has_digit = rest.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()));
    if has_digit {
        return Some(Verdict {
            reason: RemovalReason::Byline,
            detail: format!("dateline opened by \"{phrase}\""),
            class: Some(Class::Dateline),
        });
    }
    if rest.is_empty() || (rest.len() <= 2 && rest.iter().all(|w| w.chars().count() <= 3)) {
        return Some(Verdict {
            reason: RemovalReason::Fragment,
            detail: format!("dateline label \"{phrase}\" without a date"),
            class: Some(Class::Dateline),
        });
    }
    None
}

/// `12/06/2025`, `2025-06-12`, `12.06.25`: three numbers joined by one separator used twice,
/// with a plausible day and month.
fn is_numeric_date(token: &str) -> bool {
    let Some(sep) = token.chars().find(|c| matches!(c, '/' | '.' | '-')) else {
        return false;
    };
    let parts: Vec<&str> = token.trim_end_matches('.').split(sep).collect();
    if parts.len() != 3
        || !parts
            .iter()
            .all(|p| (1..=4).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit()))
    {
        return false;
    }
    let numbers: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    let (year_first, day, month) = if parts[0].len() == 4 {
        (true, numbers[2], numbers[1])
    } else {
        (false, numbers[0], numbers[1])
    };
    let year_len = if year_first {
        parts[0].len()
    } else {
        parts[2].len()
    };
    (1..=31).contains(&day) && (1..=12).contains(&month) && matches!(year_len, 2 | 4)
}

/// A line that is only a date (`12 June 2025`, `jeudi 12/06/2025 14:05`): a dateline without
/// its label. It needs a year and a day (or a numeric date), few letters and no sentence.
fn date_only(text: &str, shape: &Shape) -> Option<Verdict> {
    if shape.words > 6 || shape.letters > 12 || shape.terminal {
        return None;
    }
    let tokens: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .collect();
    let number = |t: &str| t.trim_end_matches('.').parse::<u32>().ok();
    let has_year = tokens
        .iter()
        .any(|t| number(t).is_some_and(|n| (1900..=2099).contains(&n)));
    let has_day = tokens
        .iter()
        .any(|t| number(t).is_some_and(|n| (1..=31).contains(&n)));
    let numeric_date = tokens.iter().any(|t| is_numeric_date(t));
    if !(numeric_date || (has_year && has_day)) {
        return None;
    }
    Some(Verdict {
        reason: RemovalReason::Byline,
        detail: "date alone on its line (dateline)".into(),
        class: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(text: &str, zone: Zone) -> Option<RemovalReason> {
        classify(text, zone, BodyKind::Text, Lexicons::get()).map(|v| v.reason)
    }

    #[test]
    fn short_lexicon_labels_are_removed_in_any_language() {
        assert_eq!(
            reason("Compartir en redes", Zone::Head),
            Some(RemovalReason::SharePrompt)
        );
        assert_eq!(
            reason("Folgen Sie uns:", Zone::Tail),
            Some(RemovalReason::SharePrompt)
        );
        assert_eq!(
            reason("Anzeige", Zone::Body),
            Some(RemovalReason::Advertising)
        );
        assert_eq!(
            reason("Lo más leído", Zone::Tail),
            Some(RemovalReason::SectionLabel)
        );
        assert_eq!(
            reason("Deja un comentario", Zone::Tail),
            Some(RemovalReason::Comments)
        );
    }

    #[test]
    fn sentences_mentioning_lexicon_words_are_kept() {
        for text in [
            "La publicité en ligne a reculé de 10 % l'an dernier selon l'institut.",
            "Die Werbung im Fernsehen ist im letzten Jahr stark gesunken, sagte der Verband.",
            "The minister said she would share the report with parliament next week.",
            "Los comentarios del ministro provocaron una fuerte reacción de la oposición.",
            "Share prices fell",
        ] {
            assert_eq!(reason(text, Zone::Body), None, "{text}");
        }
    }

    #[test]
    fn long_statements_need_two_phrases() {
        let disclaimer = "Ce site publie des textes de diverses sources extérieures qui reflètent un large éventail de points de vue. Les opinions exprimées ne sont pas nécessairement celles de la rédaction.";
        assert_eq!(
            reason(disclaimer, Zone::Tail),
            Some(RemovalReason::PublisherDisclaimer)
        );
        let prose = "Les deux camps ont exposé leurs points de vue lors d'une réunion tendue qui a duré plus de quatre heures mardi soir.";
        assert_eq!(reason(prose, Zone::Body), None);
    }

    #[test]
    fn bylines_and_accounts() {
        assert_eq!(
            reason("Von Lena Hartmann und Jonas Weber", Zone::Head),
            Some(RemovalReason::Byline)
        );
        assert_eq!(
            reason("Por María López", Zone::Head),
            Some(RemovalReason::Byline)
        );
        assert_eq!(
            reason("By newsbot42", Zone::Tail),
            Some(RemovalReason::ScraperAccount)
        );
        assert_eq!(reason("Par ailleurs, le conseil a voté.", Zone::Body), None);
    }

    #[test]
    fn placeholders_fragments_and_datelines() {
        assert_eq!(
            reason("[ad_3]", Zone::Body),
            Some(RemovalReason::Advertising)
        );
        assert_eq!(
            reason("[embed]", Zone::Body),
            Some(RemovalReason::ScraperMarker)
        );
        assert_eq!(reason("•", Zone::Body), Some(RemovalReason::Fragment));
        assert_eq!(reason("de", Zone::Head), Some(RemovalReason::Fragment));
        assert_eq!(reason("GPU", Zone::Body), None);
        assert_eq!(reason("23:05", Zone::Body), None);
        assert_eq!(reason("★★★★☆", Zone::Body), None);
        assert_eq!(reason("Duration of the contract", Zone::Head), None);
        assert_eq!(reason("Meet the 2024 Cohort 1", Zone::Head), None);
        let lex = Lexicons::get();
        assert!(classify("{{ field.label }}", Zone::Body, BodyKind::Html, lex).is_none());
        assert!(classify("{{ field.label }}", Zone::Body, BodyKind::Text, lex).is_some());
        assert_eq!(
            reason("Publicado el 3 de mayo de 2024", Zone::Head),
            Some(RemovalReason::Byline)
        );
        assert_eq!(
            reason("Veröffentlicht am", Zone::Head),
            Some(RemovalReason::Fragment)
        );
        assert_eq!(
            reason("12 June 2025", Zone::Head),
            Some(RemovalReason::Byline)
        );
        assert_eq!(
            reason("jeudi 12/06/2025 14:05", Zone::Head),
            Some(RemovalReason::Byline)
        );
        assert_eq!(reason("Budget 2025", Zone::Body), None);
        assert_eq!(reason("Shr 2-1/5 cts vs nil", Zone::Head), None);
    }

    #[test]
    fn video_duration_and_capital_widget_labels() {
        assert_eq!(
            reason("Videolänge 2 Minuten 14 Sekunden", Zone::Head),
            Some(RemovalReason::MediaWidget)
        );
        assert_eq!(
            reason("INTERACTIVO - EL MAPA DE LA CRISIS", Zone::Body),
            Some(RemovalReason::SectionLabel)
        );
    }

    #[test]
    fn detail_names_the_signals() {
        let verdict = classify(
            "Suivez-nous sur",
            Zone::Head,
            BodyKind::Text,
            Lexicons::get(),
        )
        .expect("removed");
        assert!(
            verdict.detail.contains("lexicon:share/fr"),
            "{}",
            verdict.detail
        );
        assert!(verdict.detail.contains("score"), "{}", verdict.detail);
    }
}
