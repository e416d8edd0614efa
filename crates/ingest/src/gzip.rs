//! Opening an input: gzip layers recognised by their magic bytes (not by the file name),
//! decompressed as a stream behind the ratio guard, plus a peek at the first bytes for sniffing.
//!
//! `.warc.gz` files are many gzip members back to back (one per record), and so are files made
//! with `cat a.gz b.gz`, so decompression uses [`MultiGzDecoder`]. Nested gzip (a `.gz` of a
//! `.gz`) is unwrapped up to [`crate::IngestConfig::max_gzip_depth`] layers.

use std::io::{self, Cursor, Read};

use flate2::read::MultiGzDecoder;

use crate::error::IngestError;
use crate::limits::{classify, CountingReader, GzipErrors, RatioGuard};
use crate::IngestConfig;

/// How many leading bytes are kept for sniffing the format and the encoding.
pub(crate) const PREFIX_LEN: usize = 8 * 1024;

/// Bytes of decompressed output allowed before the ratio guard starts checking: small, highly
/// repetitive files may legitimately compress far better than any bomb threshold.
const RATIO_GRACE_BYTES: u64 = 8 * 1024 * 1024;

/// An input ready to be read: decompressed, with its first bytes kept aside for sniffing.
pub(crate) struct Opened {
    /// The whole decompressed content, the prefix included.
    pub reader: Box<dyn Read + Send>,
    /// The first (up to [`PREFIX_LEN`]) decompressed bytes.
    pub prefix: Vec<u8>,
    /// How many gzip layers were removed.
    pub gzip_layers: u32,
}

/// Yields one stored error, then end of file: lets a read that failed during the peek report its
/// error after the bytes that did arrive.
struct DeferredError(Option<io::Error>);

impl Read for DeferredError {
    fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
        match self.0.take() {
            Some(error) => Err(error),
            None => Ok(0),
        }
    }
}

/// Reads up to `len` bytes and gives back a reader that still yields them first.
fn peek(
    mut reader: Box<dyn Read + Send>,
    len: usize,
    at: &str,
) -> Result<(Vec<u8>, Box<dyn Read + Send>), IngestError> {
    let mut prefix = vec![0u8; len];
    let mut filled = 0;
    let mut deferred = None;
    while filled < len {
        match reader.read(&mut prefix[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) if filled == 0 => return Err(classify(error, at)),
            Err(error) => {
                deferred = Some(error);
                break;
            }
        }
    }
    prefix.truncate(filled);
    let head = Cursor::new(prefix.clone());
    let rest: Box<dyn Read + Send> = match deferred {
        Some(error) => Box::new(head.chain(DeferredError(Some(error)))),
        None => Box::new(head.chain(reader)),
    };
    Ok((prefix, rest))
}

/// Whether `bytes` start with the gzip magic number and the deflate method byte.
pub(crate) fn is_gzip(bytes: &[u8]) -> bool {
    bytes.len() >= 3 && bytes[0] == 0x1f && bytes[1] == 0x8b && bytes[2] == 0x08
}

/// Opens `raw`, removing gzip layers found by magic bytes.
pub(crate) fn open(
    raw: Box<dyn Read + Send>,
    cfg: &IngestConfig,
    at: &str,
) -> Result<Opened, IngestError> {
    let (counting, consumed) = CountingReader::new(raw);
    let mut reader: Box<dyn Read + Send> = Box::new(counting);
    let mut gzip_layers = 0;
    loop {
        let (prefix, rest) = peek(reader, PREFIX_LEN, at)?;
        if !is_gzip(&prefix) {
            return Ok(Opened {
                reader: rest,
                prefix,
                gzip_layers,
            });
        }
        if gzip_layers >= cfg.max_gzip_depth {
            return Err(IngestError::Unsupported {
                at: at.to_string(),
                detail: format!("gzip nested more than {} layers deep", cfg.max_gzip_depth),
            });
        }
        gzip_layers += 1;
        let decoder = GzipErrors::new(MultiGzDecoder::new(rest));
        reader = Box::new(RatioGuard::new(
            decoder,
            std::sync::Arc::clone(&consumed),
            cfg.max_ratio,
            RATIO_GRACE_BYTES,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use flate2::Compression;
    use std::io::Write;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
        encoder.write_all(data).unwrap();
        encoder.finish().unwrap()
    }

    fn read_all(opened: Opened) -> Vec<u8> {
        let mut out = Vec::new();
        let mut reader = opened.reader;
        reader.read_to_end(&mut out).unwrap();
        out
    }

    #[test]
    fn plain_input_passes_through_with_its_prefix() {
        let data = b"Bonjour tout le monde".to_vec();
        let opened = open(
            Box::new(Cursor::new(data.clone())),
            &IngestConfig::default(),
            "x",
        )
        .unwrap();
        assert_eq!(opened.prefix, data);
        assert_eq!(opened.gzip_layers, 0);
        assert_eq!(read_all(opened), data);
    }

    #[test]
    fn nested_gzip_is_unwrapped_by_magic_bytes() {
        let data = b"<html><body><p>Hallo Welt</p></body></html>".to_vec();
        let twice = gzip(&gzip(&data));
        let opened = open(Box::new(Cursor::new(twice)), &IngestConfig::default(), "x").unwrap();
        assert_eq!(opened.gzip_layers, 2);
        assert_eq!(read_all(opened), data);
    }

    #[test]
    fn gzip_deeper_than_the_limit_is_unsupported() {
        let mut data = b"texte".to_vec();
        for _ in 0..5 {
            data = gzip(&data);
        }
        let error = open(Box::new(Cursor::new(data)), &IngestConfig::default(), "x")
            .err()
            .unwrap();
        assert_eq!(error.code(), "unsupported");
    }

    #[test]
    fn concatenated_members_are_all_read() {
        let mut data = gzip(b"first member\n");
        data.extend(gzip(b"second member\n"));
        let opened = open(Box::new(Cursor::new(data)), &IngestConfig::default(), "x").unwrap();
        assert_eq!(read_all(opened), b"first member\nsecond member\n");
    }

    #[test]
    fn long_input_keeps_only_a_prefix_aside() {
        let data = vec![b'z'; PREFIX_LEN * 3];
        let opened = open(
            Box::new(Cursor::new(data.clone())),
            &IngestConfig::default(),
            "x",
        )
        .unwrap();
        assert_eq!(opened.prefix.len(), PREFIX_LEN);
        assert_eq!(read_all(opened).len(), data.len());
    }
}
