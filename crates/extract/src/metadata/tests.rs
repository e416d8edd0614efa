//! End-to-end tests of [`super::collect`] on the texts and markup of `fixtures/metadata/`.

use proptest::prelude::*;
use veille_model::{
    BodyKind, FlagKind, Hints, InputRef, RawDocument, RemovalReason, Removed, SourceFormat,
};

use super::collect;
use crate::{Block, HtmlPage, LinkTag, MetaTag, Metadata};

const FR_REPUBLISHED: &str = include_str!("../../../../fixtures/metadata/fr_republished.txt");
const EN_AGENCY: &str = include_str!("../../../../fixtures/metadata/en_agency.txt");
const DE_ERSCHIENEN: &str = include_str!("../../../../fixtures/metadata/de_erschienen.txt");
const ES_FUENTE: &str = include_str!("../../../../fixtures/metadata/es_fuente.txt");
const SYNDICATED_JSONLD: &str = include_str!("../../../../fixtures/metadata/syndicated.jsonld");

fn raw(body: &str, kind: BodyKind, format: SourceFormat) -> RawDocument {
    RawDocument {
        input: InputRef {
            path: "fixture".into(),
            ..InputRef::default()
        },
        format,
        body_kind: kind,
        body: body.to_string(),
        encoding: "utf-8".into(),
        hints: Hints::default(),
        warnings: Vec::new(),
    }
}

fn blocks_of(text: &str) -> Vec<Block> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(Block::paragraph)
        .collect()
}

/// Runs `collect` on scraped text; returns the metadata, the remaining blocks and the removed ones.
fn collect_text(text: &str) -> (Metadata, Vec<Block>, Vec<Removed>) {
    let raw = raw(text, BodyKind::Text, SourceFormat::Text);
    let mut blocks = blocks_of(text);
    let mut removed = Vec::new();
    let metadata = collect(&raw, None, &mut blocks, &mut removed, &[]);
    (metadata, blocks, removed)
}

#[test]
fn french_republished_text() {
    let (meta, blocks, removed) = collect_text(FR_REPUBLISHED);
    let title = meta.title.expect("a title");
    assert_eq!(
        title.value,
        "La crue de la Sambre oblige trois villages à évacuer leurs écoles"
    );
    assert_eq!(title.source, "text:first_line");
    assert!(
        blocks.iter().all(|b| b.text != title.value),
        "the title left the body"
    );

    let authors = meta.authors.expect("authors");
    assert_eq!(
        authors.value,
        vec!["Hélène Marchetti", "Jean-Baptiste Roux", "Amina Diallo"]
    );
    assert_eq!(authors.source, "text:byline");

    let original = meta.original_source.expect("an original source");
    assert_eq!(original.value.name.as_deref(), Some("The Guardian"));
    assert_eq!(
        original.value.evidence,
        "Cet article a été initialement publié dans le Guardian."
    );

    let caption_date = meta
        .date_candidates
        .iter()
        .find(|c| c.value == "2023-02-06")
        .expect("the caption's date");
    assert_eq!(caption_date.source, "text:caption");
    assert!(caption_date.evidence.contains("6 février 2023"));
    assert!(
        meta.published.is_none(),
        "a caption's date is not the publication date"
    );

    let account = meta
        .flags
        .iter()
        .find(|f| f.kind == FlagKind::ScraperAccount)
        .expect("scraper account flagged");
    assert_eq!(account.evidence, "By qx7ab");
    assert!(!authors.value.iter().any(|a| a.contains("qx7ab")));
    assert!(removed.iter().any(|r| r.reason == RemovalReason::Byline));

    assert_eq!(meta.site_name.map(|s| s.value).as_deref(), Some("NordInfo"));
}

#[test]
fn english_agency_text() {
    let (meta, _, _) = collect_text(EN_AGENCY);
    assert_eq!(
        meta.title.map(|t| t.value).as_deref(),
        Some("Floodwaters force three villages to close their schools")
    );
    assert_eq!(
        meta.authors.map(|a| a.value),
        Some(vec!["Jane Holloway".to_string(), "Tom Reyes".to_string()])
    );
    let published = meta.published.expect("the dateline's date");
    assert_eq!(published.value, "2023-02-06T09:40:00");
    assert_eq!(published.source, "text:dateline");
    let original = meta.original_source.expect("agency dateline");
    assert_eq!(original.value.name.as_deref(), Some("Reuters"));
    assert_eq!(original.source, "text:dateline");
}

#[test]
fn german_text_with_unknown_original_publisher() {
    let (meta, _, _) = collect_text(DE_ERSCHIENEN);
    assert_eq!(
        meta.authors.map(|a| a.value),
        Some(vec!["Katrin Vogel".to_string()])
    );
    let original = meta.original_source.expect("zuerst erschienen");
    assert_eq!(
        original.value.name.as_deref(),
        Some("Rheinischen Rundschau")
    );
    assert!(
        original.confidence < 0.9,
        "an unknown publisher is less certain"
    );
    assert!(meta
        .date_candidates
        .iter()
        .any(|c| c.value == "2023-02-06" && c.source == "text:body"));
}

#[test]
fn spanish_text_without_any_date() {
    let (meta, blocks, _) = collect_text(ES_FUENTE);
    assert_eq!(
        meta.authors.map(|a| a.value),
        Some(vec!["Lucía Fernández".to_string()])
    );
    assert_eq!(
        meta.original_source.and_then(|o| o.value.name).as_deref(),
        Some("Agencia EFE")
    );
    assert!(meta.published.is_none() && meta.modified.is_none());
    assert!(meta.date_candidates.is_empty());
    assert!(blocks.first().is_some_and(|b| b.text.starts_with("El río")));
}

fn meta_tag(key: &str, content: &str) -> MetaTag {
    MetaTag {
        key: key.into(),
        content: content.into(),
    }
}

fn syndicated_page() -> HtmlPage {
    HtmlPage {
        html_lang: Some("en".into()),
        title_tag: Some(
            "Floodwaters force three villages to close their schools | River Post".into(),
        ),
        meta: vec![
            meta_tag("og:site_name", "River Post"),
            meta_tag(
                "og:title",
                "Floodwaters force three villages to close their schools",
            ),
            meta_tag("article:published_time", "2023-02-06T09:40:00+01:00"),
            meta_tag("author", "Ana Ruiz"),
        ],
        links: vec![LinkTag {
            rel: "canonical".into(),
            href: "https://www.theguardian.com/world/2023/feb/06/floods-schools-closed".into(),
        }],
        json_ld: vec![SYNDICATED_JSONLD.to_string()],
        h1: vec!["Floodwaters force three villages to close their schools".into()],
        times: vec![(
            Some("2023-02-06T09:40:00+01:00".into()),
            "6 February 2023".into(),
        )],
        bylines: vec!["By Ana Ruiz".into()],
        ..HtmlPage::default()
    }
}

#[test]
fn html_page_with_markup_signals() {
    let mut raw = raw("<html>…</html>", BodyKind::Html, SourceFormat::Html);
    raw.input.url = Some("https://www.riverpost.example/world/2023/02/06/floods-schools".into());
    let page = syndicated_page();
    let mut blocks = blocks_of("The river burst its banks overnight, officials said on Monday.");
    let mut removed = Vec::new();
    let meta = collect(&raw, Some(&page), &mut blocks, &mut removed, &[]);

    let title = meta.title.expect("title");
    assert_eq!(title.source, "json-ld:headline");
    assert!(
        title.confidence > 0.95,
        "five signals agree: {}",
        title.confidence
    );

    let published = meta.published.expect("published");
    assert_eq!(published.value, "2023-02-06T09:40:00+01:00");
    assert_eq!(
        meta.modified.map(|m| m.value).as_deref(),
        Some("2023-02-06T11:05:00+01:00")
    );

    assert_eq!(
        meta.authors.map(|a| a.value),
        Some(vec!["Ana Ruiz".to_string()])
    );
    assert!(meta
        .flags
        .iter()
        .any(|f| f.kind == FlagKind::ScraperAccount && f.evidence == "admin"));

    assert_eq!(
        meta.site_name.map(|s| s.value).as_deref(),
        Some("River Post")
    );
    // The cross-domain canonical is not the page's URL: it names the original.
    let url = meta.url.expect("url");
    assert!(url.value.contains("riverpost.example"), "{}", url.value);
    let original = meta.original_source.expect("original source");
    assert_eq!(original.value.name.as_deref(), Some("The Guardian"));
    assert!(original
        .value
        .url
        .as_deref()
        .is_some_and(|u| u.contains("theguardian.com")));

    assert_eq!(
        meta.declared_language.map(|l| l.value).as_deref(),
        Some("en")
    );
    assert!(meta
        .date_candidates
        .iter()
        .any(|c| c.source == "url:path" && c.value == "2023-02-06"));
}

#[test]
fn container_hints_are_used_and_named() {
    let mut raw = raw(
        "Body line one is here.\nBody line two is here too.",
        BodyKind::Text,
        SourceFormat::Jsonl,
    );
    raw.hints = Hints {
        title: Some("Hint title for the article".into()),
        published: Some("2023-02-06".into()),
        authors: vec!["Ana Ruiz".into()],
        site_name: Some("River Post".into()),
        language: Some("en".into()),
        ..Hints::default()
    };
    let mut blocks = blocks_of(&raw.body);
    let mut removed = Vec::new();
    let meta = collect(&raw, None, &mut blocks, &mut removed, &[]);
    assert_eq!(
        meta.title.map(|t| (t.value, t.source)),
        Some(("Hint title for the article".into(), "hint:jsonl".into()))
    );
    assert_eq!(
        meta.published.map(|p| p.source).as_deref(),
        Some("hint:jsonl")
    );
    assert_eq!(
        meta.declared_language.map(|l| l.value).as_deref(),
        Some("en")
    );
    assert_eq!(
        blocks.len(),
        2,
        "no body line is taken for a title when the container gives one"
    );
}

#[test]
fn title_is_never_the_site_name_or_a_section_label() {
    let raw = raw("", BodyKind::Html, SourceFormat::Html);
    let page = HtmlPage {
        title_tag: Some("River Post".into()),
        meta: vec![
            meta_tag("og:site_name", "River Post"),
            meta_tag("og:title", "Opinion"),
        ],
        h1: vec!["Opinion".into()],
        ..HtmlPage::default()
    };
    let meta = collect(&raw, Some(&page), &mut Vec::new(), &mut Vec::new(), &[]);
    assert!(meta.title.is_none(), "{:?}", meta.title);
}

proptest! {
    #[test]
    fn arbitrary_pages_never_panic(
        title in "\\PC{0,80}",
        meta_key in prop::sample::select(vec!["og:title", "author", "article:published_time", "og:url", "og:site_name", "description"]),
        meta_value in "\\PC{0,80}",
        json in "\\PC{0,120}",
        lines in prop::collection::vec("\\PC{0,80}", 0..8),
    ) {
        let raw = raw(&lines.join("\n"), BodyKind::Html, SourceFormat::Html);
        let page = HtmlPage {
            title_tag: Some(title.clone()),
            meta: vec![meta_tag(meta_key, &meta_value)],
            links: vec![LinkTag { rel: "canonical".into(), href: meta_value.clone() }],
            json_ld: vec![json, format!("{{\"@type\":\"NewsArticle\",\"headline\":{:?},\"author\":{:?}}}", title, meta_value)],
            h1: vec![title],
            bylines: vec![meta_value],
            ..HtmlPage::default()
        };
        let mut blocks: Vec<Block> = lines.iter().map(|l| Block::paragraph(l.as_str())).collect();
        let before = blocks.len();
        let meta = collect(&raw, Some(&page), &mut blocks, &mut Vec::new(), &[]);
        prop_assert!(blocks.len() <= before);
        for field in [&meta.title, &meta.subtitle, &meta.published, &meta.url, &meta.site_name].into_iter().flatten() {
            prop_assert!((0.0..=1.0).contains(&field.confidence));
        }
    }

    #[test]
    fn arbitrary_text_never_panics(lines in prop::collection::vec("\\PC{0,120}", 0..10)) {
        let text = lines.join("\n");
        let (meta, _, _) = collect_text(&text);
        if let Some(authors) = meta.authors {
            prop_assert!(!authors.value.is_empty());
        }
    }
}
