//! Reading schema.org JSON-LD blocks: finds the article node (`NewsArticle`, `Article`,
//! `BlogPosting`… inside arrays and `@graph`s, `@id` references resolved) and pulls out the
//! fields metadata needs.
//!
//! Real pages carry sloppy JSON-LD (HTML comments and CDATA wrappers, raw newlines inside
//! strings, trailing commas), so parsing is lenient; a block that still does not parse is
//! skipped. Walking is bounded in depth and node count.

use std::collections::HashMap;

use serde_json::Value;

use super::util::clean_value;

/// Blocks larger than this are not metadata worth the parse.
const MAX_BLOCK_BYTES: usize = 1 << 20;
/// Nesting deeper than this is not followed.
const MAX_DEPTH: usize = 12;
/// At most this many objects are looked at per page.
const MAX_NODES: usize = 4000;

/// Where an article says it is based on.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct BasedOn {
    /// Publisher or work name.
    pub name: Option<String>,
    /// URL of the original.
    pub url: Option<String>,
}

/// What the JSON-LD of a page says about its article.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct JsonLd {
    /// `@type` of the article node chosen.
    pub article_type: Option<String>,
    /// `headline` (or `name` of the article node).
    pub headline: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `datePublished` (or `dateCreated`), as written.
    pub published: Option<String>,
    /// `dateModified`, as written.
    pub modified: Option<String>,
    /// Author names, as written (lists not yet split).
    pub authors: Vec<String>,
    /// Whether every author is typed as an organisation (a brand standing in for a byline).
    pub authors_are_organizations: bool,
    /// `publisher.name`.
    pub publisher: Option<String>,
    /// `isBasedOn` / `isBasedOnUrl`.
    pub based_on: Option<BasedOn>,
    /// `sourceOrganization.name`.
    pub source_organization: Option<String>,
    /// `mainEntityOfPage` or `url` of the article node.
    pub url: Option<String>,
    /// `inLanguage`.
    pub language: Option<String>,
    /// `name` of a `WebSite` or `Organization` node.
    pub website_name: Option<String>,
}

/// Reads every JSON-LD block of a page.
pub(crate) fn read(blocks: &[String]) -> JsonLd {
    let mut nodes: Vec<&serde_json::Map<String, Value>> = Vec::new();
    let parsed: Vec<Value> = blocks
        .iter()
        .filter_map(|block| parse_lenient(block))
        .collect();
    for value in &parsed {
        collect_nodes(value, 0, &mut nodes);
    }
    // A reference (`{"@id": …}`) has the same id as the node it points to: keep the fullest.
    let mut by_id: HashMap<&str, &serde_json::Map<String, Value>> = HashMap::new();
    for node in &nodes {
        if let Some(id) = node.get("@id").and_then(Value::as_str) {
            let fuller = by_id.get(id).is_none_or(|known| known.len() < node.len());
            if fuller {
                by_id.insert(id, node);
            }
        }
    }
    let mut out = JsonLd::default();
    let article = nodes
        .iter()
        .filter_map(|node| Some((article_rank(node)?, *node)))
        .max_by_key(|(rank, _)| *rank)
        .map(|(_, node)| node);
    if let Some(article) = article {
        fill_from_article(article, &by_id, &mut out);
    }
    // SEO plugins often date the WebPage node rather than the article: use it to fill gaps.
    if let Some(web_page) = nodes
        .iter()
        .find(|node| has_type(node, &["WebPage", "ItemPage"]))
    {
        if out.published.is_none() {
            out.published = web_page
                .get("datePublished")
                .or_else(|| web_page.get("dateCreated"))
                .and_then(text_of);
        }
        if out.modified.is_none() {
            out.modified = web_page.get("dateModified").and_then(text_of);
        }
        if out.language.is_none() {
            out.language = web_page.get("inLanguage").and_then(text_of);
        }
    }
    out.website_name = nodes
        .iter()
        .filter(|node| has_type(node, &["WebSite"]))
        .chain(
            nodes
                .iter()
                .filter(|node| has_type(node, &["Organization", "NewsMediaOrganization"])),
        )
        .find_map(|node| text_of(node.get("name")?));
    out
}

fn parse_lenient(block: &str) -> Option<Value> {
    if block.len() > MAX_BLOCK_BYTES {
        return None;
    }
    let trimmed = block
        .trim()
        .trim_start_matches("<!--")
        .trim_end_matches("-->")
        .trim()
        .trim_start_matches("//<![CDATA[")
        .trim_start_matches("<![CDATA[")
        .trim_end_matches("//]]>")
        .trim_end_matches("]]>")
        .trim();
    if let Ok(value) = serde_json::from_str(trimmed) {
        return Some(value);
    }
    // Raw control characters inside strings are the commonest breakage: outside strings they
    // are whitespace, inside they become spaces, either way harmless.
    let spaced: String = trimmed
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if let Ok(value) = serde_json::from_str(&spaced) {
        return Some(value);
    }
    serde_json::from_str(&strip_trailing_commas(&spaced)).ok()
}

/// Drops commas that directly precede `}` or `]` outside strings.
fn strip_trailing_commas(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if in_string {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        if c == '"' {
            in_string = true;
        }
        if c == ',' {
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            if matches!(next, Some('}') | Some(']')) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

fn collect_nodes<'a>(
    value: &'a Value,
    depth: usize,
    nodes: &mut Vec<&'a serde_json::Map<String, Value>>,
) {
    if depth > MAX_DEPTH || nodes.len() >= MAX_NODES {
        return;
    }
    match value {
        Value::Array(items) => {
            for item in items {
                collect_nodes(item, depth + 1, nodes);
            }
        }
        Value::Object(map) => {
            nodes.push(map);
            for child in map.values() {
                if matches!(child, Value::Object(_) | Value::Array(_)) {
                    collect_nodes(child, depth + 1, nodes);
                }
            }
        }
        _ => {}
    }
}

/// The `@type`s of a node, without `schema:` or URL prefixes.
fn types(node: &serde_json::Map<String, Value>) -> Vec<&str> {
    let raw: Vec<&str> = match node.get("@type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    raw.into_iter()
        .map(|t| t.rsplit(['/', ':', '#']).next().unwrap_or(t))
        .collect()
}

fn has_type(node: &serde_json::Map<String, Value>, wanted: &[&str]) -> bool {
    types(node).iter().any(|t| wanted.contains(t))
}

/// How article-like a node is; `None` for nodes that are not articles at all.
fn article_rank(node: &serde_json::Map<String, Value>) -> Option<u8> {
    const NEWS: &[&str] = &[
        "NewsArticle",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "ReviewNewsArticle",
        "AskPublicNewsArticle",
        "LiveBlogPosting",
    ];
    const ARTICLE: &[&str] = &[
        "Article",
        "BlogPosting",
        "Report",
        "ScholarlyArticle",
        "TechArticle",
        "SocialMediaPosting",
        "DiscussionForumPosting",
        "SatiricalArticle",
    ];
    let has_headline = node.contains_key("headline");
    if has_type(node, NEWS) {
        Some(4 + u8::from(has_headline))
    } else if has_type(node, ARTICLE) {
        Some(2 + u8::from(has_headline))
    } else if has_type(node, &["WebPage", "ItemPage"]) && has_headline {
        Some(1)
    } else {
        None
    }
}

/// A string value: a string, the first string of an array, or an object's `@value`/`name`.
fn text_of(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Array(items) => return items.iter().find_map(text_of),
        Value::Object(map) => {
            return map
                .get("@value")
                .or_else(|| map.get("name"))
                .and_then(text_of)
        }
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    let cleaned = clean_value(&text);
    (!cleaned.is_empty()).then_some(cleaned)
}

/// Follows an `{"@id": …}` reference to the full node when the page defines it.
fn resolve<'a>(
    map: &'a serde_json::Map<String, Value>,
    by_id: &HashMap<&str, &'a serde_json::Map<String, Value>>,
) -> &'a serde_json::Map<String, Value> {
    if map.contains_key("name") {
        return map;
    }
    map.get("@id")
        .and_then(Value::as_str)
        .and_then(|id| by_id.get(id).copied())
        .unwrap_or(map)
}

/// The name of a person or organisation value (string, object, reference).
fn name_of(
    value: &Value,
    by_id: &HashMap<&str, &serde_json::Map<String, Value>>,
) -> Option<String> {
    match value {
        Value::String(_) => text_of(value),
        Value::Object(map) => {
            let node = resolve(map, by_id);
            if let Some(name) = node.get("name").and_then(text_of) {
                return Some(name);
            }
            let given = node.get("givenName").and_then(text_of);
            let family = node.get("familyName").and_then(text_of);
            match (given, family) {
                (Some(g), Some(f)) => Some(format!("{g} {f}")),
                (Some(one), None) | (None, Some(one)) => Some(one),
                (None, None) => None,
            }
        }
        _ => None,
    }
}

fn url_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| s.contains("://")),
        Value::Object(map) => map.get("@id").or_else(|| map.get("url")).and_then(url_of),
        Value::Array(items) => items.iter().find_map(url_of),
        _ => None,
    }
}

fn fill_from_article(
    article: &serde_json::Map<String, Value>,
    by_id: &HashMap<&str, &serde_json::Map<String, Value>>,
    out: &mut JsonLd,
) {
    out.article_type = types(article).first().map(|t| t.to_string());
    out.headline = article
        .get("headline")
        .or_else(|| article.get("name"))
        .and_then(text_of);
    out.description = article.get("description").and_then(text_of);
    out.published = article
        .get("datePublished")
        .or_else(|| article.get("dateCreated"))
        .and_then(text_of);
    out.modified = article.get("dateModified").and_then(text_of);
    if let Some(author) = article.get("author").or_else(|| article.get("creator")) {
        let items: Vec<&Value> = match author {
            Value::Array(items) => items.iter().collect(),
            other => vec![other],
        };
        out.authors_are_organizations = !items.is_empty()
            && items.iter().all(|item| match item {
                Value::Object(map) => has_type(
                    resolve(map, by_id),
                    &[
                        "Organization",
                        "NewsMediaOrganization",
                        "Corporation",
                        "LocalBusiness",
                    ],
                ),
                _ => false,
            });
        out.authors = items
            .into_iter()
            .take(50)
            .filter_map(|item| name_of(item, by_id))
            .collect();
    }
    out.publisher = article.get("publisher").and_then(|p| match p {
        Value::Array(items) => items.iter().find_map(|item| name_of(item, by_id)),
        other => name_of(other, by_id),
    });
    let based_on = article
        .get("isBasedOn")
        .or_else(|| article.get("isBasedOnUrl"));
    out.based_on = based_on.and_then(|value| {
        let url = url_of(value);
        let name = match value {
            Value::String(s) if !s.contains("://") => text_of(value),
            Value::Object(map) => {
                let node = resolve(map, by_id);
                node.get("publisher")
                    .and_then(|p| name_of(p, by_id))
                    .or_else(|| node.get("name").and_then(text_of))
            }
            _ => None,
        };
        (url.is_some() || name.is_some()).then_some(BasedOn { name, url })
    });
    out.source_organization = article
        .get("sourceOrganization")
        .and_then(|value| name_of(value, by_id));
    out.url = article
        .get("mainEntityOfPage")
        .and_then(url_of)
        .or_else(|| article.get("url").and_then(url_of));
    out.language = article.get("inLanguage").and_then(text_of);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_a_graph_with_references() {
        let block = r#"{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","@id":"https://ex.org/#site","name":"Le Quotidien du Nord"},
            {"@type":"Person","@id":"https://ex.org/#p1","name":"Claire Dubois"},
            {"@type":["NewsArticle"],"headline":"Les digues tiennent &amp; la ville respire",
             "datePublished":"2023-03-04T08:00:00+01:00","dateModified":"2023-03-04T10:15:00+01:00",
             "author":[{"@id":"https://ex.org/#p1"},{"@type":"Person","name":"Marc Petit"}],
             "publisher":{"@type":"Organization","name":"Le Quotidien du Nord"},
             "mainEntityOfPage":{"@id":"https://ex.org/digues"},"inLanguage":"fr-FR"}]}"#;
        let ld = read(&[block.to_string()]);
        assert_eq!(
            ld.headline.as_deref(),
            Some("Les digues tiennent & la ville respire")
        );
        assert_eq!(ld.authors, vec!["Claire Dubois", "Marc Petit"]);
        assert_eq!(ld.publisher.as_deref(), Some("Le Quotidien du Nord"));
        assert_eq!(ld.published.as_deref(), Some("2023-03-04T08:00:00+01:00"));
        assert_eq!(ld.url.as_deref(), Some("https://ex.org/digues"));
        assert_eq!(ld.language.as_deref(), Some("fr-FR"));
        assert_eq!(ld.website_name.as_deref(), Some("Le Quotidien du Nord"));
    }

    #[test]
    fn prefers_news_articles_over_web_pages() {
        let block = r#"[{"@type":"WebPage","headline":"Page","name":"Page"},
            {"@type":"http://schema.org/NewsArticle","headline":"Real headline"}]"#;
        assert_eq!(
            read(&[block.to_string()]).headline.as_deref(),
            Some("Real headline")
        );
    }

    #[test]
    fn dates_of_the_web_page_node_fill_gaps() {
        let block = r#"{"@graph":[{"@type":"WebPage","name":"P","datePublished":"2024-03-17T19:47:39+00:00"},
            {"@type":"Article","headline":"H"}]}"#;
        let ld = read(&[block.to_string()]);
        assert_eq!(ld.headline.as_deref(), Some("H"));
        assert_eq!(ld.published.as_deref(), Some("2024-03-17T19:47:39+00:00"));
    }

    #[test]
    fn survives_sloppy_blocks() {
        let block = "<!-- {\"@type\":\"Article\",\"headline\":\"Line\nbreak\",\"author\":\"Ana Ruiz\",} -->";
        let ld = read(&[block.to_string()]);
        assert_eq!(ld.headline.as_deref(), Some("Line break"));
        assert_eq!(ld.authors, vec!["Ana Ruiz"]);
        assert_eq!(read(&["{not json".to_string()]), JsonLd::default());
    }

    #[test]
    fn reads_based_on_and_source_organization() {
        let block = r#"{"@type":"NewsArticle","headline":"H",
            "isBasedOn":{"@type":"NewsArticle","url":"https://www.nytimes.com/2022/12/19/world/x.html",
                         "publisher":{"name":"The New York Times"}},
            "sourceOrganization":{"@type":"Organization","name":"Reuters"}}"#;
        let ld = read(&[block.to_string()]);
        let based_on = ld.based_on.expect("isBasedOn read");
        assert_eq!(based_on.name.as_deref(), Some("The New York Times"));
        assert!(based_on.url.is_some_and(|u| u.contains("nytimes.com")));
        assert_eq!(ld.source_organization.as_deref(), Some("Reuters"));
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
        let _ = read(&[deep]);
    }

    proptest! {
        #[test]
        fn arbitrary_json_never_panics(text in "[\\[\\]{}\":,a-z@0-9 ]{0,200}") {
            let _ = read(&[text]);
        }

        #[test]
        fn arbitrary_values_in_article_fields_never_panic(
            field in prop::sample::select(vec!["headline", "author", "publisher", "datePublished", "isBasedOn", "mainEntityOfPage"]),
            value in "\\PC{0,40}",
        ) {
            let json = serde_json::json!({"@type": "NewsArticle", field: [value.clone(), {"name": value.clone(), "@id": value}]});
            let _ = read(&[json.to_string()]);
        }
    }
}
