//! The article fields: title, standfirst, authors, publication and modification dates, and
//! the lower-confidence date candidates found in text. Each function gathers the candidates
//! every signal offers and lets [`super::vote::pick`] choose.

use std::sync::OnceLock;

use regex::Regex;
use veille_model::{
    BodyKind, Caption, DateCandidate, Field, Flag, FlagKind, RemovalReason, Removed,
};

use super::authors::{is_scraper_account, parse_author_list, Byline};
use super::dates::{date_in_url_path, day_of, find_dates, parse_datetime};
use super::textlines::{MetadataLines, DETAIL_PREFIX};
use super::title::{acceptable_title, is_fragment, is_title_shaped, strip_site_suffix};
use super::util::{clean_value, comparable, truncate_chars};
use super::vote::{pick, Candidate};
use super::Context;
use crate::Block;

/// Most date candidates kept per document.
const MAX_DATE_CANDIDATES: usize = 30;

/// Whether two titles are the same headline (equal, or one the start of the other).
fn same_title(a: &str, b: &str) -> bool {
    let (a, b) = (comparable(a), comparable(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    long.starts_with(short.as_str()) && short.len() * 10 >= long.len() * 6
}

/// Title meta tags, most trusted first.
const TITLE_META: &[(&str, f32)] = &[
    ("og:title", 0.85),
    ("headline", 0.8),
    ("parsely-title", 0.8),
    ("twitter:title", 0.75),
    ("dc.title", 0.75),
    ("dcterms.title", 0.75),
    ("sailthru.title", 0.75),
    ("title", 0.6),
];

/// The headline. For text input, a title-shaped first line is a candidate and leaves `blocks`.
pub(crate) fn title(
    ctx: &Context<'_>,
    blocks: &mut Vec<Block>,
    sites: &[String],
) -> Option<Field<String>> {
    let mut candidates = Vec::new();
    let mut push = |value: &str, source: String, confidence: f32| {
        let (headline, _) = strip_site_suffix(&clean_value(value), sites);
        if acceptable_title(&headline, sites) {
            candidates.push(Candidate::new(headline, source, confidence));
        }
    };
    if let Some(headline) = &ctx.json_ld.headline {
        push(headline, "json-ld:headline".into(), 0.9);
    }
    for (key, confidence) in TITLE_META {
        if let Some(value) = ctx.meta_value(key) {
            push(&value, format!("meta:{key}"), *confidence);
        }
    }
    if let Some(page) = ctx.page {
        let h1: Vec<&String> = page.h1.iter().filter(|h| !h.trim().is_empty()).collect();
        if let Some(first) = h1.first() {
            push(
                first,
                "html:h1".into(),
                if h1.len() == 1 { 0.88 } else { 0.5 },
            );
        }
        if let Some(tag) = &page.title_tag {
            let (headline, _) = strip_site_suffix(&clean_value(tag), sites);
            if acceptable_title(&headline, sites) {
                candidates.push(Candidate::new(headline, "title-tag", 0.7));
            }
        }
    }
    if let Some(hint) = &ctx.raw.hints.title {
        let value = clean_value(hint);
        if acceptable_title(&value, sites) {
            candidates.push(Candidate::new(value, ctx.hint_source(), 0.8));
        }
    }
    let first_line = (ctx.raw.body_kind == BodyKind::Text)
        .then(|| first_title_line(blocks))
        .flatten();
    if let Some(index) = first_line {
        let value = blocks[index].text.clone();
        if acceptable_title(&value, sites) {
            candidates.push(Candidate::new(value, "text:first_line", 0.6));
        }
    }
    let mut chosen = pick(&candidates, |a, b| same_title(a, b))?;
    // When the visible headline agrees with a longer markup title ("Headline • Tagline"), the
    // visible words are the headline and the rest is decoration.
    if let Some(h1) = candidates.iter().find(|c| c.source == "html:h1") {
        let shorter = h1.value.chars().count() < chosen.value.chars().count();
        if shorter && same_title(&h1.value, &chosen.value) {
            chosen.value = h1.value.clone();
            chosen.source = h1.source.clone();
        }
    }
    // The headline is metadata, not body: a first line that repeats it leaves the text.
    if let Some(index) = first_line {
        if same_title(&blocks[index].text, &chosen.value) {
            blocks.remove(index);
        }
    }
    Some(chosen)
}

/// Index of the title line of scraped text: the first block that is not a leading fragment,
/// when it is title-shaped and some body follows it.
fn first_title_line(blocks: &[Block]) -> Option<usize> {
    let index = blocks
        .iter()
        .take(4)
        .position(|block| !is_fragment(&block.text))?;
    let block = &blocks[index];
    (is_title_shaped(&block.text) && blocks.len() > index + 1).then_some(index)
}

/// Description meta tags, most trusted first.
const DESCRIPTION_META: &[(&str, f32)] = &[
    ("og:description", 0.65),
    ("twitter:description", 0.6),
    ("description", 0.6),
    ("dc.description", 0.6),
    ("dcterms.abstract", 0.6),
    ("sailthru.description", 0.55),
];

/// The standfirst: description metadata, or for scraped text a short lead line set apart.
pub(crate) fn subtitle(
    ctx: &Context<'_>,
    blocks: &[Block],
    title: Option<&str>,
) -> Option<Field<String>> {
    let title = title.map(comparable).unwrap_or_default();
    let mut candidates = Vec::new();
    let push =
        |candidates: &mut Vec<Candidate<String>>, value: &str, source: String, confidence: f32| {
            let value = clean_value(value);
            let words = value.split_whitespace().count();
            if words >= 4 && value.chars().count() <= 1000 && comparable(&value) != title {
                candidates.push(Candidate::new(value, source, confidence));
            }
        };
    if let Some(description) = &ctx.json_ld.description {
        push(
            &mut candidates,
            description,
            "json-ld:description".into(),
            0.7,
        );
    }
    for (key, confidence) in DESCRIPTION_META {
        if let Some(value) = ctx.meta_value(key) {
            push(&mut candidates, &value, format!("meta:{key}"), *confidence);
        }
    }
    if let Some(summary) = &ctx.raw.hints.summary {
        push(&mut candidates, summary, ctx.hint_source().to_string(), 0.7);
    }
    if ctx.raw.body_kind == BodyKind::Text && candidates.is_empty() {
        if let Some(lead) = standfirst_line(blocks) {
            push(&mut candidates, &lead, "text:standfirst".into(), 0.4);
        }
    }
    pick(&candidates, |a, b| same_title(a, b))
}

/// A one-sentence lead noticeably shorter than the paragraph after it.
fn standfirst_line(blocks: &[Block]) -> Option<String> {
    let first = blocks.first()?;
    let next = blocks.get(1)?;
    let chars = first.text.chars().count();
    let sentences = first
        .text
        .trim_end_matches(['.', '!', '?', '…'])
        .matches(['.', '!', '?'])
        .count();
    let set_apart = (40..=300).contains(&chars) && next.text.chars().count() * 10 >= chars * 15;
    (set_apart && sentences == 0).then(|| first.text.clone())
}

/// Author meta tags, most trusted first.
const AUTHOR_META: &[(&str, f32)] = &[
    ("article:author", 0.8),
    ("parsely-author", 0.8),
    ("byl", 0.8),
    ("author", 0.75),
    ("sailthru.author", 0.75),
    ("dc.creator", 0.75),
    ("dcterms.creator", 0.75),
    ("citation_author", 0.7),
];

/// The authors; scraper accounts met on the way become flags.
pub(crate) fn authors(
    ctx: &Context<'_>,
    removed: &[Removed],
    lines: &MetadataLines,
    flags: &mut Vec<Flag>,
) -> Option<Field<Vec<String>>> {
    let mut candidates: Vec<Candidate<Vec<String>>> = Vec::new();
    let mut flag = |evidence: &str| {
        flags.push(Flag {
            kind: FlagKind::ScraperAccount,
            evidence: truncate_chars(evidence.trim(), 200),
            span: None,
        });
    };
    let mut read = |values: &[String], source: String, confidence: f32, strict: bool| {
        let mut names: Vec<String> = Vec::new();
        for value in values {
            if value.contains("://") && !value.contains(' ') {
                continue; // a profile URL, not a name
            }
            match parse_author_list(value, strict) {
                Some(Byline {
                    authors,
                    scraper_accounts,
                }) => {
                    if !scraper_accounts.is_empty() {
                        flag(value);
                    }
                    for name in authors {
                        if !names.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
                            names.push(name);
                        }
                    }
                }
                None if is_scraper_account(value) => flag(value),
                None => {}
            }
        }
        if !names.is_empty() {
            candidates.push(Candidate::new(names, source, confidence));
        }
    };
    // An organisation given as author is a brand standing in for a byline: a byline naming
    // people should win over it.
    let json_ld_confidence = if ctx.json_ld.authors_are_organizations {
        0.6
    } else {
        0.9
    };
    read(
        &ctx.json_ld.authors,
        "json-ld:author".into(),
        json_ld_confidence,
        false,
    );
    for (key, confidence) in AUTHOR_META {
        let values = ctx.meta_values(key);
        if !values.is_empty() {
            read(&values, format!("meta:{key}"), *confidence, false);
        }
    }
    if let Some(page) = ctx.page {
        read(&page.bylines, "html:byline".into(), 0.75, false);
    }
    if !ctx.raw.hints.authors.is_empty() {
        read(&ctx.raw.hints.authors, ctx.hint_source().into(), 0.8, false);
    }
    let text_bylines: Vec<String> = lines.bylines.iter().map(|(text, _)| text.clone()).collect();
    read(&text_bylines, "text:byline".into(), 0.7, true);
    let removed_bylines: Vec<String> = removed
        .iter()
        .filter(|r| r.reason == RemovalReason::Byline)
        .filter(|r| {
            !r.detail
                .as_deref()
                .is_some_and(|d| d.starts_with(DETAIL_PREFIX))
        })
        .map(|r| r.text.clone())
        .collect();
    read(&removed_bylines, "text:byline".into(), 0.65, true);
    // Blocks that cleaning removed as scraper accounts are flagged by cleaning itself; only the
    // accounts this module met (metadata values, bylines it read) are flagged here.
    let overlap = |a: &Vec<String>, b: &Vec<String>| {
        a.iter()
            .any(|x| b.iter().any(|y| comparable(x) == comparable(y)))
    };
    pick(&candidates, overlap)
}

/// Publication date meta tags.
const PUBLISHED_META: &[(&str, f32)] = &[
    ("article:published_time", 0.85),
    ("og:article:published_time", 0.85),
    ("datepublished", 0.85),
    ("parsely-pub-date", 0.85),
    ("sailthru.date", 0.8),
    ("dcterms.issued", 0.8),
    ("dc.date.issued", 0.8),
    ("dcterms.created", 0.75),
    ("dc.date", 0.75),
    ("dcterms.date", 0.75),
    ("pubdate", 0.75),
    ("publishdate", 0.75),
    ("publish-date", 0.75),
    ("publish_date", 0.75),
    ("article.published", 0.75),
    ("og:published_time", 0.75),
    ("date", 0.65),
];

/// Modification date meta tags.
const MODIFIED_META: &[(&str, f32)] = &[
    ("article:modified_time", 0.85),
    ("og:updated_time", 0.8),
    ("datemodified", 0.85),
    ("dcterms.modified", 0.8),
    ("article.updated", 0.75),
    ("last-modified", 0.6),
];

fn same_day(a: &str, b: &str) -> bool {
    day_of(a) == day_of(b)
}

/// Publication and modification dates. Nothing is invented: without an explicit signal the
/// fields stay empty and the text's dates are only candidates.
pub(crate) fn dates(
    ctx: &Context<'_>,
    removed: &[Removed],
    lines: &MetadataLines,
) -> (Option<Field<String>>, Option<Field<String>>) {
    let mut published: Vec<Candidate<String>> = Vec::new();
    let mut modified: Vec<Candidate<String>> = Vec::new();
    let push = |list: &mut Vec<Candidate<String>>, value: &str, source: String, confidence: f32| {
        if let Some(iso) = parse_datetime(value) {
            list.push(Candidate::new(iso, source, confidence));
        }
    };
    if let Some(value) = &ctx.json_ld.published {
        push(&mut published, value, "json-ld:datePublished".into(), 0.9);
    }
    if let Some(value) = &ctx.json_ld.modified {
        push(&mut modified, value, "json-ld:dateModified".into(), 0.9);
    }
    for (key, confidence) in PUBLISHED_META {
        if let Some(value) = ctx.meta_value(key) {
            push(&mut published, &value, format!("meta:{key}"), *confidence);
        }
    }
    for (key, confidence) in MODIFIED_META {
        if let Some(value) = ctx.meta_value(key) {
            push(&mut modified, &value, format!("meta:{key}"), *confidence);
        }
    }
    if let Some(value) = &ctx.raw.hints.published {
        push(&mut published, value, ctx.hint_source().into(), 0.8);
    }
    if let Some(value) = &ctx.raw.hints.modified {
        push(&mut modified, value, ctx.hint_source().into(), 0.8);
    }
    if let Some(page) = ctx.page {
        if let Some((datetime, text)) = page.times.first() {
            let value = datetime.as_deref().unwrap_or(text);
            push(&mut published, value, "html:time".into(), 0.55);
        }
    }
    if let Some(page) = ctx.page {
        // Byline elements often carry the date: "By Ana Ruiz | March 17, 2024".
        if let Some(found) = page
            .bylines
            .iter()
            .find_map(|b| find_dates(b).into_iter().next())
        {
            published.push(Candidate::new(found.iso, "html:byline", 0.55));
        }
    }
    for dateline in &lines.datelines {
        let list = if dateline.is_update {
            &mut modified
        } else {
            &mut published
        };
        list.push(Candidate::new(dateline.iso.clone(), "text:dateline", 0.6));
    }
    for block in removed.iter().filter(|r| r.reason == RemovalReason::Byline) {
        if block
            .detail
            .as_deref()
            .is_some_and(|d| d.starts_with(DETAIL_PREFIX))
        {
            continue;
        }
        if let Some(dateline) = super::textlines::parse_dateline(&block.text) {
            let list = if dateline.is_update {
                &mut modified
            } else {
                &mut published
            };
            list.push(Candidate::new(dateline.iso, "text:dateline", 0.55));
        }
    }
    if let Some(url) = page_or_canonical_url(ctx) {
        if let Some((iso, _)) = date_in_url_path(&url) {
            published.push(Candidate::new(iso, "url:path", 0.5));
        }
    }
    (
        pick(&published, |a, b| same_day(a, b)),
        pick(&modified, |a, b| same_day(a, b)),
    )
}

fn page_or_canonical_url(ctx: &Context<'_>) -> Option<String> {
    ctx.page_url.clone().or_else(|| {
        ctx.page.and_then(|page| {
            page.links
                .iter()
                .find(|link| link.rel.split_whitespace().any(|r| r == "canonical"))
                .map(|link| link.href.clone())
        })
    })
}

/// Photo credits and caption words that mark the sentence around a date as a caption.
fn caption_marker() -> &'static Regex {
    static MARKER: OnceLock<Regex> = OnceLock::new();
    MARKER.get_or_init(|| {
        Regex::new(r"(?i)\((?:[^()]{0,80}\b(?:photo|foto|фото|getty|pool|epa|afp|reuters|ap|dpa|sipa|abaca)\b[^()]{0,80})\)|\b(?:photo|foto|credit|crédit|bildquelle)\s*:")
            .unwrap_or_else(|error| panic!("caption marker pattern does not compile: {error}"))
    })
}

/// Explicit dates from captions, the body, removed blocks, markup times and the URL, each with
/// the words it was read from.
pub(crate) fn date_candidates(
    ctx: &Context<'_>,
    blocks: &[Block],
    removed: &[Removed],
    captions: &[Caption],
) -> Vec<DateCandidate> {
    let mut out: Vec<DateCandidate> = Vec::new();
    let mut push = |value: String, source: &str, confidence: f32, evidence: &str| {
        if out.len() >= MAX_DATE_CANDIDATES
            || out.iter().any(|c| c.value == value && c.source == source)
        {
            return;
        }
        out.push(DateCandidate {
            value,
            source: source.to_string(),
            confidence,
            evidence: truncate_chars(evidence.trim(), 160),
        });
    };
    for caption in captions {
        for found in find_dates(&caption.text) {
            let evidence = caption.text.get(found.range.clone()).unwrap_or("");
            push(found.iso, "text:caption", 0.4, evidence);
        }
    }
    let texts = blocks.iter().map(|b| (b.text.as_str(), false)).chain(
        removed
            .iter()
            .map(|r| (r.text.as_str(), r.reason == RemovalReason::Caption)),
    );
    for (text, is_caption) in texts {
        for found in find_dates(text) {
            let evidence = text.get(found.range.clone()).unwrap_or("");
            let sentence = sentence_of(text, found.range.clone());
            let (source, confidence) = if is_caption || caption_marker().is_match(sentence) {
                ("text:caption", 0.4)
            } else if super::textlines::parse_dateline(sentence).is_some() {
                ("text:dateline", 0.5)
            } else {
                ("text:body", 0.3)
            };
            push(found.iso, source, confidence, evidence);
        }
    }
    if let Some(page) = ctx.page {
        for (datetime, text) in page.times.iter().take(5) {
            let value = datetime.as_deref().unwrap_or(text);
            if let Some(iso) = parse_datetime(value) {
                push(iso, "html:time", 0.55, value);
            }
        }
    }
    if let Some(url) = page_or_canonical_url(ctx) {
        if let Some((iso, evidence)) = date_in_url_path(&url) {
            push(iso, "url:path", 0.5, &evidence);
        }
    }
    out
}

/// The sentence of `text` that holds `range` (bounded by full stops outside parentheses are
/// not tracked: a plain search for the surrounding terminators is enough here).
fn sentence_of(text: &str, range: std::ops::Range<usize>) -> &str {
    let start = text
        .get(..range.start)
        .and_then(|head| head.rfind(['.', '!', '?', '|']))
        .map(|i| i + 1)
        .unwrap_or(0);
    let end = text
        .get(range.end..)
        .and_then(|tail| {
            // A caption's credit follows its closing full stop: "… 2022. (AP Photo)".
            let stop = tail.find(['.', '!', '?'])?;
            let after = tail.get(stop + 1..)?.trim_start();
            if after.starts_with('(') {
                after
                    .find(')')
                    .map(|close| tail.len() - after.len() + close + 1)
            } else {
                Some(stop + 1)
            }
        })
        .map(|i| range.end + i)
        .unwrap_or(text.len());
    text.get(start..end).unwrap_or(text)
}
