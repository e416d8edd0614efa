//! Republication and page markers: flags read from the blocks extraction removed (scraper
//! markers, scraper accounts, paywall prompts), and an article that stops mid-sentence.

use veille_model::{BlockKind, Flag, FlagKind, RemovalReason};

use super::lang::WordLists;
use super::Context;

/// A body shorter than this (in words) next to a paywall prompt is a paywall stub.
const STUB_MAX_WORDS: usize = 250;
/// Shortest last paragraph (in words) judged for truncation: short lines end without a stop.
const TRUNCATION_MIN_WORDS: usize = 8;
/// Characters of the last paragraph quoted as evidence of truncation.
const TRUNCATION_EVIDENCE_CHARS: usize = 60;

/// Flags from `doc.removed`: every scraper marker and scraper account, and a paywall prompt
/// when the body left is short enough to be a teaser.
pub fn from_removed(ctx: &Context<'_>, out: &mut Vec<Flag>) {
    let body_words = ctx.doc.text.split_whitespace().count();
    for removed in &ctx.doc.removed {
        let kind = match removed.reason {
            RemovalReason::ScraperMarker => FlagKind::ScraperMarker,
            RemovalReason::ScraperAccount => FlagKind::ScraperAccount,
            RemovalReason::Paywall if body_words <= STUB_MAX_WORDS => FlagKind::Paywall,
            _ => continue,
        };
        out.push(Flag {
            kind,
            evidence: removed.text.clone(),
            span: None,
        });
    }
}

/// Flags a body whose last paragraph stops mid-sentence: it ends on a lower-case word with no
/// final punctuation, or on an ellipsis right after a function word (`… until the…`), the way
/// feeds and scrapers cut articles. A stylistic ellipsis after a full clause, a closing name,
/// figure or link are not cuts.
pub fn truncated(ctx: &Context<'_>, out: &mut Vec<Flag>) {
    let text = &ctx.doc.text;
    let Some((idx, range)) = ctx.paragraph_ranges().pop() else {
        return;
    };
    if ctx.doc.paragraphs[idx].kind != BlockKind::Paragraph {
        return;
    }
    let Some(last) = text.get(range.clone()) else {
        return;
    };
    if last.split_whitespace().count() < TRUNCATION_MIN_WORDS {
        return;
    }
    let core = last
        .trim_end()
        .trim_end_matches(['"', '\'', '»', '”', '’', ')', ']', ' ', '\u{a0}']);
    let without_ellipsis = core
        .strip_suffix("[…]")
        .or_else(|| core.strip_suffix('…'))
        .or_else(|| core.strip_suffix("..."));
    let last_word = |s: &str| s.split_whitespace().last().unwrap_or_default().to_string();
    let cut = match without_ellipsis {
        Some(rest) => WordLists::get()
            .is_function_word(last_word(rest).trim_matches(|c: char| !c.is_alphabetic())),
        None => {
            let word = last_word(core);
            !matches!(
                core.chars().last(),
                Some('.' | '!' | '?' | '。' | '！' | '？')
            ) && !word.is_empty()
                && word.chars().all(|c| c.is_alphabetic() && c.is_lowercase())
        }
    };
    if !cut {
        return;
    }
    let chars: Vec<usize> = last.char_indices().map(|(i, _)| i).collect();
    let start = chars
        .len()
        .checked_sub(TRUNCATION_EVIDENCE_CHARS)
        .map_or(0, |k| chars[k]);
    out.push(ctx.flag_at(FlagKind::Truncated, range.start + start..range.end));
}
