//! Numbers written in digits or words, shared by the claims and timex finders.
//!
//! Digits follow the language's separators: French, German and Spanish read `18,3` as a decimal
//! and `250 000` / `70.000` as thousands; English reads `1,500` as thousands and `30.4` as a
//! decimal. Words are read additively with multipliers (`quatre-vingt-dix`, `two hundred and
//! five`, `trois cent mille`). Scale words (`millions`, `Mrd`) are left to the caller.

use crate::time::lexicon::{Lexicon, Token, TokenKind};

/// A number read from the tokens.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    /// Its value.
    pub value: f64,
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Written with digits (as opposed to words).
    pub digits: bool,
    /// An article read as "one" (`un`, `a`): weak evidence of a quantity.
    pub article: bool,
}

/// Whether two tokens touch (no space between them).
fn touching(text: &str, left: &Token, right: &Token) -> bool {
    left.end == right.start && text.get(left.end..right.start).is_some()
}

/// Whether the gap between two tokens is one (narrow) space used as a thousands separator.
fn thousands_space(text: &str, left: &Token, right: &Token) -> bool {
    match text.get(left.end..right.start) {
        Some(gap) => matches!(gap, " " | "\u{a0}" | "\u{202f}" | "\u{2009}"),
        None => false,
    }
}

/// Reads a number written with digits at token `at`.
pub fn digits_at(text: &str, tokens: &[Token], at: usize, lang: &str) -> Option<Number> {
    let first = tokens.get(at)?;
    if first.kind != TokenKind::Number {
        return None;
    }
    let decimal_comma = lang != "en";
    let mut integer: String = first.lower.clone();
    let mut fraction = String::new();
    let mut index = at + 1;
    let mut grouped = false;
    // Thousands groups: exactly three digits after a separator, and a first group of 1–3 digits.
    loop {
        let previous = &tokens[index - 1];
        let can_group = grouped || first.lower.len() <= 3;
        let is_group =
            |token: &Token| token.kind == TokenKind::Number && token.lower.len() == 3 && can_group;
        // "250 000": the separator is a single space, so there is no separator token.
        if let Some(next) = tokens.get(index) {
            if decimal_comma && is_group(next) && thousands_space(text, previous, next) {
                integer.push_str(&next.lower);
                grouped = true;
                index += 1;
                continue;
            }
        }
        if let (Some(sep), Some(group)) = (tokens.get(index), tokens.get(index + 1)) {
            let thousands_sep = if decimal_comma {
                matches!(sep.lower.as_str(), "." | "'")
            } else {
                sep.lower == ","
            };
            if thousands_sep
                && is_group(group)
                && touching(text, previous, sep)
                && touching(text, sep, group)
            {
                integer.push_str(&group.lower);
                grouped = true;
                index += 2;
                continue;
            }
        }
        break;
    }
    // Decimal part.
    if let (Some(sep), Some(part)) = (tokens.get(index), tokens.get(index + 1)) {
        let decimal_sep = if decimal_comma {
            sep.lower == ","
        } else {
            sep.lower == "."
        };
        if decimal_sep
            && part.kind == TokenKind::Number
            && touching(text, &tokens[index - 1], sep)
            && touching(text, sep, part)
        {
            fraction.push_str(&part.lower);
            index += 2;
        }
    }
    let literal = if fraction.is_empty() {
        integer
    } else {
        format!("{integer}.{fraction}")
    };
    let value: f64 = literal.parse().ok()?;
    Some(Number {
        value,
        start: at,
        end: index,
        digits: true,
        article: false,
    })
}

/// Reads a number written in words at token `at` (`dix-huit`, `two hundred`).
pub fn words_at(tokens: &[Token], at: usize, lexicon: &Lexicon) -> Option<Number> {
    let mut total = 0.0_f64;
    let mut current = 0.0_f64;
    let mut index = at;
    let mut end = at;
    let mut words = 0;
    let mut only_article = false;
    let mut joined = false;
    while let Some(hit) = lexicon.at(tokens, index, "number") {
        let value: f64 = hit.key.parse().ok()?;
        let word = tokens[index].lower.as_str();
        let article = value == 1.0
            && hit.len == 1
            && matches!(
                word,
                "un" | "une" | "a" | "an" | "ein" | "eine" | "einen" | "einem" | "uno" | "una"
            );
        let multiplier = value == 100.0 || value == 1000.0;
        // Without a joiner, a word continues a number only after hundreds or thousands
        // ("cent deux", "two thousand five") or as a multiplier ("deux cents"): "seven a" is two words.
        if words > 0 && !joined && !multiplier && (article || (total + current) % 100.0 != 0.0) {
            break;
        }
        only_article = words == 0 && article;
        if value == 100.0 {
            current = current.max(1.0) * 100.0;
        } else if value == 1000.0 {
            total += current.max(1.0) * 1000.0;
            current = 0.0;
        } else if (10.0..100.0).contains(&value)
            && current % 100.0 != 0.0
            && !french_teen_after(current, value)
        {
            // Two tens in a row ("vingt trente") are two numbers, not one.
            break;
        } else {
            current += value;
        }
        words += 1;
        index += hit.len;
        end = index;
        // A joiner ("-", "et", "and") continues the number only when a number word follows.
        joined = false;
        if let Some(joiner) = lexicon.at(tokens, index, "number_joiner") {
            if lexicon.at(tokens, index + joiner.len, "number").is_some() {
                index += joiner.len;
                joined = true;
            }
        }
        if words > 12 {
            break;
        }
    }
    if words == 0 {
        return None;
    }
    Some(Number {
        value: total + current,
        start: at,
        end,
        digits: false,
        article: only_article,
    })
}

/// French 70 and 90 are 60 + 10 and 80 + 10 (`soixante-dix`, `quatre-vingt-dix-huit`).
fn french_teen_after(current: f64, value: f64) -> bool {
    matches!(current % 100.0, 60.0 | 80.0) && (10.0..20.0).contains(&value)
}

/// Reads a number in digits or words at token `at`.
pub fn number_at(
    text: &str,
    tokens: &[Token],
    at: usize,
    lang: &str,
    lexicon: &Lexicon,
) -> Option<Number> {
    digits_at(text, tokens, at, lang).or_else(|| words_at(tokens, at, lexicon))
}

/// Formats a value without a trailing `.0` and without float noise (`30.4`, `8`, `1.5`).
pub fn format_value(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        let text = format!("{value:.6}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::lexicon::{for_language, tokenize};

    fn read(text: &str, lang: &str) -> Option<f64> {
        let tokens = tokenize(text);
        number_at(text, &tokens, 0, lang, for_language(lang)).map(|n| n.value)
    }

    #[test]
    fn digits_follow_language_separators() {
        assert_eq!(read("18,3 milliards", "fr"), Some(18.3));
        assert_eq!(read("250 000 personnes", "fr"), Some(250_000.0));
        assert_eq!(read("70.000 habitants", "de"), Some(70_000.0));
        assert_eq!(read("1,500 troops", "en"), Some(1_500.0));
        assert_eq!(read("30.4 seconds", "en"), Some(30.4));
        assert_eq!(read("12 345 678", "fr"), Some(12_345_678.0));
    }

    #[test]
    fn words_compose() {
        assert_eq!(read("dix-huit mois", "fr"), Some(18.0));
        assert_eq!(read("quatre-vingt-dix ans", "fr"), Some(90.0));
        assert_eq!(read("vingt et un jours", "fr"), Some(21.0));
        assert_eq!(read("trois cent mille", "fr"), Some(300_000.0));
        assert_eq!(read("two hundred and five", "en"), Some(205.0));
        assert_eq!(read("forty-two", "en"), Some(42.0));
        assert_eq!(read("seven a year", "en"), Some(7.0));
        assert_eq!(read("cent deux", "fr"), Some(102.0));
    }

    #[test]
    fn formats_values_compactly() {
        assert_eq!(format_value(8.0), "8");
        assert_eq!(format_value(30.4), "30.4");
        assert_eq!(format_value(88.513_92), "88.51392");
    }
}
