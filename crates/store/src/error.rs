//! The store's error type: every failure names the archive path or the record involved.

use std::path::PathBuf;

/// Errors of the archive.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A file of the archive could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The directory holds something that is not a veille archive.
    #[error("{path} is not a veille archive: {reason}")]
    NotAnArchive {
        /// The data directory.
        path: PathBuf,
        /// What was found instead.
        reason: String,
    },
    /// No archive exists at the path and it was not asked to create one.
    #[error("no archive at {0} (run `veille ingest` first, or pass --data)")]
    Missing(PathBuf),
    /// The archive was written by a newer veille.
    #[error(
        "{path}: archive {what} version {found} is newer than this veille supports ({supported})"
    )]
    TooNew {
        /// The data directory.
        path: PathBuf,
        /// Which version (`format` or `schema`).
        what: &'static str,
        /// Version found on disk.
        found: i64,
        /// Highest version this build knows.
        supported: i64,
    },
    /// Another process holds the archive for writing.
    #[error("{0} is being written by another veille process; wait for it to finish")]
    Busy(PathBuf),
    /// SQLite failed.
    #[error("archive database {path}: {source}")]
    Sqlite {
        /// The database file.
        path: PathBuf,
        /// The cause.
        source: rusqlite::Error,
    },
    /// The full-text index failed.
    #[error("full-text index {path}: {source}")]
    Index {
        /// The index directory.
        path: PathBuf,
        /// The cause.
        source: tantivy::TantivyError,
    },
    /// A stored record could not be decoded.
    #[error("stored record {id} is corrupt: {reason}")]
    Corrupt {
        /// The record's id.
        id: String,
        /// What failed.
        reason: String,
    },
    /// The search query could not be understood.
    #[error("invalid query: {0}")]
    Query(String),
    /// The archive was opened read-only and a write was attempted.
    #[error("the archive was opened read-only")]
    ReadOnly,
}

/// Result alias of the store.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
