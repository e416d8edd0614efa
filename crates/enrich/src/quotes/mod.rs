//! Quotes and their speakers. SCAFFOLD.

use veille_model::Document;

/// Fills `doc.quotes`.
pub fn extract(doc: &mut Document) {
    let _ = doc;
}
