//! Format recognition from content: magic bytes, the first non-space bytes, the XML root
//! element and HTML tag density. The file extension only breaks ties (a text with a couple of
//! tags in a `.html` file is HTML; the same bytes in a `.txt` file are text).
//!
//! Sniffing looks at a prefix of the decompressed input (see [`crate::gzip::PREFIX_LEN`]), so it
//! costs the same for a 1 KB page and a 10 GB WARC. UTF-16 input is transcoded before it gets
//! here, so the checks below can assume an ASCII-compatible encoding.

/// What an input looks like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Sniffed {
    /// One HTML page.
    Html,
    /// One plain-text article.
    Text,
    /// JSON Lines: one object per line.
    JsonLines,
    /// One JSON value spanning several lines: an object or an array of objects.
    JsonDocument,
    /// A WARC file.
    Warc,
    /// An RSS 2.0, RSS 1.0 (RDF) or Atom feed.
    Feed,
    /// Only whitespace.
    Empty,
    /// Not text.
    Binary(String),
    /// A recognised format veille does not read.
    Unsupported(String),
}

/// HTML element names counted as evidence that a text is markup.
const HTML_TAGS: &[&str] = &[
    "a",
    "article",
    "aside",
    "b",
    "blockquote",
    "body",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "li",
    "link",
    "main",
    "meta",
    "nav",
    "noscript",
    "ol",
    "p",
    "picture",
    "pre",
    "script",
    "section",
    "source",
    "span",
    "strong",
    "style",
    "svg",
    "table",
    "td",
    "th",
    "time",
    "title",
    "tr",
    "u",
    "ul",
    "video",
];

/// Known binary and unsupported containers, by magic number.
fn magic_verdict(bytes: &[u8]) -> Option<Sniffed> {
    let unsupported = |what: &str| Some(Sniffed::Unsupported(what.to_string()));
    let binary = |what: &str| Some(Sniffed::Binary(format!("{what} data")));
    if bytes.starts_with(b"%PDF-") {
        return unsupported("PDF document");
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return unsupported("ZIP archive (also used by DOCX, ODT, EPUB)");
    }
    if bytes.starts_with(b"BZh") && bytes.get(4..10) == Some(b"1AY&SY") {
        return unsupported("bzip2 stream");
    }
    if bytes.starts_with(&[0xFD, b'7', b'z', b'X', b'Z', 0x00]) {
        return unsupported("xz stream");
    }
    if bytes.starts_with(&[0x28, 0xB5, 0x2F, 0xFD]) {
        return unsupported("zstd stream");
    }
    if bytes.starts_with(&[b'7', b'z', 0xBC, 0xAF, 0x27, 0x1C]) {
        return unsupported("7z archive");
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return binary("PNG image");
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return binary("JPEG image");
    }
    if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        return binary("GIF image");
    }
    if bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        return binary("WebP image");
    }
    if bytes.starts_with(b"\x7fELF") {
        return binary("ELF executable");
    }
    if bytes.get(4..8) == Some(b"ftyp") {
        return binary("MP4/QuickTime media");
    }
    None
}

/// Judges whether a prefix is binary: a known magic number, NUL bytes (more than a stray one),
/// or a share of C0 control characters that no text has.
pub(crate) fn binary_verdict(prefix: &[u8]) -> Option<Sniffed> {
    if let Some(verdict) = magic_verdict(prefix) {
        return Some(verdict);
    }
    if prefix.is_empty() {
        return None;
    }
    let nul = memchr::memchr_iter(0, prefix).count();
    let controls = prefix
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)) || b == 0x7F)
        .count();
    // A stray NUL or two (a scraper's bug) is stripped later; many mean binary data.
    if nul > 2 && nul * 1000 > prefix.len() {
        return Some(Sniffed::Binary(format!(
            "{nul} NUL bytes in the first {} bytes",
            prefix.len()
        )));
    }
    if controls * 100 > prefix.len() * 3 {
        return Some(Sniffed::Binary(format!(
            "{controls} control bytes in the first {} bytes",
            prefix.len()
        )));
    }
    None
}

/// Skips a UTF-8 byte order mark and leading whitespace.
pub(crate) fn trim_start(bytes: &[u8]) -> &[u8] {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    &bytes[start..]
}

/// Lower-cased extension of a path, looking through a trailing `.gz`.
pub(crate) fn extension_of(path: &str) -> Option<String> {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let lower = name.to_ascii_lowercase();
    let stem = lower
        .strip_suffix(".gz")
        .or_else(|| lower.strip_suffix(".gzip"))
        .unwrap_or(&lower);
    let (_, ext) = stem.rsplit_once('.')?;
    Some(ext.to_string())
}

fn is_html_extension(ext: Option<&str>) -> bool {
    matches!(
        ext,
        Some("html" | "htm" | "xhtml" | "shtml" | "php" | "asp" | "aspx")
    )
}

/// Counts HTML tags (opening or closing) with a known element name in `bytes`.
pub(crate) fn html_tag_count(bytes: &[u8]) -> usize {
    let mut count = 0;
    for at in memchr::memchr_iter(b'<', bytes) {
        let mut rest = &bytes[at + 1..];
        if let Some(after) = rest.strip_prefix(b"/") {
            rest = after;
        }
        if rest.len() >= 9 && rest[..9].eq_ignore_ascii_case(b"!doctype ") {
            count += 1;
            continue;
        }
        let name_len = rest
            .iter()
            .take(12)
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || name_len > 10 {
            continue;
        }
        let terminated = match rest.get(name_len) {
            Some(b) => b.is_ascii_whitespace() || *b == b'>' || *b == b'/',
            None => false,
        };
        if !terminated {
            continue;
        }
        let name = String::from_utf8_lossy(&rest[..name_len]).to_ascii_lowercase();
        if HTML_TAGS.binary_search(&name.as_str()).is_ok() {
            count += 1;
        }
    }
    count
}

/// The first element of an XML or HTML document, after the declaration, comments and doctype.
#[derive(Debug, PartialEq, Eq)]
struct Root {
    /// Element name as written (`rss`, `rdf:RDF`, `feed`, `html`).
    name: String,
    /// Whether an `<?xml …?>` declaration came first.
    xml_declaration: bool,
    /// Whether a `<!DOCTYPE html…>` came first.
    html_doctype: bool,
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

fn root_element(mut bytes: &[u8]) -> Option<Root> {
    let mut xml_declaration = false;
    let mut html_doctype = false;
    loop {
        bytes = trim_start(bytes);
        if bytes.starts_with(b"<?") {
            xml_declaration |= bytes.starts_with(b"<?xml");
            bytes = &bytes[find(bytes, b"?>")? + 2..];
        } else if bytes.starts_with(b"<!--") {
            bytes = &bytes[find(bytes, b"-->")? + 3..];
        } else if bytes.starts_with(b"<!") {
            let end = memchr::memchr(b'>', bytes)?;
            let doctype = &bytes[..end];
            html_doctype |= find(&doctype.to_ascii_lowercase(), b"html").is_some();
            bytes = &bytes[end + 1..];
        } else if bytes.starts_with(b"]") {
            // The end of a DOCTYPE's internal subset, whose declarations were skipped above.
            let end = memchr::memchr(b'>', bytes)?;
            bytes = &bytes[end + 1..];
        } else if let Some(rest) = bytes.strip_prefix(b"<") {
            let len = rest
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b':' | b'-' | b'_' | b'.'))
                .count();
            if len == 0 {
                return None;
            }
            return Some(Root {
                name: String::from_utf8_lossy(&rest[..len]).into_owned(),
                xml_declaration,
                html_doctype,
            });
        } else {
            return None;
        }
    }
}

/// Whether the text after an opening `{` or `[` looks like JSON rather than prose.
fn json_follows(after: &[u8], allowed: &[u8]) -> bool {
    match trim_start(after).first() {
        Some(b) => allowed.contains(b),
        // Nothing else in the prefix: a lone bracket is not an article either way.
        None => true,
    }
}

/// Recognises the format of an input from its first bytes and, to break ties, its path.
pub(crate) fn sniff(prefix: &[u8], path: &str) -> Sniffed {
    let body = trim_start(prefix);
    if body.is_empty() {
        return Sniffed::Empty;
    }
    if body.starts_with(b"WARC/") {
        return Sniffed::Warc;
    }
    if let Some(verdict) = binary_verdict(prefix) {
        return verdict;
    }
    let ext = extension_of(path);
    let ext = ext.as_deref();
    match body[0] {
        b'{' if json_follows(&body[1..], b"\"}") => {
            // One object per line has its first line end with `}`; a pretty-printed object
            // opens with a line of its own. A first line longer than the prefix is JSON Lines
            // with a long record.
            match memchr::memchr(b'\n', body) {
                Some(end) if !body[..end].trim_ascii_end().ends_with(b"}") => Sniffed::JsonDocument,
                _ => Sniffed::JsonLines,
            }
        }
        b'[' if json_follows(&body[1..], b"{[]") => Sniffed::JsonDocument,
        b'<' => sniff_markup(body, ext),
        _ => {
            let tags = html_tag_count(body);
            if tags >= 3 || (tags >= 1 && is_html_extension(ext)) {
                Sniffed::Html
            } else {
                Sniffed::Text
            }
        }
    }
}

fn sniff_markup(body: &[u8], ext: Option<&str>) -> Sniffed {
    let tags = html_tag_count(body);
    let Some(root) = root_element(body) else {
        return if tags >= 1 || is_html_extension(ext) {
            Sniffed::Html
        } else {
            Sniffed::Text
        };
    };
    let local = root
        .name
        .rsplit(':')
        .next()
        .unwrap_or(&root.name)
        .to_ascii_lowercase();
    match local.as_str() {
        "rss" | "feed" => Sniffed::Feed,
        "rdf" if root.name.contains(':') || root.xml_declaration => Sniffed::Feed,
        "html" => Sniffed::Html,
        _ if root.html_doctype || tags >= 1 || is_html_extension(ext) => Sniffed::Html,
        _ if root.xml_declaration => {
            Sniffed::Unsupported(format!("XML document with root element <{}>", root.name))
        }
        _ => Sniffed::Text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_tag_table_is_sorted_for_binary_search() {
        assert!(HTML_TAGS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn recognises_html_by_doctype_or_root() {
        assert_eq!(sniff(b"<!DOCTYPE html><html><body>x", "a"), Sniffed::Html);
        assert_eq!(
            sniff(b"\xEF\xBB\xBF  <!-- saved -->\n<HTML lang=fr>", "a.txt"),
            Sniffed::Html
        );
        assert_eq!(
            sniff(b"<div class=\"article\"><p>Texto</p></div>", "a"),
            Sniffed::Html
        );
    }

    #[test]
    fn recognises_html_without_a_leading_tag_by_density() {
        let page = b"Titre de la page\n<p>Premier paragraphe.</p><p>Second.</p><br/>";
        assert_eq!(sniff(page, "scraped"), Sniffed::Html);
    }

    #[test]
    fn extension_breaks_a_tie_between_text_and_html() {
        let one_tag = b"Ein Artikel mit <b>einem</b> fetten Wort.";
        assert_eq!(sniff(one_tag, "artikel.txt"), Sniffed::Text);
        assert_eq!(sniff(one_tag, "artikel.html.gz"), Sniffed::Html);
    }

    #[test]
    fn prose_is_text_even_with_brackets_and_angles() {
        assert_eq!(
            sniff(b"[Mise a jour] Le conseil a vote.", "a"),
            Sniffed::Text
        );
        assert_eq!(sniff(b"{Exclusif} Les chiffres", "a"), Sniffed::Text);
        assert_eq!(sniff(b"Prices rose 3% (<5% expected).", "a"), Sniffed::Text);
    }

    #[test]
    fn recognises_json_shapes() {
        assert_eq!(
            sniff(b"{\"a\":1}\n{\"a\":2}\n", "x.txt"),
            Sniffed::JsonLines
        );
        assert_eq!(
            sniff(b"{\n  \"title\": \"x\"\n}\n", "x"),
            Sniffed::JsonDocument
        );
        assert_eq!(sniff(b"[{\"title\": \"x\"}]", "x"), Sniffed::JsonDocument);
        assert_eq!(
            sniff(b"{\"text\": \"no newline in the prefix", "x"),
            Sniffed::JsonLines
        );
    }

    #[test]
    fn recognises_feeds_by_root_element() {
        let rss = b"<?xml version=\"1.0\"?>\n<!-- c -->\n<rss version=\"2.0\"><channel>";
        assert_eq!(sniff(rss, "feed.html"), Sniffed::Feed);
        assert_eq!(
            sniff(b"<feed xmlns=\"http://www.w3.org/2005/Atom\">", "x"),
            Sniffed::Feed
        );
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"x\">", "x"),
            Sniffed::Feed
        );
    }

    #[test]
    fn doctype_with_an_internal_subset_is_skipped() {
        let feed = b"<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"x\"><!ENTITY b \"&a;\">]>\n<rss><channel><title>t</title>";
        assert_eq!(sniff(feed, "x"), Sniffed::Feed);
    }

    #[test]
    fn unknown_xml_is_unsupported() {
        let sitemap = b"<?xml version=\"1.0\"?><urlset><url><loc>x</loc></url></urlset>";
        assert!(matches!(sniff(sitemap, "x"), Sniffed::Unsupported(_)));
    }

    #[test]
    fn recognises_warc_and_empty() {
        assert_eq!(
            sniff(b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", "x"),
            Sniffed::Warc
        );
        assert_eq!(sniff(b" \n\t\r\n", "x"), Sniffed::Empty);
    }

    #[test]
    fn binary_by_magic_and_by_control_bytes() {
        assert!(matches!(
            sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "a.html"),
            Sniffed::Binary(_)
        ));
        assert!(matches!(sniff(b"%PDF-1.7\n", "a"), Sniffed::Unsupported(_)));
        let mut noise = Vec::new();
        for i in 0..4096u32 {
            noise.push((i.wrapping_mul(2_654_435_761) >> 13) as u8);
        }
        assert!(matches!(sniff(&noise, "a.txt"), Sniffed::Binary(_)));
    }

    #[test]
    fn a_stray_nul_is_not_binary() {
        let text = b"Un texte avec un octet nul\0 perdu au milieu, sinon normal.";
        assert_eq!(sniff(text, "a"), Sniffed::Text);
    }

    #[test]
    fn extension_looks_through_gz() {
        assert_eq!(extension_of("dir/page.HTML.gz").as_deref(), Some("html"));
        assert_eq!(extension_of("dir.d/README").as_deref(), None);
        assert_eq!(extension_of("-"), None);
    }
}
