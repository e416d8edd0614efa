//! Single-document inputs: one HTML page or one plain-text article per file.
//!
//! The file is read whole under [`crate::IngestConfig::max_bytes`], checked for binary content
//! beyond the sniffed prefix, decoded (HTML honours `<meta charset>`) and handed on as one
//! [`RawDocument`] with no hints: for a page, metadata lives in the markup and is extract's job.

use std::io::Read;

use veille_model::{BodyKind, Hints, RawDocument, SourceFormat};

use crate::encoding::{Context, Markup};
use crate::error::IngestError;
use crate::{limits, sniff, Documents, InputInfo};

/// What the single document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// An HTML page.
    Html,
    /// A plain-text article.
    Text,
    /// Not known yet (the sniffed prefix was blank): decide from the whole content.
    Sniff,
}

/// Reads a whole HTML or text input as one document.
pub(crate) fn read_single(
    info: InputInfo,
    mut reader: Box<dyn Read + Send>,
    kind: Kind,
) -> Result<Documents, IngestError> {
    let at = info.path.clone();
    let bounded = limits::read_bounded(&mut reader, info.cfg.max_bytes, &at)?;
    let kind = match kind {
        Kind::Sniff => match sniff::sniff(sniff::trim_start(&bounded.bytes), &at) {
            sniff::Sniffed::Html => Kind::Html,
            sniff::Sniffed::Empty => return Err(IngestError::Empty { at }),
            sniff::Sniffed::Binary(detail) => return Err(IngestError::Binary { at, detail }),
            _ => Kind::Text,
        },
        kind => kind,
    };
    if let Some(sniff::Sniffed::Binary(detail)) = late_binary_check(&bounded.bytes) {
        return Err(IngestError::Binary { at, detail });
    }
    let (markup, format, body_kind) = match kind {
        Kind::Html => (Markup::Html, SourceFormat::Html, BodyKind::Html),
        _ => (Markup::Plain, SourceFormat::Text, BodyKind::Text),
    };
    let decoded = info.decode(bounded.bytes, markup, Context::default());
    if decoded.text.trim().is_empty() {
        return Err(IngestError::Empty { at });
    }
    let mut warnings = info.warnings.clone();
    warnings.extend(bounded.truncation);
    warnings.extend(decoded.warnings);
    let document = RawDocument {
        input: info.input_ref(None),
        format,
        body_kind,
        body: decoded.text,
        encoding: decoded.encoding,
        hints: Hints::default(),
        warnings,
    };
    Ok(Box::new(std::iter::once(Ok(document))))
}

/// Binary content that starts after the sniffed prefix (a text header glued to an image, say):
/// checks a window in the middle and one at the end of the input.
fn late_binary_check(bytes: &[u8]) -> Option<sniff::Sniffed> {
    const WINDOW: usize = 8 * 1024;
    if bytes.len() <= WINDOW {
        return None;
    }
    let middle = bytes.len() / 2;
    let windows = [
        &bytes[middle..(middle + WINDOW).min(bytes.len())],
        &bytes[bytes.len() - WINDOW..],
    ];
    windows.into_iter().find_map(sniff::binary_verdict)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::IngestConfig;
    use std::io::Cursor;

    fn info() -> InputInfo {
        InputInfo {
            path: "page".into(),
            cfg: IngestConfig::default(),
            transcoded: None,
            warnings: Vec::new(),
        }
    }

    fn single(bytes: &[u8], kind: Kind) -> Result<RawDocument, IngestError> {
        let mut documents = read_single(info(), Box::new(Cursor::new(bytes.to_vec())), kind)?;
        documents.next().unwrap().map_err(|failure| failure.error)
    }

    #[test]
    fn html_page_becomes_one_html_document() {
        let doc = single(b"<html><body><p>Hola</p></body></html>", Kind::Html).unwrap();
        assert_eq!(doc.format, SourceFormat::Html);
        assert_eq!(doc.body_kind, BodyKind::Html);
        assert_eq!(doc.input.record, None);
        assert_eq!(doc.encoding, "utf-8 (ascii)");
    }

    #[test]
    fn crlf_text_is_normalised() {
        let doc = single(b"Titel\r\n\r\nErster Absatz.\r\n", Kind::Text).unwrap();
        assert_eq!(doc.body, "Titel\n\nErster Absatz.\n");
        assert_eq!(doc.body_kind, BodyKind::Text);
    }

    #[test]
    fn text_followed_by_binary_is_rejected() {
        let mut bytes = b"Caption: photo of the harbour\n".repeat(400);
        for i in 0..40_000u32 {
            bytes.push((i.wrapping_mul(2_654_435_761) >> 11) as u8);
        }
        let error = single(&bytes, Kind::Text).unwrap_err();
        assert_eq!(error.code(), "binary");
    }

    #[test]
    fn only_markup_without_text_is_not_empty_but_whitespace_is() {
        assert!(single(b"<html></html>", Kind::Html).is_ok());
        assert_eq!(single(b"   \n", Kind::Text).unwrap_err().code(), "empty");
    }
}
