//! Shape signals of a block of text: length, final punctuation, capitalisation, sentence shape.
//!
//! These are language-independent: furniture is short, has no final full stop, is often
//! capitalised like a label or ends with `:` or `|`; article prose is long, starts with a
//! capital, ends with sentence punctuation and is mostly lower-case words.

/// Characters that may close a sentence, possibly followed by closing quotes or brackets.
const TERMINALS: &[char] = &['.', '!', '?', '…', '。', '！', '？'];
/// Closing marks allowed after the terminal punctuation.
const CLOSERS: &[char] = &['"', '\'', '»', '”', '’', ')', ']', '“', '\u{00A0}', ' '];

/// Measured shape of one block.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Shape {
    /// Whitespace-separated words.
    pub words: usize,
    /// Characters that are letters.
    pub letters: usize,
    /// Ends with sentence punctuation (closing quotes and brackets allowed after it).
    pub terminal: bool,
    /// Ends with an ellipsis, a cut-off marker.
    pub ellipsis: bool,
    /// Ends with `:`, `|`, `-` or `>`, the shape of a label announcing what follows.
    pub announces: bool,
    /// Starts with an upper-case letter, a digit or an opening quote.
    pub starts_upper: bool,
    /// Share of letters that are upper-case.
    pub upper_ratio: f32,
    /// Share of words (with letters) that start with an upper-case letter.
    pub capitalised_ratio: f32,
}

impl Shape {
    /// Measures `text`.
    pub fn of(text: &str) -> Shape {
        let trimmed = text.trim();
        // One pass over the words: this runs on every block several times per document.
        let (mut words, mut letters, mut uppers, mut lettered, mut capitalised) = (0, 0, 0, 0, 0);
        for word in trimmed.split_whitespace() {
            words += 1;
            let mut first_letter_seen = false;
            for c in word.chars() {
                let upper = c.is_uppercase();
                uppers += usize::from(upper);
                if c.is_alphabetic() {
                    letters += 1;
                    if !first_letter_seen {
                        first_letter_seen = true;
                        lettered += 1;
                        capitalised += usize::from(upper);
                    }
                }
            }
        }
        let core = trimmed.trim_end_matches(CLOSERS);
        let last = core.chars().last();
        Shape {
            words,
            letters,
            terminal: last.is_some_and(|c| TERMINALS.contains(&c)),
            ellipsis: core.ends_with('…') || core.ends_with("..."),
            announces: matches!(
                trimmed.chars().last(),
                Some(':' | '|' | '-' | '>' | '–' | '—')
            ),
            starts_upper: trimmed
                .chars()
                .find(|c| !matches!(c, '"' | '«' | '“' | '‘' | '\'' | '(' | '[' | '„' | ' '))
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()),
            upper_ratio: if letters == 0 {
                0.0
            } else {
                uppers as f32 / letters as f32
            },
            capitalised_ratio: if lettered == 0 {
                0.0
            } else {
                capitalised as f32 / lettered as f32
            },
        }
    }

    /// Looks like a sentence of prose: starts with a capital, ends with sentence punctuation,
    /// has several words and most of them are not capitalised.
    pub fn sentence_like(&self) -> bool {
        self.words >= 6 && self.terminal && !self.ellipsis && self.capitalised_ratio < 0.6
    }

    /// Looks like a paragraph of article body: a long sentence-shaped block.
    pub fn body_like(&self) -> bool {
        self.words >= 12 && self.sentence_like()
    }

    /// Written in capitals like a label (`INTERACTIF - QUI CONTRÔLE QUOI`).
    pub fn all_caps(&self) -> bool {
        self.letters >= 4 && self.upper_ratio >= 0.8
    }

    /// Shaped like a headline: a few words, capitalised first word, no final full stop (a
    /// question or exclamation mark is allowed). `text` is the text this shape was measured on.
    pub fn headline_like(&self, text: &str) -> bool {
        (3..=30).contains(&self.words)
            && self.starts_upper
            && (!self.terminal || ends_with_question_or_exclamation(text))
    }
}

/// Whether `text` ends with `?` or `!` (closing quotes allowed after it).
pub fn ends_with_question_or_exclamation(text: &str) -> bool {
    matches!(
        text.trim().trim_end_matches(CLOSERS).chars().last(),
        Some('?' | '!' | '？' | '！')
    )
}

/// Whether `text` contains a media duration: `04 minutes 58 secondes`, `3:12`, `1 h 02 min`.
pub fn has_duration(text: &str) -> bool {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != ':')
                .to_lowercase()
        })
        .collect();
    let is_clock = |w: &str| {
        let parts: Vec<&str> = w.split(':').collect();
        (2..=3).contains(&parts.len())
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit()))
    };
    let is_unit = |w: &str| {
        const UNITS: &[&str] = &[
            "s",
            "sec",
            "secs",
            "second",
            "seconds",
            "seconde",
            "secondes",
            "sekunde",
            "sekunden",
            "segundo",
            "segundos",
            "secondo",
            "secondi",
            "seconden",
            "min",
            "mins",
            "minute",
            "minutes",
            "minuten",
            "minuto",
            "minutos",
            "minuti",
            "h",
            "hr",
            "hrs",
            "heure",
            "heures",
            "hour",
            "hours",
            "stunde",
            "stunden",
            "hora",
            "horas",
            "ora",
            "ore",
            "uur",
            "секунд",
            "секунды",
            "минут",
            "минуты",
            "мин",
            "сек",
        ];
        UNITS.contains(&w)
    };
    // A duration is a label, not a sentence that happens to mention minutes.
    words.len() <= 12
        && (words.iter().any(|w| is_clock(w))
            || words.windows(2).any(|pair| {
                !pair[0].is_empty()
                    && pair[0].chars().all(|c| c.is_ascii_digit())
                    && is_unit(&pair[1])
            }))
}

/// Lower-cased content words of `text`: letters only, at least four characters, not function
/// words. Used for lexical overlap between a block and the rest of its document.
pub fn content_words<'a>(
    text: &'a str,
    is_function_word: impl Fn(&str) -> bool + 'a,
) -> impl Iterator<Item = String> + 'a {
    text.split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).nth(3).is_some())
        .map(str::to_lowercase)
        .filter(move |w| !is_function_word(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_is_sentence_like_and_labels_are_not() {
        let prose = Shape::of("The council voted on Tuesday to close the old bridge for repairs.");
        assert!(prose.sentence_like());
        assert!(prose.body_like());
        let label = Shape::of("Share this article:");
        assert!(!label.sentence_like());
        assert!(label.announces);
        assert!(!label.terminal);
    }

    #[test]
    fn terminal_allows_closing_quotes() {
        assert!(Shape::of("Il a dit « non ».").terminal);
        assert!(Shape::of("She said “no.”").terminal);
        assert!(!Shape::of("Rôle plus actif").terminal);
    }

    #[test]
    fn all_caps_needs_letters() {
        assert!(Shape::of("LIVE - WER KONTROLLIERT WAS").all_caps());
        assert!(!Shape::of("G7").all_caps());
        assert!(!Shape::of("Berlin, Paris and Rome").all_caps());
    }

    #[test]
    fn durations_are_recognised() {
        assert!(has_duration("Durée de la vidéo 04 minutes 58 secondes"));
        assert!(has_duration("Video 3:12"));
        assert!(!has_duration(
            "Le conflit dure depuis 10 mois et a fait des milliers de morts."
        ));
        assert!(!has_duration(
            "Meeting at 10:30 in the town hall was cancelled after the vote on the budget failed"
        ));
    }

    #[test]
    fn question_headings_are_detected() {
        assert!(ends_with_question_or_exclamation("Un rôle plus actif ?"));
        assert!(!ends_with_question_or_exclamation("Un rôle plus actif"));
    }

    #[test]
    fn content_words_skip_function_words() {
        let words: Vec<String> = content_words("Les travaux dans la ville avec Banksy", |w| {
            ["dans", "avec"].contains(&w)
        })
        .collect();
        assert_eq!(words, vec!["travaux", "ville", "banksy"]);
    }
}
