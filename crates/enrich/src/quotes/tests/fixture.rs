//! The helper every language's fixture goes through: a self-written text and, for each quote
//! that must be found, how its words start, whether it is direct speech and who said it.

use crate::quotes::find;

/// One quote a fixture expects.
pub struct Expect {
    /// The first words of the quote's text (the whole text when `exact`).
    pub starts: &'static str,
    /// Direct speech (`true`) or reported speech (`false`).
    pub direct: bool,
    /// The speaker as named in the text.
    pub speaker: Option<&'static str>,
}

/// A self-written text and the quotes it holds.
pub struct Case {
    /// What the case is about, printed with a failure.
    pub name: &'static str,
    /// The text.
    pub text: &'static str,
    /// The quotes that must be found.
    pub expect: &'static [Expect],
}

/// Shorthand for an expected direct quote.
pub const fn direct(starts: &'static str, speaker: &'static str) -> Expect {
    Expect {
        starts,
        direct: true,
        speaker: Some(speaker),
    }
}

/// Shorthand for expected reported speech.
pub const fn reported(starts: &'static str, speaker: &'static str) -> Expect {
    Expect {
        starts,
        direct: false,
        speaker: Some(speaker),
    }
}

/// Checks every case; returns how many expected quotes came out right and a line per miss.
pub fn check(lang: &str, cases: &[Case]) -> (usize, usize, Vec<String>) {
    let mut right = 0;
    let mut total = 0;
    let mut misses = Vec::new();
    for case in cases {
        let quotes = find(case.text, lang);
        for expect in case.expect {
            total += 1;
            let found = quotes
                .iter()
                .find(|q| q.direct == expect.direct && q.text.starts_with(expect.starts));
            match found {
                Some(quote) if quote.speaker.as_deref() == expect.speaker => right += 1,
                Some(quote) => misses.push(format!(
                    "{lang}/{}: «{}» said by {:?}, expected {:?}",
                    case.name, expect.starts, quote.speaker, expect.speaker
                )),
                None => misses.push(format!(
                    "{lang}/{}: no {} quote starting «{}» in {:?}",
                    case.name,
                    if expect.direct { "direct" } else { "reported" },
                    expect.starts,
                    quotes
                        .iter()
                        .map(|q| (q.direct, q.text.as_str(), q.speaker.as_deref()))
                        .collect::<Vec<_>>()
                )),
            }
        }
    }
    (right, total, misses)
}

/// Asserts that every case of a language passes, listing every miss at once.
pub fn assert_all(lang: &str, cases: &[Case]) {
    let (right, total, misses) = check(lang, cases);
    assert!(
        misses.is_empty(),
        "{right}/{total} right\n{}",
        misses.join("\n")
    );
}
