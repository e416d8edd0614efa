//! Integration tests of `veille-ingest` through its public API: real formats from the
//! self-written fixtures in `fixtures/ingest/`, hostile inputs, and no-panic properties.

mod formats;
mod hostile;
mod properties;

use std::io::Cursor;
use std::path::PathBuf;

use veille_ingest::{read_from, IngestConfig, IngestFailure};
use veille_model::RawDocument;

/// Path of a fixture file.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/ingest")
        .join(name)
}

/// Reads in-memory bytes as if they were a file called `name`.
pub fn read_bytes(name: &str, bytes: Vec<u8>) -> Vec<Result<RawDocument, IngestFailure>> {
    read_with(name, bytes, &IngestConfig::default())
}

/// Same as [`read_bytes`] with explicit limits.
pub fn read_with(
    name: &str,
    bytes: Vec<u8>,
    cfg: &IngestConfig,
) -> Vec<Result<RawDocument, IngestFailure>> {
    read_from(name, Box::new(Cursor::new(bytes)), cfg).collect()
}

/// The error code of a single-failure result list.
pub fn only_error_code(results: &[Result<RawDocument, IngestFailure>]) -> &'static str {
    assert_eq!(
        results.len(),
        1,
        "expected one result, got {}",
        results.len()
    );
    match &results[0] {
        Ok(doc) => panic!("expected a failure, got a document from {}", doc.input),
        Err(failure) => failure.error.code(),
    }
}

/// Gzips bytes in memory.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}
