//! Places resolved against the gazetteer. SCAFFOLD.

use veille_model::Document;

/// Fills `doc.places`.
pub fn extract(doc: &mut Document) {
    let _ = doc;
}
