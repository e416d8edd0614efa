//! Unbalanced quote marks, per paragraph.
//!
//! Guillemets (`«` `»`) and curly double quotes must pair up inside a paragraph; straight
//! double quotes must come in even numbers. Curly quotes are paired the English way (`“…”`),
//! the German way (`„…“`) or the Polish way (`„…”`). The typographic convention for a quotation
//! running over several paragraphs (an opening mark at the start of each paragraph, one closing
//! mark at the end) is not flagged: a paragraph whose quote is left open is fine when the next
//! paragraph opens with a quote mark.

use veille_model::{BlockKind, Flag, FlagKind};

use super::Context;

/// Characters shown either side of an unmatched mark in the evidence.
const WINDOW_CHARS: usize = 40;

/// Flags paragraphs whose quote marks do not balance; the evidence is the text around the
/// first unmatched mark.
pub fn unbalanced(ctx: &Context<'_>, out: &mut Vec<Flag>) {
    let text = &ctx.doc.text;
    let ranges = ctx.paragraph_ranges();
    for (pos, (idx, range)) in ranges.iter().enumerate() {
        if ctx.doc.paragraphs[*idx].kind == BlockKind::Preformatted {
            continue;
        }
        let Some(paragraph) = text.get(range.clone()) else {
            continue;
        };
        let Some(mark) = first_unmatched(paragraph) else {
            continue;
        };
        let continues = ranges
            .get(pos + 1)
            .and_then(|(_, next)| text.get(next.clone()))
            .is_some_and(|next| next.trim_start().starts_with(['«', '“', '„', '"']))
            && opens_quote(paragraph);
        if continues {
            continue;
        }
        let start = window_start(paragraph, mark);
        let end = window_end(paragraph, mark);
        out.push(ctx.flag_at(
            FlagKind::UnbalancedQuotes,
            range.start + start..range.start + end,
        ));
    }
}

/// Whether the paragraph opens with a quote mark.
fn opens_quote(paragraph: &str) -> bool {
    paragraph.trim_start().starts_with(['«', '“', '„', '"'])
}

/// Byte offset of the first quote mark that has no partner, if any.
fn first_unmatched(paragraph: &str) -> Option<usize> {
    let guillemets = unmatched_pair(paragraph, '«', '»');
    let curly = unmatched_curly(paragraph);
    let straight: Vec<usize> = paragraph.match_indices('"').map(|(i, _)| i).collect();
    let straight = (straight.len() % 2 == 1)
        .then(|| straight.last().copied())
        .flatten();
    [guillemets, curly, straight].into_iter().flatten().min()
}

/// First unmatched mark of one open/close pair, scanning with a depth counter.
fn unmatched_pair(paragraph: &str, open: char, close: char) -> Option<usize> {
    let mut stack: Vec<usize> = Vec::new();
    for (i, c) in paragraph.char_indices() {
        if c == open {
            stack.push(i);
        } else if c == close && stack.pop().is_none() {
            return Some(i);
        }
    }
    stack.first().copied()
}

/// Curly double quotes in any of the three pairing styles.
fn unmatched_curly(paragraph: &str) -> Option<usize> {
    let low = paragraph.matches('„').count();
    if low == 0 {
        return unmatched_pair(paragraph, '“', '”');
    }
    // German (`„…“`) or Polish (`„…”`): every low mark is an opening one. The other closing
    // mark is blanked with as many bytes as it takes, so offsets stay valid.
    let german = unmatched_pair(&paragraph.replace('”', "\u{0}\u{0}\u{0}"), '„', '“');
    let polish = unmatched_pair(&paragraph.replace('“', "\u{0}\u{0}\u{0}"), '„', '”');
    match (german, polish) {
        (None, _) | (_, None) => None,
        (Some(a), Some(b)) => Some(a.min(b)),
    }
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
