//! Pairs quote marks into quoted spans, tolerating what machine translation and scrapers do to
//! them: mixed pairs (`“…»`), a missing closing mark (the quote then ends with its paragraph),
//! stray closing marks, and quotes continued over paragraphs (French style: each continued
//! paragraph reopens with `«` and only the last one closes). Dash dialogue (a paragraph opening
//! with `—` or `–` and a space, or with `—` glued to the words as Spanish writes it) is a quote of
//! that paragraph, marked `dash` so that the finder can cut the incise that names the speaker.

/// A quoted span in byte offsets, marks excluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quoted {
    /// First byte of the quoted words.
    pub start: usize,
    /// One past their last byte.
    pub end: usize,
    /// Whether a closing mark was found.
    pub closed: bool,
    /// Whether this is a paragraph of dash dialogue.
    pub dash: bool,
}

fn is_opener(c: char) -> bool {
    matches!(c, '«' | '“' | '„' | '"' | '‹')
}

/// Finds quoted spans in `text` (paragraphs separated by blank lines or line breaks).
pub fn find_quoted(text: &str) -> Vec<Quoted> {
    let mut quotes = Vec::new();
    // (content start, opener) of the quote being read.
    let mut open: Option<(usize, char)> = None;
    let mut chars = text.char_indices().peekable();
    let mut line_start = true;
    while let Some((index, c)) = chars.next() {
        if c == '\n' {
            // A paragraph ends: an open quote continues only if the next paragraph reopens one,
            // or closes it before opening another (machine translation drops reopening marks).
            if let Some((start, opener)) = open {
                let rest = text[index..].trim_start();
                let reopens = rest
                    .chars()
                    .next()
                    .is_some_and(|n| matches!(n, '«' | '“' | '„'));
                if !reopens && !closed_in_next_paragraph(rest, opener) {
                    push(&mut quotes, text, start, index, false);
                    open = None;
                }
            }
            line_start = true;
            continue;
        }
        if line_start && !c.is_whitespace() {
            line_start = false;
            let spaced_dash =
                matches!(c, '—' | '–') && chars.peek().is_some_and(|(_, n)| n.is_whitespace());
            // "—No vamos a rendirnos", "—¿Y si llueve?": Spanish glues the dash to the words.
            let glued_dash = c == '—'
                && chars
                    .peek()
                    .is_some_and(|(_, n)| n.is_alphabetic() || matches!(n, '¿' | '¡'));
            if open.is_none() && (spaced_dash || glued_dash) {
                let end = text[index..].find('\n').map_or(text.len(), |n| index + n);
                push_dash(&mut quotes, text, index + c.len_utf8(), end);
                continue;
            }
            // A reopening mark at the start of a continued paragraph.
            if open.is_some() && matches!(c, '«' | '“' | '„') {
                continue;
            }
        }
        match open {
            None if is_opener(c) => {
                // A straight quote glued to a word on its left is a closing or stray mark.
                let glued_left = c == '"'
                    && text[..index]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric);
                if !glued_left {
                    open = Some((index + c.len_utf8(), c));
                }
            }
            Some((start, opener)) => {
                let closes = match opener {
                    '„' => matches!(c, '“' | '”' | '"'),
                    '"' => matches!(c, '"' | '”' | '»'),
                    _ => matches!(c, '»' | '”' | '"' | '›'),
                };
                if closes {
                    push(&mut quotes, text, start, index, true);
                    open = None;
                } else if c == '«' || (c == '“' && opener != '„') {
                    // A new opener before any closer: the first quote lost its closing mark.
                    push(&mut quotes, text, start, index, false);
                    open = Some((index + c.len_utf8(), c));
                }
            }
            None => {}
        }
    }
    if let Some((start, _)) = open {
        push(&mut quotes, text, start, text.len(), false);
    }
    quotes
}

/// Whether the paragraph opening `rest` closes a quote opened by `opener` before any new opening
/// mark (`Nous vaincrons », a-t-il dit.` after a paragraph left open). Straight quotes are too
/// ambiguous to say.
fn closed_in_next_paragraph(rest: &str, opener: char) -> bool {
    let paragraph = rest.split('\n').next().unwrap_or("");
    let first_mark = paragraph
        .chars()
        .find(|c| matches!(c, '«' | '»' | '“' | '”' | '„'));
    match (opener, first_mark) {
        ('„', Some(mark)) => matches!(mark, '“' | '”'),
        ('«' | '“', Some(mark)) => matches!(mark, '»' | '”'),
        _ => false,
    }
}

/// The quote of `quotes` (sorted by start and disjoint, as [`find_quoted`] returns them) that
/// holds byte `byte`, found by binary search.
pub fn holding(quotes: &[Quoted], byte: usize) -> Option<&Quoted> {
    let after = quotes.partition_point(|q| q.start <= byte);
    quotes[..after].last().filter(|q| byte < q.end)
}

/// Whether any quote of `quotes` (sorted by start and disjoint) overlaps `start..end`.
pub fn overlapping(quotes: &[Quoted], start: usize, end: usize) -> bool {
    let after = quotes.partition_point(|q| q.start < end);
    quotes[..after].last().is_some_and(|q| start < q.end)
}

fn push(quotes: &mut Vec<Quoted>, text: &str, start: usize, end: usize, closed: bool) {
    push_quoted(quotes, text, start, end, closed, false);
}

fn push_dash(quotes: &mut Vec<Quoted>, text: &str, start: usize, end: usize) {
    push_quoted(quotes, text, start, end, true, true);
}

fn push_quoted(
    quotes: &mut Vec<Quoted>,
    text: &str,
    start: usize,
    end: usize,
    closed: bool,
    dash: bool,
) {
    let Some(inner) = text.get(start..end) else {
        return;
    };
    let leading = inner.len() - inner.trim_start().len();
    let trimmed = inner.trim();
    if trimmed.chars().any(char::is_alphabetic) {
        let start = start + leading;
        quotes.push(Quoted {
            start,
            end: start + trimmed.len(),
            closed,
            dash,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<(&str, bool)> {
        find_quoted(text)
            .into_iter()
            .map(|q| (&text[q.start..q.end], q.closed))
            .collect()
    }

    #[test]
    fn pairs_french_english_and_german_marks() {
        assert_eq!(
            texts("Il a dit : « Nous tiendrons. »"),
            [("Nous tiendrons.", true)]
        );
        assert_eq!(
            texts("“We will hold,” she said."),
            [("We will hold,", true)]
        );
        assert_eq!(texts("„Wir halten“, sagte er."), [("Wir halten", true)]);
        assert_eq!(texts("He said \"no way\" twice."), [("no way", true)]);
    }

    #[test]
    fn tolerates_mixed_and_missing_marks() {
        assert_eq!(
            texts("“Pendant les pourparlers, rien », a-t-il dit."),
            [("Pendant les pourparlers, rien", true)]
        );
        let broken =
            texts("« Première phrase. Puis une autre.\n\nAutre paragraphe sans guillemet.");
        assert_eq!(broken, [("Première phrase. Puis une autre.", false)]);
    }

    #[test]
    fn continues_over_reopened_paragraphs() {
        let found = texts("« Début du discours.\n« Suite du discours. », a-t-il conclu.");
        assert_eq!(found.len(), 1);
        assert!(found[0].0.contains("Suite"));
    }

    #[test]
    fn continues_when_the_next_paragraph_only_closes() {
        let found = texts("« Nous tiendrons.\n\nNous vaincrons », a-t-il dit.\n\n« Autre. »");
        assert_eq!(found.len(), 2);
        assert!(found[0].0.starts_with("Nous tiendrons.") && found[0].0.ends_with("vaincrons"));
        assert!(found[0].1);
        // A next paragraph that opens a quote first does not continue the open one.
        let found = texts("« Nous tiendrons.\n\nIl a dit « non » hier.");
        assert_eq!(found, [("Nous tiendrons.", false), ("non", true)]);
    }

    #[test]
    fn reads_dash_dialogue() {
        assert_eq!(
            texts("— Nous partirons demain, dit-elle."),
            [("Nous partirons demain, dit-elle.", true)]
        );
        let spanish = find_quoted("—No vamos —dijo Luis—.\n—¿Y si llueve?\n–5 % ce mois-ci");
        assert_eq!(spanish.len(), 2);
        assert!(spanish.iter().all(|q| q.dash));
    }
}
