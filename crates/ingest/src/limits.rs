//! Bounded reading: byte counters, the decompression-ratio guard and reads capped at a limit.
//!
//! Every byte that ingest looks at goes through these readers, so that hostile input costs at
//! most `max_bytes` of memory per document and a gzip bomb is stopped after a few megabytes
//! instead of after gigabytes. Faults that are not plain IO errors (a tripped guard, a corrupt
//! gzip stream) travel through `std::io::Read` as [`StreamFault`] inside an `io::Error`, and
//! [`classify`] turns them back into [`IngestError`]s.

use std::io::{self, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use crate::error::IngestError;

/// A fault raised inside a reader chain, carried through `io::Error::other`.
#[derive(Debug, thiserror::Error)]
pub(crate) enum StreamFault {
    /// Decompressed output grew too far beyond the compressed input.
    #[error(
        "{produced} bytes decompressed from {consumed} compressed bytes (ratio above {max_ratio})"
    )]
    Bomb {
        /// Bytes produced by decompression so far.
        produced: u64,
        /// Compressed bytes consumed so far.
        consumed: u64,
        /// The configured ratio limit.
        max_ratio: u64,
    },
    /// The gzip stream is truncated or corrupt.
    #[error("gzip stream is {0}")]
    Gzip(String),
}

impl StreamFault {
    fn into_io(self) -> io::Error {
        io::Error::other(self)
    }
}

/// Finds our fault inside an `io::Error`, if it carries one.
pub(crate) fn fault_of(error: &io::Error) -> Option<&StreamFault> {
    error
        .get_ref()
        .and_then(|e| e.downcast_ref::<StreamFault>())
}

/// Turns an IO error from a reader chain into the matching ingest error.
pub(crate) fn classify(error: io::Error, at: &str) -> IngestError {
    match fault_of(&error) {
        Some(StreamFault::Bomb { .. }) => IngestError::DecompressionBomb {
            at: at.to_string(),
            detail: error.to_string(),
        },
        Some(StreamFault::Gzip(_)) => IngestError::Malformed {
            at: at.to_string(),
            detail: error.to_string(),
        },
        None => IngestError::Io {
            at: at.to_string(),
            source: error,
        },
    }
}

/// Counts the bytes read from the raw (compressed) input, shared with the ratio guard.
pub(crate) struct CountingReader<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> CountingReader<R> {
    /// Wraps `inner`; the returned counter follows every byte read.
    pub(crate) fn new(inner: R) -> (Self, Arc<AtomicU64>) {
        let count = Arc::new(AtomicU64::new(0));
        (
            Self {
                inner,
                count: Arc::clone(&count),
            },
            count,
        )
    }
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Marks errors of a gzip decoder as [`StreamFault::Gzip`], so that a truncated archive is
/// told apart from an unreadable disk.
pub(crate) struct GzipErrors<R> {
    inner: R,
}

impl<R> GzipErrors<R> {
    pub(crate) fn new(inner: R) -> Self {
        Self { inner }
    }
}

impl<R: Read> Read for GzipErrors<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.inner.read(buf).map_err(|error| {
            if fault_of(&error).is_some() {
                return error;
            }
            match error.kind() {
                io::ErrorKind::UnexpectedEof => {
                    StreamFault::Gzip("truncated (unexpected end of file)".into()).into_io()
                }
                io::ErrorKind::InvalidData | io::ErrorKind::InvalidInput => {
                    StreamFault::Gzip(format!("corrupt ({error})")).into_io()
                }
                _ => error,
            }
        })
    }
}

/// Stops decompression whose output outgrows its compressed input by more than `max_ratio`,
/// once more than `grace` bytes came out (small files may legitimately compress very well).
pub(crate) struct RatioGuard<R> {
    inner: R,
    consumed: Arc<AtomicU64>,
    produced: u64,
    max_ratio: u64,
    grace: u64,
}

impl<R: Read> RatioGuard<R> {
    pub(crate) fn new(inner: R, consumed: Arc<AtomicU64>, max_ratio: u64, grace: u64) -> Self {
        Self {
            inner,
            consumed,
            produced: 0,
            max_ratio: max_ratio.max(1),
            grace,
        }
    }
}

impl<R: Read> Read for RatioGuard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.produced += n as u64;
        if self.produced > self.grace {
            let consumed = self.consumed.load(Ordering::Relaxed).max(1);
            if self.produced / consumed > self.max_ratio {
                return Err(StreamFault::Bomb {
                    produced: self.produced,
                    consumed,
                    max_ratio: self.max_ratio,
                }
                .into_io());
            }
        }
        Ok(n)
    }
}

/// The bytes of a whole input, read under a limit.
#[derive(Debug)]
pub(crate) struct Bounded {
    /// What was read.
    pub bytes: Vec<u8>,
    /// Set when a gzip stream broke off and only its beginning was kept.
    pub truncation: Option<String>,
}

/// Reads everything from `reader`, failing with `too_large` past `limit` bytes. A gzip stream that
/// breaks off after some data keeps what was decoded, with a warning; one that yields nothing is
/// `malformed`.
pub(crate) fn read_bounded(
    reader: &mut dyn Read,
    limit: u64,
    at: &str,
) -> Result<Bounded, IngestError> {
    let mut bytes = Vec::new();
    let mut limited = reader.take(limit.saturating_add(1));
    match limited.read_to_end(&mut bytes) {
        Ok(_) => {}
        Err(error) => {
            let truncated = matches!(fault_of(&error), Some(StreamFault::Gzip(_)));
            if truncated && !bytes.is_empty() {
                let warning = format!("{error}; kept the first {} decoded bytes", bytes.len());
                tracing::warn!(input = at, "{warning}");
                return Ok(Bounded {
                    bytes,
                    truncation: Some(warning),
                });
            }
            return Err(classify(error, at));
        }
    }
    if bytes.len() as u64 > limit {
        return Err(IngestError::TooLarge {
            at: at.to_string(),
            limit,
        });
    }
    Ok(Bounded {
        bytes,
        truncation: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counting_reader_counts_every_byte() {
        let (mut reader, count) = CountingReader::new(&b"hello world"[..]);
        let mut out = Vec::new();
        reader.read_to_end(&mut out).unwrap();
        assert_eq!(count.load(Ordering::Relaxed), 11);
    }

    #[test]
    fn read_bounded_rejects_one_byte_over_the_limit() {
        let data = [b'a'; 101];
        let error = read_bounded(&mut &data[..], 100, "x").unwrap_err();
        assert_eq!(error.code(), "too_large");
        let ok = read_bounded(&mut &data[..100], 100, "x").unwrap();
        assert_eq!(ok.bytes.len(), 100);
    }

    #[test]
    fn ratio_guard_trips_past_grace_only() {
        let consumed = Arc::new(AtomicU64::new(10));
        let data = vec![0u8; 5000];
        // 5000 bytes out of 10 consumed is a ratio of 500, but under the grace allowance.
        let mut guard = RatioGuard::new(&data[..], Arc::clone(&consumed), 100, 10_000);
        let mut out = Vec::new();
        assert!(guard.read_to_end(&mut out).is_ok());
        let mut guard = RatioGuard::new(&data[..], consumed, 100, 1000);
        let error = guard.read_to_end(&mut Vec::new()).unwrap_err();
        assert!(matches!(fault_of(&error), Some(StreamFault::Bomb { .. })));
        assert_eq!(classify(error, "x").code(), "decompression_bomb");
    }

    #[test]
    fn gzip_errors_are_marked_and_plain_io_errors_are_not() {
        struct Failing(io::ErrorKind);
        impl Read for Failing {
            fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
                Err(io::Error::new(self.0, "failing"))
            }
        }
        let error = GzipErrors::new(Failing(io::ErrorKind::UnexpectedEof))
            .read(&mut [0; 4])
            .unwrap_err();
        assert_eq!(classify(error, "x").code(), "malformed");
        let error = GzipErrors::new(Failing(io::ErrorKind::PermissionDenied))
            .read(&mut [0; 4])
            .unwrap_err();
        assert_eq!(classify(error, "x").code(), "io");
    }
}
