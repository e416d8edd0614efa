//! What ingest hands to the next stage: decoded text plus the hints that came with it.

use serde::{Deserialize, Serialize};

/// Where a document came from: a path (or `-` for stdin) and, for container formats,
/// the record number inside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct InputRef {
    /// File path as given on the command line (or found while walking a directory), `-` for stdin.
    pub path: String,
    /// 0-based record number inside a container (JSON Lines line, WARC record, RSS item).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<u64>,
    /// URL of the record when the container names one (WARC target URI, feed item link, JSONL `url`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Identifier given by the container (JSONL `id`, RSS `guid`, Atom `id`, WARC-Record-ID).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
}

impl std::fmt::Display for InputRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.path)?;
        if let Some(record) = self.record {
            write!(f, "#{record}")?;
        }
        Ok(())
    }
}

/// The container or document format that ingest recognised from the content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    /// A single HTML page.
    Html,
    /// A plain-text article (already scraped text).
    Text,
    /// One line of a JSON Lines file.
    Jsonl,
    /// A WARC response record.
    Warc,
    /// An RSS 2.0 / RSS 1.0 (RDF) item.
    Rss,
    /// An Atom entry.
    Atom,
}

/// Whether the body is markup that still needs main-text extraction, or text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyKind {
    /// HTML markup (a full page or a fragment such as a feed item's `content:encoded`).
    Html,
    /// Plain text, paragraphs separated by blank lines or line breaks.
    Text,
}

/// Metadata that arrived with a document from outside its body: JSON Lines fields, HTTP headers,
/// feed item elements. Each is a raw string; extract decides how much to trust it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Hints {
    /// Title given by the container (JSONL `title`, feed item `<title>`).
    pub title: Option<String>,
    /// Publication date as written by the container (JSONL `published`, RSS `pubDate`, Atom `published`).
    pub published: Option<String>,
    /// Modification date (Atom `updated`, JSONL `modified`).
    pub modified: Option<String>,
    /// Authors named by the container.
    pub authors: Vec<String>,
    /// Site or feed name.
    pub site_name: Option<String>,
    /// Language declared by the container (JSONL `language`/`lang`, RSS `<language>`, HTTP Content-Language).
    pub language: Option<String>,
    /// Summary or standfirst (JSONL `summary`/`description`, RSS `<description>` when `content` holds the body).
    pub summary: Option<String>,
    /// HTTP `Date` or WARC-Date of the capture.
    pub fetched: Option<String>,
}

/// A decoded input document, ready for extraction. `body` is valid UTF-8 in Unicode NFC.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RawDocument {
    /// Where it came from.
    pub input: InputRef,
    /// Format recognised by ingest.
    pub format: SourceFormat,
    /// Whether `body` is HTML or text.
    pub body_kind: BodyKind,
    /// The decoded body.
    pub body: String,
    /// Character encoding the bytes were decoded from, and how it was chosen
    /// (for example `"windows-1252 (meta charset)"`).
    pub encoding: String,
    /// Metadata from the container.
    pub hints: Hints,
    /// Non-fatal problems met while reading (replacement characters, truncated gzip…).
    pub warnings: Vec<String>,
}
