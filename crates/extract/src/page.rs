//! Types shared by the extraction steps.

use veille_model::{BlockKind, Caption, DateCandidate, Field, Flag, OriginalSource, Removed};

/// A block of body text with its role.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// Text, whitespace-normalised, no line breaks except inside preformatted blocks.
    pub text: String,
    /// Role.
    pub kind: BlockKind,
}

impl Block {
    /// A paragraph block.
    pub fn paragraph(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            kind: BlockKind::Paragraph,
        }
    }
}

/// A `<meta>` element: `key` is its `name`, `property` or `itemprop` (lower-cased), `content` its value.
#[derive(Debug, Clone, PartialEq)]
pub struct MetaTag {
    /// `name`, `property`, `itemprop` or `http-equiv`, lower-cased.
    pub key: String,
    /// `content`.
    pub content: String,
}

/// A `<link>` element (or `<a rel=…>`): `rel` lower-cased.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkTag {
    /// `rel`, lower-cased.
    pub rel: String,
    /// `href`, as written.
    pub href: String,
}

/// What the HTML step learns from a page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HtmlPage {
    /// `<html lang>`.
    pub html_lang: Option<String>,
    /// `<title>` text.
    pub title_tag: Option<String>,
    /// `<meta>` elements, head and body.
    pub meta: Vec<MetaTag>,
    /// `<link>` elements and `rel`-carrying anchors.
    pub links: Vec<LinkTag>,
    /// Raw contents of `<script type="application/ld+json">`.
    pub json_ld: Vec<String>,
    /// Texts of `<h1>` elements, in order.
    pub h1: Vec<String>,
    /// `<time>` elements: (`datetime` attribute, text), in order.
    pub times: Vec<(Option<String>, String)>,
    /// Texts of elements marked as author/byline (`rel=author`, `class*=author|byline`, `itemprop=author`).
    pub bylines: Vec<String>,
    /// Main content blocks, in order.
    pub blocks: Vec<Block>,
    /// Captions of images and videos inside the main content.
    pub captions: Vec<Caption>,
    /// Blocks that looked like content but were dropped, with reasons.
    pub removed: Vec<Removed>,
}

/// Metadata fields, each with provenance.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    /// Headline.
    pub title: Option<Field<String>>,
    /// Standfirst.
    pub subtitle: Option<Field<String>>,
    /// Publication datetime.
    pub published: Option<Field<String>>,
    /// Modification datetime.
    pub modified: Option<Field<String>>,
    /// Authors.
    pub authors: Option<Field<Vec<String>>>,
    /// Site name.
    pub site_name: Option<Field<String>>,
    /// Canonical URL.
    pub url: Option<Field<String>>,
    /// Original publisher.
    pub original_source: Option<Field<OriginalSource>>,
    /// Declared language (markup or container), before identification from the text.
    pub declared_language: Option<Field<String>>,
    /// Explicit dates from text and markup.
    pub date_candidates: Vec<DateCandidate>,
    /// Flags raised while reading metadata (scraper account bylines…).
    pub flags: Vec<Flag>,
}

/// The result of [`crate::extract`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extracted {
    /// Clean body blocks, in order.
    pub blocks: Vec<Block>,
    /// Captions, kept apart from the body.
    pub captions: Vec<Caption>,
    /// Everything removed, with reasons.
    pub removed: Vec<Removed>,
    /// Flags raised by cleaning (scraper markers, audio widgets, paywall, truncation).
    pub flags: Vec<Flag>,
    /// Metadata.
    pub metadata: Metadata,
    /// Non-fatal problems.
    pub warnings: Vec<String>,
}
