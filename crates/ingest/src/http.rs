//! HTTP responses as stored in WARC `response` records: status line, headers, and a body that may
//! still carry its transfer coding (`chunked`) and content coding (`gzip`, `deflate`).
//!
//! Crawlers differ in what they store: some keep the bytes exactly as received, others strip the
//! codings but keep the headers. So each coding is undone only when the body really has it (a
//! chunk-size line, gzip magic bytes); otherwise the body is used as it is.

use std::io::Read;

use flate2::read::{GzDecoder, ZlibDecoder};

use crate::gzip::is_gzip;

/// Longest header section accepted; real ones are a few kilobytes.
const MAX_HEADER_LEN: usize = 64 * 1024;

/// A parsed HTTP response.
#[derive(Debug)]
pub(crate) struct Response<'a> {
    /// Status code.
    pub status: u16,
    /// Header fields, names lower-cased, in order.
    pub headers: Vec<(String, String)>,
    /// The body as stored.
    pub body: &'a [u8],
}

impl Response<'_> {
    /// First value of a header, by lower-case name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// Splits `block` into header section and body at the first blank line (CRLF or bare LF).
fn split_head(block: &[u8]) -> Option<(&[u8], &[u8])> {
    let window = &block[..block.len().min(MAX_HEADER_LEN)];
    let crlf = memchr::memmem::find(window, b"\r\n\r\n").map(|at| (at, 4));
    let lf = memchr::memmem::find(window, b"\n\n").map(|at| (at, 2));
    let (at, len) = match (crlf, lf) {
        (Some(a), Some(b)) => {
            if a.0 <= b.0 {
                a
            } else {
                b
            }
        }
        (a, b) => a.or(b)?,
    };
    Some((&block[..at], &block[at + len..]))
}

/// Parses an HTTP response: `HTTP/1.x CODE reason`, headers, blank line, body.
pub(crate) fn parse_response(block: &[u8]) -> Result<Response<'_>, String> {
    let (head, body) = match split_head(block) {
        Some(parts) => parts,
        // Headers with no body at all (a bodiless redirect stored without the final blank line).
        None if block.len() <= MAX_HEADER_LEN => (block, &block[block.len()..]),
        None => return Err("no end of HTTP headers in the first 64 KB".into()),
    };
    let head = String::from_utf8_lossy(head);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or_default();
    let mut parts = status_line.split_whitespace();
    let version = parts.next().unwrap_or_default();
    if !version.starts_with("HTTP/") {
        return Err(format!(
            "not an HTTP status line: {:?}",
            truncate(status_line, 60)
        ));
    }
    let status = parts
        .next()
        .and_then(|code| code.parse::<u16>().ok())
        .ok_or_else(|| format!("no status code in {:?}", truncate(status_line, 60)))?;
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in lines {
        if line.starts_with([' ', '\t']) {
            // An obsolete folded continuation line belongs to the previous header.
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
            continue;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
    }
    Ok(Response {
        status,
        headers,
        body,
    })
}

/// At most `len` characters of `text`, for messages.
pub(crate) fn truncate(text: &str, len: usize) -> String {
    text.chars().take(len).collect()
}

/// Whether `body` starts like a chunked body: a hexadecimal size line.
fn looks_chunked(body: &[u8]) -> bool {
    let line_end = match memchr::memchr(b'\n', &body[..body.len().min(64)]) {
        Some(end) => end,
        None => return false,
    };
    let line = body[..line_end].trim_ascii();
    let size = line
        .split(|&b| b == b';')
        .next()
        .unwrap_or_default()
        .trim_ascii();
    !size.is_empty() && size.len() <= 16 && size.iter().all(u8::is_ascii_hexdigit)
}

/// Undoes `Transfer-Encoding: chunked`. A body that is not actually chunked is returned as is;
/// one that breaks off keeps the chunks read so far, with a warning.
pub(crate) fn dechunk(body: &[u8]) -> (Vec<u8>, Option<String>) {
    if !looks_chunked(body) {
        return (body.to_vec(), None);
    }
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let Some(line_end) = memchr::memchr(b'\n', rest) else {
            return (out, Some("chunked body ends without a last chunk".into()));
        };
        let line = rest[..line_end].trim_ascii();
        let size_text = line
            .split(|&b| b == b';')
            .next()
            .unwrap_or_default()
            .trim_ascii();
        let size = std::str::from_utf8(size_text)
            .ok()
            .and_then(|s| usize::from_str_radix(s, 16).ok());
        let Some(size) = size else {
            return (out, Some("chunked body has an invalid chunk size".into()));
        };
        rest = &rest[line_end + 1..];
        if size == 0 {
            return (out, None);
        }
        if size > rest.len() {
            out.extend_from_slice(rest);
            return (out, Some("chunked body is truncated".into()));
        }
        out.extend_from_slice(&rest[..size]);
        rest = &rest[size..];
        // Each chunk ends with CRLF.
        rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))
            .unwrap_or(rest);
    }
}

/// Why a content coding could not be undone.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum CodingError {
    /// The decoded body passed the limit (bytes).
    TooLarge(u64),
    /// The coding is not supported (brotli, zstd…).
    Unsupported(String),
}

/// Undoes `Content-Encoding` (gzip, x-gzip, deflate), reading at most `limit` decoded bytes.
/// A body without the coding's signature is returned unchanged (the crawler already decoded
/// it); a stream that breaks off keeps what was decoded, with a warning.
pub(crate) fn decode_content(
    body: Vec<u8>,
    coding: Option<&str>,
    limit: u64,
) -> Result<(Vec<u8>, Option<String>), CodingError> {
    let coding = coding
        .map(|c| c.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let decoder: Box<dyn Read> = match coding.as_str() {
        "" | "identity" => return Ok((body, None)),
        "gzip" | "x-gzip" if is_gzip(&body) => Box::new(GzDecoder::new(std::io::Cursor::new(body))),
        // zlib-wrapped deflate starts with 0x78; raw deflate bodies are rare and left alone.
        "deflate" if body.first() == Some(&0x78) => {
            Box::new(ZlibDecoder::new(std::io::Cursor::new(body)))
        }
        "gzip" | "x-gzip" | "deflate" => return Ok((body, None)),
        other => {
            return Err(CodingError::Unsupported(format!(
                "content-encoding {other}"
            )))
        }
    };
    let mut out = Vec::new();
    let result = decoder.take(limit.saturating_add(1)).read_to_end(&mut out);
    if out.len() as u64 > limit {
        return Err(CodingError::TooLarge(limit));
    }
    match result {
        Ok(_) => Ok((out, None)),
        Err(error) => Ok((out, Some(format!("{coding} body is damaged ({error})")))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use flate2::Compression;
    use std::io::Write;

    #[test]
    fn parses_status_headers_and_body() {
        let block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html;\r\n charset=utf-8\r\n\
            Content-Language: de\r\n\r\n<p>Hallo</p>";
        let response = parse_response(block).unwrap();
        assert_eq!(response.status, 200);
        assert_eq!(
            response.header("content-type"),
            Some("text/html; charset=utf-8")
        );
        assert_eq!(response.header("content-language"), Some("de"));
        assert_eq!(response.body, b"<p>Hallo</p>");
    }

    #[test]
    fn accepts_bare_newlines_and_rejects_non_http() {
        let response = parse_response(b"HTTP/1.0 404 Not Found\nServer: x\n\nnope").unwrap();
        assert_eq!(response.status, 404);
        assert_eq!(response.body, b"nope");
        assert!(parse_response(b"GET / HTTP/1.1\r\n\r\n").is_err());
        assert!(parse_response(b"HTTP/1.1 abc\r\n\r\n").is_err());
    }

    #[test]
    fn dechunks_and_leaves_plain_bodies_alone() {
        let (body, warning) = dechunk(b"5\r\nHello\r\n7;ext=1\r\n, world\r\n0\r\n\r\n");
        assert_eq!(body, b"Hello, world");
        assert_eq!(warning, None);
        let (body, warning) = dechunk(b"<html>not chunked</html>");
        assert_eq!(body, b"<html>not chunked</html>");
        assert_eq!(warning, None);
        let (body, warning) = dechunk(b"a\r\nshort");
        assert_eq!(body, b"short");
        assert!(warning.is_some());
    }

    #[test]
    fn gunzips_bodies_that_are_gzipped() {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
        encoder.write_all(b"<p>Zipped page</p>").unwrap();
        let zipped = encoder.finish().unwrap();
        let (body, warning) = decode_content(zipped, Some("gzip"), 1000).unwrap();
        assert_eq!(body, b"<p>Zipped page</p>");
        assert_eq!(warning, None);
        // Already decoded by the crawler: left as it is.
        let (body, _) = decode_content(b"<p>plain</p>".to_vec(), Some("gzip"), 1000).unwrap();
        assert_eq!(body, b"<p>plain</p>");
    }

    #[test]
    fn content_coding_limits_and_unknown_codings() {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
        encoder.write_all(&vec![b'a'; 10_000]).unwrap();
        let zipped = encoder.finish().unwrap();
        assert_eq!(
            decode_content(zipped, Some("gzip"), 1000),
            Err(CodingError::TooLarge(1000))
        );
        assert!(matches!(
            decode_content(b"x".to_vec(), Some("br"), 1000),
            Err(CodingError::Unsupported(_))
        ));
    }
}
