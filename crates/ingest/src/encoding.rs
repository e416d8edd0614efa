//! Character-encoding detection and decoding to clean UTF-8 NFC.
//!
//! The order follows what browsers do, with two corrections for the way news pages are
//! mislabelled in practice:
//!
//! 1. a byte order mark (UTF-8, UTF-16LE/BE);
//! 2. the charset of a transport header (HTTP `Content-Type`, WARC record);
//! 3. a declaration in the document: `<meta charset>` / `http-equiv` prescan of the first 4 KB
//!    for HTML, the `<?xml encoding?>` declaration for XML;
//! 4. valid UTF-8;
//! 5. UTF-16 without a BOM, recognised by its NUL pattern;
//! 6. a statistical guess by chardetng (given the URL's top-level domain when known).
//!
//! Corrections: a declared legacy encoding is overridden when the bytes are valid UTF-8 with
//! non-ASCII characters (an accident that legacy text practically never produces), and a declared
//! UTF-8 that does not validate falls back to the statistical guess when that decodes cleanly.
//! [`Decoded::encoding`] records the choice and the reason, e.g. `windows-1252 (meta charset)`.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

use crate::normalize;
use crate::sniff::trim_start;

/// How far into an HTML document `<meta charset>` is looked for.
const META_PRESCAN_LEN: usize = 4096;
/// How many bytes chardetng sees; more does not change its guess on real pages.
const DETECTOR_INPUT_LEN: usize = 256 * 1024;

/// Which in-document declaration applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Markup {
    /// HTML: `<meta charset>` and `http-equiv` (and an XML declaration, for XHTML).
    Html,
    /// XML: the `<?xml … encoding="…"?>` declaration.
    Xml,
    /// Plain text or JSON: no in-document declaration.
    Plain,
}

/// Text decoded to UTF-8, cleaned and in NFC.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Decoded {
    /// The text.
    pub text: String,
    /// Encoding and reason, e.g. `utf-8 (byte order mark)`.
    pub encoding: String,
    /// Replacement characters produced, control characters dropped.
    pub warnings: Vec<String>,
}

/// What the transport said about a document, to help decoding.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Context<'a> {
    /// The `charset` parameter of an HTTP or WARC `Content-Type`.
    pub transport_charset: Option<&'a str>,
    /// The document URL, whose top-level domain helps the statistical guess.
    pub url: Option<&'a str>,
}

/// Lower-case name of an encoding as shown to users.
fn display_name(encoding: &'static Encoding) -> String {
    encoding.name().to_ascii_lowercase()
}

/// Extracts the `charset` parameter of a `Content-Type` value (`text/html; charset="utf-8"`).
pub(crate) fn charset_param(content_type: &str) -> Option<&str> {
    let lower = content_type.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = content_type.get(at + "charset".len()..)?.trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let value = match rest.strip_prefix(['"', '\'']) {
        Some(quoted) => quoted.split(['"', '\'']).next()?,
        None => rest.split([';', ' ', '\t', ',']).next()?,
    };
    let value = value.trim();
    (!value.is_empty()).then_some(value)
}

/// Parses the attributes of a tag starting right after its name, up to its `>`.
fn tag_attributes(bytes: &[u8]) -> Vec<(String, String)> {
    let mut attributes = Vec::new();
    let mut i = 0;
    let is_space = |b: u8| b.is_ascii_whitespace() || b == b'/';
    loop {
        while i < bytes.len() && is_space(bytes[i]) {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] == b'>' {
            return attributes;
        }
        let name_start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !b"=>/".contains(&bytes[i]) {
            i += 1;
        }
        let name = String::from_utf8_lossy(&bytes[name_start..i]).to_ascii_lowercase();
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let quote = bytes[i];
                let start = i + 1;
                let end = memchr::memchr(quote, &bytes[start..]).map_or(bytes.len(), |e| start + e);
                value = String::from_utf8_lossy(&bytes[start..end]).into_owned();
                i = end + 1;
            } else {
                let start = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                    i += 1;
                }
                value = String::from_utf8_lossy(&bytes[start..i]).into_owned();
            }
        } else if name.is_empty() {
            // A stray `=` or quote: skip one byte so that the loop always advances.
            i += 1;
        }
        if !name.is_empty() {
            attributes.push((name, value));
        }
    }
}

/// Finds the encoding declared by `<meta charset>` or `<meta http-equiv=content-type>` in the
/// first 4 KB, skipping comments. UTF-16 declared in a document that an ASCII parser could read
/// is UTF-8, as browsers decide.
pub(crate) fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(META_PRESCAN_LEN)];
    let mut i = 0;
    while let Some(offset) = memchr::memchr(b'<', &head[i..]) {
        let at = i + offset;
        let rest = &head[at..];
        if rest.starts_with(b"<!--") {
            match memchr::memmem::find(&rest[4..], b"-->") {
                Some(end) => {
                    i = at + 4 + end + 3;
                    continue;
                }
                None => return None,
            }
        }
        let is_meta = rest.len() > 5
            && rest[1..5].eq_ignore_ascii_case(b"meta")
            && (rest[5].is_ascii_whitespace() || rest[5] == b'/');
        if is_meta {
            let attributes = tag_attributes(&rest[5..]);
            let get = |key: &str| {
                attributes
                    .iter()
                    .find(|(name, _)| name == key)
                    .map(|(_, v)| v.as_str())
            };
            let label = match get("charset") {
                Some(label) => Some(label),
                None if get("http-equiv")
                    .is_some_and(|v| v.trim().eq_ignore_ascii_case("content-type")) =>
                {
                    get("content").and_then(charset_param)
                }
                None => None,
            };
            if let Some(encoding) = label.and_then(|l| Encoding::for_label(l.trim().as_bytes())) {
                return Some(match encoding {
                    e if e == UTF_16LE || e == UTF_16BE => UTF_8,
                    e if e == encoding_rs::X_USER_DEFINED => WINDOWS_1252,
                    e => e,
                });
            }
        }
        i = at + 1;
    }
    None
}

/// Finds the encoding named by an `<?xml … encoding="…"?>` declaration.
pub(crate) fn xml_declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let body = trim_start(bytes);
    if !body.starts_with(b"<?xml") {
        return None;
    }
    let head = &body[..body.len().min(512)];
    let end = memchr::memmem::find(head, b"?>")?;
    let declaration = String::from_utf8_lossy(&head[..end]);
    let at = declaration.find("encoding")?;
    let rest = declaration[at + "encoding".len()..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let label = rest[1..].split(quote).next()?;
    Encoding::for_label(label.trim().as_bytes())
}

/// Recognises UTF-16 without a BOM: mostly-ASCII UTF-16 has a NUL in every other byte.
pub(crate) fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    if pairs < 8 {
        return None;
    }
    let even_nul = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd_nul * 10 > pairs * 4 && even_nul * 20 < pairs {
        Some(UTF_16LE)
    } else if even_nul * 10 > pairs * 4 && odd_nul * 20 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Whether the input is UTF-16 (by BOM or NUL pattern): it must be transcoded before an
/// ASCII-based sniffer or line splitter can look at it.
pub(crate) fn is_utf16(prefix: &[u8]) -> bool {
    match Encoding::for_bom(prefix) {
        Some((encoding, _)) => encoding != UTF_8,
        None => utf16_without_bom(prefix).is_some(),
    }
}

/// Top-level domain of a URL, in the form chardetng accepts (lower-case ASCII, no dot).
fn top_level_domain(url: &str) -> Option<String> {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = after_scheme.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    let tld = host
        .trim_end_matches('.')
        .rsplit('.')
        .next()?
        .to_ascii_lowercase();
    let valid = !tld.is_empty() && tld.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    valid.then_some(tld)
}

/// Whether invalid UTF-8 is still mostly UTF-8: more valid non-ASCII characters than invalid
/// bytes (a page damaged in a few places, not a page in a legacy encoding, where every
/// non-ASCII byte is invalid).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(DETECTOR_INPUT_LEN)];
    let (mut valid_non_ascii, mut invalid) = (0usize, 0usize);
    for chunk in sample.utf8_chunks() {
        valid_non_ascii += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    valid_non_ascii > invalid
}

/// chardetng's guess for bytes that are not valid UTF-8.
fn detect(bytes: &[u8], url: Option<&str>) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    let sample = &bytes[..bytes.len().min(DETECTOR_INPUT_LEN)];
    detector.feed(sample, sample.len() == bytes.len());
    let tld = url.and_then(top_level_domain);
    detector.guess(
        tld.as_deref().map(str::as_bytes),
        chardetng::Utf8Detection::Allow,
    )
}

/// Checks a declared encoding against the bytes (see the module documentation).
fn settle(
    declared: &'static Encoding,
    source: &str,
    bytes: &[u8],
    url: Option<&str>,
) -> (&'static Encoding, String) {
    if declared == UTF_16LE || declared == UTF_16BE {
        return (declared, source.to_string());
    }
    let valid_utf8 = std::str::from_utf8(bytes).is_ok();
    if declared == UTF_8 {
        if !valid_utf8 && !mostly_utf8(bytes) {
            let guess = detect(bytes, url);
            if guess != UTF_8
                && guess
                    .decode_without_bom_handling_and_without_replacement(bytes)
                    .is_some()
            {
                return (
                    guess,
                    format!("detected; {source} said utf-8 but it is invalid"),
                );
            }
        }
        return (UTF_8, source.to_string());
    }
    if valid_utf8 && !bytes.is_ascii() {
        return (
            UTF_8,
            format!("valid utf-8; {source} said {}", display_name(declared)),
        );
    }
    (declared, source.to_string())
}

/// Chooses the encoding of `bytes` and says why; also returns the length of a BOM to skip.
fn choose(
    bytes: &[u8],
    markup: Markup,
    context: Context<'_>,
) -> (&'static Encoding, String, usize) {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return (encoding, "byte order mark".into(), bom_len);
    }
    let url = context.url;
    if let Some(encoding) = context
        .transport_charset
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
    {
        let (encoding, how) = settle(encoding, "http header", bytes, url);
        return (encoding, how, 0);
    }
    let declared = match markup {
        Markup::Html => meta_charset(bytes)
            .map(|e| (e, "meta charset"))
            .or_else(|| xml_declared_encoding(bytes).map(|e| (e, "xml declaration"))),
        Markup::Xml => xml_declared_encoding(bytes).map(|e| (e, "xml declaration")),
        Markup::Plain => None,
    };
    if let Some((encoding, source)) = declared {
        let (encoding, how) = settle(encoding, source, bytes, url);
        return (encoding, how, 0);
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return (encoding, "detected".into(), 0);
    }
    if bytes.is_ascii() {
        return (UTF_8, "ascii".into(), 0);
    }
    if std::str::from_utf8(bytes).is_ok() {
        return (UTF_8, "valid utf-8".into(), 0);
    }
    if mostly_utf8(bytes) {
        return (UTF_8, "mostly valid utf-8".into(), 0);
    }
    (detect(bytes, url), "detected".into(), 0)
}

/// Decodes `bytes` to clean UTF-8 NFC text, recording the encoding and how it was chosen.
pub(crate) fn decode(bytes: Vec<u8>, markup: Markup, context: Context<'_>) -> Decoded {
    let (encoding, how, bom_len) = choose(&bytes, markup, context);
    let mut warnings = Vec::new();
    let text = if encoding == UTF_8 && bom_len == 0 {
        match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(error) => decode_with(UTF_8, error.as_bytes(), &mut warnings),
        }
    } else {
        decode_with(encoding, &bytes[bom_len..], &mut warnings)
    };
    let (text, dropped) = normalize::clean(text);
    if dropped > 0 {
        warnings.push(format!("removed {dropped} control characters"));
    }
    Decoded {
        text,
        encoding: format!("{} ({how})", display_name(encoding)),
        warnings,
    }
}

fn decode_with(encoding: &'static Encoding, bytes: &[u8], warnings: &mut Vec<String>) -> String {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        let replaced = text.chars().filter(|&c| c == '\u{FFFD}').count();
        warnings.push(format!(
            "{replaced} malformed byte sequences replaced with U+FFFD while decoding as {}",
            display_name(encoding)
        ));
    }
    text.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(bytes: &[u8]) -> Decoded {
        decode(bytes.to_vec(), Markup::Plain, Context::default())
    }

    #[test]
    fn utf8_bom_is_used_and_stripped() {
        let decoded = plain(b"\xEF\xBB\xBFM\xC3\xBCnchen");
        assert_eq!(decoded.text, "München");
        assert_eq!(decoded.encoding, "utf-8 (byte order mark)");
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Señor Núñez".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let decoded = plain(&bytes);
        assert_eq!(decoded.text, "Señor Núñez");
        assert_eq!(decoded.encoding, "utf-16le (byte order mark)");
    }

    #[test]
    fn utf16be_without_bom_is_recognised() {
        let mut bytes = Vec::new();
        for unit in "Plain English text in UTF-16".encode_utf16() {
            bytes.extend(unit.to_be_bytes());
        }
        assert!(is_utf16(&bytes));
        let decoded = plain(&bytes);
        assert_eq!(decoded.text, "Plain English text in UTF-16");
        assert_eq!(decoded.encoding, "utf-16be (detected)");
    }

    #[test]
    fn windows_1252_without_declaration_is_detected() {
        let (bytes, _, _) = WINDOWS_1252.encode(
            "L'été dernier, les élèves ont visité le château de Versailles. \
             Ça leur a plu : « très intéressant », déclare leur professeur, qui préfère \
             les musées où l'on apprend beaucoup.",
        );
        let decoded = plain(&bytes);
        assert!(decoded.text.contains("L'été dernier"), "{}", decoded.text);
        assert!(decoded.text.contains("« très intéressant »"));
        assert_eq!(decoded.encoding, "windows-1252 (detected)");
        assert!(decoded.warnings.is_empty());
    }

    #[test]
    fn latin1_meta_charset_is_honoured() {
        let mut page = b"<html><head><meta http-equiv=\"Content-Type\" \
            content=\"text/html; charset=ISO-8859-1\"></head><body><p>Espa"
            .to_vec();
        page.extend(b"\xF1a gan\xF3 el partido</p></body></html>");
        let decoded = decode(page, Markup::Html, Context::default());
        assert!(decoded.text.contains("España ganó"));
        assert_eq!(decoded.encoding, "windows-1252 (meta charset)");
    }

    #[test]
    fn meta_charset_inside_a_comment_is_ignored() {
        let page = b"<!-- <meta charset=\"koi8-r\"> --><meta charset='utf-8'><p>x</p>";
        assert_eq!(meta_charset(page), Some(UTF_8));
        assert_eq!(meta_charset(b"<meta charset=utf-16>"), Some(UTF_8));
    }

    #[test]
    fn http_header_beats_meta() {
        let page = b"<meta charset=\"utf-8\"><p>\xE9t\xE9</p>".to_vec();
        let context = Context {
            transport_charset: Some("iso-8859-1"),
            url: None,
        };
        let decoded = decode(page, Markup::Html, context);
        assert!(decoded.text.contains("été"));
        assert_eq!(decoded.encoding, "windows-1252 (http header)");
    }

    #[test]
    fn valid_utf8_overrides_a_wrong_legacy_declaration() {
        let page = "<meta charset=\"iso-8859-1\"><p>Zürich, Genève</p>"
            .as_bytes()
            .to_vec();
        let decoded = decode(page, Markup::Html, Context::default());
        assert!(decoded.text.contains("Zürich, Genève"));
        assert_eq!(
            decoded.encoding,
            "utf-8 (valid utf-8; meta charset said windows-1252)"
        );
    }

    #[test]
    fn xml_declaration_is_honoured() {
        let feed = b"<?xml version='1.0' encoding='ISO-8859-15'?><rss><t>\xA4 100</t></rss>";
        let decoded = decode(feed.to_vec(), Markup::Xml, Context::default());
        assert!(decoded.text.contains("€ 100"));
        assert_eq!(decoded.encoding, "iso-8859-15 (xml declaration)");
    }

    #[test]
    fn damaged_utf8_keeps_utf8_with_a_warning() {
        let page = "<meta charset=utf-8><p>Ärger über Öl, Müll und Gebühren: caf".as_bytes();
        let mut bytes = page.to_vec();
        bytes.push(0xC3);
        let decoded = decode(bytes.clone(), Markup::Html, Context::default());
        assert!(decoded.text.ends_with("caf\u{FFFD}"), "{}", decoded.text);
        assert_eq!(decoded.encoding, "utf-8 (meta charset)");
        assert_eq!(decoded.warnings.len(), 1);
        bytes.drain(..20);
        let decoded = decode(bytes, Markup::Html, Context::default());
        assert_eq!(decoded.encoding, "utf-8 (mostly valid utf-8)");
    }

    #[test]
    fn latin1_declared_as_utf8_is_detected() {
        let (text, _, _) = WINDOWS_1252.encode(
            "<p>Les négociations ont échoué, a déclaré le ministre à l'issue de la réunion.</p>",
        );
        let mut bytes = b"<meta charset=\"utf-8\">".to_vec();
        bytes.extend_from_slice(&text);
        let decoded = decode(bytes, Markup::Html, Context::default());
        assert!(
            decoded.text.contains("négociations ont échoué"),
            "{}",
            decoded.text
        );
        assert_eq!(
            decoded.encoding,
            "windows-1252 (detected; meta charset said utf-8 but it is invalid)"
        );
    }

    #[test]
    fn charset_param_handles_quotes_and_case() {
        assert_eq!(charset_param("text/html; Charset=\"UTF-8\""), Some("UTF-8"));
        assert_eq!(
            charset_param("text/html;charset=windows-1251; x=y"),
            Some("windows-1251")
        );
        assert_eq!(charset_param("text/html"), None);
        assert_eq!(charset_param("text/html; charset="), None);
    }

    #[test]
    fn top_level_domain_is_extracted_safely() {
        assert_eq!(
            top_level_domain("https://www.Example.DE/x").as_deref(),
            Some("de")
        );
        assert_eq!(
            top_level_domain("http://user@host.ru:80/").as_deref(),
            Some("ru")
        );
        assert_eq!(top_level_domain("http://exämple.фр/"), None);
    }

    #[test]
    fn russian_windows_1251_is_detected_with_the_tld() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251
            .encode("Правительство объявило о новых мерах поддержки экономики и малого бизнеса.");
        let context = Context {
            transport_charset: None,
            url: Some("https://news.example.ru/a"),
        };
        let decoded = decode(bytes.into_owned(), Markup::Plain, context);
        assert!(decoded.text.starts_with("Правительство"));
        assert_eq!(decoded.encoding, "windows-1251 (detected)");
    }
}
