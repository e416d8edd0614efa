//! Headlines: stripping the site name from a `<title>` ("Title | Site", "Site - Title"),
//! refusing values that are a site name or a section label, and recognising a title-shaped
//! first line in scraped text.

use super::authors::strip_byline_prefix;
use super::lexicon::lexicon;
use super::util::{collapse_whitespace, comparable};

/// Separators sites put between a headline and their name.
const SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " · ", " • ", " » ", " « ", " ‹ ", " › ",
];

/// Longest headline accepted.
const MAX_TITLE_CHARS: usize = 300;

/// Whether `a` names the same site as `b`, ignoring case, spaces and punctuation
/// ("Le Monde" = "lemonde.fr" host label "lemonde").
pub(crate) fn same_site(a: &str, b: &str) -> bool {
    let squash = |s: &str| -> String {
        comparable(s)
            .trim_start_matches("www ")
            .split(' ')
            .filter(|w| {
                !matches!(
                    *w,
                    "com" | "org" | "net" | "fr" | "de" | "co" | "uk" | "es" | "it"
                )
            })
            .collect()
    };
    let (a, b) = (squash(a), squash(b));
    !a.is_empty() && a == b
}

/// A `<title>` (or `og:title`) with the site name removed. Returns the headline and, when a
/// segment was cut off as the site name without matching a known one, that segment.
pub(crate) fn strip_site_suffix(title: &str, site_names: &[String]) -> (String, Option<String>) {
    let mut headline = collapse_whitespace(title);
    let mut guessed_site = None;
    for _ in 0..3 {
        let Some((separator_at, separator)) = SEPARATORS
            .iter()
            .filter_map(|sep| headline.rfind(sep).map(|i| (i, *sep)))
            .max_by_key(|(i, _)| *i)
        else {
            break;
        };
        let head = headline[..separator_at].trim().to_string();
        let tail = headline[separator_at + separator.len()..]
            .trim()
            .to_string();
        if site_names.iter().any(|site| same_site(site, &tail)) {
            headline = head;
            continue;
        }
        // "Site | Headline": the site comes first.
        if let Some((first_sep_at, first_sep)) = SEPARATORS
            .iter()
            .filter_map(|sep| headline.find(sep).map(|i| (i, *sep)))
            .min_by_key(|(i, _)| *i)
        {
            let first = headline[..first_sep_at].trim();
            // "Opinion | Headline": a section label in front goes too.
            if site_names.iter().any(|site| same_site(site, first))
                || lexicon().is_section_label(first)
            {
                headline = headline[first_sep_at + first_sep.len()..]
                    .trim()
                    .to_string();
                continue;
            }
        }
        // An unknown short tail after a longer headline is most likely the site or section
        // name. Bars and bullets almost never occur inside headlines, dashes often do.
        let tail_words = tail.split_whitespace().count();
        let head_words = head.split_whitespace().count();
        let tail_chars = tail.chars().count();
        let strong_separator = matches!(separator, " | " | " • " | " · " | " :: " | " » ");
        let looks_like_site = if strong_separator {
            tail_words <= 8 && tail_chars <= 60 && head_words >= 2
        } else {
            tail_words <= 4 && tail_chars <= 32 && head_words >= 4
        };
        if looks_like_site {
            if guessed_site.is_none() {
                guessed_site = Some(tail);
            }
            headline = head;
            continue;
        }
        break;
    }
    (headline, guessed_site)
}

/// Whether `text` may be a headline: not empty, not a site name, not a section label, not a
/// lone word or a sentence fragment too long to be a title.
pub(crate) fn acceptable_title(text: &str, site_names: &[String]) -> bool {
    let chars = text.chars().count();
    if !(3..=MAX_TITLE_CHARS).contains(&chars) {
        return false;
    }
    if site_names.iter().any(|site| same_site(site, text)) || lexicon().is_section_label(text) {
        return false;
    }
    let words = text.split_whitespace().count();
    let ideographic = text.chars().filter(|c| is_ideographic(*c)).count();
    words >= 2 || ideographic >= 4
}

fn is_ideographic(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}')
}

/// Whether a line of scraped text has the shape of a headline: short, several words, starting
/// like a sentence but not ending like one, and not a byline, a link or a date line.
pub(crate) fn is_title_shaped(line: &str) -> bool {
    let line = line.trim();
    let chars = line.chars().count();
    let words = line.split_whitespace().count();
    let ideographic = line.chars().filter(|c| is_ideographic(*c)).count();
    if chars > 250 || (words < 3 && ideographic < 6) || words > 35 {
        return false;
    }
    let Some(first) = line.chars().next() else {
        return false;
    };
    let opens_well = first.is_uppercase()
        || first.is_ascii_digit()
        || matches!(first, '«' | '"' | '“' | '\'' | '‘' | '¿' | '¡')
        || is_ideographic(first);
    let last = line.chars().next_back().unwrap_or(' ');
    let closes_well =
        !matches!(last, '.' | ',' | ';' | ':' | '-' | '–' | '—') || line.ends_with("...");
    opens_well
        && closes_well
        && !line.contains("://")
        && strip_byline_prefix(line).is_none()
        && !lexicon().is_section_label(line)
}

/// A short label with no sentence shape: "AllInfo", "La Biélorussie", "Tendance".
pub(crate) fn is_fragment(line: &str) -> bool {
    let line = line.trim();
    let words = line.split_whitespace().count();
    words <= 2 && line.chars().count() <= 40 && !line.ends_with(['.', '!', '?'])
}

/// A lone brand-like token ("AllInfo", "EUReporter", "NEWSDAILY"): a masthead left in scraped text.
pub(crate) fn is_masthead(line: &str) -> bool {
    let line = line.trim();
    if line.split_whitespace().count() != 1 || !(4..=30).contains(&line.chars().count()) {
        return false;
    }
    if !line
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-'))
    {
        return false;
    }
    let uppercase = line.chars().filter(|c| c.is_uppercase()).count();
    let inner_capital = line.chars().skip(1).any(char::is_uppercase);
    let dotted_domain = line.contains('.') && !line.ends_with('.');
    (uppercase >= 2 && inner_capital) || dotted_domain
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_known_site_names_either_side() {
        let sites = vec!["Le Quotidien".to_string()];
        assert_eq!(
            strip_site_suffix("Les digues tiennent bon | Le Quotidien", &sites).0,
            "Les digues tiennent bon"
        );
        assert_eq!(
            strip_site_suffix("Le Quotidien - Les digues tiennent bon", &sites).0,
            "Les digues tiennent bon"
        );
        // The host label counts as the site's name.
        assert_eq!(
            strip_site_suffix(
                "Floods recede in the valley - Dailyriver",
                &["dailyriver.com".to_string()]
            )
            .0,
            "Floods recede in the valley"
        );
    }

    #[test]
    fn strips_a_leading_section_label() {
        assert_eq!(
            strip_site_suffix("Opinion | The dam should never have been built", &[]).0,
            "The dam should never have been built"
        );
    }

    #[test]
    fn guesses_an_unknown_short_suffix() {
        let (headline, site) =
            strip_site_suffix("Floods recede across the northern valley | River Post", &[]);
        assert_eq!(headline, "Floods recede across the northern valley");
        assert_eq!(site.as_deref(), Some("River Post"));
        // A dash inside a short headline is kept.
        assert_eq!(strip_site_suffix("Ukraine - live", &[]).0, "Ukraine - live");
    }

    #[test]
    fn refuses_site_names_and_section_labels() {
        let sites = vec!["River Post".to_string()];
        assert!(!acceptable_title("River Post", &sites));
        assert!(!acceptable_title("Opinion", &sites));
        assert!(!acceptable_title("Home", &sites));
        assert!(acceptable_title("Floods recede in the valley", &sites));
        assert!(acceptable_title("北京举行新闻发布会", &sites));
    }

    #[test]
    fn recognises_title_shaped_lines() {
        assert!(is_title_shaped(
            "Kyiv attaquée : la Russie renouvelle ses frappes"
        ));
        assert!(is_title_shaped("Why did the river flood twice this year?"));
        assert!(!is_title_shaped(
            "Le ministère a déclaré que la mission était terminée."
        ));
        assert!(!is_title_shaped("AllInfo"));
        assert!(!is_title_shaped("Par Claire Roussel et Jean Dupont"));
        assert!(!is_title_shaped("https://example.org/a b c"));
    }

    #[test]
    fn tells_mastheads_from_section_labels() {
        assert!(is_masthead("AllInfo"));
        assert!(is_masthead("newsriver.net"));
        assert!(!is_masthead("Biélorussie"));
        assert!(!is_masthead("La Biélorussie"));
        assert!(is_fragment("La Biélorussie"));
        assert!(!is_fragment(
            "Le président est arrivé lundi à Minsk pour des entretiens."
        ));
    }
}
