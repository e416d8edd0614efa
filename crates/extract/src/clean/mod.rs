//! Cleaning: classify the blocks of an article (extracted from HTML or already-scraped text)
//! and drop page and scraper furniture, reporting every removed block with its reason and the
//! signals that decided it.
//!
//! How it works, in order:
//! 1. [`glued`] splits blocks that glue furniture to text: markup debris, teaser markers
//!    (`Must Read |…`), photo captions with their credit (moved to [`Cleaned::captions`]).
//! 2. [`classify`] scores every block against multilingual keyword [`lexicon`]s (fr, en, de,
//!    es, it, pt, nl, ru) combined with [`shape`] signals (length, final punctuation, capitals,
//!    position before or after the body). Bylines, datelines, placeholders (`[ad_1]`) and stray
//!    fragments are recognised by shape.
//! 3. [`layout`] handles what needs several blocks: teaser lists under a header (lines with
//!    little lexical overlap with the article), labels above the headline, sub-headings.
//!
//! Cleaning never rewrites the text of a kept block, except to cut furniture glued to it.
//! Cross-document repetition is available as the opt-in [`SiteBoilerplate`].
//!
//! Out of scope: deciding the title (the metadata step takes the first remaining block of a
//! plain-text article) and anything that needs the HTML tree (the html step).

mod classify;
mod glued;
mod layout;
mod lexicon;
mod shape;
mod site;
mod vocab;

pub use site::SiteBoilerplate;

use veille_model::{BodyKind, Caption, Flag, FlagKind, RemovalReason, Removed};

use crate::Block;
use classify::Zone;
use layout::Item;
use lexicon::{Class, Lexicons};
use vocab::Vocabulary;

/// What cleaning removed and noticed.
#[derive(Debug, Default)]
pub struct Cleaned {
    /// Removed blocks (or parts of blocks) with reasons, in document order.
    pub removed: Vec<Removed>,
    /// Flags raised.
    pub flags: Vec<Flag>,
    /// Captions found glued into text blocks and moved out of the body.
    pub captions: Vec<Caption>,
}

/// Cleans `blocks` in place: furniture is removed, plain-text sub-headings get
/// [`veille_model::BlockKind::Heading`].
pub fn clean_blocks(blocks: &mut Vec<Block>, kind: BodyKind) -> Cleaned {
    let _span = tracing::debug_span!("clean", blocks = blocks.len()).entered();
    let lex = Lexicons::get();
    let mut cleaned = Cleaned::default();
    let mut items = split_glued(blocks, kind, lex, &mut cleaned.captions);

    let zones = layout::zones(&items);
    for (item, zone) in items.iter_mut().zip(&zones) {
        if !item.is_kept() {
            continue;
        }
        if let Some(verdict) = classify::classify(&item.block.text, *zone, kind, lex) {
            item.remove(verdict.reason, verdict.detail, verdict.class);
        }
    }
    layout::remove_teaser_lists(&mut items, lex);
    // The HTML step marks headings and reads the title from the markup; plain text only has
    // its layout to go by.
    if kind == BodyKind::Text {
        layout::remove_labels_above_headline(&mut items);
        layout::mark_headings(&mut items);
    }

    let zones = layout::zones(&items);
    for (item, zone) in items.into_iter().zip(zones) {
        match item.removed {
            None => blocks.push(item.block),
            Some(removed) => {
                if let Some(flag) = flag_for(&removed, item.class, zone) {
                    cleaned.flags.push(flag);
                }
                cleaned.removed.push(removed);
            }
        }
    }
    tracing::debug!(
        kept = blocks.len(),
        removed = cleaned.removed.len(),
        "cleaned"
    );
    cleaned
}

/// Step 1: splits glued blocks into kept and removed items; captions go to `captions`.
fn split_glued(
    blocks: &mut Vec<Block>,
    body: BodyKind,
    lex: &Lexicons,
    captions: &mut Vec<Caption>,
) -> Vec<Item> {
    let vocab = Vocabulary::of(blocks.iter().map(|b| b.text.as_str()), lex);
    let mut items = Vec::with_capacity(blocks.len());
    for block in blocks.drain(..) {
        for piece in glued::split(&block.text, block.kind, body, lex, &vocab) {
            match piece {
                glued::Piece::Keep(text) => items.push(Item::kept(Block {
                    text,
                    kind: block.kind,
                })),
                glued::Piece::Remove(removed) => items.push(removed_item(removed)),
                glued::Piece::Caption(caption) => {
                    let text = match &caption.credit {
                        Some(credit) if !caption.text.is_empty() => {
                            format!("{} ({credit})", caption.text)
                        }
                        Some(credit) => credit.clone(),
                        None => caption.text.clone(),
                    };
                    items.push(removed_item(Removed {
                        text,
                        reason: RemovalReason::Caption,
                        detail: Some("photo caption with its credit, moved to captions".into()),
                    }));
                    captions.push(caption);
                }
            }
        }
    }
    items
}

fn removed_item(removed: Removed) -> Item {
    Item {
        block: Block::paragraph(removed.text.clone()),
        removed: Some(removed),
        class: None,
    }
}

/// The flag a removed block raises, if any: scraper markers and accounts, audio widgets,
/// paywall prompts closing the article, "read the rest elsewhere" links.
fn flag_for(removed: &Removed, class: Option<Class>, zone: Zone) -> Option<Flag> {
    let placeholder = removed
        .detail
        .as_deref()
        .is_some_and(|d| d.starts_with("placeholder"));
    let kind = match (removed.reason, class) {
        (_, Some(Class::Continuation)) => FlagKind::Truncated,
        (RemovalReason::ScraperMarker, _) => FlagKind::ScraperMarker,
        (RemovalReason::Advertising, _) if placeholder => FlagKind::ScraperMarker,
        (RemovalReason::ScraperAccount, _) => FlagKind::ScraperAccount,
        (RemovalReason::MediaWidget, Some(Class::Audio)) => FlagKind::AudioWidget,
        (RemovalReason::Paywall, _) if zone == Zone::Tail => FlagKind::Paywall,
        _ => return None,
    };
    Some(Flag {
        kind,
        evidence: removed.text.clone(),
        span: None,
    })
}

#[cfg(test)]
mod tests;
