//! Proleptic Gregorian calendar arithmetic: just what resolving temporal expressions needs
//! (day counts, weekdays, ISO weeks, month steps), without a date crate.

use std::fmt;

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year (astronomical numbering).
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day of the month, 1–31.
    pub day: u32,
}

/// Number of days in `month` of `year`, 0 for an invalid month.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Whether `year` is a leap year.
pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

impl Date {
    /// Builds a date when the fields form a real calendar day (years 1–9999).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Self> {
        if !(1..=9999).contains(&year) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Self { year, month, day })
    }

    /// Parses the leading `YYYY-MM-DD` of an ISO 8601 date or datetime.
    pub fn parse_iso(text: &str) -> Option<Self> {
        let head = text.get(..10)?;
        let mut parts = head.split('-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        Self::new(year, month, day)
    }

    /// Days since 1970-01-01 (negative before), after H. Hinnant's `days_from_civil`.
    pub fn to_days(self) -> i64 {
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month = i64::from(self.month);
        let day_of_year =
            (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The date `days` days after 1970-01-01 (inverse of [`Date::to_days`]).
    pub fn from_days(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (year_of_era + era * 400 + i64::from(month <= 2)) as i32;
        Self { year, month, day }
    }

    /// The date `n` days later (earlier when negative).
    pub fn add_days(self, n: i64) -> Self {
        Self::from_days(self.to_days() + n)
    }

    /// ISO weekday: Monday = 1 … Sunday = 7.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (4).
        ((self.to_days() + 3).rem_euclid(7) + 1) as u32
    }

    /// ISO 8601 week-numbering year and week.
    pub fn iso_week(self) -> (i32, u32) {
        let thursday = self.add_days(4 - i64::from(self.weekday()));
        let first = Date {
            year: thursday.year,
            month: 1,
            day: 1,
        };
        let week = (thursday.to_days() - first.to_days()) / 7 + 1;
        (thursday.year, week as u32)
    }

    /// `(year, month)` shifted by `n` months.
    pub fn shift_month(year: i32, month: u32, n: i64) -> (i32, u32) {
        let index = i64::from(year) * 12 + i64::from(month) - 1 + n;
        (
            index.div_euclid(12) as i32,
            (index.rem_euclid(12) + 1) as u32,
        )
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_counts_round_trip() {
        for days in [-800_000_i64, -1, 0, 1, 10_957, 19_345, 2_000_000] {
            assert_eq!(Date::from_days(days).to_days(), days);
        }
        assert_eq!(Date::new(2000, 1, 1).map(Date::to_days), Some(10_957));
    }

    #[test]
    fn weekdays_are_right() {
        // 19 December 2022 was a Monday, 23 July 2023 a Sunday.
        assert_eq!(Date::new(2022, 12, 19).map(Date::weekday), Some(1));
        assert_eq!(Date::new(2023, 7, 23).map(Date::weekday), Some(7));
    }

    #[test]
    fn iso_weeks_follow_thursday_rule() {
        assert_eq!(Date::new(1999, 7, 9).map(Date::iso_week), Some((1999, 27)));
        assert_eq!(Date::new(2021, 1, 3).map(Date::iso_week), Some((2020, 53)));
    }

    #[test]
    fn rejects_impossible_days() {
        assert!(Date::new(2023, 2, 29).is_none());
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::parse_iso("2023-13-01").is_none());
        assert!(Date::parse_iso("20").is_none());
    }

    #[test]
    fn months_shift_across_years() {
        assert_eq!(Date::shift_month(2022, 3, -8), (2021, 7));
        assert_eq!(Date::shift_month(2022, 12, 1), (2023, 1));
    }
}
