//! Small text and URL helpers shared by the metadata readers: whitespace, HTML entities left in
//! metadata values, hosts and registrable domains, bounded evidence strings.

/// Collapses runs of whitespace into one space and trims.
pub(crate) fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Decodes the HTML entities that survive in metadata values (JSON-LD strings, double-escaped
/// meta contents): named basics and numeric references. Unknown entities are left as written.
pub(crate) fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let entity_end = tail
            .char_indices()
            .take(12)
            .find(|(_, c)| *c == ';')
            .map(|(i, _)| i);
        let decoded = entity_end.and_then(|end| {
            let name = tail.get(1..end)?;
            let ch = match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                "nbsp" => ' ',
                "rsquo" => '’',
                "lsquo" => '‘',
                "ldquo" => '“',
                "rdquo" => '”',
                "laquo" => '«',
                "raquo" => '»',
                "ndash" => '–',
                "mdash" => '—',
                "hellip" => '…',
                _ => {
                    let number = name.strip_prefix('#')?;
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => number.parse().ok()?,
                    };
                    char::from_u32(code)?
                }
            };
            Some((ch, end + 1))
        });
        match decoded {
            Some((ch, consumed)) => {
                out.push(ch);
                rest = &tail[consumed..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A metadata string made presentable: entities decoded, whitespace collapsed.
pub(crate) fn clean_value(text: &str) -> String {
    collapse_whitespace(&decode_entities(text))
}

/// The host of an absolute URL (`https://www.example.org:8080/a` → `www.example.org`), lower case.
pub(crate) fn host_of(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    let host = host.split(':').next()?.trim_end_matches('.');
    (!host.is_empty() && host.contains('.')).then(|| host.to_lowercase())
}

/// Second-level labels under which registrations happen (`co.uk`, `com.au`).
const SECOND_LEVEL: &[&str] = &[
    "co", "com", "org", "net", "gov", "ac", "edu", "gouv", "ne", "or",
];

/// The registrable part of a host: `www.bbc.co.uk` → `bbc.co.uk`, `m.lemonde.fr` → `lemonde.fr`.
pub(crate) fn registrable_domain(host: &str) -> String {
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    let keep = match labels.as_slice() {
        [.., second, top] if top.len() == 2 && SECOND_LEVEL.contains(second) => 3,
        _ => 2,
    };
    let start = labels.len().saturating_sub(keep);
    labels[start..].join(".")
}

/// Resolves `href` against `base` (absolute, scheme-relative, root-relative or relative paths).
pub(crate) fn resolve_url(base: Option<&str>, href: &str) -> Option<String> {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') || href.starts_with("javascript:") {
        return None;
    }
    if href.contains("://") {
        return Some(href.to_string());
    }
    let base = base?;
    let (scheme, rest) = base.split_once("://")?;
    if let Some(no_scheme) = href.strip_prefix("//") {
        return Some(format!("{scheme}://{no_scheme}"));
    }
    let authority = rest.split(['/', '?', '#']).next()?;
    if href.starts_with('/') {
        return Some(format!("{scheme}://{authority}{href}"));
    }
    let path = rest.get(authority.len()..).unwrap_or("");
    let path = path.split(['?', '#']).next().unwrap_or("");
    let dir = path.rfind('/').map(|i| &path[..=i]).unwrap_or("/");
    Some(format!("{scheme}://{authority}{dir}{href}"))
}

/// At most `max` characters of `text`, with an ellipsis when cut.
pub(crate) fn truncate_chars(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", text[..cut].trim_end()),
        None => text.to_string(),
    }
}

/// Lower-case letters and digits only, words separated by one space: for comparing titles.
pub(crate) fn comparable(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn decodes_entities_and_keeps_unknown_ones() {
        assert_eq!(
            decode_entities("Tom &amp; Jerry&#39;s &#x2019; &bogus; &"),
            "Tom & Jerry's ’ &bogus; &"
        );
    }

    #[test]
    fn finds_hosts_and_registrable_domains() {
        assert_eq!(
            host_of("https://www.NYTimes.com/2022/x").as_deref(),
            Some("www.nytimes.com")
        );
        assert_eq!(host_of("not a url"), None);
        assert_eq!(registrable_domain("www.bbc.co.uk"), "bbc.co.uk");
        assert_eq!(registrable_domain("m.lemonde.fr"), "lemonde.fr");
    }

    #[test]
    fn resolves_relative_urls() {
        let base = Some("https://example.org/news/a.html?x=1");
        assert_eq!(
            resolve_url(base, "/b").as_deref(),
            Some("https://example.org/b")
        );
        assert_eq!(
            resolve_url(base, "c.html").as_deref(),
            Some("https://example.org/news/c.html")
        );
        assert_eq!(
            resolve_url(base, "//cdn.org/d").as_deref(),
            Some("https://cdn.org/d")
        );
        assert_eq!(resolve_url(None, "/b"), None);
    }

    proptest! {
        #[test]
        fn helpers_never_panic(text in "\\PC{0,120}") {
            let _ = decode_entities(&text);
            let _ = host_of(&text);
            let _ = registrable_domain(&text);
            let _ = resolve_url(Some(&text), &text);
            let _ = truncate_chars(&text, 7);
        }
    }
}
