//! Metadata with provenance. SCAFFOLD — replaced by the real implementation.

use veille_model::{Caption, RawDocument, Removed};

use crate::{Block, HtmlPage, Metadata};

/// Collects metadata from container hints, the page and the text. May remove a title or byline
/// line from the front of `blocks` (text input), recording it in the returned metadata only.
pub fn collect(
    raw: &RawDocument,
    page: Option<&HtmlPage>,
    blocks: &mut Vec<Block>,
    removed: &mut Vec<Removed>,
    captions: &[Caption],
) -> Metadata {
    let _ = (raw, page, blocks, removed, captions);
    Metadata::default()
}
