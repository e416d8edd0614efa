//! The timex grammar: finds temporal expressions in tokens and says what they mean, without
//! resolving them ([`super::resolve`] turns a [`Meaning`] into a TIMEX3 value). Rules that read
//! amounts (durations, clock times, sets) live in [`amounts`].
//!
//! Span conventions follow TimeBank: articles and modifiers (`le 30 juin`, `l'an prochain`,
//! `près de 24 heures`, `il y a huit mois`) are part of the expression, prepositions (`en`,
//! `depuis`, `au`, `in`, `since`) are not.

use super::lexicon::{Lexicon, PhraseIndex, Token, TokenKind};
use crate::claims::numbers;

mod amounts;

pub use super::meaning::{Candidate, Meaning, Shift, Unit};

/// Finds temporal expressions in `tokens` of `text`, left to right, longest first.
pub fn scan(text: &str, tokens: &[Token], lexicon: &Lexicon, lang: &str) -> Vec<Candidate> {
    let scanner = Scanner {
        text,
        tokens,
        lexicon,
        phrases: lexicon.index(tokens),
        lang,
    };
    let mut found = Vec::new();
    let mut index = 0;
    while index < tokens.len() {
        let candidates = scanner.at(index);
        match candidates.iter().map(|c| c.end).max() {
            Some(end) if end > index => {
                found.extend(candidates);
                index = end;
            }
            _ => index += 1,
        }
    }
    found
}

struct Scanner<'a> {
    text: &'a str,
    tokens: &'a [Token],
    lexicon: &'a Lexicon,
    /// The lexicon's phrases at each token, looked up once: the grammar asks about dozens
    /// of categories at every token.
    phrases: PhraseIndex<'a>,
    lang: &'a str,
}

type Step<T> = Option<(T, usize)>;

/// A grammar rule: the readings at a token, given where the phrase's prefixes began.
type Rule<'s> = fn(&Scanner<'s>, usize, usize) -> Vec<Candidate>;

impl Scanner<'_> {
    fn word(&self, at: usize) -> &str {
        self.tokens.get(at).map_or("", |t| t.lower.as_str())
    }

    fn hit(&self, at: usize, category: &str) -> Step<&str> {
        self.phrases.at(at, category).map(|h| (h.key, at + h.len))
    }

    fn is_number(&self, at: usize) -> bool {
        self.tokens
            .get(at)
            .is_some_and(|t| t.kind == TokenKind::Number)
    }

    fn touching(&self, left: usize, right: usize) -> bool {
        match (self.tokens.get(left), self.tokens.get(right)) {
            (Some(l), Some(r)) => l.end == r.start,
            _ => false,
        }
    }

    fn small_number(&self, at: usize, max: u32) -> Step<u32> {
        let token = self.tokens.get(at)?;
        if token.kind != TokenKind::Number || token.lower.len() > 2 {
            return None;
        }
        let value: u32 = token.lower.parse().ok()?;
        (value <= max).then_some((value, at + 1))
    }

    /// A day of the month: `23`, `1er`, `1st`, `premier`.
    fn day(&self, at: usize) -> Step<u32> {
        if let Some((day, next)) = self.small_number(at, 31) {
            if day == 0 {
                return None;
            }
            if self.touching(at, next) {
                if let Some((_, after)) = self.hit(next, "ordinal_suffix") {
                    return Some((day, after));
                }
            }
            return Some((day, next));
        }
        match self.hit(at, "ordinal") {
            Some(("1", next)) => Some((1, next)),
            _ => None,
        }
    }

    fn month(&self, at: usize) -> Step<u32> {
        let (key, mut next) = self.hit(at, "month")?;
        let month: u32 = key.parse().ok()?;
        // English month names are capitalised; this keeps the modal "may" out.
        if self.lang == "en" && !self.tokens[at].lower.is_empty() {
            let original = self
                .text
                .get(self.tokens[at].start..self.tokens[at].end)
                .unwrap_or("");
            if !original.chars().next().is_some_and(char::is_uppercase) {
                return None;
            }
        }
        // "Oct. 25": the abbreviation's full stop belongs to the date when a number follows.
        if self.word(next) == "." && self.touching(next - 1, next) && self.is_number(next + 1) {
            next += 1;
        }
        Some((month, next))
    }

    fn year(&self, at: usize) -> Step<i32> {
        let token = self.tokens.get(at)?;
        if token.kind != TokenKind::Number || token.lower.len() != 4 {
            return None;
        }
        let year: i32 = token.lower.parse().ok()?;
        if !(1000..=2100).contains(&year) {
            return None;
        }
        // "2 000", "2.000", "2000km", "2000 %": a quantity, not a year.
        let next = self.tokens.get(at + 1);
        if let Some(next) = next {
            if next.start == token.end && matches!(next.kind, TokenKind::Word | TokenKind::Number) {
                return None;
            }
            if next.start == token.end
                && matches!(next.lower.as_str(), "," | ".")
                && self.is_number(at + 2)
                && self.touching(at + 1, at + 2)
            {
                return None;
            }
            for category in ["currency", "unit", "percent", "scale"] {
                if self.hit(at + 1, category).is_some() {
                    return None;
                }
            }
        }
        if at > 0 && (self.hit(at - 1, "currency").is_some() || self.is_number(at - 1)) {
            return None;
        }
        Some((year, at + 1))
    }

    fn two_digit_year(&self, at: usize) -> Step<i32> {
        let token = self.tokens.get(at)?;
        if token.kind != TokenKind::Number || token.lower.len() != 2 {
            return None;
        }
        let year: i32 = token.lower.parse().ok()?;
        // Two-digit years are read in a 1930–2029 window.
        Some((if year < 30 { 2000 + year } else { 1900 + year }, at + 1))
    }

    fn unit(&self, at: usize) -> Step<Unit> {
        let (key, next) = self.hit(at, "unit")?;
        Some((Unit::from_key(key)?, next))
    }

    fn part_of_day(&self, at: usize) -> Step<String> {
        self.hit(at, "partofday")
            .map(|(key, next)| (key.to_string(), next))
    }

    /// An amount: digits or number words, or a vague quantifier (`plusieurs`) as `None`.
    fn amount(&self, at: usize) -> Step<Option<f64>> {
        if let Some(number) =
            numbers::number_at(self.text, self.tokens, at, self.lang, self.lexicon)
        {
            return Some((Some(number.value), number.end));
        }
        self.hit(at, "vague").map(|(_, next)| (None, next))
    }

    fn shift_after(&self, at: usize) -> (Shift, usize) {
        if let Some((_, next)) = self.hit(at, "last_post") {
            return (Shift::Last, next);
        }
        if let Some((_, next)) = self.hit(at, "next_post") {
            return (Shift::Next, next);
        }
        (Shift::None, at)
    }

    fn shift_before(&self, at: usize) -> (Shift, usize) {
        if let Some((_, next)) = self.hit(at, "last_pre") {
            return (Shift::Last, next);
        }
        if let Some((_, next)) = self.hit(at, "next_pre") {
            return (Shift::Next, next);
        }
        (Shift::None, at)
    }

    /// Every reading starting at token `at`: modifier and article prefixes, then a core.
    fn at(&self, at: usize) -> Vec<Candidate> {
        let mut best: Vec<Candidate> = Vec::new();
        let mut consider = |found: Vec<Candidate>| {
            let end = found.iter().map(|c| c.end).max().unwrap_or(0);
            if end > best.iter().map(|c| c.end).max().unwrap_or(0) {
                best = found;
            }
        };
        // (core start, modifier, whether the prefix words belong to the span).
        let mut starts: Vec<(usize, Option<String>, bool)> = vec![(at, None, true)];
        for (category, inside) in [("mod", true), ("mod_out", false)] {
            if let Some((key, next)) = self.hit(at, category) {
                starts.push((next, Some(key.to_string()), inside));
                if let Some((_, after)) = self.hit(next, "article") {
                    starts.push((after, Some(key.to_string()), inside));
                }
            }
        }
        if let Some((_, next)) = self.hit(at, "article") {
            starts.push((next, None, true));
            if let Some((key, after)) = self.hit(next, "mod") {
                starts.push((after, Some(key.to_string()), true));
            }
        }
        for (core_start, modifier, inside) in starts {
            let mut found = self.core(core_start, at);
            if found.is_empty() {
                continue;
            }
            if let Some(first) = found.first_mut() {
                // English leaves "about" and "the" out of a dated expression ("about 10:35 a.m.",
                // "the Aug. 7 meeting"); the lists say which prefixes stay outside.
                let article_outside = core_start > at
                    && matches!(
                        first.meaning,
                        Meaning::Calendar { .. } | Meaning::Weekday { .. } | Meaning::Clock { .. }
                    )
                    && self.hit(at, "article").is_some()
                    && self.hit(at, "date_article").is_none();
                if inside && !article_outside {
                    first.start = at;
                }
                if modifier.is_some() {
                    first.modifier = modifier.clone();
                }
            }
            consider(found);
        }
        best
    }

    fn one(start: usize, end: usize, meaning: Meaning) -> Vec<Candidate> {
        vec![Candidate {
            start,
            end,
            meaning,
            modifier: None,
        }]
    }

    /// The core readings at `at`; `phrase_start` is where prefixes began (for context checks).
    fn core(&self, at: usize, phrase_start: usize) -> Vec<Candidate> {
        let rules: [Rule<'_>; 10] = [
            Self::relative_day,
            Self::weekday_or_date,
            Self::day_month,
            Self::month_first,
            Self::year_or_decade,
            Self::relative_unit,
            Self::amount_of_units,
            Self::clock,
            Self::set,
            Self::single_words,
        ];
        let mut best: Vec<Candidate> = Vec::new();
        for rule in rules {
            let found = rule(self, at, phrase_start);
            let end = found.iter().map(|c| c.end).max().unwrap_or(0);
            if end > best.iter().map(|c| c.end).max().unwrap_or(0) {
                best = found;
            }
        }
        best
    }

    /// `hier`, `demain soir`, `ce matin`, `aujourd'hui vendredi`, `hier en début d'après-midi`.
    fn relative_day(&self, at: usize, _: usize) -> Vec<Candidate> {
        let (offset, mut next, today) = if let Some((key, next)) = self.hit(at, "relday") {
            (key.parse::<i64>().unwrap_or(0), next, key == "0")
        } else if let Some((key, next)) = self.hit(at, "relday_part") {
            let Some((part, after)) = self.part_of_day(next) else {
                return Vec::new();
            };
            let mut meaning_end = after;
            if let Some((_, suffix_end)) = self.hit(after, "this_suffix") {
                meaning_end = suffix_end;
            }
            let offset = key.parse::<i64>().unwrap_or(0);
            return Self::one(
                at,
                meaning_end,
                Meaning::RelativeDay {
                    offset,
                    part: Some(part),
                },
            );
        } else if let Some((key, next)) = self.hit(at, "ref_day") {
            let offset = key.parse::<i64>().unwrap_or(0);
            let (part, end) = self
                .part_of_day(next)
                .map_or((None, next), |(p, e)| (Some(p), e));
            let end = if self.word(end) == "même" {
                end + 1
            } else {
                end
            };
            return Self::one(at, end, Meaning::ReferenceDay { offset, part });
        } else {
            return Vec::new();
        };
        let mut modifier = None;
        let mut part = None;
        if let Some((p, after)) = self.part_of_day(next) {
            part = Some(p);
            next = after;
        } else if let Some((key, after)) = self.hit(next, "mod") {
            if let Some((p, end)) = self.part_of_day(after) {
                part = Some(p);
                modifier = Some(key.to_string());
                next = end;
            }
        } else if self.word(next) == "en" {
            if let Some((key, after)) = self.hit(next + 1, "mod") {
                if let Some((p, end)) = self.part_of_day(after) {
                    part = Some(p);
                    modifier = Some(key.to_string());
                    next = end;
                }
            }
        }
        if today && part.is_none() {
            if let Some((_, after)) = self.hit(next, "weekday") {
                next = after;
            }
            return Self::one(at, next, Meaning::Today);
        }
        vec![Candidate {
            start: at,
            end: next,
            meaning: Meaning::RelativeDay { offset, part },
            modifier,
        }]
    }

    /// `mardi`, `vendredi dernier`, `next Monday`, `dimanche soir`, `samedi 29 mai`,
    /// `Friday, Oct. 25, 1998`, and weekday-led ranges.
    fn weekday_or_date(&self, at: usize, _: usize) -> Vec<Candidate> {
        let (mut shift, start) = self.shift_before(at);
        let Some((key, mut next)) = self.hit(start, "weekday") else {
            return Vec::new();
        };
        let weekday: u32 = key.parse().unwrap_or(1);
        let comma = usize::from(self.word(next) == ",");
        // A full date after the weekday.
        let mut dated = self.day_month(next + comma, at);
        if dated.is_empty() {
            dated = self.month_first(next + comma, at);
        }
        if let Some(first) = dated.first_mut() {
            if let Meaning::Calendar { weekday: w, .. } = &mut first.meaning {
                *w = Some(weekday);
                first.start = at;
                return dated;
            }
        }
        let mut part = None;
        if let Some((p, after)) = self.part_of_day(next) {
            part = Some(p);
            next = after;
        }
        if shift == Shift::None {
            let (after_shift, after) = self.shift_after(next);
            shift = after_shift;
            next = after;
        }
        Self::one(
            at,
            next,
            Meaning::Weekday {
                weekday,
                shift,
                part,
            },
        )
    }

    /// `23 juillet`, `1er mai 2002`, `le 6 mai dernier`, `du 19 au 23 juillet`, `octobre 98`.
    fn day_month(&self, at: usize, _: usize) -> Vec<Candidate> {
        let Some((day, next)) = self.day(at) else {
            return Vec::new();
        };
        // A range sharing the month: "19 au 23 juillet", "6 et 13 avril".
        if let Some(joined) = self.tokens.get(next).map(|t| t.lower.as_str()) {
            if matches!(
                joined,
                "au" | "-" | "et" | "à" | "to" | "and" | "bis" | "y" | "al" | "und"
            ) {
                if let Some((_, second_next)) = self.day(next + 1) {
                    let second = self.day_month(next + 1, next + 1);
                    if let Some(Candidate {
                        meaning:
                            Meaning::Calendar {
                                year, month, shift, ..
                            },
                        ..
                    }) = second.first()
                    {
                        if second_next < second[0].end {
                            let mut both = Self::one(
                                at,
                                next,
                                Meaning::Calendar {
                                    year: *year,
                                    month: *month,
                                    day: Some(day),
                                    weekday: None,
                                    shift: *shift,
                                },
                            );
                            both.extend(second);
                            return both;
                        }
                    }
                }
            }
        }
        let of = usize::from(matches!(self.word(next), "of" | "de"));
        let Some((month, mut end)) = self.month(next + of) else {
            return Vec::new();
        };
        if day > crate::time::calendar::days_in_month(2000, month) {
            return Vec::new();
        }
        let mut year = None;
        // "23 juillet 2023", "July 23, 2023", "5 de mayo de 2023".
        let comma = usize::from(matches!(self.word(end), "," | "de" | "del"));
        if let Some((y, after)) = self.year(end + comma) {
            year = Some(y);
            end = after;
        } else if let Some((y, after)) = self.two_digit_year(end) {
            year = Some(y);
            end = after;
        }
        let (shift, end) = if year.is_none() {
            self.shift_after(end)
        } else {
            (Shift::None, end)
        };
        Self::one(
            at,
            end,
            Meaning::Calendar {
                year,
                month,
                day: Some(day),
                weekday: None,
                shift,
            },
        )
    }

    /// `Oct. 25, 1998`, `mai 1988`, `octobre 98`, `juin prochain`, and bare months in context.
    fn month_first(&self, at: usize, phrase_start: usize) -> Vec<Candidate> {
        // "last November", "this September".
        let (pre_shift, month_at) = self.shift_before(at);
        let (pre_this, month_at) = match self.hit(month_at, "this") {
            Some((_, next)) if pre_shift == Shift::None => (true, next),
            _ => (false, month_at),
        };
        if month_at > at {
            let Some((month, end)) = self.month(month_at) else {
                return Vec::new();
            };
            let shift = if pre_this { Shift::None } else { pre_shift };
            if self.day(end).is_none() && self.year(end).is_none() {
                return Self::one(at, end, Meaning::Month { month, shift });
            }
            return Vec::new();
        }
        let Some((month, next)) = self.month(at) else {
            return Vec::new();
        };
        // English order: month, day, optional year.
        if let Some((day, after)) = self.day(next).filter(|_| self.lang == "en") {
            if day <= crate::time::calendar::days_in_month(2000, month)
                && !self.unit_or_count_follows(after)
            {
                let comma = usize::from(self.word(after) == ",");
                let (year, end) = match self.year(after + comma) {
                    Some((y, end)) => (Some(y), end),
                    None => (None, after),
                };
                return Self::one(
                    at,
                    end,
                    Meaning::Calendar {
                        year,
                        month,
                        day: Some(day),
                        weekday: None,
                        shift: Shift::None,
                    },
                );
            }
        }
        if let Some((year, end)) = self.year(next).or_else(|| {
            if self.lang == "fr" {
                self.two_digit_year(next)
            } else {
                None
            }
        }) {
            return Self::one(
                at,
                end,
                Meaning::Calendar {
                    year: Some(year),
                    month,
                    day: None,
                    weekday: None,
                    shift: Shift::None,
                },
            );
        }
        let (shift, end) = self.shift_after(next);
        let introduced = phrase_start > 0 && self.introduced_by(phrase_start, "month_intro");
        if shift == Shift::None && !introduced && phrase_start == at {
            return Vec::new();
        }
        Self::one(at, end, Meaning::Month { month, shift })
    }

    fn unit_or_count_follows(&self, at: usize) -> bool {
        self.hit(at, "unit").is_some()
            || self.hit(at, "currency").is_some()
            || self.hit(at, "percent").is_some()
    }

    /// Whether a phrase of `category` ends right before token `at`.
    fn introduced_by(&self, at: usize, category: &str) -> bool {
        (1..=4).any(|back| {
            at >= back
                && self
                    .hit(at - back, category)
                    .is_some_and(|(_, end)| end == at)
        })
    }

    /// `1975`, `l'année 2001`, `les années 90`, `the 1990s`.
    fn year_or_decade(&self, at: usize, phrase_start: usize) -> Vec<Candidate> {
        let decade_at = if matches!(self.word(at), "des" | "les" | "the") {
            at + 1
        } else {
            at
        };
        if let Some((_, next)) = self.hit(decade_at, "decade") {
            if let Some(token) = self
                .tokens
                .get(next)
                .filter(|t| t.kind == TokenKind::Number)
            {
                let digits = token.lower.as_str();
                let decade = match digits.len() {
                    2 if digits.ends_with('0') => digits[..1].parse::<i32>().ok().map(|d| 190 + d),
                    4 if digits.ends_with('0') => digits[..3].parse::<i32>().ok(),
                    _ => None,
                };
                if let Some(decade) = decade {
                    return Self::one(at, next + 1, Meaning::Decade(decade));
                }
            }
            if let Some(number) = numbers::words_at(self.tokens, next, self.lexicon) {
                let value = number.value as i32;
                if (10..=90).contains(&value) && value % 10 == 0 {
                    return Self::one(at, number.end, Meaning::Decade(190 + value / 10));
                }
            }
        }
        // "l'année 2001", "the year 2000".
        let (year_word, start) = match self.hit(at, "unit") {
            Some(("Y", next)) => (true, next),
            _ => (false, at),
        };
        // "1990s".
        if let Some(token) = self
            .tokens
            .get(start)
            .filter(|t| t.kind == TokenKind::Number && t.lower.len() == 4)
        {
            if self.word(start + 1) == "s"
                && self.touching(start, start + 1)
                && token.lower.ends_with('0')
            {
                if let Ok(decade) = token.lower[..3].parse::<i32>() {
                    return Self::one(at, start + 2, Meaning::Decade(decade));
                }
            }
        }
        let Some((year, next)) = self.year(start) else {
            return self.english_decade(at);
        };
        let introduced =
            year_word || (phrase_start > 0 && self.introduced_by(phrase_start, "year_intro"));
        if !(1900..=2099).contains(&year) && !introduced {
            return Vec::new();
        }
        Self::one(at, next, Meaning::Year(year))
    }

    fn english_decade(&self, at: usize) -> Vec<Candidate> {
        // "'90s", "90s".
        let start = if self.word(at) == "'" { at + 1 } else { at };
        let Some(token) = self
            .tokens
            .get(start)
            .filter(|t| t.kind == TokenKind::Number && t.lower.len() == 2)
        else {
            return Vec::new();
        };
        if self.lang != "en"
            || !token.lower.ends_with('0')
            || self.word(start + 1) != "s"
            || !self.touching(start, start + 1)
        {
            return Vec::new();
        }
        let decade = token.lower[..1]
            .parse::<i32>()
            .map(|d| 190 + d)
            .unwrap_or(199);
        Self::one(at, start + 2, Meaning::Decade(decade))
    }

    /// `cette semaine`, `la semaine dernière`, `l'an prochain`, `last week`, `cet été`,
    /// `l'automne`, `en été`, `the third quarter`.
    fn relative_unit(&self, at: usize, phrase_start: usize) -> Vec<Candidate> {
        let this = self.hit(at, "this");
        let (shift_pre, after_shift) = self.shift_before(this.map_or(at, |(_, n)| n));
        let unit_at = after_shift;
        // Seasons.
        if let Some((season, next)) = self.hit(unit_at, "season") {
            let (shift_post, end) = self.shift_after(next);
            let shift = if shift_pre != Shift::None {
                shift_pre
            } else {
                shift_post
            };
            let determined = this.is_some()
                || shift != Shift::None
                || phrase_start < at
                || self.word(phrase_start) == "l'";
            // "été" is also the participle of "être": keep it only with a determiner or after "en".
            let after_en = at > 0 && matches!(self.word(at - 1), "en" | "in" | "im");
            if self.year(next).is_some() && determined {
                // "l'été 2022": the year rule reads the year; the season stays generic of that year.
            }
            if determined || after_en {
                return Self::one(
                    at,
                    end,
                    Meaning::Season {
                        season: season.to_string(),
                        shift,
                        generic: !determined,
                    },
                );
            }
            return Vec::new();
        }
        // Quarters.
        if let Some((ordinal, next)) = self.hit(unit_at, "ordinal") {
            let next = if self.word(next) == "-" {
                next + 1
            } else {
                next
            };
            if let Some((Unit::Quarter, end)) = self.unit(next) {
                return Self::one(at, end, Meaning::Quarter(ordinal.parse().ok()));
            }
        }
        let Some((unit, next)) = self.unit(unit_at) else {
            return Vec::new();
        };
        // "the weekend": the one around the anchor, chosen by tense like "ce week-end".
        if unit == Unit::Weekend
            && phrase_start < at
            && this.is_none()
            && shift_pre == Shift::None
            && self.shift_after(next).0 == Shift::None
        {
            return Self::one(at, next, Meaning::RelativeUnit { unit, offset: 0 });
        }
        if unit == Unit::Quarter
            && (this.is_some() || phrase_start < at)
            && shift_pre == Shift::None
        {
            let (shift_post, end) = self.shift_after(next);
            if shift_post == Shift::None {
                return Self::one(at, end, Meaning::Quarter(None));
            }
        }
        let (shift_post, mut end) = self.shift_after(next);
        let offset = match (shift_pre, shift_post) {
            (Shift::Last, _) | (_, Shift::Last) => -1,
            (Shift::Next, _) | (_, Shift::Next) => 1,
            _ if this.is_some() => 0,
            _ => return Vec::new(),
        };
        if let Some((_, suffix_end)) = self.hit(end, "this_suffix") {
            end = suffix_end;
        }
        // "ces dernières semaines", "the past weeks": plural units are vague durations.
        let plural =
            self.tokens.get(unit_at).is_some_and(|t| {
                t.lower.ends_with('s') && !matches!(t.lower.as_str(), "mois" | "ans")
            }) || self.word(unit_at) == "ans";
        if plural || self.word(at) == "ces" {
            return Self::one(at, end, Meaning::Duration { unit, amount: None });
        }
        if this.is_none() && shift_pre == Shift::None && phrase_start == at {
            return Vec::new();
        }
        Self::one(at, end, Meaning::RelativeUnit { unit, offset })
    }
}

#[cfg(test)]
mod tests;
