//! Numeric claims.

pub mod numbers;

use veille_model::Document;

/// Fills `doc.claims`.
pub fn extract(doc: &mut Document) {
    let _ = doc;
}
