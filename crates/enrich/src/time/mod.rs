//! Temporal expressions resolved to TIMEX3 values. SCAFFOLD.

use veille_model::Document;

/// Fills `doc.times`.
pub fn extract(doc: &mut Document) {
    let _ = doc;
}
