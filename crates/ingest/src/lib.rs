//! Ingest turns files, directories and stdin into decoded [`RawDocument`]s: UTF-8 NFC text plus
//! the metadata hints that came with it.
//!
//! # How data flows
//!
//! [`discover`] expands command-line arguments into [`Source`]s (directories are walked
//! recursively, `-` is stdin). [`read`] opens one source and streams its documents:
//!
//! 1. gzip layers are removed, recognised by magic bytes (`gzip`), behind a decompression-ratio
//!    guard and byte limits (`limits`);
//! 2. the format is recognised from the first bytes (`sniff`): HTML, plain text, JSON Lines, a
//!    JSON object or array, WARC, RSS/Atom; the extension only breaks ties;
//! 3. containers yield one document per record (`jsonl`, `warc`, `feed`), single pages one
//!    document (`document`); every body is decoded to UTF-8 (`encoding`) and cleaned to NFC
//!    without control characters (`normalize`).
//!
//! A problem with one input or one record is an [`IngestFailure`] in the stream, with a stable
//! code ([`IngestError::code`]); the other records still come through. Memory stays bounded:
//! JSON Lines and WARC are streamed record by record, and whole-file formats are read under
//! [`IngestConfig::max_bytes`].
//!
//! Ingest does not extract main text or metadata from HTML: that is the `extract` stage.
//!
//! ```
//! use veille_ingest::{read_from, IngestConfig};
//!
//! let input = b"{\"url\": \"https://example.org/a\", \"title\": \"Hello\", \"text\": \"Body.\"}\n";
//! let docs: Vec<_> = read_from("inline.jsonl", Box::new(&input[..]), &IngestConfig::default())
//!     .collect();
//! let doc = docs[0].as_ref().unwrap();
//! assert_eq!(doc.hints.title.as_deref(), Some("Hello"));
//! assert_eq!(doc.body, "Body.");
//! ```
#![warn(missing_docs)]
// The stream item `Result<RawDocument, IngestFailure>` is the public contract used by the
// pipeline; failures are rare and carry their input reference, so their size is accepted.
#![allow(clippy::result_large_err)]

mod document;
mod encoding;
mod error;
mod feed;
mod feed_text;
mod gzip;
mod http;
mod json_record;
mod jsonl;
mod limits;
mod normalize;
mod sniff;
mod walk;
mod warc;

use std::io::{Cursor, Read};
use std::path::PathBuf;

pub use error::{IngestError, IngestFailure};
pub use walk::discover;

use veille_model::{InputRef, RawDocument};

use crate::encoding::{Context, Markup};
use crate::sniff::Sniffed;

/// The stream of documents (or per-document failures) read from one source.
pub type Documents = Box<dyn Iterator<Item = Result<RawDocument, IngestFailure>> + Send>;

/// Limits and options for reading.
#[derive(Debug, Clone)]
pub struct IngestConfig {
    /// Largest input accepted after decompression for formats read whole (HTML, text, feeds,
    /// JSON documents), in bytes.
    pub max_bytes: u64,
    /// Largest single record inside a streamed container (a JSON Lines line, a WARC record), in
    /// bytes. Containers themselves may be of any size: they are streamed.
    pub max_record_bytes: u64,
    /// Largest ratio of decompressed to compressed bytes before gzip input is judged a
    /// decompression bomb (checked once more than 8 MiB came out).
    pub max_ratio: u64,
    /// How many nested gzip layers are unwrapped.
    pub max_gzip_depth: u32,
}

impl Default for IngestConfig {
    fn default() -> Self {
        Self {
            max_bytes: 256 * 1024 * 1024,
            max_record_bytes: 64 * 1024 * 1024,
            max_ratio: 100,
            max_gzip_depth: 3,
        }
    }
}

/// One thing to read: a file or stdin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file on disk.
    File(PathBuf),
    /// Standard input.
    Stdin,
}

impl Source {
    /// The path as shown in [`InputRef::path`]: the file path, or `-` for stdin.
    pub fn label(&self) -> String {
        match self {
            Source::File(path) => path.display().to_string(),
            Source::Stdin => "-".to_string(),
        }
    }
}

/// What every format reader knows about the input it reads.
#[derive(Debug, Clone)]
pub(crate) struct InputInfo {
    /// Path as shown to users.
    pub path: String,
    /// Limits.
    pub cfg: IngestConfig,
    /// Set when the whole input was transcoded from UTF-16 before sniffing: the encoding label
    /// to report instead of detecting again.
    pub transcoded: Option<String>,
    /// Warnings about the whole input (a truncated gzip stream…), copied to every document.
    pub warnings: Vec<String>,
}

impl InputInfo {
    /// An [`InputRef`] for this input, optionally for one record.
    pub fn input_ref(&self, record: Option<u64>) -> InputRef {
        InputRef {
            path: self.path.clone(),
            record,
            ..Default::default()
        }
    }

    /// Decodes bytes of this input, unless they were already transcoded.
    pub fn decode(
        &self,
        bytes: Vec<u8>,
        markup: Markup,
        context: Context<'_>,
    ) -> encoding::Decoded {
        let mut decoded = encoding::decode(bytes, markup, context);
        if let Some(label) = &self.transcoded {
            decoded.encoding = label.clone();
        }
        decoded
    }
}

/// Reads one source and yields its documents (several for containers).
pub fn read(source: &Source, cfg: &IngestConfig) -> Documents {
    let path = source.label();
    let raw: Box<dyn Read + Send> = match source {
        Source::File(file) => match std::fs::File::open(file) {
            Ok(handle) => Box::new(handle),
            Err(error) => {
                return fail_whole(
                    &path,
                    IngestError::Io {
                        at: path.clone(),
                        source: error,
                    },
                )
            }
        },
        Source::Stdin => Box::new(std::io::stdin()),
    };
    read_from(&path, raw, cfg)
}

/// Reads documents from any byte stream; `path` names it in [`InputRef::path`] and messages,
/// and its extension breaks ties when sniffing. Used for stdin, uploads and tests.
pub fn read_from(path: &str, raw: Box<dyn Read + Send>, cfg: &IngestConfig) -> Documents {
    let _span = tracing::debug_span!("ingest", input = path).entered();
    match open(path, raw, cfg) {
        Ok(documents) => documents,
        Err(error) => fail_whole(path, error),
    }
}

fn fail_whole(path: &str, error: IngestError) -> Documents {
    let input = InputRef {
        path: path.to_string(),
        ..Default::default()
    };
    Box::new(std::iter::once(Err(IngestFailure::new(input, error))))
}

/// Opens the input, recognises its format and hands it to the matching reader.
fn open(
    path: &str,
    raw: Box<dyn Read + Send>,
    cfg: &IngestConfig,
) -> Result<Documents, IngestError> {
    let opened = gzip::open(raw, cfg, path)?;
    if opened.gzip_layers > 0 {
        tracing::debug!(
            input = path,
            layers = opened.gzip_layers,
            "decompressing gzip"
        );
    }
    let mut info = InputInfo {
        path: path.to_string(),
        cfg: cfg.clone(),
        transcoded: None,
        warnings: Vec::new(),
    };
    let (mut reader, prefix) = (opened.reader, opened.prefix);
    if encoding::is_utf16(&prefix) {
        // Line splitting and sniffing work on ASCII-compatible bytes: transcode UTF-16 first.
        let bounded = limits::read_bounded(&mut reader, cfg.max_bytes, path)?;
        info.warnings.extend(bounded.truncation);
        let decoded = encoding::decode(bounded.bytes, Markup::Plain, Context::default());
        info.transcoded = Some(decoded.encoding);
        info.warnings.extend(decoded.warnings);
        let bytes = decoded.text.into_bytes();
        let prefix = bytes[..bytes.len().min(gzip::PREFIX_LEN)].to_vec();
        return dispatch(info, Box::new(Cursor::new(bytes)), &prefix);
    }
    dispatch(info, reader, &prefix)
}

fn dispatch(
    info: InputInfo,
    reader: Box<dyn Read + Send>,
    prefix: &[u8],
) -> Result<Documents, IngestError> {
    let sniffed = sniff::sniff(prefix, &info.path);
    tracing::debug!(input = %info.path, format = ?sniffed, "sniffed");
    let at = info.path.clone();
    match sniffed {
        Sniffed::Html => document::read_single(info, reader, document::Kind::Html),
        Sniffed::Text => document::read_single(info, reader, document::Kind::Text),
        // A prefix of only whitespace may hide text further on; read it whole to be sure.
        Sniffed::Empty if prefix.len() >= gzip::PREFIX_LEN => {
            document::read_single(info, reader, document::Kind::Sniff)
        }
        Sniffed::Empty => Err(IngestError::Empty { at }),
        Sniffed::JsonLines => Ok(jsonl::read_lines(info, reader)),
        Sniffed::JsonDocument => jsonl::read_document(info, reader),
        Sniffed::Warc => Ok(warc::read_records(info, reader)),
        Sniffed::Feed => feed::read_feed(info, reader),
        Sniffed::Binary(detail) => Err(IngestError::Binary { at, detail }),
        Sniffed::Unsupported(detail) => Err(IngestError::Unsupported { at, detail }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_bytes(path: &str, bytes: &[u8]) -> Vec<Result<RawDocument, IngestFailure>> {
        read_from(
            path,
            Box::new(Cursor::new(bytes.to_vec())),
            &IngestConfig::default(),
        )
        .collect()
    }

    #[test]
    fn missing_file_is_an_io_failure() {
        let source = Source::File(PathBuf::from("/nonexistent/veille/input.html"));
        let results: Vec<_> = read(&source, &IngestConfig::default()).collect();
        assert_eq!(results.len(), 1);
        let failure = results[0].as_ref().unwrap_err();
        assert_eq!(failure.error.code(), "io");
        assert!(failure
            .to_string()
            .contains("/nonexistent/veille/input.html"));
    }

    #[test]
    fn empty_input_is_an_empty_failure() {
        let results = read_bytes("empty.txt", b"");
        assert_eq!(results[0].as_ref().unwrap_err().error.code(), "empty");
        let results = read_bytes("blank.txt", b"  \n\n\t ");
        assert_eq!(results[0].as_ref().unwrap_err().error.code(), "empty");
    }

    #[test]
    fn utf16_jsonl_is_transcoded_before_line_splitting() {
        let text = "{\"title\": \"Ünïcödé\", \"text\": \"Körper\"}\n{\"text\": \"zwei\"}\n";
        let mut bytes = vec![0xFF, 0xFE];
        for unit in text.encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let results = read_bytes("u16.jsonl", &bytes);
        assert_eq!(results.len(), 2);
        let first = results[0].as_ref().unwrap();
        assert_eq!(first.hints.title.as_deref(), Some("Ünïcödé"));
        assert_eq!(first.encoding, "utf-16le (byte order mark)");
    }

    #[test]
    fn whitespace_prefix_longer_than_the_sniff_window_is_read_whole() {
        let mut bytes = vec![b' '; gzip::PREFIX_LEN + 10];
        bytes.extend(b"Enfin du texte.");
        let results = read_bytes("padded.txt", &bytes);
        let doc = results[0].as_ref().unwrap();
        assert!(doc.body.ends_with("Enfin du texte."));
    }
}
