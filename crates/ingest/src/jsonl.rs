//! JSON inputs: JSON Lines streamed line by line, and whole JSON documents (one object, an array
//! of objects, or an object wrapping such an array under `articles`, `items`…).
//!
//! JSON Lines files can be many gigabytes, so they are never loaded whole: a line reader keeps
//! one line in memory at a time, and a line longer than
//! [`crate::IngestConfig::max_record_bytes`] is skipped without being buffered (a `too_large`
//! failure for that line). A line that does not parse is a `malformed` failure naming its line
//! number; the lines after it still come through. serde_json's recursion limit turns absurdly
//! nested values into `malformed` rather than a stack overflow.

use std::io::{self, BufRead, BufReader, Read};

use serde_json::Value;
use veille_model::RawDocument;

use crate::encoding::{Context, Markup};
use crate::error::{location, IngestError, IngestFailure};
use crate::json_record::{self, has_body, WRAPPER_KEYS};
use crate::limits::{classify, read_bounded};
use crate::{Documents, InputInfo};

/// One line read from the stream.
#[derive(Debug, PartialEq, Eq)]
enum Line {
    /// The line, in the caller's buffer (with its line ending).
    Data,
    /// The line was longer than the limit; it was skipped. Carries its length.
    TooLong(u64),
}

/// Reads lines of bounded length from a buffered stream.
struct LineReader {
    reader: Box<dyn BufRead + Send>,
    max_len: usize,
}

impl LineReader {
    /// Reads the next line into `buf`; `None` at end of input.
    fn next_line(&mut self, buf: &mut Vec<u8>) -> io::Result<Option<Line>> {
        buf.clear();
        let mut total: u64 = 0;
        let mut too_long = false;
        loop {
            let available = match self.reader.fill_buf() {
                Ok(bytes) => bytes,
                Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
                Err(error) => return Err(error),
            };
            if available.is_empty() {
                return Ok(match (total, too_long) {
                    (0, _) => None,
                    (_, true) => Some(Line::TooLong(total)),
                    (_, false) => Some(Line::Data),
                });
            }
            let (take, complete) = match memchr::memchr(b'\n', available) {
                Some(end) => (end + 1, true),
                None => (available.len(), false),
            };
            if !too_long {
                if buf.len() + take > self.max_len {
                    too_long = true;
                    buf.clear();
                } else {
                    buf.extend_from_slice(&available[..take]);
                }
            }
            total += take as u64;
            self.reader.consume(take);
            if complete {
                return Ok(Some(if too_long {
                    Line::TooLong(total)
                } else {
                    Line::Data
                }));
            }
        }
    }
}

/// Streams the records of a JSON Lines input.
struct JsonLines {
    lines: LineReader,
    buf: Vec<u8>,
    /// 0-based number of the next line.
    line_no: u64,
    info: InputInfo,
    done: bool,
    /// Records still to hand out from a line that held several.
    pending: std::vec::IntoIter<Result<RawDocument, IngestFailure>>,
}

impl JsonLines {
    fn failure(&self, line: u64, error: IngestError) -> IngestFailure {
        IngestFailure::new(self.info.input_ref(Some(line)), error)
    }

    /// Parses the line in `self.buf` (0-based number `line`).
    fn parse_line(&mut self, line: u64) -> Option<Result<RawDocument, IngestFailure>> {
        let at = location(&self.info.path, "line", Some(line));
        let mut bytes = self.buf.trim_ascii();
        let mut bom = false;
        if line == 0 {
            if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
                bytes = rest.trim_ascii_start();
                bom = true;
            }
        }
        if bytes.is_empty() {
            return None;
        }
        let mut warnings = self.info.warnings.clone();
        let (parsed, encoding) = match std::str::from_utf8(bytes) {
            Ok(text) => {
                let label = match (&self.info.transcoded, bom) {
                    (Some(label), _) => label.clone(),
                    (None, true) => "utf-8 (byte order mark)".to_string(),
                    (None, false) if text.is_ascii() => "utf-8 (ascii)".to_string(),
                    (None, false) => "utf-8 (valid utf-8)".to_string(),
                };
                (serde_json::from_str::<Value>(text), label)
            }
            Err(_) => {
                // Not UTF-8 as JSON requires: decode this line with the detected encoding.
                let decoded = self
                    .info
                    .decode(bytes.to_vec(), Markup::Plain, Context::default());
                warnings.extend(decoded.warnings);
                (
                    serde_json::from_str::<Value>(&decoded.text),
                    decoded.encoding,
                )
            }
        };
        let result = match parsed.map(unwrap_articles) {
            Ok(Ok(items)) => {
                // A minified API dump (`{"articles": [...]}`) on one line: one record per
                // element, numbered by element.
                let documents: Vec<_> = items
                    .into_iter()
                    .enumerate()
                    .map(|(i, item)| {
                        let record = i as u64;
                        let input = self.info.input_ref(Some(record));
                        let at = format!("{at} item {}", i + 1);
                        json_record::to_document(
                            item,
                            input.clone(),
                            &at,
                            &encoding,
                            warnings.clone(),
                        )
                        .map_err(|error| IngestFailure::new(input, error))
                    })
                    .collect();
                self.pending = documents.into_iter();
                return self.pending.next();
            }
            Ok(Err(value)) => json_record::to_document(
                value,
                self.info.input_ref(Some(line)),
                &at,
                &encoding,
                warnings,
            ),
            Err(error) => Err(IngestError::Malformed {
                at,
                detail: json_error_detail(&error),
            }),
        };
        Some(result.map_err(|error| self.failure(line, error)))
    }
}

/// serde_json's message, with "column" kept and the per-line "line 1" dropped.
fn json_error_detail(error: &serde_json::Error) -> String {
    let message = error.to_string();
    match message.rfind(" at line ") {
        Some(at) if error.line() <= 1 => format!("{} at column {}", &message[..at], error.column()),
        _ => message,
    }
}

impl Iterator for JsonLines {
    type Item = Result<RawDocument, IngestFailure>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(item) = self.pending.next() {
            return Some(item);
        }
        while !self.done {
            let line = self.line_no;
            let mut buf = std::mem::take(&mut self.buf);
            let read = self.lines.next_line(&mut buf);
            self.buf = buf;
            match read {
                Err(error) => {
                    self.done = true;
                    let at = location(&self.info.path, "line", Some(line));
                    return Some(Err(self.failure(line, classify(error, &at))));
                }
                Ok(None) => self.done = true,
                Ok(Some(Line::TooLong(_))) => {
                    self.line_no += 1;
                    let error = IngestError::TooLarge {
                        at: location(&self.info.path, "line", Some(line)),
                        limit: self.info.cfg.max_record_bytes,
                    };
                    return Some(Err(self.failure(line, error)));
                }
                Ok(Some(Line::Data)) => {
                    self.line_no += 1;
                    if let Some(item) = self.parse_line(line) {
                        return Some(item);
                    }
                }
            }
        }
        None
    }
}

/// Streams a JSON Lines input, one record per non-blank line (`record` is the 0-based line).
pub(crate) fn read_lines(info: InputInfo, reader: Box<dyn Read + Send>) -> Documents {
    let max_len = usize::try_from(info.cfg.max_record_bytes).unwrap_or(usize::MAX);
    Box::new(JsonLines {
        lines: LineReader {
            reader: Box::new(BufReader::with_capacity(256 * 1024, reader)),
            max_len,
        },
        buf: Vec::new(),
        line_no: 0,
        info,
        done: false,
        pending: Vec::new().into_iter(),
    })
}

/// The articles of a JSON value that holds several: the elements of an array, or of the array
/// that an object without a body of its own wraps under `articles`, `items`… Any other value is
/// handed back.
fn unwrap_articles(value: Value) -> Result<Vec<Value>, Value> {
    match value {
        Value::Array(items) => Ok(items),
        Value::Object(mut map) if !has_body(&map) => {
            let key = WRAPPER_KEYS
                .iter()
                .find(|key| map.get(**key).is_some_and(Value::is_array));
            match key.and_then(|key| map.remove(*key)) {
                Some(Value::Array(items)) => Ok(items),
                _ => Err(Value::Object(map)),
            }
        }
        other => Err(other),
    }
}

/// Reads a whole JSON document: an object (one record), an array of objects (one record each),
/// or an object without a body that wraps such an array.
pub(crate) fn read_document(
    info: InputInfo,
    mut reader: Box<dyn Read + Send>,
) -> Result<Documents, IngestError> {
    let at = info.path.clone();
    let bounded = read_bounded(&mut reader, info.cfg.max_bytes, &at)?;
    let decoded = info.decode(bounded.bytes, Markup::Plain, Context::default());
    let mut warnings = info.warnings.clone();
    warnings.extend(bounded.truncation);
    warnings.extend(decoded.warnings);
    let value: Value =
        serde_json::from_str(&decoded.text).map_err(|error| IngestError::Malformed {
            at: at.clone(),
            detail: error.to_string(),
        })?;
    let items = match unwrap_articles(value) {
        Ok(items) => items,
        Err(single @ Value::Object(_)) => {
            let input = info.input_ref(None);
            let document =
                json_record::to_document(single, input.clone(), &at, &decoded.encoding, warnings)
                    .map_err(|error| IngestFailure::new(input, error));
            return Ok(Box::new(std::iter::once(document)));
        }
        Err(other) => {
            return Err(IngestError::Malformed {
                at,
                detail: format!(
                    "expected an object or an array of objects, found {}",
                    json_record::type_name(&other)
                ),
            })
        }
    };
    let documents: Vec<_> = items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let record = i as u64;
            let input = info.input_ref(Some(record));
            let at = location(&info.path, "record", Some(record));
            json_record::to_document(
                item,
                input.clone(),
                &at,
                &decoded.encoding,
                warnings.clone(),
            )
            .map_err(|error| IngestFailure::new(input, error))
        })
        .collect();
    Ok(Box::new(documents.into_iter()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::IngestConfig;
    use std::io::Cursor;

    fn info(max_record_bytes: u64) -> InputInfo {
        InputInfo {
            path: "in.jsonl".into(),
            cfg: IngestConfig {
                max_record_bytes,
                ..IngestConfig::default()
            },
            transcoded: None,
            warnings: Vec::new(),
        }
    }

    fn lines(input: &[u8], max: u64) -> Vec<Result<RawDocument, IngestFailure>> {
        read_lines(info(max), Box::new(Cursor::new(input.to_vec()))).collect()
    }

    #[test]
    fn bad_line_fails_alone_with_its_line_number() {
        let input = b"{\"text\": \"one\"}\n\n{\"text\": broken}\n{\"text\": \"three\"}";
        let results = lines(input, 1 << 20);
        assert_eq!(results.len(), 3);
        assert_eq!(results[0].as_ref().unwrap().input.record, Some(0));
        let failure = results[1].as_ref().unwrap_err();
        assert_eq!(failure.error.code(), "malformed");
        assert_eq!(failure.input.record, Some(2));
        assert!(failure.to_string().contains("in.jsonl line 3"), "{failure}");
        assert_eq!(results[2].as_ref().unwrap().body, "three");
    }

    #[test]
    fn overlong_line_is_skipped_without_losing_the_next() {
        let mut input = b"{\"text\": \"".to_vec();
        input.extend(vec![b'x'; 5000]);
        input.extend(b"\"}\n{\"text\": \"short\"}\n");
        let results = lines(&input, 1000);
        assert_eq!(results[0].as_ref().unwrap_err().error.code(), "too_large");
        assert_eq!(results[1].as_ref().unwrap().body, "short");
        assert_eq!(results[1].as_ref().unwrap().input.record, Some(1));
    }

    #[test]
    fn deeply_nested_json_is_malformed_not_a_crash() {
        let mut input = b"{\"text\": \"x\", \"deep\": ".to_vec();
        input.extend(vec![b'['; 100_000]);
        input.extend(vec![b']'; 100_000]);
        input.extend(b"}\n");
        let results = lines(&input, 1 << 20);
        let failure = results[0].as_ref().unwrap_err();
        assert_eq!(failure.error.code(), "malformed");
        assert!(failure.to_string().contains("recursion"), "{failure}");
    }

    #[test]
    fn latin1_line_is_decoded() {
        let input =
            b"{\"text\": \"Le caf\xE9 est ferm\xE9 depuis la r\xE9forme de l'\xE9t\xE9.\"}\n";
        let results = lines(input, 1 << 20);
        let doc = results[0].as_ref().unwrap();
        assert!(doc.body.starts_with("Le café est fermé"), "{}", doc.body);
        assert!(doc.encoding.starts_with("windows-1252"));
    }

    #[test]
    fn minified_wrapper_object_on_one_line_yields_its_articles() {
        let input = b"{\"status\": \"ok\", \"articles\": [{\"text\": \"a\"}, {\"title\": \"no body\"}, {\"text\": \"c\"}]}";
        let results = lines(input, 1 << 20);
        assert_eq!(results.len(), 3);
        assert_eq!(results[0].as_ref().unwrap().body, "a");
        let failure = results[1].as_ref().unwrap_err();
        assert!(failure.to_string().contains("line 1 item 2"), "{failure}");
        assert_eq!(results[2].as_ref().unwrap().input.record, Some(2));
    }

    #[test]
    fn bom_on_first_line_is_accepted() {
        let results = lines(b"\xEF\xBB\xBF{\"text\": \"a\"}\n", 1 << 20);
        assert_eq!(
            results[0].as_ref().unwrap().encoding,
            "utf-8 (byte order mark)"
        );
    }

    fn document(input: &str) -> Vec<Result<RawDocument, IngestFailure>> {
        read_document(
            info(1 << 20),
            Box::new(Cursor::new(input.as_bytes().to_vec())),
        )
        .unwrap()
        .collect()
    }

    #[test]
    fn json_array_yields_one_record_per_element() {
        let results = document("[{\"text\": \"a\"}, 3, {\"text\": \"c\", \"id\": \"c1\"}]");
        assert_eq!(results.len(), 3);
        assert_eq!(results[1].as_ref().unwrap_err().error.code(), "malformed");
        let third = results[2].as_ref().unwrap();
        assert_eq!(third.input.record, Some(2));
        assert_eq!(third.input.external_id.as_deref(), Some("c1"));
    }

    #[test]
    fn single_object_and_wrapped_array() {
        let results = document("{\n \"title\": \"T\",\n \"text\": \"Body\"\n}");
        assert_eq!(results.len(), 1);
        assert_eq!(results[0].as_ref().unwrap().input.record, None);
        let results =
            document("{\"status\": \"ok\", \"articles\": [{\"text\": \"a\"}, {\"text\": \"b\"}]}");
        assert_eq!(results.len(), 2);
        assert_eq!(results[1].as_ref().unwrap().body, "b");
    }

    #[test]
    fn broken_json_document_is_malformed() {
        let error = read_document(
            info(1 << 20),
            Box::new(Cursor::new(b"[{\"text\": ".to_vec())),
        )
        .err()
        .unwrap();
        assert_eq!(error.code(), "malformed");
    }
}
