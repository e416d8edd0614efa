//! WARC files (ISO 28500, versions 0.17 to 1.1): `response` and `resource` records become
//! documents; `request`, `metadata`, `warcinfo`, `revisit` and `conversion` records are skipped.
//!
//! Records are streamed one at a time: a WARC file may be many gigabytes, but only one record
//! block (at most [`crate::IngestConfig::max_record_bytes`]) is in memory. A `.warc.gz` is a
//! series of gzip members, one per record, which [`crate::gzip`] decompresses as one stream.
//!
//! For a response, the HTTP headers give the charset (`Content-Type`), the language
//! (`Content-Language`) and the codings to undo; non-2xx responses and payloads that are neither
//! HTML nor plain text (images, scripts, PDFs) are skipped. `WARC-Target-URI` becomes
//! [`veille_model::InputRef::url`], `WARC-Record-ID` the external id, `WARC-Date` the fetch date
//! (the HTTP `Date` when the record has no `WARC-Date`). `record` counts every record of the file
//! from 0, skipped ones included, so that it locates the record in the file.

use std::io::{self, BufRead, BufReader, Read};

use veille_model::{BodyKind, Hints, RawDocument, SourceFormat};

use crate::encoding::{charset_param, Context, Markup};
use crate::error::{location, IngestError, IngestFailure};
use crate::http::{self, CodingError};
use crate::limits::classify;
use crate::normalize::clean_hint;
use crate::sniff::{self, Sniffed};
use crate::{Documents, InputInfo};

/// Longest WARC header line accepted.
const MAX_LINE: u64 = 64 * 1024;
/// Most header fields accepted in one WARC record.
const MAX_FIELDS: usize = 512;

/// The named fields of one WARC record header.
#[derive(Debug, Default)]
struct Header {
    fields: Vec<(String, String)>,
}

impl Header {
    fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// What a record header read produced.
enum HeaderRead {
    /// A record header.
    Header(Header),
    /// End of input.
    End,
}

/// Streams the documents of a WARC file.
struct WarcRecords {
    reader: Box<dyn BufRead + Send>,
    info: InputInfo,
    /// 0-based number of the next record.
    index: u64,
    done: bool,
}

/// Strips the angle brackets WARC 1.0 puts around URIs (`<urn:uuid:…>`).
fn unbracket(value: &str) -> &str {
    let value = value.trim();
    value
        .strip_prefix('<')
        .and_then(|v| v.strip_suffix('>'))
        .unwrap_or(value)
}

/// Media type of a `Content-Type` value, lower-cased, without parameters.
fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

impl WarcRecords {
    /// Reads one line of at most [`MAX_LINE`] bytes into `line`; false at end of input.
    fn read_line(&mut self, line: &mut Vec<u8>) -> io::Result<bool> {
        line.clear();
        let n = (&mut self.reader).take(MAX_LINE).read_until(b'\n', line)?;
        Ok(n > 0)
    }

    /// Finds and reads the next record header, skipping blank lines and, after a damaged record,
    /// anything up to the next `WARC/` version line.
    fn read_header(&mut self) -> io::Result<HeaderRead> {
        let mut line = Vec::new();
        let mut skipped: u64 = 0;
        loop {
            if !self.read_line(&mut line)? {
                return Ok(HeaderRead::End);
            }
            if line.starts_with(b"WARC/") {
                break;
            }
            if !line.trim_ascii().is_empty() {
                skipped += line.len() as u64;
            }
        }
        if skipped > 0 {
            tracing::warn!(
                input = %self.info.path,
                "skipped {skipped} bytes of unexpected data before WARC record {}",
                self.index + 1
            );
        }
        let mut header = Header::default();
        loop {
            if !self.read_line(&mut line)? {
                // A header cut off by the end of the file: the caller reports the record.
                break;
            }
            let text = String::from_utf8_lossy(line.trim_ascii_end());
            if text.is_empty() {
                break;
            }
            if text.starts_with([' ', '\t']) {
                if let Some((_, value)) = header.fields.last_mut() {
                    value.push(' ');
                    value.push_str(text.trim());
                }
            } else if let Some((name, value)) = text.split_once(':') {
                if header.fields.len() < MAX_FIELDS {
                    header
                        .fields
                        .push((name.trim().to_string(), value.trim().to_string()));
                }
            }
        }
        Ok(HeaderRead::Header(header))
    }

    fn failure(&self, record: u64, error: IngestError) -> IngestFailure {
        IngestFailure::new(self.info.input_ref(Some(record)), error)
    }

    /// Reads the next item: a document, a failure, or `None` for a skipped record (`Some(None)`)
    /// and end of input (`None`).
    fn next_record(&mut self) -> Option<Option<Result<RawDocument, IngestFailure>>> {
        let record = self.index;
        let at = location(&self.info.path, "record", Some(record));
        let header = match self.read_header() {
            Ok(HeaderRead::Header(header)) => header,
            Ok(HeaderRead::End) => return None,
            Err(error) => {
                self.done = true;
                return Some(Some(Err(self.failure(record, classify(error, &at)))));
            }
        };
        self.index += 1;
        let length = header
            .get("Content-Length")
            .and_then(|v| v.trim().parse::<u64>().ok());
        let Some(length) = length else {
            // Without a length the block cannot be skipped precisely; the next header read
            // resynchronises on the following `WARC/` line.
            let error = IngestError::Malformed {
                at,
                detail: "WARC record without a valid Content-Length".into(),
            };
            return Some(Some(Err(self.failure(record, error))));
        };
        let kind = header
            .get("WARC-Type")
            .unwrap_or_default()
            .to_ascii_lowercase();
        let wanted = kind == "response" || kind == "resource";
        if !wanted || length > self.info.cfg.max_record_bytes {
            return match io::copy(&mut (&mut self.reader).take(length), &mut io::sink()) {
                Err(error) => {
                    self.done = true;
                    Some(Some(Err(self.failure(record, classify(error, &at)))))
                }
                Ok(_) if !wanted => Some(None),
                Ok(_) => {
                    let limit = self.info.cfg.max_record_bytes;
                    Some(Some(Err(
                        self.failure(record, IngestError::TooLarge { at, limit })
                    )))
                }
            };
        }
        let mut block = Vec::with_capacity(length.min(1 << 20) as usize);
        if let Err(error) = (&mut self.reader).take(length).read_to_end(&mut block) {
            self.done = true;
            return Some(Some(Err(self.failure(record, classify(error, &at)))));
        }
        if (block.len() as u64) < length {
            self.done = true;
            let error = IngestError::Malformed {
                at,
                detail: format!(
                    "record block truncated: {} of {length} bytes before end of file",
                    block.len()
                ),
            };
            return Some(Some(Err(self.failure(record, error))));
        }
        Some(self.build(&header, &kind, block, record, &at))
    }

    /// Turns a response or resource block into a document; `None` when the record is skipped.
    fn build(
        &self,
        header: &Header,
        kind: &str,
        block: Vec<u8>,
        record: u64,
        at: &str,
    ) -> Option<Result<RawDocument, IngestFailure>> {
        let warc_type = header.get("Content-Type").unwrap_or_default();
        let is_http = kind == "response"
            && (media_type(warc_type) == "application/http" || block.starts_with(b"HTTP/"));
        let mut warnings = self.info.warnings.clone();
        let (payload, content_type, language, http_date) = if is_http {
            let response = match http::parse_response(&block) {
                Ok(response) => response,
                Err(detail) => {
                    let error = IngestError::Malformed {
                        at: at.to_string(),
                        detail,
                    };
                    return Some(Err(self.failure(record, error)));
                }
            };
            if !(200..300).contains(&response.status) {
                tracing::debug!(
                    input = at,
                    status = response.status,
                    "skipping non-2xx response"
                );
                return None;
            }
            let chunked = response
                .header("transfer-encoding")
                .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
            let (body, warning) = if chunked {
                http::dechunk(response.body)
            } else {
                (response.body.to_vec(), None)
            };
            warnings.extend(warning);
            let limit = self.info.cfg.max_record_bytes;
            let (body, warning) =
                match http::decode_content(body, response.header("content-encoding"), limit) {
                    Ok(decoded) => decoded,
                    Err(CodingError::TooLarge(limit)) => {
                        let error = IngestError::TooLarge {
                            at: at.to_string(),
                            limit,
                        };
                        return Some(Err(self.failure(record, error)));
                    }
                    Err(CodingError::Unsupported(detail)) => {
                        let error = IngestError::Unsupported {
                            at: at.to_string(),
                            detail,
                        };
                        return Some(Err(self.failure(record, error)));
                    }
                };
            warnings.extend(warning);
            let content_type = response.header("content-type").map(str::to_string);
            let language = response.header("content-language").map(str::to_string);
            let date = response.header("date").map(str::to_string);
            (body, content_type, language, date)
        } else {
            let content_type = header.get("Content-Type").map(str::to_string);
            (block, content_type, None, None)
        };
        let media = content_type.as_deref().map(media_type).unwrap_or_default();
        let body_kind = match media.as_str() {
            "text/html" | "application/xhtml+xml" => BodyKind::Html,
            "text/plain" => BodyKind::Text,
            // No usable type: decide from the content.
            "" | "application/octet-stream" => {
                match sniff::sniff(&payload[..payload.len().min(8192)], "") {
                    Sniffed::Html => BodyKind::Html,
                    Sniffed::Text => BodyKind::Text,
                    _ => return None,
                }
            }
            _ => {
                tracing::debug!(input = at, media = %media, "skipping non-text payload");
                return None;
            }
        };
        if let Some(Sniffed::Binary(detail)) =
            sniff::binary_verdict(&payload[..payload.len().min(8192)])
        {
            let error = IngestError::Binary {
                at: at.to_string(),
                detail,
            };
            return Some(Err(self.failure(record, error)));
        }
        let url = header.get("WARC-Target-URI").map(unbracket);
        let context = Context {
            transport_charset: content_type.as_deref().and_then(charset_param),
            url,
        };
        let markup = match body_kind {
            BodyKind::Html => Markup::Html,
            BodyKind::Text => Markup::Plain,
        };
        let decoded = self.info.decode(payload, markup, context);
        if decoded.text.trim().is_empty() {
            let error = IngestError::Empty { at: at.to_string() };
            return Some(Err(self.failure(record, error)));
        }
        warnings.extend(decoded.warnings);
        let mut input = self.info.input_ref(Some(record));
        input.url = url.and_then(clean_hint);
        input.external_id = header
            .get("WARC-Record-ID")
            .map(unbracket)
            .and_then(clean_hint);
        let hints = Hints {
            fetched: header
                .get("WARC-Date")
                .or(http_date.as_deref())
                .and_then(clean_hint),
            language: language
                .as_deref()
                .and_then(|l| l.split(',').next())
                .and_then(clean_hint),
            ..Hints::default()
        };
        Some(Ok(RawDocument {
            input,
            format: SourceFormat::Warc,
            body_kind,
            body: decoded.text,
            encoding: decoded.encoding,
            hints,
            warnings,
        }))
    }
}

impl Iterator for WarcRecords {
    type Item = Result<RawDocument, IngestFailure>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.next_record() {
                None => self.done = true,
                Some(None) => {}
                Some(Some(item)) => return Some(item),
            }
        }
        None
    }
}

/// Streams the documents of a WARC file.
pub(crate) fn read_records(info: InputInfo, reader: Box<dyn Read + Send>) -> Documents {
    Box::new(WarcRecords {
        reader: Box::new(BufReader::with_capacity(256 * 1024, reader)),
        info,
        index: 0,
        done: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::IngestConfig;
    use std::io::Cursor;

    /// Builds one WARC record with a correct Content-Length.
    fn record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n\
             WARC-Date: 2024-05-06T07:08:09Z\r\nWARC-Record-ID: <urn:uuid:{kind}-{}>\r\n\
             Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            block.len(),
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    fn read_warc(bytes: Vec<u8>) -> Vec<Result<RawDocument, IngestFailure>> {
        let info = InputInfo {
            path: "crawl.warc".into(),
            cfg: IngestConfig::default(),
            transcoded: None,
            warnings: Vec::new(),
        };
        read_records(info, Box::new(Cursor::new(bytes))).collect()
    }

    #[test]
    fn skips_non_html_payloads_and_error_statuses() {
        let mut warc = record(
            "response",
            "http://a.example/logo.png",
            "application/http; msgtype=response",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
        );
        warc.extend(record(
            "response",
            "http://a.example/gone",
            "application/http; msgtype=response",
            b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>gone</p>",
        ));
        warc.extend(record(
            "resource",
            "file:///notes.txt",
            "text/plain",
            b"Notes de terrain.",
        ));
        let results = read_warc(warc);
        assert_eq!(results.len(), 1);
        let doc = results[0].as_ref().unwrap();
        assert_eq!(doc.input.record, Some(2));
        assert_eq!(doc.body_kind, BodyKind::Text);
        assert_eq!(doc.body, "Notes de terrain.");
    }

    #[test]
    fn chunked_gzipped_response_is_decoded() {
        use flate2::write::GzEncoder;
        use std::io::Write;
        let mut encoder = GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder
            .write_all(b"<html><p>Compressed and chunked</p></html>")
            .unwrap();
        let zipped = encoder.finish().unwrap();
        let mut block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\
            Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n"
            .to_vec();
        block.extend(format!("{:x}\r\n", zipped.len()).as_bytes());
        block.extend(&zipped);
        block.extend(b"\r\n0\r\n\r\n");
        let results = read_warc(record(
            "response",
            "http://b.example/",
            "application/http",
            &block,
        ));
        let doc = results[0].as_ref().unwrap();
        assert_eq!(doc.body, "<html><p>Compressed and chunked</p></html>");
    }

    #[test]
    fn missing_content_length_fails_the_record_and_resynchronises() {
        let mut warc = b"WARC/1.0\r\nWARC-Type: response\r\n\r\ngarbage line\r\n\r\n".to_vec();
        warc.extend(record(
            "resource",
            "file:///b.txt",
            "text/plain",
            b"Second record.",
        ));
        let results = read_warc(warc);
        assert_eq!(results.len(), 2);
        assert_eq!(results[0].as_ref().unwrap_err().error.code(), "malformed");
        assert_eq!(results[1].as_ref().unwrap().body, "Second record.");
    }

    #[test]
    fn truncated_block_is_malformed() {
        let mut warc = record(
            "resource",
            "file:///c.txt",
            "text/plain",
            b"Complete text here.",
        );
        warc.truncate(warc.len() - 12);
        let results = read_warc(warc);
        let failure = results[0].as_ref().unwrap_err();
        assert_eq!(failure.error.code(), "malformed");
        assert!(failure.to_string().contains("truncated"));
    }

    #[test]
    fn unbracket_and_media_type() {
        assert_eq!(unbracket(" <urn:uuid:1> "), "urn:uuid:1");
        assert_eq!(unbracket("http://x/"), "http://x/");
        assert_eq!(media_type("Text/HTML; charset=utf-8"), "text/html");
    }
}
