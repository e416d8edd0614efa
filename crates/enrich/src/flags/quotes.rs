//! Unbalanced quote marks, per paragraph.
//!
//! Every quote mark is read as opening or closing: `«` `“` `„` open and `»` `”` close (German
//! `„…“` and reversed `»…«` are recognised from the first mark of the paragraph); a straight `"`
//! opens when it follows a space or starts the paragraph, and closes otherwise. A paragraph is
//! flagged when it leaves a quotation open or closes one it never opened, except for a quotation
//! that runs over several paragraphs: one left open is fine when the next paragraph opens with a
//! quote mark (the typographic convention) or closes it, and a closing mark is fine when the
//! previous paragraph left a quotation open.

use veille_model::{BlockKind, Flag, FlagKind};

use super::Context;

/// Characters shown either side of an unmatched mark in the evidence.
const WINDOW_CHARS: usize = 40;

/// How the quote marks of one paragraph pair up.
#[derive(Debug, Default, Clone, PartialEq)]
struct Balance {
    /// Byte offsets of opening marks never closed.
    unclosed: Vec<usize>,
    /// Byte offsets of closing marks never opened.
    unopened: Vec<usize>,
    /// The paragraph starts with an opening mark.
    opens_first: bool,
}

/// Flags paragraphs whose quote marks do not balance; the evidence is the text around the
/// first unmatched mark.
pub fn unbalanced(ctx: &Context<'_>, out: &mut Vec<Flag>) {
    let text = &ctx.doc.text;
    let ranges: Vec<_> = ctx
        .paragraph_ranges()
        .into_iter()
        .filter(|(idx, _)| ctx.doc.paragraphs[*idx].kind != BlockKind::Preformatted)
        .collect();
    let balances: Vec<Balance> = ranges
        .iter()
        .map(|(_, range)| balance(text.get(range.clone()).unwrap_or_default()))
        .collect();
    for (pos, (_, range)) in ranges.iter().enumerate() {
        let current = &balances[pos];
        let next = balances.get(pos + 1);
        let previous = pos.checked_sub(1).and_then(|p| balances.get(p));
        let open_continues = next.is_some_and(|n| n.opens_first || !n.unopened.is_empty());
        let close_continues = previous.is_some_and(|p| !p.unclosed.is_empty());
        let mut offending = Vec::new();
        if !open_continues {
            offending.extend(current.unclosed.iter().copied());
        }
        if !close_continues {
            offending.extend(current.unopened.iter().copied());
        }
        let Some(mark) = offending.into_iter().min() else {
            continue;
        };
        let Some(paragraph) = text.get(range.clone()) else {
            continue;
        };
        let start = window_start(paragraph, mark);
        let end = window_end(paragraph, mark);
        out.push(ctx.flag_at(
            FlagKind::UnbalancedQuotes,
            range.start + start..range.start + end,
        ));
    }
}

/// Pairs the quote marks of one paragraph.
fn balance(paragraph: &str) -> Balance {
    let first_guillemet = paragraph.chars().find(|c| matches!(c, '«' | '»'));
    let reversed_guillemets = first_guillemet == Some('»') && paragraph.contains('«');
    let german_curly = paragraph.contains('„');
    let mut result = Balance::default();
    // One stack per pairing style: guillemets, curly, straight.
    let mut stacks: [Vec<usize>; 3] = Default::default();
    let mut prev: Option<char> = None;
    let mut first_mark = true;
    for (i, c) in paragraph.char_indices() {
        let role = match c {
            '«' => Some((0, !reversed_guillemets)),
            '»' => Some((0, reversed_guillemets)),
            '„' => Some((1, true)),
            '“' => Some((1, !german_curly)),
            '”' => Some((1, false)),
            // After an elided article (`d'"écocide"`) a straight quote opens too.
            '"' => Some((
                2,
                prev.is_none_or(|p| p.is_whitespace() || "([{—–-'’/".contains(p)),
            )),
            _ => None,
        };
        if let Some((style, opens)) = role {
            if first_mark {
                result.opens_first = opens && paragraph[..i].trim().is_empty();
                first_mark = false;
            }
            if opens {
                stacks[style].push(i);
            } else if stacks[style].pop().is_none() {
                result.unopened.push(i);
            }
        }
        prev = Some(c);
    }
    result.unclosed = stacks.into_iter().flatten().collect();
    result.unclosed.sort_unstable();
    result
}

fn window_start(paragraph: &str, mark: usize) -> usize {
    let before: Vec<usize> = paragraph[..mark].char_indices().map(|(i, _)| i).collect();
    before
        .len()
        .checked_sub(WINDOW_CHARS)
        .map_or(0, |k| before[k])
}

fn window_end(paragraph: &str, mark: usize) -> usize {
    paragraph[mark..]
        .char_indices()
        .nth(WINDOW_CHARS + 1)
        .map_or(paragraph.len(), |(i, _)| mark + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn balanced_styles() {
        for p in [
            "Il a dit « oui » puis « non ».",
            "She said “yes” and left.",
            "Er sagte „ja“ und ging.",
            "Er sagte »ja« und ging.",
            "He said \"yes\" and \"no\".",
        ] {
            let b = balance(p);
            assert!(b.unclosed.is_empty() && b.unopened.is_empty(), "{p}: {b:?}");
        }
    }

    #[test]
    fn straight_quotes_open_after_spaces_and_close_after_words() {
        let b = balance("The report said \"the plan works.");
        assert_eq!(b.unclosed.len(), 1);
        let b = balance("nationale.\" Il est parti.");
        assert_eq!(b.unopened.len(), 1);
        assert!(!b.opens_first);
        assert!(balance("\"Oui\", a-t-il dit.").opens_first);
        let b = balance("Il parle d'\"écocide\" et d’\"urgence\".");
        assert!(b.unclosed.is_empty() && b.unopened.is_empty(), "{b:?}");
    }
}
