//! How documents are stored: deflated JSON, read back from deflate or plain JSON, with a
//! bound on the inflated size so that a damaged blob is an error, not an allocation.

use rusqlite::types::Value;
use veille_model::Document;

use crate::{Result, StoreError};

/// Stored documents larger than this once inflated are taken as corrupt (a guard against a
/// damaged blob inflating without end); analysed documents are far smaller.
const MAX_DOCUMENT_BYTES: u64 = 256 * 1024 * 1024;

/// Documents are stored as deflated JSON: a document's JSON repeats its text (paragraphs,
/// mentions), and compression divides the database size by about four for little CPU.
pub fn compress_document(doc: &Document) -> Vec<u8> {
    veille_model::packed::pack(doc, b"")
}

/// Decodes a stored document: deflated JSON (a blob) or plain JSON (text).
pub fn decode_document(id: &str, stored: Value) -> Result<Document> {
    let corrupt = |reason: String| StoreError::Corrupt {
        id: id.to_string(),
        reason,
    };
    match stored {
        Value::Text(json) => serde_json::from_str(&json).map_err(|e| corrupt(e.to_string())),
        Value::Blob(bytes) => veille_model::packed::unpack(&bytes, MAX_DOCUMENT_BYTES)
            .map_err(|e| corrupt(e.to_string())),
        other => Err(corrupt(format!("unexpected {:?}", other.data_type()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_documents_decode_from_deflate_or_plain_json_and_garbage_is_an_error() {
        let doc: Document = serde_json::from_value(serde_json::json!({
            "schema_version": 1, "id": "abc", "input": {"path": "-"}, "format": "text",
            "encoding": "utf-8", "title": null, "subtitle": null, "published": null,
            "modified": null, "authors": null, "site_name": null, "url": null,
            "original_source": null, "language": null, "date_candidates": [],
            "text": "Un texte écrit pour le test.", "paragraphs": [], "captions": [],
            "removed": [], "flags": [], "warnings": [], "entities": [], "times": [],
            "quotes": [], "claims": [], "places": []
        }))
        .unwrap();
        let blob = Value::Blob(compress_document(&doc));
        assert_eq!(decode_document("abc", blob).unwrap(), doc);
        let text = Value::Text(serde_json::to_string(&doc).unwrap());
        assert_eq!(decode_document("abc", text).unwrap(), doc);
        for garbage in [
            Value::Blob(vec![0xff; 64]),
            Value::Text("{".into()),
            Value::Null,
        ] {
            assert!(matches!(
                decode_document("abc", garbage),
                Err(StoreError::Corrupt { .. })
            ));
        }
    }
}
