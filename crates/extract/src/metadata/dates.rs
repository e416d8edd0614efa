//! Reading dates: markup values (ISO 8601, RFC 2822, Unix time) and dates written in text
//! with month names in fr/en/de/es/it/pt/nl/ru/uk/pl ("lundi 19 décembre 2022",
//! "December 19, 2022", "19. Dezember 2022", "19 декабря 2022") or numerically ("19.12.2022").
//!
//! Everything comes out as ISO 8601: `YYYY-MM-DD` for a day, `YYYY-MM-DDTHH:MM:SS` plus the
//! offset (`Z` or `±HH:MM`) when the source gave a time and an offset. Impossible dates
//! (31 February, year 0) are rejected rather than guessed. A numeric date is read day first,
//! the European way, unless its second number cannot be a month.

use std::ops::Range;
use std::sync::OnceLock;

use regex::{Captures, Regex};

use super::lexicon::lexicon;

/// Years outside this range are not news publication dates.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// A date found in text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FoundDate {
    /// ISO 8601 value.
    pub iso: String,
    /// Byte range of the words it was read from.
    pub range: Range<usize>,
}

struct Patterns {
    iso: Regex,
    day_month_year: Regex,
    month_day_year: Regex,
    numeric_dmy: Regex,
    numeric_ymd: Regex,
    /// Most whitespace-separated words a text date can have before the word holding its year.
    words_before_year: usize,
    /// Whether no month form holds a digit, so a written date's day is a run of one or two
    /// digits of its own (see [`Window::short_number`]).
    months_without_digits: bool,
}

/// Most whitespace-separated words a text date can have after the word holding its year:
/// "года" (1), the time connector (2, "a las"), the time (1), "p.m." (1), the zone (1), plus
/// a margin.
const WORDS_AFTER_YEAR: usize = 8;

/// An optional time of day after a written date: "à 14h30", "at 10:05 pm", "10:00:00 +0000".
const TIME_TAIL: &str = r"(?:\s*(?:,|à|a las|at|um|às|alle|om|в|o|-)?\s*(?P<hour>\d{1,2})[:h](?P<minute>\d{2})(?::(?P<second>\d{2}))?\s*(?:(?P<ampm>[ap])\.?m\.?)?\s*(?P<zone>Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?";

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let lex = lexicon();
        let months = lex.month_alternation();
        let weekdays = lex.weekday_alternation();
        let longest = |forms: &mut dyn Iterator<Item = &String>| {
            forms
                .map(|form| form.split_whitespace().count())
                .max()
                .unwrap_or(1)
        };
        // Weekday, day, "de", month, "de" before the year (day_month_year is the longest
        // shape), plus a margin.
        let words_before_year =
            longest(&mut lex.weekdays.iter()) + longest(&mut lex.months.keys()) + 5;
        let months_without_digits = !lex.months.keys().any(|form| form.chars().any(is_digit_like));
        let build = |pattern: &str| {
            Regex::new(pattern).unwrap_or_else(|error| {
                // The pattern is built from shipped data; a failure is a bug in those files.
                panic!("metadata date pattern does not compile: {error}")
            })
        };
        Patterns {
            iso: build(
                r"(?i)^\s*(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?:[T\s](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d+)?)?\s*(?P<zone>Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?",
            ),
            day_month_year: build(&format!(
                r"(?i)(?:\b(?:{weekdays})\.?,?\s+)?\b(?P<day>\d{{1,2}})(?:er|st|nd|rd|th|º|°|\.)?\s*(?:de\s+|-)?(?P<month>{months})\b\.?(?:\s*(?:de|del|-)\s*|\s+|,\s*)(?P<year>\d{{4}})\b(?:\s*(?:г\.|года|р\.|року|roku))?{TIME_TAIL}"
            )),
            month_day_year: build(&format!(
                r"(?i)(?:\b(?:{weekdays})\.?,?\s+)?\b(?P<month>{months})\b\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b{TIME_TAIL}"
            )),
            numeric_dmy: build(&format!(
                r"\b(?P<first>\d{{1,2}})[./](?P<middle>\d{{1,2}})[./](?P<year>\d{{4}})\b{TIME_TAIL}"
            )),
            numeric_ymd: build(r"\b(?P<year>\d{4})[/.](?P<month>\d{1,2})[/.](?P<day>\d{1,2})\b"),
            words_before_year,
            months_without_digits,
        }
    })
}

/// Whether `year-month-day` exists in the proleptic Gregorian calendar.
pub(crate) fn valid_date(year: i32, month: u32, day: u32) -> bool {
    if !YEARS.contains(&year) || !(1..=12).contains(&month) || day == 0 {
        return false;
    }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    day <= days
}

fn format_date(year: i32, month: u32, day: u32) -> Option<String> {
    valid_date(year, month, day).then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// Normalises a zone written as `Z`, `UTC`, `GMT`, `+01`, `+0100` or `+01:00`.
fn normalize_zone(zone: &str) -> Option<String> {
    let zone = zone.trim();
    if zone.eq_ignore_ascii_case("z")
        || zone.eq_ignore_ascii_case("utc")
        || zone.eq_ignore_ascii_case("gmt")
    {
        return Some("Z".to_string());
    }
    let sign = zone.chars().next().filter(|c| *c == '+' || *c == '-')?;
    let digits: String = zone.chars().filter(char::is_ascii_digit).collect();
    let (hours, minutes) = match digits.len() {
        2 => (digits.parse::<u32>().ok()?, 0),
        4 => (
            digits.get(..2)?.parse::<u32>().ok()?,
            digits.get(2..)?.parse::<u32>().ok()?,
        ),
        _ => return None,
    };
    (hours <= 14 && minutes < 60).then(|| format!("{sign}{hours:02}:{minutes:02}"))
}

/// Appends `THH:MM:SS[zone]` from the time captures, when a valid time was captured.
fn with_time(date: String, caps: &Captures<'_>) -> String {
    let Some(hour) = caps
        .name("hour")
        .and_then(|m| m.as_str().parse::<u32>().ok())
    else {
        return date;
    };
    let minute = caps
        .name("minute")
        .and_then(|m| m.as_str().parse::<u32>().ok())
        .unwrap_or(0);
    let second = caps
        .name("second")
        .and_then(|m| m.as_str().parse::<u32>().ok())
        .unwrap_or(0);
    let hour = match caps.name("ampm").map(|m| m.as_str().to_ascii_lowercase()) {
        Some(_) if hour == 0 || hour > 12 => return date,
        Some(ampm) if ampm == "p" && hour < 12 => hour + 12,
        Some(ampm) if ampm == "a" && hour == 12 => 0,
        _ => hour,
    };
    if hour > 23 || minute > 59 || second > 60 {
        return date;
    }
    let zone = caps
        .name("zone")
        .and_then(|m| normalize_zone(m.as_str()))
        .unwrap_or_default();
    format!("{date}T{hour:02}:{minute:02}:{second:02}{zone}")
}

fn number(caps: &Captures<'_>, name: &str) -> Option<u32> {
    caps.name(name)?.as_str().parse().ok()
}

fn from_iso(caps: &Captures<'_>) -> Option<String> {
    let year = i32::try_from(number(caps, "year")?).ok()?;
    let date = format_date(year, number(caps, "month")?, number(caps, "day")?)?;
    Some(with_time(date, caps))
}

fn from_written(caps: &Captures<'_>) -> Option<String> {
    let month_word = caps.name("month")?.as_str().to_lowercase();
    let month = *lexicon().months.get(&month_word)?;
    let year = i32::try_from(number(caps, "year")?).ok()?;
    let date = format_date(year, month, number(caps, "day")?)?;
    Some(with_time(date, caps))
}

fn from_numeric_dmy(caps: &Captures<'_>) -> Option<String> {
    let first = number(caps, "first")?;
    let second = number(caps, "middle")?;
    let year = i32::try_from(number(caps, "year")?).ok()?;
    // Day first unless the second number cannot be a month (12/19/2022, US order).
    let (day, month) = if second > 12 && first <= 12 {
        (second, first)
    } else {
        (first, second)
    };
    let date = format_date(year, month, day)?;
    Some(with_time(date, caps))
}

fn from_numeric_ymd(caps: &Captures<'_>) -> Option<String> {
    let year = i32::try_from(number(caps, "year")?).ok()?;
    format_date(year, number(caps, "month")?, number(caps, "day")?)
}

/// Days since 1970-01-01 → (year, month, day), for Unix timestamps.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn from_unix(value: &str) -> Option<String> {
    let value = value.trim();
    if !(value.len() == 10 || value.len() == 13) || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut seconds: i64 = value.parse().ok()?;
    if value.len() == 13 {
        seconds /= 1000;
    }
    let (year, month, day) = civil_from_days(seconds.div_euclid(86_400));
    let rest = seconds.rem_euclid(86_400);
    let year = i32::try_from(year).ok()?;
    let date = format_date(year, month, day)?;
    Some(format!(
        "{date}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    ))
}

/// Parses a date given as a markup value (`datePublished`, `article:published_time`, a
/// `<time datetime>`, a feed's `pubDate`), into ISO 8601. Returns `None` when no valid date
/// is found.
pub(crate) fn parse_datetime(value: &str) -> Option<String> {
    let value = value.trim();
    if value.is_empty() || value.len() > 200 {
        return None;
    }
    let patterns = patterns();
    if let Some(caps) = patterns.iso.captures(value) {
        if let Some(iso) = from_iso(&caps) {
            return Some(iso);
        }
    }
    if let Some(iso) = from_unix(value) {
        return Some(iso);
    }
    if value.len() == 8 && value.bytes().all(|b| b.is_ascii_digit()) {
        let year = value.get(..4)?.parse().ok()?;
        return format_date(
            year,
            value.get(4..6)?.parse().ok()?,
            value.get(6..)?.parse().ok()?,
        );
    }
    find_dates(value).into_iter().next().map(|found| found.iso)
}

/// Whether `c` may be matched by the patterns' `\d` (Unicode decimal digits). `is_numeric`
/// is a superset of those, which is what a prefilter needs.
fn is_digit_like(c: char) -> bool {
    c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric())
}

/// A part of a text that may hold dates, with the characters each pattern needs.
struct Window {
    range: Range<usize>,
    /// Holds a run of exactly one or two ASCII digits, or a non-ASCII numeric character: the
    /// day of a date written with a month name is one or two `\d` with no digit either side.
    short_number: bool,
    /// Holds `.` or `/`, which numeric dates need.
    dot_or_slash: bool,
    /// Holds `-`, which ISO dates need.
    hyphen: bool,
}

impl Window {
    fn of(text: &str, range: Range<usize>) -> Window {
        let part = text.get(range.clone()).unwrap_or("");
        let (mut short_number, mut run) = (false, 0usize);
        for c in part.chars() {
            if c.is_ascii_digit() {
                run += 1;
                continue;
            }
            short_number |= (1..=2).contains(&run) || (!c.is_ascii() && c.is_numeric());
            run = 0;
        }
        short_number |= (1..=2).contains(&run);
        Window {
            range,
            short_number,
            dot_or_slash: part.contains(['.', '/']),
            hyphen: part.contains('-'),
        }
    }
}

/// The parts of `text` that can hold a written date, as disjoint byte ranges in order.
///
/// Every date pattern needs a year of four digits, and a date spans a bounded number of
/// whitespace-separated words around it (whitespace runs inside it may be any length). So
/// the regexes only need to run on windows of words around each run of four or more digits.
/// Windows start and end at word edges, next to whitespace or the ends of `text`, so `\b`
/// reads the same inside a window as in the whole text, and every match of the whole text
/// lies inside one (merged) window: running the patterns on the windows finds exactly the
/// matches of the whole text, at a fraction of the cost on long paragraphs.
fn year_windows(text: &str, words_before: usize, words_after: usize) -> Vec<Range<usize>> {
    // Fast exit: most blocks hold no four-digit run at all.
    let mut run = 0usize;
    let has_year = text.chars().any(|c| {
        run = if is_digit_like(c) { run + 1 } else { 0 };
        run >= 4
    });
    if !has_year {
        return Vec::new();
    }
    // Words (byte ranges of non-whitespace runs) and which of them hold a 4-digit run.
    let mut words: Vec<Range<usize>> = Vec::new();
    let mut year_words: Vec<usize> = Vec::new();
    let mut start: Option<usize> = None;
    let mut digits = 0usize;
    for (index, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(begin) = start.take() {
                words.push(begin..index);
            }
            digits = 0;
            continue;
        }
        if start.is_none() {
            start = Some(index);
        }
        digits = if is_digit_like(c) { digits + 1 } else { 0 };
        if digits == 4 {
            year_words.push(words.len());
        }
    }
    if let Some(begin) = start {
        words.push(begin..text.len());
    }
    let mut windows: Vec<Range<usize>> = Vec::new();
    for &word in &year_words {
        let (Some(first), Some(last)) = (
            words.get(word.saturating_sub(words_before)),
            words.get((word + words_after).min(words.len().saturating_sub(1))),
        ) else {
            continue;
        };
        let window = first.start..last.end;
        match windows.last_mut() {
            Some(previous) if window.start <= previous.end => {
                previous.end = previous.end.max(window.end);
            }
            _ => windows.push(window),
        }
    }
    windows
}

/// Finds every explicit calendar date written in `text`, in order of appearance.
pub(crate) fn find_dates(text: &str) -> Vec<FoundDate> {
    let patterns = patterns();
    let windows: Vec<Window> = year_windows(text, patterns.words_before_year, WORDS_AFTER_YEAR)
        .into_iter()
        .map(|range| Window::of(text, range))
        .collect();
    find_dates_in(text, &windows)
}

/// [`find_dates`] on the given windows of `text` only.
fn find_dates_in(text: &str, windows: &[Window]) -> Vec<FoundDate> {
    if windows.is_empty() {
        return Vec::new();
    }
    let patterns = patterns();
    let mut found: Vec<FoundDate> = Vec::new();
    // Each pattern runs only on the windows that hold the characters it cannot match without.
    let mut collect =
        |regex: &Regex, read: fn(&Captures<'_>) -> Option<String>, needs: fn(&Window) -> bool| {
            for window in windows.iter().filter(|w| needs(w)) {
                let window = &window.range;
                let Some(part) = text.get(window.clone()) else {
                    continue;
                };
                for caps in regex.captures_iter(part) {
                    let Some(whole) = caps.get(0) else { continue };
                    if let Some(iso) = read(&caps) {
                        // The optional time's trailing `\s*` may take spaces after the date;
                        // they are not part of it (and a window stops before them).
                        let end = whole.start() + whole.as_str().trim_end().len();
                        found.push(FoundDate {
                            iso,
                            range: window.start + whole.start()..window.start + end,
                        });
                    }
                }
            }
        };
    let written: fn(&Window) -> bool = if patterns.months_without_digits {
        |w| w.short_number
    } else {
        |_| true
    };
    collect(&patterns.day_month_year, from_written, written);
    collect(&patterns.month_day_year, from_written, written);
    collect(&patterns.numeric_dmy, from_numeric_dmy, |w| w.dot_or_slash);
    collect(&patterns.numeric_ymd, from_numeric_ymd, |w| w.dot_or_slash);
    collect(iso_in_text(), from_iso, |w| w.hyphen);
    // Keep the longest of overlapping readings, then restore text order.
    found.sort_by(|a, b| {
        a.range
            .start
            .cmp(&b.range.start)
            .then(b.range.end.cmp(&a.range.end))
    });
    let mut kept: Vec<FoundDate> = Vec::new();
    for date in found {
        match kept.last() {
            Some(last) if date.range.start < last.range.end => {}
            _ => kept.push(date),
        }
    }
    for date in &mut kept {
        // Trailing spaces matched by optional groups are not evidence.
        while date.range.end > date.range.start
            && text
                .get(..date.range.end)
                .and_then(|head| head.chars().next_back())
                .is_some_and(char::is_whitespace)
        {
            date.range.end -= 1;
        }
    }
    kept
}

/// ISO dates written inside running text ("2022-12-19"), not only at the start of a value.
fn iso_in_text() -> &'static Regex {
    static ISO_IN_TEXT: OnceLock<Regex> = OnceLock::new();
    ISO_IN_TEXT.get_or_init(|| {
        Regex::new(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?(?P<zone>Z|[+-]\d{2}:?\d{2})?)?\b")
            .unwrap_or_else(|error| panic!("ISO date pattern does not compile: {error}"))
    })
}

/// The calendar day (`YYYY-MM-DD`) of an ISO 8601 value.
pub(crate) fn day_of(iso: &str) -> &str {
    iso.get(..10).unwrap_or(iso)
}

/// A date in a URL path: `/2022/12/19/`, `/2022-12-19-slug`, `/20221219/`.
pub(crate) fn date_in_url_path(url: &str) -> Option<(String, String)> {
    static URL_DATE: OnceLock<Regex> = OnceLock::new();
    let regex = URL_DATE.get_or_init(|| {
        Regex::new(r"/(?P<year>(?:19|20)\d{2})(?P<sep>[/_-]?)(?P<month>[01]\d)(?:[/_-]?)(?P<day>[0-3]\d)(?:[/_.-]|$)")
            .unwrap_or_else(|error| panic!("URL date pattern does not compile: {error}"))
    });
    let path_start = url.find("://").map(|i| i + 3).unwrap_or(0);
    let path = url.get(path_start..)?;
    let path = path.get(path.find('/')?..)?;
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let caps = regex.captures(path)?;
    let iso = from_numeric_ymd(&caps)?;
    let evidence = caps
        .get(0)?
        .as_str()
        .trim_end_matches(['/', '-', '_', '.'])
        .to_string();
    Some((iso, evidence))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn first(text: &str) -> Option<String> {
        find_dates(text).into_iter().next().map(|d| d.iso)
    }

    #[test]
    fn parses_iso_values_keeping_offsets() {
        assert_eq!(parse_datetime("2022-12-19").as_deref(), Some("2022-12-19"));
        assert_eq!(
            parse_datetime("2022-12-19T14:05:09+01:00").as_deref(),
            Some("2022-12-19T14:05:09+01:00")
        );
        assert_eq!(
            parse_datetime("2022-12-19T14:05:09.123Z").as_deref(),
            Some("2022-12-19T14:05:09Z")
        );
        assert_eq!(
            parse_datetime("2022-12-19 14:05 +0100").as_deref(),
            Some("2022-12-19T14:05:00+01:00")
        );
        assert_eq!(
            parse_datetime("2022-12-19T14:05:09").as_deref(),
            Some("2022-12-19T14:05:09")
        );
        assert_eq!(parse_datetime("2022-02-30"), None);
        assert_eq!(parse_datetime("not a date"), None);
    }

    #[test]
    fn parses_rfc2822_and_unix_values() {
        assert_eq!(
            parse_datetime("Mon, 19 Dec 2022 10:30:00 +0000").as_deref(),
            Some("2022-12-19T10:30:00+00:00")
        );
        assert_eq!(
            parse_datetime("Mon, 19 Dec 2022 10:30:00 GMT").as_deref(),
            Some("2022-12-19T10:30:00Z")
        );
        assert_eq!(
            parse_datetime("1671445800").as_deref(),
            Some("2022-12-19T10:30:00Z")
        );
        assert_eq!(parse_datetime("20221219").as_deref(), Some("2022-12-19"));
    }

    #[test]
    fn reads_month_names_in_many_languages() {
        let cases = [
            ("le lundi 19 décembre 2022.", "2022-12-19"),
            ("Published December 19, 2022", "2022-12-19"),
            ("19 Dec 2022", "2022-12-19"),
            ("Monday, Dec. 19, 2022", "2022-12-19"),
            ("am 19. Dezember 2022 in Berlin", "2022-12-19"),
            ("el 19 de diciembre de 2022", "2022-12-19"),
            ("lunedì 19 dicembre 2022", "2022-12-19"),
            ("19 de dezembro de 2022", "2022-12-19"),
            ("op 19 december 2022", "2022-12-19"),
            ("19 декабря 2022 года", "2022-12-19"),
            ("19 грудня 2022 року", "2022-12-19"),
            ("19 grudnia 2022", "2022-12-19"),
            ("le 1er janvier 2023", "2023-01-01"),
            ("29 février 2024", "2024-02-29"),
        ];
        for (text, expected) in cases {
            assert_eq!(first(text).as_deref(), Some(expected), "{text}");
        }
    }

    #[test]
    fn reads_times_after_written_dates() {
        assert_eq!(
            first("Publié le 19 décembre 2022 à 14h30").as_deref(),
            Some("2022-12-19T14:30:00")
        );
        assert_eq!(
            first("December 19, 2022 at 2:05 pm").as_deref(),
            Some("2022-12-19T14:05:00")
        );
    }

    #[test]
    fn reads_numeric_dates_day_first() {
        assert_eq!(first("le 19.12.2022").as_deref(), Some("2022-12-19"));
        assert_eq!(first("on 12/19/2022").as_deref(), Some("2022-12-19"));
        assert_eq!(first("le 05/06/2022").as_deref(), Some("2022-06-05"));
        assert_eq!(first("2022/12/19").as_deref(), Some("2022-12-19"));
    }

    #[test]
    fn rejects_impossible_dates() {
        assert_eq!(first("30 février 2023"), None);
        assert_eq!(first("32.01.2022"), None);
        assert_eq!(first("19 décembre 1200"), None);
    }

    #[test]
    fn evidence_covers_the_words_read() {
        let text = "Photo prise le lundi 19 décembre 2022. (AP)";
        let found = find_dates(text);
        assert_eq!(found.len(), 1);
        assert_eq!(
            text.get(found[0].range.clone()),
            Some("lundi 19 décembre 2022")
        );
    }

    #[test]
    fn finds_dates_deep_inside_long_paragraphs() {
        let filler = "the council met again to discuss the bridge in 2019 ".repeat(40);
        let text = format!("{filler}and on Monday, Dec. 19, 2022 at 2:05 pm it voted. {filler}");
        let found = find_dates(&text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].iso, "2022-12-19T14:05:00");
        assert_eq!(
            text.get(found[0].range.clone()),
            Some("Monday, Dec. 19, 2022 at 2:05 pm")
        );
    }

    #[test]
    fn finds_dates_in_url_paths() {
        assert_eq!(
            date_in_url_path("https://example.org/world/2022/12/19/putin-minsk.html")
                .map(|(iso, _)| iso)
                .as_deref(),
            Some("2022-12-19")
        );
        assert_eq!(
            date_in_url_path("https://example.org/news/2022-12-19-putin")
                .map(|(iso, _)| iso)
                .as_deref(),
            Some("2022-12-19")
        );
        assert_eq!(
            date_in_url_path("https://example.org/item/20221399/x"),
            None
        );
        assert_eq!(date_in_url_path("https://2022.example.org/"), None);
    }

    /// Words and separators that make up dates, times and their near misses.
    fn date_words() -> impl Strategy<Value = String> {
        let word = prop::sample::select(vec![
            "19",
            "1er",
            "5",
            "2022",
            "1999",
            "12345",
            "٢٠٢٢",
            "décembre",
            "Dec.",
            "DEZEMBER",
            "декабря",
            "lundi",
            "Monday,",
            "de",
            "del",
            "-",
            "à",
            "at",
            "a las",
            "14h30",
            "10:05",
            "pm",
            "p.m.",
            "+0100",
            "GMT",
            "года",
            "12/19/2022",
            "19.12.2022",
            "2022/12/19",
            "2022-12-19",
            "2022-12-19T14:05:09Z",
            "(AP)",
            "«",
            "council",
            "voted",
            "l'été",
        ]);
        let gap = prop::sample::select(vec![" ", "  ", "\n", "\u{a0}", "", ",", ", "]);
        prop::collection::vec((word, gap), 0..40).prop_map(|parts| {
            parts
                .into_iter()
                .map(|(word, gap)| format!("{word}{gap}"))
                .collect()
        })
    }

    #[test]
    fn a_date_span_stops_before_the_spaces_after_it() {
        let text = "12/19/2022 14h30\u{a0}";
        let found = find_dates(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(&text[found[0].range.clone()], "12/19/2022 14h30");
    }

    proptest! {
        #[test]
        fn windows_find_what_the_whole_text_holds(text in date_words()) {
            let whole = Window {
                range: 0..text.len(),
                short_number: true,
                dot_or_slash: true,
                hyphen: true,
            };
            prop_assert_eq!(find_dates(&text), find_dates_in(&text, &[whole]));
        }

        #[test]
        fn never_panics_on_arbitrary_strings(text in "\\PC{0,200}") {
            let _ = parse_datetime(&text);
            for found in find_dates(&text) {
                prop_assert!(text.get(found.range.clone()).is_some());
            }
            let _ = date_in_url_path(&text);
        }

        #[test]
        fn every_output_is_a_valid_iso_day(y in 1900i32..2101, m in 1u32..13, d in 1u32..32) {
            let text = format!("{d}.{m}.{y}");
            if let Some(iso) = parse_datetime(&text) {
                let year: i32 = iso[..4].parse().unwrap();
                let month: u32 = iso[5..7].parse().unwrap();
                let day: u32 = iso[8..10].parse().unwrap();
                prop_assert!(valid_date(year, month, day));
            }
        }
    }
}
