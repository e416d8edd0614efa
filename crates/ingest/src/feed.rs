//! RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one document per item or entry.
//!
//! The feed is read whole (feeds are small; the limit is [`crate::IngestConfig::max_bytes`]),
//! decoded with its XML declaration, then walked with quick-xml. Elements are matched by local
//! name, with their prefix checked against the vocabularies feeds use (`dc:`, `content:`,
//! `atom:`, `rdf:`, `dcterms:`), so that `media:title` or `itunes:summary` never overwrite the
//! item's own fields.
//!
//! Body: `content:encoded` or Atom `<content>` when present (full text), else
//! `description`/`summary`; when the body comes from the content, the description becomes the
//! summary hint. The channel or feed title becomes the site name; channel `language` or
//! `xml:lang` the language. A feed that breaks off keeps the items before the break, followed by
//! a `malformed` failure that gives the byte offset.
//!
//! Entities declared in a DTD are never expanded (quick-xml does not, and [`crate::feed_text`]
//! only knows XML's five and a fixed list of HTML ones), so entity-expansion bombs are inert.

use std::io::Read;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use veille_model::{BodyKind, Hints, RawDocument, SourceFormat};

use crate::encoding::{Context, Markup};
use crate::error::{location, IngestError, IngestFailure};
use crate::feed_text::{inner_content, strip_tags};
use crate::limits::read_bounded;
use crate::normalize::{self, clean_hint};
use crate::sniff::html_tag_count;
use crate::{Documents, InputInfo};

/// Prefixes whose elements are read; everything else (media:, itunes:, slash:…) is skipped.
const KNOWN_PREFIXES: &[&str] = &["dc", "dcterms", "content", "atom", "rdf"];

/// One item or entry, as read.
#[derive(Debug, Default)]
struct Item {
    title: Option<String>,
    link: Option<String>,
    id: Option<String>,
    published: Option<String>,
    modified: Option<String>,
    authors: Vec<String>,
    /// `description` / `summary`, with whether it is HTML.
    description: Option<(String, bool)>,
    /// `content:encoded` / Atom `content`, with whether it is HTML.
    content: Option<(String, bool)>,
    language: Option<String>,
}

/// Channel-level facts that apply to every item.
#[derive(Debug, Default)]
struct Channel {
    title: Option<String>,
    language: Option<String>,
    authors: Vec<String>,
}

fn local_name(start: &BytesStart<'_>) -> String {
    start.local_name().as_ref().to_string()
}

fn has_known_prefix(start: &BytesStart<'_>) -> bool {
    match start.name().prefix() {
        None => true,
        Some(prefix) => KNOWN_PREFIXES.contains(&prefix.as_ref()),
    }
}

fn attribute(start: &BytesStart<'_>, name: &str) -> Option<String> {
    let attr = start.try_get_attribute(name).ok()??;
    Some(crate::feed_text::unescape(&attr.value).into_owned())
}

/// Raw inner XML of the element just opened by `start`, processed by [`inner_content`].
fn element_content(
    reader: &mut Reader<&[u8]>,
    start: &BytesStart<'_>,
) -> Result<(String, bool), quick_xml::Error> {
    let raw = reader.read_text(start.name())?;
    Ok(inner_content(&raw.into_inner()))
}

/// Short text of an element, for hints: tags stripped, whitespace collapsed.
fn element_text(
    reader: &mut Reader<&[u8]>,
    start: &BytesStart<'_>,
) -> Result<Option<String>, quick_xml::Error> {
    let (content, _) = element_content(reader, start)?;
    Ok(clean_hint(&strip_tags(&content)))
}

/// Name from an Atom `<author>` (its `<name>` child) or an RSS `author` (`mail (Name)`).
fn author_name(raw: &str) -> Option<String> {
    if let Some(start) = raw.find("<name") {
        let after = &raw[start..];
        let open_end = after.find('>')? + 1;
        let close = after.find("</")?;
        if close > open_end {
            let (text, _) = inner_content(&after[open_end..close]);
            return clean_hint(&text);
        }
        return None;
    }
    let (text, _) = inner_content(raw);
    let text = text.trim();
    // RSS 2.0 wants "email (Real Name)": keep the name.
    if let (Some(open), true) = (text.find('('), text.ends_with(')')) {
        if text[..open].contains('@') {
            return clean_hint(&text[open + 1..text.len() - 1]);
        }
    }
    clean_hint(&strip_tags(text))
}

/// Whether the content of an Atom text construct or RSS field is HTML.
fn atom_is_html(start: &BytesStart<'_>, content: &str, inline_markup: bool) -> bool {
    match attribute(start, "type")
        .map(|t| t.to_ascii_lowercase())
        .as_deref()
    {
        Some("html" | "xhtml" | "text/html" | "application/xhtml+xml") => true,
        Some("text" | "text/plain") => false,
        _ => inline_markup || html_tag_count(content.as_bytes()) >= 1,
    }
}

/// Reads one `<item>` / `<entry>` up to its end tag.
fn read_item(
    reader: &mut Reader<&[u8]>,
    start: &BytesStart<'_>,
    atom: bool,
) -> Result<Item, quick_xml::Error> {
    let mut item = Item {
        id: attribute(start, "rdf:about"),
        language: attribute(start, "xml:lang"),
        ..Item::default()
    };
    let end_name = start.name().as_ref().to_string();
    loop {
        match reader.read_event()? {
            Event::Start(child) => {
                if !has_known_prefix(&child) {
                    reader.read_to_end(child.name())?;
                    continue;
                }
                read_item_field(reader, &child, atom, &mut item)?;
            }
            Event::Empty(child) if child.local_name().as_ref() == "link" => {
                take_atom_link(&child, &mut item);
            }
            Event::End(end) if end.name().as_ref() == end_name => return Ok(item),
            Event::Eof => return Ok(item),
            _ => {}
        }
    }
}

/// Atom `<link href rel>`: the alternate (or unqualified) link is the item's URL.
fn take_atom_link(link: &BytesStart<'_>, item: &mut Item) {
    let rel = attribute(link, "rel").unwrap_or_else(|| "alternate".into());
    if rel == "alternate" && item.link.is_none() {
        item.link = attribute(link, "href").and_then(|h| clean_hint(&h));
    }
}

fn read_item_field(
    reader: &mut Reader<&[u8]>,
    child: &BytesStart<'_>,
    atom: bool,
    item: &mut Item,
) -> Result<(), quick_xml::Error> {
    match local_name(child).as_str() {
        "title" => item.title = element_text(reader, child)?,
        "link" if child.try_get_attribute("href").ok().flatten().is_some() => {
            take_atom_link(child, item);
            reader.read_to_end(child.name())?;
        }
        "link" => {
            let link = element_text(reader, child)?;
            item.link = item.link.take().or(link);
        }
        "guid" | "id" | "identifier" => {
            let id = element_text(reader, child)?;
            item.id = id.or(item.id.take());
        }
        "pubDate" | "published" | "issued" => item.published = element_text(reader, child)?,
        "date" => {
            let date = element_text(reader, child)?;
            item.published = item.published.take().or(date);
        }
        "updated" | "modified" => item.modified = element_text(reader, child)?,
        "creator" | "author" => {
            let raw = reader.read_text(child.name())?;
            item.authors.extend(author_name(&raw.into_inner()));
        }
        "description" | "summary" | "abstract" => {
            let (text, inline) = element_content(reader, child)?;
            let html = atom_is_html(child, &text, inline);
            item.description = Some((text, html));
        }
        "encoded" => {
            let (text, _) = element_content(reader, child)?;
            item.content = Some((text, true));
        }
        "content" if atom => {
            if child.try_get_attribute("src").ok().flatten().is_some() {
                reader.read_to_end(child.name())?;
            } else {
                let (text, inline) = element_content(reader, child)?;
                let html = atom_is_html(child, &text, inline);
                item.content = Some((text, html));
            }
        }
        "language" => item.language = element_text(reader, child)?,
        _ => {
            reader.read_to_end(child.name())?;
        }
    }
    Ok(())
}

/// Turns an item into a document.
fn to_document(
    item: Item,
    channel: &Channel,
    info: &InputInfo,
    record: u64,
    format: SourceFormat,
    encoding: &str,
) -> RawDocument {
    let mut warnings = info.warnings.clone();
    let (body, summary) = match (item.content, item.description) {
        (Some(content), description) => (Some(content), description),
        (None, description) => (description, None),
    };
    let (body, body_kind) = match body {
        Some((text, true)) => (text, BodyKind::Html),
        Some((text, false)) => (text, BodyKind::Text),
        None => {
            warnings.push("feed item has no content or description".into());
            (String::new(), BodyKind::Text)
        }
    };
    let (body, dropped) = normalize::clean(body);
    if dropped > 0 {
        warnings.push(format!("removed {dropped} control characters"));
    }
    let mut input = info.input_ref(Some(record));
    input.url = item.link;
    input.external_id = item.id;
    let authors = if item.authors.is_empty() {
        channel.authors.clone()
    } else {
        item.authors
    };
    RawDocument {
        input,
        format,
        body_kind,
        body,
        encoding: encoding.to_string(),
        hints: Hints {
            title: item.title,
            published: item.published,
            modified: item.modified,
            authors,
            site_name: channel.title.clone(),
            language: item.language.or_else(|| channel.language.clone()),
            summary: summary.and_then(|(text, _)| clean_hint(&strip_tags(&text))),
            fetched: None,
        },
        warnings,
    }
}

/// Reads a feed and yields its items.
pub(crate) fn read_feed(
    info: InputInfo,
    mut reader: Box<dyn Read + Send>,
) -> Result<Documents, IngestError> {
    let at = info.path.clone();
    let bounded = read_bounded(&mut reader, info.cfg.max_bytes, &at)?;
    let decoded = info.decode(bounded.bytes, Markup::Xml, Context::default());
    let mut info = info;
    info.warnings.extend(bounded.truncation);
    info.warnings.extend(decoded.warnings);
    let mut xml = Reader::from_str(&decoded.text);
    xml.config_mut().check_end_names = false;
    let mut channel = Channel::default();
    let mut items: Vec<Item> = Vec::new();
    let mut format = SourceFormat::Rss;
    let mut depth: usize = 0;
    let mut failure = None;
    loop {
        let event = match xml.read_event() {
            Ok(event) => event,
            Err(error) => {
                failure = Some(format!(
                    "XML error at byte {}: {error}",
                    xml.error_position()
                ));
                break;
            }
        };
        let result = match event {
            Event::Start(start) => {
                depth += 1;
                read_channel_element(
                    &mut xml,
                    &start,
                    depth,
                    &mut channel,
                    &mut items,
                    &mut format,
                )
                .map(|consumed| {
                    if consumed {
                        depth -= 1;
                    }
                })
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                Ok(())
            }
            Event::Eof => break,
            _ => Ok(()),
        };
        if let Err(error) = result {
            failure = Some(format!(
                "XML error at byte {}: {error}",
                xml.error_position()
            ));
            break;
        }
    }
    let encoding = decoded.encoding.clone();
    let n_items = items.len() as u64;
    let mut results: Vec<Result<RawDocument, IngestFailure>> = items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            Ok(to_document(
                item, &channel, &info, i as u64, format, &encoding,
            ))
        })
        .collect();
    match failure {
        Some(detail) => {
            let at = location(&info.path, "record", Some(n_items));
            let error = IngestError::Malformed { at, detail };
            results.push(Err(IngestFailure::new(
                info.input_ref(Some(n_items)),
                error,
            )));
        }
        None if results.is_empty() => {
            return Err(IngestError::Empty {
                at: format!("{at} (feed has no items)"),
            })
        }
        None => {}
    }
    Ok(Box::new(results.into_iter()))
}

/// Handles an element opened outside items. Returns whether it was read up to its end tag.
fn read_channel_element(
    xml: &mut Reader<&[u8]>,
    start: &BytesStart<'_>,
    depth: usize,
    channel: &mut Channel,
    items: &mut Vec<Item>,
    format: &mut SourceFormat,
) -> Result<bool, quick_xml::Error> {
    let name = local_name(start);
    if depth == 1 {
        if name == "feed" {
            *format = SourceFormat::Atom;
        }
        channel.language = attribute(start, "xml:lang").and_then(|l| clean_hint(&l));
        return Ok(false);
    }
    if !has_known_prefix(start) {
        xml.read_to_end(start.name())?;
        return Ok(true);
    }
    let atom = *format == SourceFormat::Atom;
    // Channel fields sit at depth 2 in Atom (`feed/title`) and RSS 1.0, 3 in RSS 2.0.
    let channel_level = if atom { 2 } else { 3 };
    match name.as_str() {
        "item" | "entry" => {
            items.push(read_item(xml, start, atom)?);
            Ok(true)
        }
        "title" if depth == channel_level => {
            let title = element_text(xml, start)?;
            channel.title = channel.title.take().or(title);
            Ok(true)
        }
        "language" if depth <= 3 => {
            let language = element_text(xml, start)?;
            channel.language = language.or(channel.language.take());
            Ok(true)
        }
        "author" | "creator" if depth == channel_level => {
            let raw = xml.read_text(start.name())?;
            channel.authors.extend(author_name(&raw.into_inner()));
            Ok(true)
        }
        // Descend into channel, rdf:RDF children and other containers.
        "channel" => Ok(false),
        _ if depth >= channel_level => {
            xml.read_to_end(start.name())?;
            Ok(true)
        }
        _ => Ok(false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::IngestConfig;
    use std::io::Cursor;

    fn feed(xml: &str) -> Vec<Result<RawDocument, IngestFailure>> {
        let info = InputInfo {
            path: "feed.xml".into(),
            cfg: IngestConfig::default(),
            transcoded: None,
            warnings: Vec::new(),
        };
        read_feed(info, Box::new(Cursor::new(xml.as_bytes().to_vec())))
            .unwrap()
            .collect()
    }

    #[test]
    fn rss_channel_facts_apply_to_items_and_media_is_ignored() {
        let docs = feed(
            r#"<?xml version="1.0"?><rss version="2.0" xmlns:media="m" xmlns:dc="d">
            <channel><title>Le Petit Journal</title><language>fr</language>
            <image><title>logo</title></image>
            <item><title>Premier</title><media:title>NOT THIS</media:title>
              <link>https://pj.example/1</link><guid>pj-1</guid>
              <description>Texte court.</description><dc:creator>Marie Curie</dc:creator>
              <pubDate>Mon, 06 May 2024 10:00:00 +0200</pubDate></item>
            </channel></rss>"#,
        );
        let doc = docs[0].as_ref().unwrap();
        assert_eq!(doc.hints.title.as_deref(), Some("Premier"));
        assert_eq!(doc.hints.site_name.as_deref(), Some("Le Petit Journal"));
        assert_eq!(doc.hints.language.as_deref(), Some("fr"));
        assert_eq!(doc.hints.authors, vec!["Marie Curie"]);
        assert_eq!(doc.input.external_id.as_deref(), Some("pj-1"));
        assert_eq!(doc.body, "Texte court.");
        assert_eq!(doc.body_kind, BodyKind::Text);
        assert_eq!(doc.hints.summary, None);
    }

    #[test]
    fn rss_author_email_form_keeps_the_name() {
        assert_eq!(
            author_name("jo@example.org (Jo Bloggs)").as_deref(),
            Some("Jo Bloggs")
        );
        assert_eq!(
            author_name("<name>Ann Lee</name><email>a@x</email>").as_deref(),
            Some("Ann Lee")
        );
    }

    #[test]
    fn rdf_items_outside_the_channel_are_read() {
        let docs = feed(
            r#"<?xml version="1.0"?><rdf:RDF xmlns:rdf="r" xmlns="http://purl.org/rss/1.0/" xmlns:dc="d">
            <channel rdf:about="https://x.example/"><title>RDF Site</title></channel>
            <item rdf:about="https://x.example/a"><title>A</title><link>https://x.example/a</link>
            <description>&lt;p&gt;Alpha&lt;/p&gt;</description><dc:date>2024-01-02</dc:date></item>
            </rdf:RDF>"#,
        );
        let doc = docs[0].as_ref().unwrap();
        assert_eq!(doc.hints.site_name.as_deref(), Some("RDF Site"));
        assert_eq!(
            doc.input.external_id.as_deref(),
            Some("https://x.example/a")
        );
        assert_eq!(doc.hints.published.as_deref(), Some("2024-01-02"));
        assert_eq!(doc.body, "<p>Alpha</p>");
        assert_eq!(doc.body_kind, BodyKind::Html);
    }

    #[test]
    fn broken_feed_keeps_earlier_items_and_reports_the_break() {
        let docs = feed(
            "<rss><channel><item><title>One</title><description>ok</description></item>\
             <item><title>Two</title><description a=\"unclosed>x</description>",
        );
        assert!(docs[0].is_ok());
        let failure = docs.last().unwrap().as_ref().unwrap_err();
        assert_eq!(failure.error.code(), "malformed");
    }

    #[test]
    fn declared_entities_are_not_expanded() {
        let mut xml =
            String::from("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\">");
        for level in 1..10 {
            let previous = format!("&e{};", level - 1).replace("&e0;", "&a;");
            xml.push_str(&format!("<!ENTITY e{level} \"{}\">", previous.repeat(10)));
        }
        xml.push_str("]><rss><channel><item><title>&e9;</title><description>x</description></item></channel></rss>");
        let docs = feed(&xml);
        assert_eq!(
            docs[0].as_ref().unwrap().hints.title.as_deref(),
            Some("&e9;")
        );
    }

    #[test]
    fn feed_without_items_is_empty() {
        let info = InputInfo {
            path: "feed.xml".into(),
            cfg: IngestConfig::default(),
            transcoded: None,
            warnings: Vec::new(),
        };
        let error = read_feed(
            info,
            Box::new(Cursor::new(
                b"<rss><channel><title>x</title></channel></rss>".to_vec(),
            )),
        )
        .err()
        .unwrap();
        assert_eq!(error.code(), "empty");
    }
}
