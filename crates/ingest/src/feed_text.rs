//! Text inside feed elements: entity references, CDATA sections and inline markup.
//!
//! Feeds carry HTML in three ways: escaped (`&lt;p&gt;`), in CDATA (`<![CDATA[<p>]]>`) or, in
//! Atom `type="xhtml"` and sloppy RSS, as child elements. [`inner_content`] takes the raw inner
//! XML of an element and gives back what the publisher meant: escaped text is unescaped, CDATA
//! is unwrapped, and inline markup is kept as written (its entities belong to the HTML).
//! Feeds also use HTML entities (`&nbsp;`, `&eacute;`) without declaring them; the common ones
//! are resolved, unknown ones are left as written rather than failing the feed.

use std::borrow::Cow;

/// HTML named entities common in feeds that XML does not define.
const HTML_ENTITIES: &[(&str, char)] = &[
    ("Agrave", 'À'),
    ("Eacute", 'É'),
    ("aacute", 'á'),
    ("acirc", 'â'),
    ("agrave", 'à'),
    ("auml", 'ä'),
    ("bull", '•'),
    ("ccedil", 'ç'),
    ("copy", '©'),
    ("eacute", 'é'),
    ("ecirc", 'ê'),
    ("egrave", 'è'),
    ("euml", 'ë'),
    ("euro", '€'),
    ("hellip", '…'),
    ("iacute", 'í'),
    ("icirc", 'î'),
    ("iuml", 'ï'),
    ("laquo", '«'),
    ("ldquo", '“'),
    ("lsquo", '‘'),
    ("mdash", '—'),
    ("nbsp", '\u{A0}'),
    ("ndash", '–'),
    ("ntilde", 'ñ'),
    ("oacute", 'ó'),
    ("ocirc", 'ô'),
    ("ouml", 'ö'),
    ("raquo", '»'),
    ("rdquo", '”'),
    ("reg", '®'),
    ("rsquo", '’'),
    ("szlig", 'ß'),
    ("uacute", 'ú'),
    ("ucirc", 'û'),
    ("ugrave", 'ù'),
    ("uuml", 'ü'),
];

/// Resolves one reference name (between `&` and `;`).
fn resolve(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            if let Some(number) = name.strip_prefix('#') {
                let code = match number.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => number.parse::<u32>().ok()?,
                };
                return char::from_u32(code).filter(|c| *c != '\0');
            }
            HTML_ENTITIES
                .binary_search_by(|(key, _)| key.cmp(&name))
                .ok()
                .map(|i| HTML_ENTITIES[i].1)
        }
    }
}

/// Replaces character and entity references; unknown ones stay as written.
pub(crate) fn unescape(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let reference = after
            .find(';')
            .filter(|&end| end > 0 && end <= 32)
            .and_then(|end| resolve(&after[..end]).map(|c| (c, end)));
        match reference {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Splits raw inner XML into (is_cdata, segment) parts.
fn segments(raw: &str) -> Vec<(bool, &str)> {
    let mut parts = Vec::new();
    let mut rest = raw;
    while let Some(start) = rest.find("<![CDATA[") {
        parts.push((false, &rest[..start]));
        let inside = &rest[start + 9..];
        match inside.find("]]>") {
            Some(end) => {
                parts.push((true, &inside[..end]));
                rest = &inside[end + 3..];
            }
            None => {
                parts.push((true, inside));
                rest = "";
            }
        }
    }
    parts.push((false, rest));
    parts
}

/// What an element means, from its raw inner XML: CDATA unwrapped, escaped text unescaped,
/// inline markup kept as written. The flag says whether inline markup was found.
pub(crate) fn inner_content(raw: &str) -> (String, bool) {
    let parts = segments(raw);
    let markup = parts
        .iter()
        .any(|(cdata, text)| !cdata && text.contains('<'));
    let mut out = String::with_capacity(raw.len());
    for (cdata, text) in parts {
        if cdata || markup {
            out.push_str(text);
        } else {
            out.push_str(&unescape(text));
        }
    }
    (out, markup)
}

/// Plain text of a short HTML string (titles and summaries used as hints): tags removed,
/// character references resolved.
pub(crate) fn strip_tags(html: &str) -> Cow<'_, str> {
    if !html.contains('<') {
        return unescape(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        match rest[start..].find('>') {
            Some(end) => {
                out.push(' ');
                rest = &rest[start + end + 1..];
            }
            None => {
                rest = &rest[start..];
                break;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(unescape(&out).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_table_is_sorted_for_binary_search() {
        assert!(HTML_ENTITIES.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn unescapes_xml_numeric_and_common_html_references() {
        assert_eq!(unescape("a &amp; b &lt;c&gt; &#233;&#xE8;"), "a & b <c> éè");
        assert_eq!(unescape("Caf&eacute;&nbsp;noir"), "Café\u{A0}noir");
        assert_eq!(
            unescape("AT&T & &unknown; &#0; &"),
            "AT&T & &unknown; &#0; &"
        );
    }

    #[test]
    fn cdata_is_unwrapped_and_escaped_html_unescaped() {
        let (text, markup) = inner_content("<![CDATA[<p>Un &amp; deux</p>]]>");
        assert_eq!(text, "<p>Un &amp; deux</p>");
        assert!(!markup);
        let (text, _) = inner_content("&lt;p&gt;Tres &amp;amp; cuatro&lt;/p&gt;");
        assert_eq!(text, "<p>Tres &amp; cuatro</p>");
    }

    #[test]
    fn inline_markup_is_kept_as_written() {
        let (text, markup) = inner_content("<div><p>Fish &amp; chips</p></div>");
        assert_eq!(text, "<div><p>Fish &amp; chips</p></div>");
        assert!(markup);
    }

    #[test]
    fn strip_tags_leaves_text() {
        assert_eq!(
            strip_tags("<b>Breaking</b>: rates &amp; bonds"),
            " Breaking : rates & bonds"
        );
        assert_eq!(strip_tags("no tags"), "no tags");
        assert_eq!(strip_tags("Fish &amp; chips &#8230;"), "Fish & chips …");
        assert_eq!(strip_tags("a < b"), "a < b");
    }
}
