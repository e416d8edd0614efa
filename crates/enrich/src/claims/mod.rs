//! Numeric claims: quantities with units, currencies, percentages and counts.
//!
//! A claim is a number ([`numbers`]: digits with the language's separators, or fr/en/de/es
//! number words), an optional scale word (`millions`, `Mrd`, `bn`), then a currency (`$`,
//! `dollars`, `€` → `USD`, `EUR`), a unit (`km`, `miles` → metric beside, [`units`]), a percent
//! sign, or the noun it counts (`250 Shaheds`, `trois personnes ont été blessées` → 3 counted
//! `personnes blessées`). The sentence is kept as evidence.
//!
//! Left out on purpose: numbers inside temporal expressions (years, dates, clock times,
//! durations — they are timexes), ordinals (`35e`, `1st`), numbers glued to names (`Su-24`,
//! `G7`), and bare numbers that count nothing.

pub mod numbers;
pub mod units;

use veille_model::{CharOffsets, Claim, Document};

use crate::time::lexicon::{self, Lexicon, Token, TokenKind};
use crate::time::TextScan;

/// Finds numeric claims in `text` (language code `lang`, guessed when unsupported).
pub fn find(text: &str, lang: &str) -> Vec<Claim> {
    find_in_scan(text, &TextScan::new(text, lang))
}

/// [`find`] on a text already scanned by [`TextScan::new`] (its temporal expressions are the
/// spans claims leave out).
pub fn find_in_scan(text: &str, scan: &TextScan) -> Vec<Claim> {
    let lang = scan.lang;
    let lexicon = lexicon::for_language(lang);
    let tokens = &scan.tokens;
    let mut in_timex = vec![false; tokens.len()];
    for candidate in &scan.candidates {
        for flag in in_timex
            .iter_mut()
            .take(candidate.end)
            .skip(candidate.start)
        {
            *flag = true;
        }
    }
    let reader = Reader {
        text,
        tokens,
        lexicon,
        lang,
    };
    let offsets = CharOffsets::new(text);
    let mut claims = Vec::new();
    let mut at = 0;
    while at < tokens.len() {
        if in_timex[at] {
            at += 1;
            continue;
        }
        match reader.claim_at(at) {
            Some(found) if !in_timex[found.start..found.end].iter().any(|t| *t) => {
                let start = tokens[found.start].start;
                let end = tokens[found.end - 1].end;
                let (from, to) = units::sentence_bounds(text, start, end);
                claims.push(Claim {
                    text: text.get(start..end).unwrap_or("").to_string(),
                    span: offsets.span(start..end),
                    value: found.value,
                    metric: units::to_metric(found.value, &found.unit),
                    unit: found.unit,
                    counted: found.counted,
                    sentence: text.get(from..to).unwrap_or("").trim().to_string(),
                });
                at = found.end;
            }
            _ => at += 1,
        }
    }
    claims
}

/// Fills `doc.claims`.
pub fn extract(doc: &mut Document) {
    let scan = TextScan::new(&doc.text, &crate::time::document_language(doc));
    extract_scanned(doc, &scan);
}

/// Fills `doc.claims` from the scan of `doc.text` made with
/// [`crate::time::document_language`].
pub fn extract_scanned(doc: &mut Document, scan: &TextScan) {
    doc.claims = find_in_scan(&doc.text, scan);
}

struct Found {
    start: usize,
    end: usize,
    value: f64,
    unit: String,
    counted: Option<String>,
}

struct Reader<'a> {
    text: &'a str,
    tokens: &'a [Token],
    lexicon: &'a Lexicon,
    lang: &'a str,
}

impl Reader<'_> {
    fn word(&self, at: usize) -> &str {
        self.tokens.get(at).map_or("", |t| t.lower.as_str())
    }

    fn touching(&self, left: usize, right: usize) -> bool {
        match (self.tokens.get(left), self.tokens.get(right)) {
            (Some(l), Some(r)) => l.end == r.start,
            _ => false,
        }
    }

    fn hit(&self, at: usize, category: &str) -> Option<(&str, usize)> {
        self.lexicon
            .at(self.tokens, at, category)
            .map(|h| (h.key, at + h.len))
    }

    /// A number glued to a name (`Su-24`, `S-400`, `G7`, `COVID-19`) is part of the name.
    fn glued_to_name(&self, start: usize, end: usize) -> bool {
        if start > 0 && self.touching(start - 1, start) {
            let previous = &self.tokens[start - 1];
            if previous.kind == TokenKind::Word
                || (previous.lower == "-" && start >= 2 && self.touching(start - 2, start - 1))
            {
                return true;
            }
        }
        if end < self.tokens.len() && self.touching(end - 1, end) {
            let next = &self.tokens[end];
            let unit_like = ["unit", "currency", "percent", "scale_abbrev"]
                .iter()
                .any(|c| self.hit(end, c).is_some());
            if next.kind == TokenKind::Word && !unit_like {
                return true;
            }
            if self.hit(end, "ordinal_suffix").is_some() && next.kind == TokenKind::Word {
                return true;
            }
        }
        false
    }

    fn claim_at(&self, at: usize) -> Option<Found> {
        // Approximations stay in the span: "près de 500 kilomètres".
        let (number_at, start) = match self.hit(at, "approx") {
            Some((_, next)) => (next, at),
            None => (at, at),
        };
        // A currency sign before the number: "$725 million", "€18bn".
        let (prefix_currency, number_at) = match self.hit(number_at, "currency") {
            Some((code, next))
                if self.tokens[number_at].kind == TokenKind::Punct
                    || self.word(number_at) == "us$" =>
            {
                (Some(code.to_string()), next)
            }
            _ => (None, number_at),
        };
        let number =
            numbers::number_at(self.text, self.tokens, number_at, self.lang, self.lexicon)?;
        if number.digits && self.glued_to_name(number.start, number.end) {
            return None;
        }
        let mut value = number.value;
        let mut end = number.end;
        let mut scaled = false;
        if let Some((scale, next)) = self.hit(end, "scale").or_else(|| {
            self.hit(end, "scale_abbrev")
                .filter(|_| self.touching(end - 1, end) || prefix_currency.is_some())
        }) {
            let factor: f64 = scale.parse().unwrap_or(1.0);
            value = round_scaled(value * factor);
            end = next;
            scaled = true;
            // "2,5 Mrd. Euro": the abbreviation's full stop.
            if self.word(end) == "."
                && self.touching(end - 1, end)
                && self.hit(end + 1, "currency").is_some()
            {
                end += 1;
            }
        }
        if number.article && !scaled {
            return None;
        }
        if let Some(code) = prefix_currency {
            return Some(Found {
                start,
                end,
                value,
                unit: code,
                counted: None,
            });
        }
        let after_of = self.hit(end, "counted_skip").map_or(end, |(_, next)| next);
        if let Some((_, next)) = self.hit(end, "percent") {
            return Some(Found {
                start,
                end: next,
                value,
                unit: "percent".to_string(),
                counted: None,
            });
        }
        for position in [end, after_of] {
            if let Some((code, next)) = self.hit(position, "currency") {
                return Some(Found {
                    start,
                    end: next,
                    value,
                    unit: code.to_string(),
                    counted: None,
                });
            }
            if let Some((code, next)) = self.hit(position, "unit") {
                // One-letter units ("m", "t", "l") only right after digits: "500 m", "3t".
                let short = self.tokens[position].lower.chars().count() == 1;
                if short && (!number.digits || position != end) {
                    continue;
                }
                return Some(Found {
                    start,
                    end: next,
                    value,
                    unit: code.to_string(),
                    counted: None,
                });
            }
            if let Some((_, next)) = self.hit(position, "percent_point") {
                if position == end {
                    return Some(Found {
                        start,
                        end: next,
                        value,
                        unit: "percentage_point".to_string(),
                        counted: None,
                    });
                }
            }
        }
        self.count(
            start,
            if scaled { after_of } else { end },
            value,
            number.digits,
        )
    }

    /// "250 Shaheds", "trois personnes ont été blessées".
    fn count(&self, start: usize, noun_at: usize, value: f64, digits: bool) -> Option<Found> {
        let noun = self.tokens.get(noun_at)?;
        if noun.kind != TokenKind::Word
            || noun.lower.chars().count() < 2
            || self.is_function_word(&noun.lower)
        {
            return None;
        }
        if !digits && value < 2.0 {
            return None;
        }
        let mut counted = self.text.get(noun.start..noun.end)?.to_string();
        let mut noun_at = noun_at;
        // "quatre fortes explosions": an adjective before the noun counts with it.
        if self.lexicon.has("pre_adjective", &noun.lower) {
            if let Some(head) = self
                .tokens
                .get(noun_at + 1)
                .filter(|t| t.kind == TokenKind::Word && !self.is_function_word(&t.lower))
            {
                counted = format!("{counted} {}", self.text.get(head.start..head.end)?);
                noun_at += 1;
            }
        }
        // "… ont été blessées", "… were killed": the state is part of what is counted.
        if let Some((_, after_aux)) = self.hit(noun_at + 1, "past_aux") {
            let participle_at = if matches!(self.word(after_aux), "été" | "been" | "worden") {
                after_aux + 1
            } else {
                after_aux
            };
            let participle = self.tokens.get(participle_at).filter(|t| {
                t.kind == TokenKind::Word && !self.lexicon.has("clause_stop", &t.lower)
            });
            if let Some(participle) = participle {
                let suffixes = self.lexicon.phrases_of("participle_suffix");
                if suffixes.iter().any(|s| participle.lower.ends_with(s)) {
                    counted = format!("{counted} {}", participle.lower);
                }
            }
        }
        Some(Found {
            start,
            end: noun_at + 1,
            value,
            unit: "count".to_string(),
            counted: Some(counted),
        })
    }

    fn is_function_word(&self, word: &str) -> bool {
        [
            "article",
            "counted_skip",
            "complementizer",
            "pronoun",
            "clause_stop",
            "past_aux",
            "number_joiner",
            "mod",
            "this",
        ]
        .iter()
        .any(|c| self.lexicon.has(c, word))
            || self.lexicon.has("month", word)
            || self.lexicon.has("unit", word)
    }
}

/// Drops float noise from scaled values (18.3 × 10⁹ → 18 300 000 000).
fn round_scaled(value: f64) -> f64 {
    if value.abs() >= 1000.0 {
        value.round()
    } else {
        value
    }
}

#[cfg(test)]
mod tests;
