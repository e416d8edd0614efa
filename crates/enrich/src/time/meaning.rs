//! What a temporal expression means before resolution: the output of [`super::rules`], the
//! input of [`super::resolve`].

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
    pub(crate) fn from_key(key: &str) -> Option<Self> {
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
