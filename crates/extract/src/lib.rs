//! Extract: from a decoded [`RawDocument`] to the article's clean blocks, captions, removed
//! furniture and metadata with provenance.
//!
//! The flow is `html` (HTML only: parse the page, find the main content, collect head metadata
//! into a [`HtmlPage`]) → `clean` (classify blocks of text, HTML-extracted or already-scraped,
//! and drop page and scraper furniture with a reason) → `metadata` (title, standfirst, dates,
//! authors, site, canonical URL, original source, each a [`veille_model::Field`]).
//!
//! **Invariant:** this crate does no IO and never fails on decoded input: the worst page gives
//! an [`Extracted`] with no blocks and a warning.

pub mod clean;
pub mod html;
pub mod metadata;
mod page;
pub mod text;

pub use page::{Block, Extracted, HtmlPage, LinkTag, MetaTag, Metadata};

use veille_model::{BodyKind, RawDocument};

/// Options for extraction.
#[derive(Debug, Clone, Default)]
pub struct ExtractConfig {
    /// Keep comment sections in the body (off by default).
    pub include_comments: bool,
}

/// Extracts the article from one raw document.
pub fn extract(raw: &RawDocument, cfg: &ExtractConfig) -> Extracted {
    let page = match raw.body_kind {
        BodyKind::Html => Some(html::parse_page(&raw.body, cfg)),
        BodyKind::Text => None,
    };
    let mut blocks = match &page {
        Some(page) => page.blocks.clone(),
        None => text::split_blocks(&raw.body),
    };
    let mut removed = page.as_ref().map(|p| p.removed.clone()).unwrap_or_default();
    let mut captions = page
        .as_ref()
        .map(|p| p.captions.clone())
        .unwrap_or_default();
    let cleaned = clean::clean_blocks(&mut blocks, raw.body_kind);
    removed.extend(cleaned.removed);
    captions.extend(cleaned.captions);
    let metadata = metadata::collect(raw, page.as_ref(), &mut blocks, &mut removed, &captions);
    Extracted {
        blocks,
        captions,
        removed,
        flags: cleaned.flags,
        metadata,
        warnings: Vec::new(),
    }
}
