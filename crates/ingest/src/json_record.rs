//! Maps one JSON object (a JSON Lines line, an element of a JSON array) to a [`RawDocument`].
//!
//! Field names vary between scrapers and datasets, so each hint accepts the usual aliases:
//!
//! | hint / ref | fields, first present wins |
//! | --- | --- |
//! | `url` | `url`, `link`, `canonical_url`, `uri` |
//! | `external_id` | `id`, `guid`, `_id`, `doc_id` (string or number) |
//! | title | `title`, `headline` |
//! | published | `published`, `date`, `pubDate`, `datePublished`, `published_at`, `publication_date`, `pub_date` |
//! | modified | `modified`, `updated`, `dateModified`, `modified_at`, `updated_at` |
//! | authors | `author`, `authors`, `byline`, `creator` (string, list of strings, or objects with `name`) |
//! | site name | `site`, `source`, `site_name`, `publisher` (string or object with `name`) |
//! | language | `language`, `lang`, `locale` |
//! | summary | `summary`, `description`, `abstract`, `standfirst` |
//! | fetched | `fetched`, `fetched_at`, `crawled_at`, `retrieved` |
//!
//! The body is `html` or `raw_html` (HTML), else `text` (text), else `content` or `body` (HTML
//! when it looks like markup, text otherwise). HTML wins over text when both are present: the
//! markup carries metadata signals that extract can use.

use serde_json::{Map, Value};
use veille_model::{BodyKind, Hints, InputRef, RawDocument, SourceFormat};

use crate::error::IngestError;
use crate::normalize;
use crate::sniff::html_tag_count;

const URL_KEYS: &[&str] = &["url", "link", "canonical_url", "uri"];
const ID_KEYS: &[&str] = &["id", "guid", "_id", "doc_id"];
const TITLE_KEYS: &[&str] = &["title", "headline"];
const PUBLISHED_KEYS: &[&str] = &[
    "published",
    "date",
    "pubDate",
    "datePublished",
    "published_at",
    "publication_date",
    "pub_date",
];
const MODIFIED_KEYS: &[&str] = &[
    "modified",
    "updated",
    "dateModified",
    "modified_at",
    "updated_at",
];
const AUTHOR_KEYS: &[&str] = &["author", "authors", "byline", "creator"];
const SITE_KEYS: &[&str] = &["site", "source", "site_name", "publisher"];
const LANGUAGE_KEYS: &[&str] = &["language", "lang", "locale"];
const SUMMARY_KEYS: &[&str] = &["summary", "description", "abstract", "standfirst"];
const FETCHED_KEYS: &[&str] = &["fetched", "fetched_at", "crawled_at", "retrieved"];
const HTML_KEYS: &[&str] = &["html", "raw_html"];
const TEXT_KEYS: &[&str] = &["text"];
const MIXED_KEYS: &[&str] = &["content", "body"];
/// Keys under which a JSON document may wrap its array of articles.
pub(crate) const WRAPPER_KEYS: &[&str] = &[
    "articles",
    "items",
    "documents",
    "data",
    "results",
    "entries",
    "posts",
];

/// A scalar as a string: strings as they are, numbers printed.
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A string, or the `name` of an object.
fn named(value: &Value) -> Option<String> {
    match value {
        Value::Object(map) => map.get("name").and_then(scalar),
        other => scalar(other),
    }
}

fn first<T>(
    map: &Map<String, Value>,
    keys: &[&str],
    get: impl Fn(&Value) -> Option<T>,
) -> Option<T> {
    keys.iter().find_map(|key| map.get(*key).and_then(&get))
}

fn hint(map: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    first(map, keys, scalar).and_then(|s| normalize::clean_hint(&s))
}

fn authors(map: &Map<String, Value>) -> Vec<String> {
    let Some(value) = AUTHOR_KEYS.iter().find_map(|key| map.get(*key)) else {
        return Vec::new();
    };
    let names: Vec<String> = match value {
        Value::Array(items) => items.iter().filter_map(named).collect(),
        other => named(other).into_iter().collect(),
    };
    names
        .iter()
        .filter_map(|n| normalize::clean_hint(n))
        .collect()
}

/// Whether a JSON object holds a body field.
pub(crate) fn has_body(map: &Map<String, Value>) -> bool {
    HTML_KEYS
        .iter()
        .chain(TEXT_KEYS)
        .chain(MIXED_KEYS)
        .any(|key| map.get(*key).is_some_and(Value::is_string))
}

/// Takes the body out of the object, with its kind.
fn take_body(map: &mut Map<String, Value>) -> Option<(String, BodyKind)> {
    let mut take = |keys: &[&str]| {
        keys.iter().find_map(|key| match map.get(*key) {
            Some(Value::String(_)) => match map.remove(*key) {
                Some(Value::String(s)) => Some(s),
                _ => None,
            },
            _ => None,
        })
    };
    if let Some(html) = take(HTML_KEYS) {
        return Some((html, BodyKind::Html));
    }
    if let Some(text) = take(TEXT_KEYS) {
        return Some((text, BodyKind::Text));
    }
    let mixed = take(MIXED_KEYS)?;
    let head = &mixed.as_bytes()[..mixed.len().min(4096)];
    let looks_like_markup = mixed.trim_start().starts_with('<') || html_tag_count(head) >= 2;
    let kind = if looks_like_markup {
        BodyKind::Html
    } else {
        BodyKind::Text
    };
    Some((mixed, kind))
}

/// JSON type name for error messages.
pub(crate) fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Builds a document from one JSON value. `input` carries the path and record number, `at`
/// names them in messages, `encoding` says how the JSON text was decoded.
pub(crate) fn to_document(
    value: Value,
    mut input: InputRef,
    at: &str,
    encoding: &str,
    mut warnings: Vec<String>,
) -> Result<RawDocument, IngestError> {
    let Value::Object(mut map) = value else {
        return Err(IngestError::Malformed {
            at: at.to_string(),
            detail: format!("expected a JSON object, found {}", type_name(&value)),
        });
    };
    let Some((body, body_kind)) = take_body(&mut map) else {
        return Err(IngestError::Malformed {
            at: at.to_string(),
            detail: "no body field (html, text, content or body)".into(),
        });
    };
    let (body, dropped) = normalize::clean(body);
    if dropped > 0 {
        warnings.push(format!("removed {dropped} control characters"));
    }
    let title = hint(&map, TITLE_KEYS);
    if body.trim().is_empty() {
        // A headline with no body (an aggregator's story list, a wire flash) is still an
        // article to link and cluster; with neither there is nothing to analyse.
        if title.is_none() {
            return Err(IngestError::Empty { at: at.to_string() });
        }
        warnings.push("headline only: the body is empty".into());
    }
    input.url = hint(&map, URL_KEYS);
    input.external_id = hint(&map, ID_KEYS);
    let hints = Hints {
        title,
        published: hint(&map, PUBLISHED_KEYS),
        modified: hint(&map, MODIFIED_KEYS),
        authors: authors(&map),
        site_name: first(&map, SITE_KEYS, named).and_then(|s| normalize::clean_hint(&s)),
        language: hint(&map, LANGUAGE_KEYS),
        summary: hint(&map, SUMMARY_KEYS),
        fetched: hint(&map, FETCHED_KEYS),
    };
    Ok(RawDocument {
        input,
        format: SourceFormat::Jsonl,
        body_kind,
        body,
        encoding: encoding.to_string(),
        hints,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn convert(value: Value) -> Result<RawDocument, IngestError> {
        to_document(
            value,
            InputRef::default(),
            "t.jsonl line 1",
            "utf-8 (ascii)",
            Vec::new(),
        )
    }

    #[test]
    fn maps_every_hint_and_ref() {
        let doc = convert(json!({
            "id": 42,
            "url": "https://example.org/x",
            "title": "  Un  titre ",
            "pubDate": "2024-03-01",
            "updated": "2024-03-02",
            "authors": ["Ana Ruiz", {"name": "Bo Li"}, 7],
            "source": {"name": "El Diario"},
            "lang": "es",
            "description": "Resumen",
            "fetched_at": "2024-03-03",
            "text": "Cuerpo del artículo."
        }))
        .unwrap();
        assert_eq!(doc.input.external_id.as_deref(), Some("42"));
        assert_eq!(doc.input.url.as_deref(), Some("https://example.org/x"));
        assert_eq!(doc.hints.title.as_deref(), Some("Un titre"));
        assert_eq!(doc.hints.published.as_deref(), Some("2024-03-01"));
        assert_eq!(doc.hints.modified.as_deref(), Some("2024-03-02"));
        assert_eq!(doc.hints.authors, vec!["Ana Ruiz", "Bo Li", "7"]);
        assert_eq!(doc.hints.site_name.as_deref(), Some("El Diario"));
        assert_eq!(doc.hints.language.as_deref(), Some("es"));
        assert_eq!(doc.hints.summary.as_deref(), Some("Resumen"));
        assert_eq!(doc.hints.fetched.as_deref(), Some("2024-03-03"));
        assert_eq!(doc.body_kind, BodyKind::Text);
        assert_eq!(doc.format, SourceFormat::Jsonl);
    }

    #[test]
    fn html_wins_over_text() {
        let doc = convert(json!({"text": "plain", "html": "<p>marked</p>"})).unwrap();
        assert_eq!(doc.body, "<p>marked</p>");
        assert_eq!(doc.body_kind, BodyKind::Html);
    }

    #[test]
    fn content_is_html_only_when_it_looks_like_markup() {
        let doc = convert(json!({"content": "<div><p>a</p></div>"})).unwrap();
        assert_eq!(doc.body_kind, BodyKind::Html);
        let doc = convert(json!({"body": "Prices rose 3% (<5% expected)."})).unwrap();
        assert_eq!(doc.body_kind, BodyKind::Text);
    }

    #[test]
    fn single_author_string_is_one_author() {
        let doc = convert(json!({"author": "Jean Dupont", "text": "x"})).unwrap();
        assert_eq!(doc.hints.authors, vec!["Jean Dupont"]);
    }

    #[test]
    fn missing_or_blank_body_and_non_objects_fail() {
        assert_eq!(
            convert(json!({"title": "x"})).unwrap_err().code(),
            "malformed"
        );
        assert_eq!(convert(json!({"text": "  "})).unwrap_err().code(), "empty");
        let headline = convert(json!({"title": "Markets rally on rate cut hopes", "text": ""}))
            .expect("a headline-only record is a document");
        assert_eq!(
            headline.hints.title.as_deref(),
            Some("Markets rally on rate cut hopes")
        );
        assert!(headline.body.is_empty());
        assert!(headline
            .warnings
            .iter()
            .any(|w| w.contains("headline only")));
        let error = convert(json!([1, 2])).unwrap_err();
        assert_eq!(error.code(), "malformed");
        assert!(error.to_string().contains("found an array"));
    }

    #[test]
    fn body_is_cleaned_and_composed() {
        let doc = convert(json!({"text": "Cafe\u{301}\r\nfin\u{0}"})).unwrap();
        assert_eq!(doc.body, "Café\nfin");
        assert_eq!(doc.warnings, vec!["removed 1 control characters"]);
    }
}
