//! Enrich: everything veille learns from a document's clean text.
//!
//! [`enrich`] fills, on a [`Document`] whose `text` and `paragraphs` are set: the language of
//! each paragraph and of the whole, the flags of the trade (machine-translation artefacts…),
//! and the understanding layer (entities, places, times, quotes, claims).
//!
//! **Invariant:** no IO, no panics on any text; every span points into `Document::text`.

pub mod claims;
pub mod entities;
pub mod flags;
pub mod language;
pub mod places;
pub mod quotes;
pub mod time;

use veille_model::Document;

/// Options for enrichment.
#[derive(Debug, Clone, Default)]
pub struct EnrichConfig {}

/// Enriches `doc` in place.
pub fn enrich(doc: &mut Document, _cfg: &EnrichConfig) {
    language::identify(doc);
    flags::detect(doc);
    entities::extract(doc);
    places::extract(doc);
    // Time and claims read the same tokens and temporal expressions: scan the text once.
    let scan = time::TextScan::new(&doc.text, &time::document_language(doc));
    time::extract_scanned(doc, &scan);
    quotes::extract(doc);
    claims::extract_scanned(doc, &scan);
}
