//! The timex grammar: finds temporal expressions in tokens and says what they mean, without
//! resolving them ([`super::resolve`] turns a [`Meaning`] into a TIMEX3 value).
//!
//! Span conventions follow TimeBank: articles and modifiers (`le 30 juin`, `l'an prochain`,
//! `près de 24 heures`, `il y a huit mois`) are part of the expression, prepositions (`en`,
//! `depuis`, `au`, `in`, `since`) are not.

use super::lexicon::{Lexicon, Token, TokenKind};
use crate::claims::numbers;

/// Calendar units of durations and relative expressions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Year.
    Year,
    /// Month.
    Month,
    /// Week.
    Week,
    /// Day.
    Day,
    /// Hour.
    Hour,
    /// Minute.
    Minute,
    /// Second.
    Second,
    /// Decade.
    Decade,
    /// Century.
    Century,
    /// Weekend.
    Weekend,
    /// Quarter.
    Quarter,
    /// Half year.
    HalfYear,
}

impl Unit {
    fn from_key(key: &str) -> Option<Self> {
        Some(match key {
            "Y" => Self::Year,
            "M" => Self::Month,
            "W" => Self::Week,
            "D" => Self::Day,
            "H" => Self::Hour,
            "MIN" => Self::Minute,
            "S" => Self::Second,
            "DE" => Self::Decade,
            "CE" => Self::Century,
            "WE" => Self::Weekend,
            "Q" => Self::Quarter,
            "HY" => Self::HalfYear,
            _ => return None,
        })
    }
}

/// Explicit direction written in the expression (`dernier`, `next`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shift {
    /// None written.
    None,
    /// Before the anchor.
    Last,
    /// After the anchor.
    Next,
}

/// What a temporal expression means, before resolution.
#[derive(Debug, Clone, PartialEq)]
pub enum Meaning {
    /// A calendar date with some fields written (`dimanche 23 juillet`, `mai 1988`, `le 6 mai dernier`).
    Calendar {
        /// Year, when written.
        year: Option<i32>,
        /// Month.
        month: u32,
        /// Day of month, when written.
        day: Option<u32>,
        /// ISO weekday, when written.
        weekday: Option<u32>,
        /// Direction word.
        shift: Shift,
    },
    /// A bare weekday, maybe with a part of day (`mardi`, `vendredi dernier`, `Sunday night`).
    Weekday {
        /// ISO weekday.
        weekday: u32,
        /// Direction word.
        shift: Shift,
        /// Part of day (`MO`, `AF`, `EV`, `NI`).
        part: Option<String>,
    },
    /// A day relative to the anchor (`hier` = -1), maybe with a part of day.
    RelativeDay {
        /// Offset in days.
        offset: i64,
        /// Part of day.
        part: Option<String>,
    },
    /// A day relative to the last date mentioned (`le lendemain` = +1).
    ReferenceDay {
        /// Offset in days.
        offset: i64,
        /// Part of day.
        part: Option<String>,
    },
    /// A part of the day last mentioned (`la soirée`).
    PartOfDay(String),
    /// The current, last or next unit (`cette semaine`, `l'an prochain`).
    RelativeUnit {
        /// Unit.
        unit: Unit,
        /// -1, 0, +1.
        offset: i64,
    },
    /// An amount of units before the anchor (`il y a huit mois`); `None` amount is vague.
    Ago {
        /// Unit.
        unit: Unit,
        /// Amount.
        amount: Option<f64>,
    },
    /// A year.
    Year(i32),
    /// A decade, as its first three digits (`199` for the 1990s).
    Decade(i32),
    /// A month without a day.
    Month {
        /// Month.
        month: u32,
        /// Direction word.
        shift: Shift,
    },
    /// A season (`SU`…); generic when written without determiner (`en été`).
    Season {
        /// TIMEX3 season code.
        season: String,
        /// Direction.
        shift: Shift,
        /// No determiner: any year.
        generic: bool,
    },
    /// A quarter of a year (`the third quarter`); `None` = the quarter being reported.
    Quarter(Option<u32>),
    /// A duration; `None` amount is vague (`plusieurs jours`).
    Duration {
        /// Unit.
        unit: Unit,
        /// Amount.
        amount: Option<f64>,
    },
    /// A duration written as a single word (`quinquennat` → `P5Y`).
    NamedDuration(String),
    /// A clock time.
    Clock {
        /// Hour.
        hour: u32,
        /// Minute.
        minute: u32,
    },
    /// A recurrence, value already known (`P1Y`, `XXXX-WXX-4`).
    Set(String),
    /// `PRESENT_REF`, `PAST_REF`, `FUTURE_REF`.
    Reference(String),
    /// `aujourd'hui`: today when it dates an event, `PRESENT_REF` when it means "nowadays".
    Today,
}

/// A temporal expression found in the tokens.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Meaning.
    pub meaning: Meaning,
    /// TIMEX3 `mod`.
    pub modifier: Option<String>,
}

/// Finds temporal expressions in `tokens` of `text`, left to right, longest first.
pub fn scan(text: &str, tokens: &[Token], lexicon: &Lexicon, lang: &str) -> Vec<Candidate> {
    let scanner = Scanner { text, tokens, lexicon, lang };
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
    lang: &'a str,
}

type Step<T> = Option<(T, usize)>;

impl Scanner<'_> {
    fn word(&self, at: usize) -> &str {
        self.tokens.get(at).map_or("", |t| t.lower.as_str())
    }

    fn hit(&self, at: usize, category: &str) -> Step<&str> {
        self.lexicon.at(self.tokens, at, category).map(|h| (h.key, at + h.len))
    }

    fn is_number(&self, at: usize) -> bool {
        self.tokens.get(at).is_some_and(|t| t.kind == TokenKind::Number)
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
            let original = self.text.get(self.tokens[at].start..self.tokens[at].end).unwrap_or("");
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
            if next.start == token.end && matches!(next.lower.as_str(), "," | ".") && self.is_number(at + 2) && self.touching(at + 1, at + 2) {
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
        self.hit(at, "partofday").map(|(key, next)| (key.to_string(), next))
    }

    /// An amount: digits or number words, or a vague quantifier (`plusieurs`) as `None`.
    fn amount(&self, at: usize) -> Step<Option<f64>> {
        if let Some(number) = numbers::number_at(self.text, self.tokens, at, self.lang, self.lexicon) {
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
        let mut starts: Vec<(usize, Option<String>)> = vec![(at, None)];
        if let Some((key, next)) = self.hit(at, "mod") {
            starts.push((next, Some(key.to_string())));
            if let Some((_, after)) = self.hit(next, "article") {
                starts.push((after, Some(key.to_string())));
            }
        }
        if let Some((_, next)) = self.hit(at, "article") {
            starts.push((next, None));
            if let Some((key, after)) = self.hit(next, "mod") {
                starts.push((after, Some(key.to_string())));
            }
        }
        for (core_start, modifier) in starts {
            let mut found = self.core(core_start, at);
            if found.is_empty() {
                continue;
            }
            if let Some(first) = found.first_mut() {
                first.start = at;
                if modifier.is_some() {
                    first.modifier = modifier.clone();
                }
            }
            consider(found);
        }
        best
    }

    fn one(start: usize, end: usize, meaning: Meaning) -> Vec<Candidate> {
        vec![Candidate { start, end, meaning, modifier: None }]
    }

    /// The core readings at `at`; `phrase_start` is where prefixes began (for context checks).
    fn core(&self, at: usize, phrase_start: usize) -> Vec<Candidate> {
        let rules: [fn(&Self, usize, usize) -> Vec<Candidate>; 10] = [
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
            let Some((part, after)) = self.part_of_day(next) else { return Vec::new() };
            let mut meaning_end = after;
            if let Some((_, suffix_end)) = self.hit(after, "this_suffix") {
                meaning_end = suffix_end;
            }
            let offset = key.parse::<i64>().unwrap_or(0);
            return Self::one(at, meaning_end, Meaning::RelativeDay { offset, part: Some(part) });
        } else if let Some((key, next)) = self.hit(at, "ref_day") {
            let offset = key.parse::<i64>().unwrap_or(0);
            let (part, end) = self.part_of_day(next).map_or((None, next), |(p, e)| (Some(p), e));
            let end = if self.word(end) == "même" { end + 1 } else { end };
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
        vec![Candidate { start: at, end: next, meaning: Meaning::RelativeDay { offset, part }, modifier }]
    }

    /// `mardi`, `vendredi dernier`, `next Monday`, `dimanche soir`, `samedi 29 mai`,
    /// `Friday, Oct. 25, 1998`, and weekday-led ranges.
    fn weekday_or_date(&self, at: usize, _: usize) -> Vec<Candidate> {
        let (mut shift, start) = self.shift_before(at);
        let Some((key, mut next)) = self.hit(start, "weekday") else { return Vec::new() };
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
        Self::one(at, next, Meaning::Weekday { weekday, shift, part })
    }

    /// `23 juillet`, `1er mai 2002`, `le 6 mai dernier`, `du 19 au 23 juillet`, `octobre 98`.
    fn day_month(&self, at: usize, _: usize) -> Vec<Candidate> {
        let Some((day, next)) = self.day(at) else { return Vec::new() };
        // A range sharing the month: "19 au 23 juillet", "6 et 13 avril".
        if let Some(joined) = self.tokens.get(next).map(|t| t.lower.as_str()) {
            if matches!(joined, "au" | "-" | "et" | "à" | "to" | "and" | "bis" | "y" | "al" | "und") {
                if let Some((_, second_next)) = self.day(next + 1) {
                    let second = self.day_month(next + 1, next + 1);
                    if let Some(Candidate { meaning: Meaning::Calendar { year, month, shift, .. }, .. }) = second.first() {
                        if second_next < second[0].end {
                            let mut both = Self::one(at, next, Meaning::Calendar { year: *year, month: *month, day: Some(day), weekday: None, shift: *shift });
                            both.extend(second);
                            return both;
                        }
                    }
                }
            }
        }
        let of = usize::from(matches!(self.word(next), "of" | "de"));
        let Some((month, mut end)) = self.month(next + of) else { return Vec::new() };
        if day > super::calendar::days_in_month(2000, month) {
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
        let (shift, end) = if year.is_none() { self.shift_after(end) } else { (Shift::None, end) };
        Self::one(at, end, Meaning::Calendar { year, month, day: Some(day), weekday: None, shift })
    }

    /// `Oct. 25, 1998`, `mai 1988`, `octobre 98`, `juin prochain`, and bare months in context.
    fn month_first(&self, at: usize, phrase_start: usize) -> Vec<Candidate> {
        let Some((month, next)) = self.month(at) else { return Vec::new() };
        // English order: month, day, optional year.
        if let Some((day, after)) = self.day(next).filter(|_| self.lang == "en") {
            if day <= super::calendar::days_in_month(2000, month) && !self.unit_or_count_follows(after) {
                let comma = usize::from(self.word(after) == ",");
                let (year, end) = match self.year(after + comma) {
                    Some((y, end)) => (Some(y), end),
                    None => (None, after),
                };
                return Self::one(at, end, Meaning::Calendar { year, month, day: Some(day), weekday: None, shift: Shift::None });
            }
        }
        if let Some((year, end)) = self.year(next).or_else(|| if self.lang == "fr" { self.two_digit_year(next) } else { None }) {
            return Self::one(at, end, Meaning::Calendar { year: Some(year), month, day: None, weekday: None, shift: Shift::None });
        }
        let (shift, end) = self.shift_after(next);
        let introduced = phrase_start > 0 && self.introduced_by(phrase_start, "month_intro");
        if shift == Shift::None && !introduced && phrase_start == at {
            return Vec::new();
        }
        Self::one(at, end, Meaning::Month { month, shift })
    }

    fn unit_or_count_follows(&self, at: usize) -> bool {
        self.hit(at, "unit").is_some() || self.hit(at, "currency").is_some() || self.hit(at, "percent").is_some()
    }

    /// Whether a phrase of `category` ends right before token `at`.
    fn introduced_by(&self, at: usize, category: &str) -> bool {
        (1..=4).any(|back| at >= back && self.hit(at - back, category).is_some_and(|(_, end)| end == at))
    }

    /// `1975`, `l'année 2001`, `les années 90`, `the 1990s`.
    fn year_or_decade(&self, at: usize, phrase_start: usize) -> Vec<Candidate> {
        let decade_at = if matches!(self.word(at), "des" | "les" | "the") { at + 1 } else { at };
        if let Some((_, next)) = self.hit(decade_at, "decade") {
            if let Some(token) = self.tokens.get(next).filter(|t| t.kind == TokenKind::Number) {
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
        if let Some(token) = self.tokens.get(start).filter(|t| t.kind == TokenKind::Number && t.lower.len() == 4) {
            if self.word(start + 1) == "s" && self.touching(start, start + 1) && token.lower.ends_with('0') {
                if let Ok(decade) = token.lower[..3].parse::<i32>() {
                    return Self::one(at, start + 2, Meaning::Decade(decade));
                }
            }
        }
        let Some((year, next)) = self.year(start) else {
            return self.english_decade(at);
        };
        let introduced = year_word || (phrase_start > 0 && self.introduced_by(phrase_start, "year_intro"));
        if !(1900..=2099).contains(&year) && !introduced {
            return Vec::new();
        }
        Self::one(at, next, Meaning::Year(year))
    }

    fn english_decade(&self, at: usize) -> Vec<Candidate> {
        // "'90s", "90s".
        let start = if self.word(at) == "'" { at + 1 } else { at };
        let Some(token) = self.tokens.get(start).filter(|t| t.kind == TokenKind::Number && t.lower.len() == 2) else {
            return Vec::new();
        };
        if self.lang != "en" || !token.lower.ends_with('0') || self.word(start + 1) != "s" || !self.touching(start, start + 1) {
            return Vec::new();
        }
        let decade = token.lower[..1].parse::<i32>().map(|d| 190 + d).unwrap_or(199);
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
            let shift = if shift_pre != Shift::None { shift_pre } else { shift_post };
            let determined = this.is_some() || shift != Shift::None || phrase_start < at || self.word(phrase_start) == "l'";
            // "été" is also the participle of "être": keep it only with a determiner or after "en".
            let after_en = at > 0 && matches!(self.word(at - 1), "en" | "in" | "im");
            if self.year(next).is_some() && determined {
                // "l'été 2022": the year rule reads the year; the season stays generic of that year.
            }
            if determined || after_en {
                return Self::one(at, end, Meaning::Season { season: season.to_string(), shift, generic: !determined });
            }
            return Vec::new();
        }
        // Quarters.
        if let Some((ordinal, next)) = self.hit(unit_at, "ordinal") {
            let next = if self.word(next) == "-" { next + 1 } else { next };
            if let Some((Unit::Quarter, end)) = self.unit(next) {
                return Self::one(at, end, Meaning::Quarter(ordinal.parse().ok()));
            }
        }
        let Some((unit, next)) = self.unit(unit_at) else { return Vec::new() };
        // "the weekend": the one around the anchor, chosen by tense like "ce week-end".
        if unit == Unit::Weekend && phrase_start < at && this.is_none() && shift_pre == Shift::None && self.shift_after(next).0 == Shift::None {
            return Self::one(at, next, Meaning::RelativeUnit { unit, offset: 0 });
        }
        if unit == Unit::Quarter && (this.is_some() || phrase_start < at) && shift_pre == Shift::None {
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
        let plural = self.tokens.get(unit_at).is_some_and(|t| t.lower.ends_with('s') && !matches!(t.lower.as_str(), "mois" | "ans"))
            || self.word(unit_at) == "ans";
        if plural || self.word(at) == "ces" {
            return Self::one(at, end, Meaning::Duration { unit, amount: None });
        }
        if this.is_none() && shift_pre == Shift::None && phrase_start == at {
            return Vec::new();
        }
        Self::one(at, end, Meaning::RelativeUnit { unit, offset })
    }

    /// `deux jours`, `plus de vingt ans`, `il y a près de huit mois`, `two years ago`,
    /// `ces dernières 24 heures`, `the past two months`, `plusieurs jours`.
    fn amount_of_units(&self, at: usize, phrase_start: usize) -> Vec<Candidate> {
        let (ago_before, mut cursor) = match self.hit(at, "ago_pre") {
            Some((_, next)) => (true, next),
            None => (false, at),
        };
        let mut modifier = None;
        if ago_before {
            if let Some((key, next)) = self.hit(cursor, "mod") {
                modifier = Some(key.to_string());
                cursor = next;
            }
        }
        // "ces dernières", "the past".
        if let Some((_, next)) = self.hit(cursor, "this") {
            cursor = next;
        }
        if let Some((_, next)) = self.hit(cursor, "last_pre") {
            cursor = next;
        }
        let found = match self.amount(cursor) {
            Some(found) => Some(found),
            // "for years", "pendant des semaines" without the article: a vague plural duration.
            None if phrase_start == at && at > 0 && self.hit(at - 1, "vague_intro").is_some() => {
                self.unit(cursor).filter(|_| self.word(cursor).ends_with('s')).map(|_| (None, cursor))
            }
            None => None,
        };
        let Some((amount, next)) = found else { return Vec::new() };
        // "les trois derniers mois" (only after a determiner: "300,000 last year" is not one).
        let determined = phrase_start < at || cursor > at;
        let next = match self.hit(next, "last_pre") {
            Some((_, after)) if determined => after,
            _ => next,
        };
        let Some((unit, end)) = self.unit(next) else { return Vec::new() };
        if matches!(unit, Unit::Hour) && self.hit(end, "clock_min").is_some() {
            return Vec::new();
        }
        if let Some((_, after)) = self.hit(end, "ago_post") {
            return vec![Candidate { start: at, end: after, meaning: Meaning::Ago { unit, amount }, modifier }];
        }
        if ago_before {
            return vec![Candidate { start: at, end, meaning: Meaning::Ago { unit, amount }, modifier }];
        }
        if unit == Unit::Year && self.is_age(phrase_start, end) {
            return Vec::new();
        }
        // A clock reading such as "à 15 heures" belongs to the clock rule.
        if unit == Unit::Hour && phrase_start > 0 && self.hit(phrase_start - 1, "clock_intro").is_some() && amount.is_some_and(|a| a <= 24.0 && a.fract() == 0.0) && self.word(phrase_start - 1) != "de" {
            return Vec::new();
        }
        vec![Candidate { start: at, end, meaning: Meaning::Duration { unit, amount }, modifier }]
    }

    /// Whether "N ans" at `start..end` gives someone's age (`Théodore Monod, 97 ans`, `âgé de 17 ans`).
    fn is_age(&self, start: usize, end: usize) -> bool {
        if self.hit(end, "age_noun").is_some() || (self.word(end) == "-" && self.hit(end + 1, "age_noun").is_some()) {
            return true;
        }
        if start == 0 {
            return false;
        }
        let before = self.word(start - 1);
        if matches!(before, "," | "(") {
            return true;
        }
        // "de 2 à 8 ans", "les 6-16 ans": age brackets.
        if matches!(before, "à" | "-" | "to") && start >= 2 && self.is_number(start - 2) {
            return true;
        }
        // "un électricien de 37 ans" is an age, "une peine de 10 ans" a duration.
        if matches!(before, "de" | "d'") && start >= 2 {
            return self.hit(start - 2, "duration_head").is_none();
        }
        self.lang == "fr" && start >= 1 && self.hit(start - 1, "age_noun").is_some()
    }

    /// `22 h`, `21 h 45`, `14h30`, `à 15 heures`, `10:30`, `3 p.m.`.
    fn clock(&self, at: usize, phrase_start: usize) -> Vec<Candidate> {
        let Some((hour, next)) = self.small_number(at, 24) else { return Vec::new() };
        let mut minute = 0;
        let mut end;
        if let Some((_, after)) = self.hit(next, "clock_h") {
            let word = self.word(next);
            let introduced = phrase_start > 0 && self.hit(phrase_start - 1, "clock_intro").is_some();
            end = after;
            if let Some((m, after_minute)) = self.small_number(after, 59) {
                minute = m;
                end = after_minute;
                if let Some((_, after_unit)) = self.hit(end, "clock_min") {
                    end = after_unit;
                }
            } else if word != "h" && word != "uhr" && word != "o'" && !introduced {
                return Vec::new();
            }
        } else if self.word(next) == ":" && self.touching(at, next) {
            let Some((m, after)) = self.small_number(next + 1, 59) else { return Vec::new() };
            if self.tokens[next + 1].lower.len() != 2 || self.is_number(after) {
                return Vec::new();
            }
            minute = m;
            end = after;
        } else if self.hit(next, "clock_ampm").is_some() {
            end = next;
        } else {
            return Vec::new();
        }
        if let Some((_, after)) = self.hit(end, "clock_ampm") {
            let pm = self.word(end).starts_with('p');
            let h = hour % 12 + if pm { 12 } else { 0 };
            return Self::one(at, after, Meaning::Clock { hour: h, minute });
        }
        if let Some((_, after)) = self.hit(end, "local_time") {
            end = after;
        }
        if self.word(end) == "o'" && self.word(end + 1) == "clock" {
            end += 2;
        }
        Self::one(at, end, Meaning::Clock { hour, minute })
    }

    /// `chaque année`, `tous les jeudis`, `par semestre`, `annuel`, `daily`.
    fn set(&self, at: usize, _: usize) -> Vec<Candidate> {
        if let Some((value, next)) = self.hit(at, "set_adj") {
            return Self::one(at, next, Meaning::Set(value.to_string()));
        }
        let each = self.hit(at, "set_each");
        let per = self.hit(at, "set_per");
        let Some((_, cursor)) = each.or(per) else { return Vec::new() };
        let (amount, cursor) = match self.amount(cursor) {
            Some((Some(a), next)) if each.is_some() && a > 1.0 => (a, next),
            _ => (1.0, cursor),
        };
        if each.is_some() {
            if let Some((weekday, next)) = self.hit(cursor, "weekday") {
                return Self::one(at, next, Meaning::Set(format!("XXXX-WXX-{weekday}")));
            }
            if let Some((part, next)) = self.part_of_day(cursor) {
                return Self::one(at, next, Meaning::Set(format!("XXXX-XX-XXT{part}")));
            }
        }
        let Some((unit, next)) = self.unit(cursor) else { return Vec::new() };
        Self::one(at, next, Meaning::Set(super::resolve::duration_value(unit, Some(amount))))
    }

    /// Reference words, named durations, parts of the day after an article.
    fn single_words(&self, at: usize, phrase_start: usize) -> Vec<Candidate> {
        if let Some((value, next)) = self.hit(at, "ref") {
            return Self::one(at, next, Meaning::Reference(value.to_string()));
        }
        if let Some((value, next)) = self.hit(at, "named_duration") {
            return Self::one(at, next, Meaning::NamedDuration(value.to_string()));
        }
        if phrase_start < at {
            if let Some((part, next)) = self.part_of_day(at) {
                return Self::one(at, next, Meaning::PartOfDay(part));
            }
        }
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::lexicon::{for_language, tokenize};

    fn meanings(text: &str, lang: &str) -> Vec<(String, Meaning)> {
        let tokens = tokenize(text);
        scan(text, &tokens, for_language(lang), lang)
            .into_iter()
            .map(|c| (text[tokens[c.start].start..tokens[c.end - 1].end].to_string(), c.meaning))
            .collect()
    }

    #[test]
    fn spans_keep_articles_and_drop_prepositions() {
        let found = meanings("Il viendra le 30 juin, depuis 1998 et l'an prochain.", "fr");
        let spans: Vec<&str> = found.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(spans, ["le 30 juin", "1998", "l'an prochain"]);
    }

    #[test]
    fn ranges_give_two_dates() {
        let found = meanings("du 19 au 23 juillet", "fr");
        assert_eq!(found.len(), 2);
        assert!(matches!(found[0].1, Meaning::Calendar { day: Some(19), month: 7, .. }));
    }

    #[test]
    fn ages_are_not_durations() {
        assert!(meanings("Pierre Martin, 87 ans, a été blessé", "fr").is_empty());
        assert_eq!(meanings("condamné à 10 ans de prison", "fr").len(), 1);
        assert!(meanings("a 35-year-old man", "en").is_empty());
    }

    #[test]
    fn modal_may_is_not_a_month() {
        assert!(meanings("They may come in force.", "en").is_empty());
        assert_eq!(meanings("It happened in May.", "en").len(), 1);
    }

    #[test]
    fn participle_ete_is_not_summer() {
        assert!(meanings("Trois personnes ont été blessées.", "fr").is_empty());
        assert_eq!(meanings("La demande augmente en été.", "fr").len(), 1);
    }
}
