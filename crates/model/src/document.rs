//! The analysed document: clean text, paragraphs, metadata with provenance, flags.

use serde::{Deserialize, Serialize};

use crate::{InputRef, SourceFormat};

/// A metadata value together with the signal it was read from and how much to trust it.
///
/// `source` is a short, stable identifier of the signal, `kind:detail` shaped, for example
/// `meta:og:title`, `json-ld:datePublished`, `html:h1`, `text:first_line`, `hint:jsonl`,
/// `text:attribution`. `confidence` is in `[0, 1]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field<T> {
    /// The value.
    pub value: T,
    /// The signal it came from.
    pub source: String,
    /// Confidence in `[0, 1]`.
    pub confidence: f32,
}

impl<T> Field<T> {
    /// Builds a field, clamping `confidence` into `[0, 1]`.
    pub fn new(value: T, source: impl Into<String>, confidence: f32) -> Self {
        Self {
            value,
            source: source.into(),
            confidence: confidence.clamp(0.0, 1.0),
        }
    }
}

/// A half-open range of **Unicode scalar values (characters)** into a document's `text`,
/// the way Python and JavaScript index strings. Use [`CharOffsets`] to convert from bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// First character, inclusive.
    pub start: usize,
    /// Last character, exclusive.
    pub end: usize,
}

/// Converts UTF-8 byte offsets of one string into character offsets, in O(log n) per lookup.
#[derive(Debug, Clone)]
pub struct CharOffsets {
    /// Byte offset of every character boundary, plus the string length at the end.
    boundaries: Vec<usize>,
}

impl CharOffsets {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        let mut boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        boundaries.push(text.len());
        Self { boundaries }
    }

    /// Character offset of a byte offset (rounded down to a character boundary).
    pub fn char_of(&self, byte: usize) -> usize {
        match self.boundaries.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Character span of a byte range.
    pub fn span(&self, bytes: std::ops::Range<usize>) -> Span {
        Span {
            start: self.char_of(bytes.start),
            end: self.char_of(bytes.end),
        }
    }
}

/// The role of a block of body text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// An ordinary paragraph.
    #[default]
    Paragraph,
    /// A sub-heading inside the article.
    Heading,
    /// An item of a list.
    ListItem,
    /// A block quotation.
    Blockquote,
    /// A table row, cells separated by tabs.
    TableRow,
    /// Preformatted text.
    Preformatted,
}

/// One paragraph of the clean body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    /// The paragraph text, exactly as it appears in [`Document::text`].
    pub text: String,
    /// Where it sits in [`Document::text`].
    pub span: Span,
    /// Its role.
    pub kind: BlockKind,
    /// ISO 639-1 code of its language when it could be identified.
    pub language: Option<String>,
}

/// An image or video caption, kept apart from the body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Caption {
    /// Caption text.
    pub text: String,
    /// Credit line when it could be separated (`AP Photo/…`).
    pub credit: Option<String>,
}

/// Why a block was removed from the body. Stable identifiers; new ones may be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RemovalReason {
    /// Site navigation, menus, breadcrumbs, footers.
    Navigation,
    /// A teaser for another story ("Lire aussi", "Read more", related links).
    RelatedTeaser,
    /// Share / follow / subscribe / newsletter prompts.
    SharePrompt,
    /// Comment section or comment prompt ("Leave a Reply").
    Comments,
    /// Cookie or consent notice, sign-up consent text.
    ConsentNotice,
    /// Advertising and ad markers (`[ad_1]`, "Publicité").
    Advertising,
    /// Marker left by a scraper or content farm ("Source link", "Exit mobile version").
    ScraperMarker,
    /// Byline of a scraper account, not an author ("By qxrt7").
    ScraperAccount,
    /// Text of an audio or video widget ("Press play to listen", video duration).
    MediaWidget,
    /// Block of teasers for subscriber-only stories.
    SubscriberTeaser,
    /// Publisher disclaimer about third-party content.
    PublisherDisclaimer,
    /// Unrelated headline glued into a paragraph.
    GluedHeadline,
    /// Trending / most-read / tag lists, section labels.
    SectionLabel,
    /// Byline, dateline or "published on" line, kept as metadata instead.
    Byline,
    /// The title repeated at the top of the body.
    DuplicateTitle,
    /// A block repeated across many documents of the same site.
    SiteBoilerplate,
    /// An image or video caption, moved to `captions`.
    Caption,
    /// Paywall or login prompt.
    Paywall,
    /// Short fragment with no sentence shape (stray labels, lone symbols).
    Fragment,
    /// Anything else, see `detail`.
    Other,
}

/// A block removed from the body, with the reason and the signals that decided it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Removed {
    /// The removed text.
    pub text: String,
    /// Why.
    pub reason: RemovalReason,
    /// Which signals fired, free text for humans (`"lexicon:fr share prompt; short line"`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// Kinds of flags. Stable identifiers; new ones may be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    /// An untranslated bracketed fragment in another language: "[of Russia and Belarus]".
    MtBracketFragment,
    /// Two words glued across a lost space: "Soledarthéâtre".
    MtGluedWords,
    /// Quote marks that do not balance.
    UnbalancedQuotes,
    /// Other machine-translation artefacts (calques, untranslated sentences).
    MtOther,
    /// Markers of a scraper or content-farm republication.
    ScraperMarker,
    /// A scraper account given as byline.
    ScraperAccount,
    /// Text of an audio widget ("Press play to listen…", "Voiced by artificial intelligence").
    AudioWidget,
    /// The article seems cut off (ends mid-sentence, "read the rest on…").
    Truncated,
    /// A paywall stub: teaser followed by a subscription prompt.
    Paywall,
    /// Paragraphs in more than one language.
    MixedLanguage,
}

/// A property of the document worth knowing, with the text that triggered it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Flag {
    /// What was noticed.
    pub kind: FlagKind,
    /// The text that triggered it.
    pub evidence: String,
    /// Where the evidence sits in `text`, when it is part of the clean body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// The piece's original publisher, when the markup or text says it comes from elsewhere.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OriginalSource {
    /// Publisher or agency name ("The New York Times", "Reuters", "AFP").
    pub name: Option<String>,
    /// URL of the original when known (a cross-domain canonical link).
    pub url: Option<String>,
    /// The words that said so.
    pub evidence: String,
}

/// A date found in the text or markup that could be the publication date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateCandidate {
    /// ISO 8601 date or datetime.
    pub value: String,
    /// Signal (`text:caption`, `text:dateline`, `url:path`…).
    pub source: String,
    /// Confidence in `[0, 1]`.
    pub confidence: f32,
    /// The words it was read from.
    pub evidence: String,
}

/// A per-document error: the input could not be read or analysed. Emitted in the output stream
/// in place of a [`Document`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorRecord {
    /// Contract version.
    pub schema_version: u32,
    /// Which input failed.
    pub input: InputRef,
    /// What went wrong.
    pub error: ErrorInfo,
}

/// Machine-readable and human-readable description of a per-document error.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorInfo {
    /// Stable code: `io`, `too_large`, `decompression_bomb`, `binary`, `malformed`, `empty`, `unsupported`.
    pub code: String,
    /// Human-readable message naming the offending path, record or offset.
    pub message: String,
}

/// One analysed article: the main output of `veille analyze`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Contract version.
    pub schema_version: u32,
    /// Stable content hash of the normalised clean text (32 hex digits).
    pub id: String,
    /// Where it came from.
    pub input: InputRef,
    /// Format recognised by ingest.
    pub format: SourceFormat,
    /// Encoding the bytes were decoded from, and why.
    pub encoding: String,
    /// Headline.
    pub title: Option<Field<String>>,
    /// Standfirst / dek / summary.
    pub subtitle: Option<Field<String>>,
    /// Publication datetime, ISO 8601 (offset when known).
    pub published: Option<Field<String>>,
    /// Modification datetime, ISO 8601.
    pub modified: Option<Field<String>>,
    /// Authors (people or desks), never scraper accounts.
    pub authors: Option<Field<Vec<String>>>,
    /// Name of the publishing site.
    pub site_name: Option<Field<String>>,
    /// Canonical URL.
    pub url: Option<Field<String>>,
    /// Original publisher when the piece says it comes from elsewhere.
    pub original_source: Option<Field<OriginalSource>>,
    /// ISO 639-1 code of the main language.
    pub language: Option<Field<String>>,
    /// Explicit dates from the text and markup, lower-confidence publication-date candidates.
    pub date_candidates: Vec<DateCandidate>,
    /// Clean body: paragraphs separated by one blank line.
    pub text: String,
    /// The paragraphs of `text`, in order.
    pub paragraphs: Vec<Paragraph>,
    /// Image and video captions, kept out of `text`.
    pub captions: Vec<Caption>,
    /// Blocks removed from the body, with reasons.
    pub removed: Vec<Removed>,
    /// Flags with evidence.
    pub flags: Vec<Flag>,
    /// Non-fatal problems met while reading and analysing.
    pub warnings: Vec<String>,
    /// Named entities with canonical identities.
    pub entities: Vec<crate::Entity>,
    /// Temporal expressions, resolved.
    pub times: Vec<crate::TimeExpression>,
    /// Quotations with speakers.
    pub quotes: Vec<crate::Quote>,
    /// Numeric claims.
    pub claims: Vec<crate::Claim>,
    /// Places on the map.
    pub places: Vec<crate::Place>,
}

impl Document {
    /// A document holding `text` and nothing else yet: no metadata, paragraphs, flags or
    /// findings. Stages (and tests) fill in what they learn, so that a field added to the
    /// contract needs no change at every place a document is built.
    pub fn new(
        id: impl Into<String>,
        input: InputRef,
        format: SourceFormat,
        text: impl Into<String>,
    ) -> Self {
        Self {
            schema_version: crate::SCHEMA_VERSION,
            id: id.into(),
            input,
            format,
            encoding: "utf-8".into(),
            title: None,
            subtitle: None,
            published: None,
            modified: None,
            authors: None,
            site_name: None,
            url: None,
            original_source: None,
            language: None,
            date_candidates: Vec::new(),
            text: text.into(),
            paragraphs: Vec::new(),
            captions: Vec::new(),
            removed: Vec::new(),
            flags: Vec::new(),
            warnings: Vec::new(),
            entities: Vec::new(),
            times: Vec::new(),
            quotes: Vec::new(),
            claims: Vec::new(),
            places: Vec::new(),
        }
    }
}

/// One item of an analysis output stream: a document or a per-document error.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AnalysisRecord {
    /// A successfully analysed document.
    Document(Box<Document>),
    /// An input that could not be analysed.
    Error(ErrorRecord),
}
