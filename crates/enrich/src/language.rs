//! Language identification per paragraph and per document. SCAFFOLD.

use veille_model::Document;

/// Sets `paragraphs[i].language` and `doc.language`.
pub fn identify(doc: &mut Document) {
    let _ = doc;
}
