//! Rules that read amounts: durations and `il y a …` offsets, clock times, recurrences, and
//! the single-word expressions (reference words, named durations, parts of the day).

use super::{Candidate, Meaning, Scanner, Unit};

impl Scanner<'_> {
    /// `deux jours`, `plus de vingt ans`, `il y a près de huit mois`, `two years ago`,
    /// `ces dernières 24 heures`, `the past two months`, `plusieurs jours`.
    pub(super) fn amount_of_units(&self, at: usize, phrase_start: usize) -> Vec<Candidate> {
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
                self.unit(cursor)
                    .filter(|_| self.word(cursor).ends_with('s'))
                    .map(|_| (None, cursor))
            }
            None => None,
        };
        let Some((amount, next)) = found else {
            return Vec::new();
        };
        // "les trois derniers mois" (only after a determiner: "300,000 last year" is not one).
        let determined = phrase_start < at || cursor > at;
        let next = match self.hit(next, "last_pre") {
            Some((_, after)) if determined => after,
            _ => next,
        };
        let Some((unit, end)) = self.unit(next) else {
            return Vec::new();
        };
        if matches!(unit, Unit::Hour) && self.hit(end, "clock_min").is_some() {
            return Vec::new();
        }
        if let Some((_, after)) = self.hit(end, "ago_post") {
            return vec![Candidate {
                start: at,
                end: after,
                meaning: Meaning::Ago { unit, amount },
                modifier,
            }];
        }
        if ago_before {
            return vec![Candidate {
                start: at,
                end,
                meaning: Meaning::Ago { unit, amount },
                modifier,
            }];
        }
        if unit == Unit::Year && self.is_age(phrase_start, end) {
            return Vec::new();
        }
        // A clock reading such as "à 15 heures" belongs to the clock rule.
        if unit == Unit::Hour
            && phrase_start > 0
            && self.hit(phrase_start - 1, "clock_intro").is_some()
            && amount.is_some_and(|a| a <= 24.0 && a.fract() == 0.0)
            && self.word(phrase_start - 1) != "de"
        {
            return Vec::new();
        }
        vec![Candidate {
            start: at,
            end,
            meaning: Meaning::Duration { unit, amount },
            modifier,
        }]
    }

    /// Whether "N ans" at `start..end` gives someone's age (`Théodore Monod, 97 ans`, `âgé de 17 ans`).
    fn is_age(&self, start: usize, end: usize) -> bool {
        if self.hit(end, "age_noun").is_some()
            || (self.word(end) == "-" && self.hit(end + 1, "age_noun").is_some())
        {
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
    pub(super) fn clock(&self, at: usize, phrase_start: usize) -> Vec<Candidate> {
        let Some((hour, next)) = self.small_number(at, 24) else {
            return Vec::new();
        };
        let mut minute = 0;
        let mut end;
        if let Some((_, after)) = self.hit(next, "clock_h") {
            let word = self.word(next);
            let introduced =
                phrase_start > 0 && self.hit(phrase_start - 1, "clock_intro").is_some();
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
            let Some((m, after)) = self.small_number(next + 1, 59) else {
                return Vec::new();
            };
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
    pub(super) fn set(&self, at: usize, _: usize) -> Vec<Candidate> {
        if let Some((value, next)) = self.hit(at, "set_adj") {
            return Self::one(at, next, Meaning::Set(value.to_string()));
        }
        let each = self.hit(at, "set_each");
        let per = self.hit(at, "set_per");
        let Some((_, cursor)) = each.or(per) else {
            return Vec::new();
        };
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
        let Some((unit, next)) = self.unit(cursor) else {
            return Vec::new();
        };
        Self::one(
            at,
            next,
            Meaning::Set(crate::time::resolve::duration_value(unit, Some(amount))),
        )
    }

    /// Reference words, named durations, parts of the day after an article.
    pub(super) fn single_words(&self, at: usize, phrase_start: usize) -> Vec<Candidate> {
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
