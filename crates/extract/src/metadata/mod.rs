//! Metadata with provenance: title, standfirst, publication and modification dates, authors,
//! site name, canonical URL, original source, declared language and date candidates, each a
//! [`veille_model::Field`] that names the signal it was read from and how far to trust it.
//!
//! How it works: every signal the page or container offers (JSON-LD, OpenGraph, Twitter,
//! Dublin Core, `article:*`, parse.ly and Sailthru meta tags, `<link rel=canonical>`, `<time>`,
//! byline elements, the `<title>`, `<h1>`, the URL, container hints, and for scraped text the
//! lines of the text itself) proposes candidates with a confidence; [`vote::pick`] chooses one
//! per field and raises the confidence when signals agree. Scraped text gives up its title line
//! and byline lines, which leave the body. Scraper accounts ("By qxrt7") are never authors:
//! they become [`FlagKind::ScraperAccount`] flags.
//!
//! Out of scope: main-text extraction and furniture removal (`html`, `clean`), language
//! identification from the text (`veille-enrich`).

mod authors;
mod dates;
mod fields;
mod jsonld;
mod lexicon;
mod site;
mod source;
mod textlines;
mod title;
mod util;
mod vote;

use veille_model::{Caption, Flag, FlagKind, RawDocument, Removed, SourceFormat};

use crate::{Block, HtmlPage, Metadata};

/// Everything the field readers need, parsed once.
pub(crate) struct Context<'a> {
    /// The raw document (hints, input URL, format).
    pub raw: &'a RawDocument,
    /// The parsed page, for HTML input.
    pub page: Option<&'a HtmlPage>,
    /// What the page's JSON-LD says.
    pub json_ld: jsonld::JsonLd,
    /// The URL the page was fetched from, when the container knows it.
    pub page_url: Option<String>,
}

impl<'a> Context<'a> {
    fn new(raw: &'a RawDocument, page: Option<&'a HtmlPage>) -> Self {
        let json_ld = page.map(|p| jsonld::read(&p.json_ld)).unwrap_or_default();
        let page_url = raw
            .input
            .url
            .as_deref()
            .map(str::trim)
            .filter(|url| url.contains("://"))
            .map(str::to_string);
        Self {
            raw,
            page,
            json_ld,
            page_url,
        }
    }

    /// Every non-empty content of one meta key, cleaned.
    pub fn meta_values(&self, key: &str) -> Vec<String> {
        self.page
            .map(|page| {
                page.meta
                    .iter()
                    .filter(|tag| tag.key == key)
                    .map(|tag| util::clean_value(&tag.content))
                    .filter(|value| !value.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The first non-empty content of a meta key.
    pub fn meta_value(&self, key: &str) -> Option<String> {
        self.meta_values(key).into_iter().next()
    }

    /// The signal name of a container hint: `hint:jsonl`, `hint:feed`, `hint:warc`.
    pub fn hint_source(&self) -> &'static str {
        match self.raw.format {
            SourceFormat::Jsonl => "hint:jsonl",
            SourceFormat::Rss | SourceFormat::Atom => "hint:feed",
            SourceFormat::Warc => "hint:warc",
            SourceFormat::Html | SourceFormat::Text => "hint:container",
        }
    }
}

/// Collects metadata from container hints, the page and the text.
///
/// For text input the title line is taken out of `blocks` (it is metadata, not body, and is not
/// recorded in `removed`); byline and dateline lines found at the head or tail of `blocks` are
/// moved to `removed` with [`veille_model::RemovalReason::Byline`] (or `ScraperAccount`).
pub fn collect(
    raw: &RawDocument,
    page: Option<&HtmlPage>,
    blocks: &mut Vec<Block>,
    removed: &mut Vec<Removed>,
    captions: &[Caption],
) -> Metadata {
    let _span = tracing::debug_span!("metadata").entered();
    let ctx = Context::new(raw, page);
    let mut metadata = Metadata::default();

    // Lines of scraped text that are metadata leave the body first, so that later readers see them
    // among the removed blocks.
    let lines = textlines::take_metadata_lines(blocks, removed, raw.body_kind);

    let url = site::canonical_url(&ctx);
    metadata.url = url.canonical.clone();
    let site_names = site::site_name_candidates(&ctx, &lines, removed);
    metadata.site_name = site::pick_site_name(&site_names);
    let known_sites: Vec<String> = site_names.iter().map(|c| c.value.clone()).collect();

    metadata.title = fields::title(&ctx, blocks, &known_sites);
    metadata.subtitle = fields::subtitle(
        &ctx,
        blocks,
        metadata.title.as_ref().map(|t| t.value.as_str()),
    );

    let mut flags: Vec<Flag> = Vec::new();
    metadata.authors = fields::authors(&ctx, removed, &lines, &mut flags);
    let (published, modified) = fields::dates(&ctx, removed, &lines);
    metadata.published = published;
    metadata.modified = modified;
    metadata.date_candidates = fields::date_candidates(&ctx, blocks, removed, captions);

    let own_site = metadata.site_name.as_ref().map(|f| f.value.clone());
    metadata.original_source = site::original_source(
        &ctx,
        &url,
        blocks,
        removed,
        own_site.as_deref(),
        metadata
            .authors
            .as_ref()
            .map(|f| f.value.as_slice())
            .unwrap_or(&[]),
    );
    metadata.declared_language = site::declared_language(&ctx);

    for flag in flags {
        let duplicate = metadata
            .flags
            .iter()
            .any(|f| f.kind == flag.kind && f.evidence.eq_ignore_ascii_case(&flag.evidence));
        if !duplicate {
            metadata.flags.push(flag);
        }
    }
    debug_assert!(metadata
        .flags
        .iter()
        .all(|flag| flag.kind == FlagKind::ScraperAccount));
    metadata
}

#[cfg(test)]
mod tests;
