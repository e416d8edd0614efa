//! Flags of the trade found in clean text. SCAFFOLD.

use veille_model::Document;

/// Appends flags to `doc.flags`.
pub fn detect(doc: &mut Document) {
    let _ = doc;
}
