//! Turns the [`Meaning`] of each expression into a TIMEX3 value, left to right.
//!
//! Relative expressions are resolved against the anchor date (publication date, or a date
//! inferred from the text); clock times and `le lendemain` against the last day mentioned.
//! Where the text leaves a direction open (a bare weekday, a day-month without year), the tense
//! of the clause decides: past verbs point back, future verbs forward ([`super::tense`]).
//! Without an anchor, values stay underspecified (`XXXX-WXX-1`, `XXXX-07-23`).

use super::calendar::Date;
use super::rules::{Candidate, Meaning, Shift, Unit};
use super::tense::Tense;
use crate::claims::numbers::format_value;
use veille_model::TimexType;

/// A resolved expression, still in token positions.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// TIMEX3 type.
    pub timex_type: TimexType,
    /// TIMEX3 value.
    pub value: String,
    /// TIMEX3 `mod`.
    pub modifier: Option<String>,
    /// Whether the value depends on the anchor date.
    pub used_anchor: bool,
}

/// What the resolver knows about the document.
#[derive(Debug, Clone, Copy, Default)]
pub struct Anchoring {
    /// The anchor date.
    pub date: Option<Date>,
    /// A year the document is about, when no anchor date is known (latest explicit year).
    pub year_hint: Option<i32>,
}

/// Per-candidate context computed by the caller.
#[derive(Debug, Clone, Copy)]
pub struct Clause {
    /// Tense around the expression.
    pub tense: Tense,
    /// Sentence index of the expression.
    pub sentence: usize,
    /// A comma or sentence boundary right before or after (for `aujourd'hui, …`).
    pub detached: bool,
}

/// Formats the duration value of `amount` `unit`s (`P8M`, `PT3H`, `PXD`).
pub fn duration_value(unit: Unit, amount: Option<f64>) -> String {
    let number = amount.map_or_else(|| "X".to_string(), format_value);
    match unit {
        Unit::Year => format!("P{number}Y"),
        Unit::Month => format!("P{number}M"),
        Unit::Week => format!("P{number}W"),
        Unit::Day => format!("P{number}D"),
        Unit::Hour => format!("PT{number}H"),
        Unit::Minute => format!("PT{number}M"),
        Unit::Second => format!("PT{number}S"),
        Unit::Decade => format!("P{number}DE"),
        Unit::Century => format!("P{number}CE"),
        Unit::Weekend => format!("P{number}WE"),
        Unit::Quarter => format!("P{number}Q"),
        Unit::HalfYear => amount.map_or_else(
            || "PXM".to_string(),
            |a| format!("P{}M", format_value(a * 6.0)),
        ),
    }
}

fn week_value(date: Date) -> String {
    let (year, week) = date.iso_week();
    format!("{year:04}-W{week:02}")
}

fn quarter_of(month: u32) -> u32 {
    month.div_ceil(3)
}

fn with_part(day: &str, part: &Option<String>) -> String {
    match part {
        Some(p) => format!("{day}T{p}"),
        None => day.to_string(),
    }
}

/// The date of a weekday near `anchor`, in the direction given by the shift word or the tense.
pub fn weekday_date(anchor: Date, weekday: u32, shift: Shift, tense: Tense) -> Date {
    let today = i64::from(anchor.weekday());
    let target = i64::from(weekday);
    let back = (today - target).rem_euclid(7);
    let forward = (target - today).rem_euclid(7);
    let offset = match (shift, tense) {
        (Shift::Last, _) => -(if back == 0 { 7 } else { back }),
        (Shift::Next, _) => {
            if forward == 0 {
                7
            } else {
                forward
            }
        }
        (_, Tense::Future) => forward,
        (_, Tense::Past) => -back,
        (_, Tense::Unknown) => {
            if forward < back {
                forward
            } else {
                -back
            }
        }
    };
    anchor.add_days(offset)
}

/// Picks the year of a day-month (and maybe weekday) near `anchor`.
pub fn day_month_date(
    anchor: Date,
    month: u32,
    day: u32,
    weekday: Option<u32>,
    shift: Shift,
    tense: Tense,
) -> Option<Date> {
    let mut options: Vec<Date> = (-1..=1)
        .filter_map(|delta| Date::new(anchor.year + delta, month, day))
        .collect();
    if let Some(w) = weekday {
        let matching: Vec<Date> = options
            .iter()
            .copied()
            .filter(|d| d.weekday() == w)
            .collect();
        if !matching.is_empty() {
            options = matching;
        }
    }
    let distance = |d: &Date| (d.to_days() - anchor.to_days()).abs();
    let nearest = options.iter().copied().min_by_key(distance);
    let direction = match shift {
        Shift::Last => Tense::Past,
        Shift::Next => Tense::Future,
        Shift::None => tense,
    };
    match direction {
        Tense::Past => options
            .iter()
            .copied()
            .filter(|d| *d <= anchor)
            .max()
            .or(nearest),
        Tense::Future => options
            .iter()
            .copied()
            .filter(|d| *d >= anchor)
            .min()
            .or(nearest),
        Tense::Unknown => nearest,
    }
}

/// Picks the year in which `day` `month` falls on `weekday`, closest to `year_hint` (later years
/// win ties: a document is usually written after the latest year it mentions).
pub fn year_for_weekday(year_hint: i32, month: u32, day: u32, weekday: u32) -> Option<i32> {
    (0..=11)
        .flat_map(|distance| [year_hint + distance, year_hint - distance])
        .find(|year| Date::new(*year, month, day).is_some_and(|d| d.weekday() == weekday))
}

/// Resolves every candidate in order.
pub fn resolve_all(
    candidates: &[Candidate],
    clauses: &[Clause],
    anchoring: Anchoring,
) -> Vec<Resolved> {
    let mut resolver = Resolver {
        anchoring,
        reference: anchoring.date,
        last_day: None,
    };
    let mut out = Vec::with_capacity(candidates.len());
    for (index, candidate) in candidates.iter().enumerate() {
        let clause = clauses.get(index).copied().unwrap_or(Clause {
            tense: Tense::Unknown,
            sentence: 0,
            detached: false,
        });
        if let Some(resolved) = resolver.resolve(candidate, clause, candidates, clauses, index) {
            out.push(resolved);
        }
    }
    out
}

struct Resolver {
    anchoring: Anchoring,
    /// Last day mentioned (or the anchor), for `le lendemain`, clock times and parts of day.
    reference: Option<Date>,
    /// Sentence and date of the last day-level expression.
    last_day: Option<(usize, Date)>,
}

impl Resolver {
    /// The day an expression names when it names one independently of other expressions.
    fn day_of(&self, meaning: &Meaning, tense: Tense) -> Option<Date> {
        let anchor = self.anchoring.date;
        match meaning {
            Meaning::Calendar {
                year: Some(y),
                month,
                day: Some(d),
                ..
            } => Date::new(*y, *month, *d),
            Meaning::Calendar {
                year: None,
                month,
                day: Some(d),
                weekday,
                shift,
            } => match anchor {
                Some(a) => day_month_date(a, *month, *d, *weekday, *shift, tense),
                None => {
                    let year =
                        year_for_weekday(self.anchoring.year_hint?, *month, *d, (*weekday)?)?;
                    Date::new(year, *month, *d)
                }
            },
            Meaning::Weekday { weekday, shift, .. } => {
                Some(weekday_date(anchor?, *weekday, *shift, tense))
            }
            Meaning::RelativeDay { offset, .. } => Some(anchor?.add_days(*offset)),
            _ => None,
        }
    }

    fn resolve(
        &mut self,
        candidate: &Candidate,
        clause: Clause,
        all: &[Candidate],
        clauses: &[Clause],
        index: usize,
    ) -> Option<Resolved> {
        let anchor = self.anchoring.date;
        let tense = clause.tense;
        let mut used_anchor = anchor.is_some();
        let mut modifier = candidate.modifier.clone();
        let (timex_type, value) = match &candidate.meaning {
            Meaning::Calendar {
                year,
                month,
                day,
                weekday,
                ..
            } => {
                used_anchor = year.is_none() && anchor.is_some();
                let value = match (self.day_of(&candidate.meaning, tense), day, year) {
                    (Some(date), _, _) => {
                        used_anchor = year.is_none();
                        self.remember(clause.sentence, date);
                        date.to_string()
                    }
                    (None, Some(d), None) => format!("XXXX-{month:02}-{d:02}"),
                    (None, _, Some(y)) => format!("{y:04}-{month:02}"),
                    (None, _, None) => format!("XXXX-{month:02}"),
                };
                let _ = weekday;
                (TimexType::Date, value)
            }
            Meaning::Weekday { weekday, part, .. } => {
                match self.day_of(&candidate.meaning, tense) {
                    Some(date) => {
                        self.remember(clause.sentence, date);
                        (
                            if part.is_some() {
                                TimexType::Time
                            } else {
                                TimexType::Date
                            },
                            with_part(&date.to_string(), part),
                        )
                    }
                    None => (
                        TimexType::Date,
                        with_part(&format!("XXXX-WXX-{weekday}"), part),
                    ),
                }
            }
            Meaning::RelativeDay { part, .. } => {
                let day = match self.day_of(&candidate.meaning, tense) {
                    Some(date) => {
                        self.remember(clause.sentence, date);
                        date.to_string()
                    }
                    None => "XXXX-XX-XX".to_string(),
                };
                (
                    if part.is_some() {
                        TimexType::Time
                    } else {
                        TimexType::Date
                    },
                    with_part(&day, part),
                )
            }
            Meaning::Today => match anchor {
                Some(date) if !clause.detached => {
                    self.remember(clause.sentence, date);
                    (TimexType::Date, date.to_string())
                }
                _ => {
                    used_anchor = false;
                    (TimexType::Date, "PRESENT_REF".to_string())
                }
            },
            Meaning::ReferenceDay { offset, part } => {
                let day = match self.reference {
                    Some(date) => {
                        let date = date.add_days(*offset);
                        self.remember(clause.sentence, date);
                        date.to_string()
                    }
                    None => "XXXX-XX-XX".to_string(),
                };
                (
                    if part.is_some() {
                        TimexType::Time
                    } else {
                        TimexType::Date
                    },
                    with_part(&day, part),
                )
            }
            Meaning::PartOfDay(part) => {
                let day = self.day_for_clock(clause, all, clauses, index);
                used_anchor = day.is_some();
                let day = day.map_or_else(|| "XXXX-XX-XX".to_string(), |d| d.to_string());
                (TimexType::Time, format!("{day}T{part}"))
            }
            Meaning::Clock { hour, minute } => {
                let day = self.day_for_clock(clause, all, clauses, index);
                used_anchor = day.is_some();
                let day = day.map_or_else(|| "XXXX-XX-XX".to_string(), |d| d.to_string());
                (TimexType::Time, format!("{day}T{hour:02}:{minute:02}"))
            }
            Meaning::RelativeUnit { unit, offset } => (
                TimexType::Date,
                relative_unit(anchor, *unit, *offset, tense),
            ),
            Meaning::Ago { unit, amount } => {
                let value = match amount {
                    None => {
                        used_anchor = false;
                        "PAST_REF".to_string()
                    }
                    Some(n) => ago(anchor, *unit, *n),
                };
                (TimexType::Date, value)
            }
            Meaning::Year(y) => {
                used_anchor = false;
                (TimexType::Date, format!("{y:04}"))
            }
            Meaning::Decade(d) => {
                used_anchor = false;
                (TimexType::Date, format!("{d:03}X"))
            }
            Meaning::Month { month, shift } => {
                let value = match anchor {
                    Some(a) => {
                        let direction = match shift {
                            Shift::Last => Some(true),
                            Shift::Next => Some(false),
                            Shift::None => match tense {
                                Tense::Past => Some(true),
                                Tense::Future => Some(false),
                                Tense::Unknown => None,
                            },
                        };
                        let strict = *shift != Shift::None;
                        let year = match direction {
                            Some(true) if *month > a.month || (strict && *month == a.month) => {
                                a.year - 1
                            }
                            Some(false) if *month < a.month || (strict && *month == a.month) => {
                                a.year + 1
                            }
                            _ => a.year,
                        };
                        format!("{year:04}-{month:02}")
                    }
                    None => format!("XXXX-{month:02}"),
                };
                (TimexType::Date, value)
            }
            Meaning::Season {
                season,
                shift,
                generic,
            } => {
                let value = match anchor {
                    Some(a) if !generic => {
                        let start = match season.as_str() {
                            "SP" => 3,
                            "SU" => 6,
                            "FA" => 9,
                            _ => 12,
                        };
                        let year = match shift {
                            Shift::Last if start + 3 <= a.month => a.year,
                            Shift::Last => a.year - 1,
                            Shift::Next if start > a.month => a.year,
                            Shift::Next => a.year + 1,
                            Shift::None => a.year,
                        };
                        format!("{year:04}-{season}")
                    }
                    _ => {
                        used_anchor = false;
                        format!("XXXX-{season}")
                    }
                };
                (TimexType::Date, value)
            }
            Meaning::Quarter(q) => {
                let value = match anchor {
                    Some(a) => {
                        let current = quarter_of(a.month);
                        let (year, quarter) = match q {
                            Some(q) if *q <= current || tense == Tense::Future => (a.year, *q),
                            Some(q) => (a.year - 1, *q),
                            None if current == 1 => (a.year - 1, 4),
                            None => (a.year, current - 1),
                        };
                        format!("{year:04}-Q{quarter}")
                    }
                    None => q.map_or_else(|| "XXXX-QX".to_string(), |q| format!("XXXX-Q{q}")),
                };
                (TimexType::Date, value)
            }
            Meaning::Duration { unit, amount } => {
                used_anchor = false;
                (TimexType::Duration, duration_value(*unit, *amount))
            }
            Meaning::NamedDuration(value) => {
                used_anchor = false;
                (TimexType::Duration, value.clone())
            }
            Meaning::Set(value) => {
                used_anchor = false;
                (TimexType::Set, value.clone())
            }
            Meaning::Reference(value) => {
                used_anchor = false;
                (TimexType::Date, value.clone())
            }
        };
        if modifier.as_deref() == Some("") {
            modifier = None;
        }
        Some(Resolved {
            start: candidate.start,
            end: candidate.end,
            timex_type,
            value,
            modifier,
            used_anchor,
        })
    }

    fn remember(&mut self, sentence: usize, date: Date) {
        self.reference = Some(date);
        self.last_day = Some((sentence, date));
    }

    /// The day a clock time or part of day belongs to: a day named earlier in the sentence, else
    /// one named later in it, else the last day mentioned, else the anchor.
    fn day_for_clock(
        &self,
        clause: Clause,
        all: &[Candidate],
        clauses: &[Clause],
        index: usize,
    ) -> Option<Date> {
        if let Some((sentence, date)) = self.last_day {
            if sentence == clause.sentence {
                return Some(date);
            }
        }
        for (candidate, later) in all.iter().zip(clauses).skip(index + 1) {
            if later.sentence != clause.sentence {
                break;
            }
            if let Some(date) = self.day_of(&candidate.meaning, later.tense) {
                return Some(date);
            }
        }
        self.reference.or(self.anchoring.date)
    }
}

fn relative_unit(anchor: Option<Date>, unit: Unit, offset: i64, tense: Tense) -> String {
    let Some(a) = anchor else {
        return match unit {
            Unit::Week | Unit::Weekend => "XXXX-WXX".to_string(),
            Unit::Month => "XXXX-XX".to_string(),
            Unit::Day => "XXXX-XX-XX".to_string(),
            _ => "XXXX".to_string(),
        };
    };
    match unit {
        Unit::Year => format!("{:04}", i64::from(a.year) + offset),
        Unit::Month => {
            let (y, m) = Date::shift_month(a.year, a.month, offset);
            format!("{y:04}-{m:02}")
        }
        Unit::Week => week_value(a.add_days(7 * offset)),
        Unit::Weekend => {
            // "ce week-end" told in the past, early in the week, is the one just gone.
            let back = offset == 0 && tense == Tense::Past && a.weekday() < 5;
            let week = a.add_days(7 * offset - if back { 7 } else { 0 });
            format!("{}-WE", week_value(week))
        }
        Unit::Day | Unit::Hour | Unit::Minute | Unit::Second => a.add_days(offset).to_string(),
        Unit::Decade => format!("{:03}X", i64::from(a.year) / 10 + offset),
        Unit::Century => format!("{:02}", i64::from(a.year) / 100 + offset),
        Unit::Quarter => {
            let index = i64::from(a.year) * 4 + i64::from(quarter_of(a.month)) - 1 + offset;
            format!("{:04}-Q{}", index.div_euclid(4), index.rem_euclid(4) + 1)
        }
        Unit::HalfYear => {
            let index = i64::from(a.year) * 2 + i64::from(a.month > 6) + offset;
            format!("{:04}-H{}", index.div_euclid(2), index.rem_euclid(2) + 1)
        }
    }
}

fn ago(anchor: Option<Date>, unit: Unit, amount: f64) -> String {
    let n = amount.round() as i64;
    let Some(a) = anchor else {
        return match unit {
            Unit::Year | Unit::Decade | Unit::Century => "XXXX".to_string(),
            Unit::Month | Unit::Quarter | Unit::HalfYear => "XXXX-XX".to_string(),
            _ => "XXXX-XX-XX".to_string(),
        };
    };
    match unit {
        Unit::Year => format!("{:04}", i64::from(a.year) - n),
        Unit::Month => {
            let (y, m) = Date::shift_month(a.year, a.month, -n);
            format!("{y:04}-{m:02}")
        }
        Unit::Quarter => relative_unit(anchor, Unit::Quarter, -n, Tense::Unknown),
        Unit::HalfYear => {
            let (y, m) = Date::shift_month(a.year, a.month, -6 * n);
            format!("{y:04}-{m:02}")
        }
        Unit::Week | Unit::Weekend => week_value(a.add_days(-7 * n)),
        Unit::Day | Unit::Hour | Unit::Minute | Unit::Second => {
            let days = if unit == Unit::Day { n } else { 0 };
            a.add_days(-days).to_string()
        }
        Unit::Decade => format!("{:03}X", (i64::from(a.year) - 10 * n) / 10),
        Unit::Century => format!("{:02}", (i64::from(a.year) - 100 * n) / 100),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> Date {
        Date::new(y, m, d).expect("valid test date")
    }

    #[test]
    fn weekdays_follow_tense() {
        // Thursday 20 May 1999.
        let anchor = date(1999, 5, 20);
        assert_eq!(
            weekday_date(anchor, 2, Shift::None, Tense::Past),
            date(1999, 5, 18)
        );
        assert_eq!(
            weekday_date(anchor, 7, Shift::None, Tense::Future),
            date(1999, 5, 23)
        );
        assert_eq!(
            weekday_date(anchor, 4, Shift::Last, Tense::Unknown),
            date(1999, 5, 13)
        );
        assert_eq!(
            weekday_date(anchor, 4, Shift::Next, Tense::Unknown),
            date(1999, 5, 27)
        );
    }

    #[test]
    fn day_month_takes_the_year_of_its_weekday() {
        let anchor = date(2023, 1, 10);
        // 23 July is a Sunday in 2023, not in 2022 or 2024.
        assert_eq!(
            day_month_date(anchor, 7, 23, Some(7), Shift::None, Tense::Unknown),
            Some(date(2023, 7, 23))
        );
        // Past tense in January: last December.
        assert_eq!(
            day_month_date(anchor, 12, 21, None, Shift::None, Tense::Past),
            Some(date(2022, 12, 21))
        );
        assert_eq!(year_for_weekday(2022, 7, 23, 7), Some(2023));
    }

    #[test]
    fn durations_format_like_timeml() {
        assert_eq!(duration_value(Unit::Month, Some(8.0)), "P8M");
        assert_eq!(duration_value(Unit::Hour, Some(3.0)), "PT3H");
        assert_eq!(duration_value(Unit::Day, None), "PXD");
        assert_eq!(duration_value(Unit::Second, Some(30.4)), "PT30.4S");
    }

    #[test]
    fn relative_units_and_ago() {
        let anchor = Some(date(1999, 7, 9));
        assert_eq!(
            relative_unit(anchor, Unit::Week, 0, Tense::Unknown),
            "1999-W27"
        );
        assert_eq!(relative_unit(anchor, Unit::Year, 1, Tense::Unknown), "2000");
        assert_eq!(ago(Some(date(2022, 10, 14)), Unit::Month, 8.0), "2022-02");
        assert_eq!(ago(None, Unit::Year, 2.0), "XXXX");
    }
}
