//! Per-document features: everything the linker needs to know about a document, computed once
//! from a [`Document`] and serialised as the store's opaque per-document features blob.
//!
//! The features keep strings (terms, names, numbers) rather than hashes so that explanations
//! can name the evidence ("shared names: lukashenko, minsk"). Language-independent keys (names,
//! numbers, entity ids, places) are what makes cross-language comparison possible without a
//! translation model.

use serde::{Deserialize, Serialize};
use veille_model::{Document, EntityKind, FlagKind};
use xxhash_rust::xxh3::xxh3_64;

use crate::minhash::{MinHasher, Signature};
use crate::text;

/// Version of the serialised features; bumped when the meaning of a field changes, so that
/// old blobs can be recomputed instead of misread. Version 2: MinHash signatures from 32-bit
/// permutations (`minhash`), not comparable with version 1's.
pub const FEATURES_VERSION: u32 = 2;

/// Paragraphs shorter than this many words are not fingerprinted: short lines ("Read more",
/// datelines) repeat across unrelated articles.
const MIN_FINGERPRINT_WORDS: usize = 8;

/// Title terms count this many times, because the headline says what the story is.
const TITLE_TERM_WEIGHT: f32 = 2.0;

/// The lede is the first body paragraph with at least this many words: shorter lines at the top
/// are datelines, captions or furniture.
const LEDE_MIN_WORDS: usize = 12;

/// Time expressions starting within this many characters of the text may date an undated
/// document (see `lede_date` in [`DocFeatures::from_document`]).
const LEDE_DATE_CHARS: usize = 600;

/// At most this many content terms of the lede are kept.
const LEDE_MAX_TERMS: usize = 60;

/// What the linker knows about one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocFeatures {
    /// [`FEATURES_VERSION`] at the time they were computed.
    pub version: u32,
    /// Document id.
    pub doc_id: String,
    /// ISO 639-1 language code, when known.
    pub language: Option<String>,
    /// Headline (empty when unknown).
    pub title: String,
    /// The first sentence of the body (shortened), kept only when the headline is unknown, so
    /// that a story of untitled documents still gets a title.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub first_sentence: String,
    /// Site name or host.
    pub site: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Publication date as written (ISO 8601).
    pub published: Option<String>,
    /// Publication day, days since 1970-01-01.
    pub day: Option<i32>,
    /// Whether the publication date comes from a trustworthy signal (confidence ≥ 0.5).
    pub date_trusted: bool,
    /// Original publisher named by the document itself (attribution or cross-domain canonical).
    pub original_source: Option<OriginalRef>,
    /// Whether the document carries scraper or content-farm markers.
    pub scraper_markers: bool,
    /// Whether the document is a headline without body (a titles-only feed).
    pub headline_only: bool,
    /// xxh3 of the folded words of the body: equal for exact duplicates.
    pub text_hash: u64,
    /// Number of words of the body.
    pub word_count: u32,
    /// Number of characters of the body.
    pub char_count: u32,
    /// Number of paragraphs.
    pub paragraph_count: u32,
    /// Number of quotations.
    pub quote_count: u32,
    /// MinHash signature of the body's word shingles.
    pub signature: Signature,
    /// Fingerprints of the body's long paragraphs, in order.
    pub paragraph_hashes: Vec<u64>,
    /// Name keys of title and body, in order of appearance (repeats kept).
    pub names: Vec<Term>,
    /// Number keys of title and body, in order of appearance (repeats kept).
    pub numbers: Vec<Term>,
    /// Canonical entity ids from the enrich stage.
    pub entities: Vec<Term>,
    /// Place names from the gazetteer.
    pub places: Vec<Term>,
    /// Stemmed content terms with their (title-weighted) counts, sorted by term.
    pub terms: Vec<(Term, f32)>,
    /// Stemmed content terms of the title and the lede (first substantial paragraph) with their
    /// counts, sorted by term: what the article says happened, without the background that
    /// articles on one topic share.
    #[serde(default)]
    pub lede: Vec<(Term, f32)>,
    /// Name and type of each entity of `entities`, for story summaries.
    #[serde(default)]
    pub entity_details: Vec<EntityNote>,
    /// Gazetteer details of each place of `places`, for story summaries.
    #[serde(default)]
    pub place_details: Vec<PlaceNote>,
    /// The first quotations of the document (direct ones, or with a known speaker).
    #[serde(default)]
    pub quotes: Vec<QuoteNote>,
    /// The first numeric claims of the document, with what they are about.
    #[serde(default)]
    pub claims: Vec<ClaimNote>,
}

/// At most this many quotations and claims are kept per document: story summaries need the
/// salient ones, and the blob is replayed for every document when the linker is rebuilt.
const MAX_QUOTES: usize = 6;
const MAX_CLAIMS: usize = 12;
/// Quotes and claim sentences are shortened to this many characters in the blob.
const MAX_EVIDENCE_CHARS: usize = 160;
/// Words on each side of a claim's number phrase that say what it is about.
const SUBJECT_WINDOW: usize = 2;
/// A title made from the first sentence is cut to this many characters.
const MAX_FALLBACK_TITLE_CHARS: usize = 120;
/// Subject keys are folded words cut to this many characters: a crude, language-neutral
/// stem under which cognates meet across languages ("estimés"/"estimated", "drones"/"drone").
const SUBJECT_KEY_CHARS: usize = 5;

/// An entity's display name and type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityNote {
    /// Canonical id.
    pub id: Term,
    /// Canonical name.
    pub name: Term,
    /// Type.
    pub kind: EntityKind,
}

/// A place's gazetteer record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceNote {
    /// Gazetteer name.
    pub name: String,
    /// `city`, `country` or `region`.
    pub kind: String,
    /// GeoNames id.
    pub geonames_id: Option<u64>,
    /// ISO country code.
    pub country_code: Option<String>,
    /// Latitude.
    pub latitude: Option<f64>,
    /// Longitude.
    pub longitude: Option<f64>,
}

/// A quotation, shortened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteNote {
    /// Quoted words (at most [`MAX_EVIDENCE_CHARS`] characters).
    pub text: String,
    /// Speaker as named.
    pub speaker: Option<String>,
    /// Speaker's entity id.
    pub speaker_id: Option<String>,
    /// Direct speech.
    pub direct: bool,
}

/// A numeric claim, normalised for comparison across documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimNote {
    /// Value in `unit` (the metric conversion when there is one).
    pub value: f64,
    /// Unit code.
    pub unit: String,
    /// The number phrase as written.
    pub text: String,
    /// What is counted, as written.
    pub counted: Option<String>,
    /// The sentence (shortened).
    pub sentence: String,
    /// Language-neutral keys of what the number is about: the counted words and the words
    /// right after the number phrase, or the words before it when those say nothing.
    pub subject: Vec<String>,
}

/// A document's own statement that it comes from elsewhere.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OriginalRef {
    /// Publisher name.
    pub name: Option<String>,
    /// URL of the original.
    pub url: Option<String>,
    /// The words that said so.
    pub evidence: String,
}

/// Errors of reading a features blob.
#[derive(Debug, thiserror::Error)]
pub enum FeaturesError {
    /// The blob is not valid features JSON.
    #[error("malformed features blob: {0}")]
    Malformed(#[from] serde_json::Error),
    /// The blob's compressed body does not inflate (or inflates beyond any real document's).
    #[error("corrupt features blob: {0}")]
    Corrupt(String),
    /// The blob was written by another version of the features and must be recomputed.
    #[error("features blob has version {found}, expected {FEATURES_VERSION}")]
    Version {
        /// Version found in the blob.
        found: u32,
    },
}

/// A term of [`DocFeatures::terms`] and [`DocFeatures::lede`]: shared text, so that the linker,
/// which keeps every document's features in memory, stores each distinct term once (it hands
/// every document the copy of its vocabulary) instead of once per document.
pub type Term = std::sync::Arc<str>;

/// First bytes of a compressed features blob (plain JSON blobs start with `{`).
pub const BLOB_MAGIC: &[u8] = b"vf\x01\x00";
/// Inflated features larger than this are taken as corrupt: real ones are a few kilobytes.
const MAX_BLOB_JSON_BYTES: u64 = 64 * 1024 * 1024;

impl DocFeatures {
    /// Computes the features of a document.
    pub fn from_document(doc: &Document, hasher: &MinHasher) -> Self {
        let language = doc
            .language
            .as_ref()
            .map(|f| f.value.to_ascii_lowercase())
            .filter(|code| !code.is_empty());
        let title = doc
            .title
            .as_ref()
            .map(|f| f.value.clone())
            .unwrap_or_default();
        // A titles-only feed (no body) is compared on its title.
        let titles_only = doc.text.trim().is_empty();
        let body: &str = if titles_only { &title } else { &doc.text };
        // The body is split into words once, for its fingerprints, names and terms.
        let body_words = text::words(body);
        let folded_words: Vec<&str> = body_words.iter().map(|w| w.folded.as_str()).collect();
        let signature = hasher.signature(&folded_words);
        let text_hash = xxh3_64(folded_words.join(" ").as_bytes());
        let word_count = u32::try_from(folded_words.len()).unwrap_or(u32::MAX);
        let paragraph_texts: Vec<&str> = if doc.paragraphs.is_empty() {
            split_paragraphs(body)
        } else {
            doc.paragraphs.iter().map(|p| p.text.as_str()).collect()
        };
        let paragraph_hashes = paragraph_texts
            .iter()
            .map(|p| text::normalised_words(p))
            .filter(|words| words.len() >= MIN_FINGERPRINT_WORDS)
            .map(|words| xxh3_64(words.join(" ").as_bytes()))
            .collect();
        // The publication date when known, otherwise the extractor's best date candidate however
        // weak: any of them places the document in time for the story window, but only a
        // confident publication date counts as trusted for provenance. Dates merely mentioned
        // in the body are not used (on ECB+ they spread over months within one event), only a
        // resolved day in the lede, see below.
        let best_candidate = doc
            .date_candidates
            .iter()
            .filter(|c| day_number(&c.value).is_some())
            .max_by(|a, b| a.confidence.total_cmp(&b.confidence));
        // Without any page date, the day the lede reports ("met on Sunday 23 July") still
        // places the event in time. Only resolved day-precise expressions of the opening
        // characters count: dates deeper in the text are background and spread over months.
        let lede_date = || {
            doc.times
                .iter()
                .filter(|t| t.span.start < LEDE_DATE_CHARS)
                .filter(|t| t.anchor != "none" && t.value.len() == 10)
                .find(|t| day_number(&t.value).is_some())
                .map(|t| t.value.clone())
        };
        let (published, date_trusted) = match (&doc.published, best_candidate) {
            (Some(field), _) => (Some(field.value.clone()), field.confidence >= 0.5),
            (None, Some(candidate)) => (Some(candidate.value.clone()), false),
            (None, None) => (lede_date(), false),
        };
        let day = published.as_deref().and_then(day_number);
        let site = doc
            .site_name
            .as_ref()
            .map(|f| f.value.clone())
            .or_else(|| doc.url.as_ref().and_then(|u| host_of(&u.value)))
            .or_else(|| doc.input.url.as_deref().and_then(host_of));
        let url = doc
            .url
            .as_ref()
            .map(|f| f.value.clone())
            .or_else(|| doc.input.url.clone());
        let original_source = doc.original_source.as_ref().map(|f| OriginalRef {
            name: f.value.name.clone(),
            url: f.value.url.clone(),
            evidence: f.value.evidence.clone(),
        });
        let scraper_markers = doc
            .flags
            .iter()
            .any(|f| matches!(f.kind, FlagKind::ScraperMarker | FlagKind::ScraperAccount));

        let paragraph_count = u32::try_from(paragraph_texts.len()).unwrap_or(u32::MAX);
        let char_count = u32::try_from(body.chars().count()).unwrap_or(u32::MAX);
        let quote_count = text::quote_count(body);
        let lang = language.as_deref();
        let title_words = text::words(&title);
        let mut names = text::name_keys_in(&title, &title_words);
        let mut numbers = text::number_keys(&title);
        if !titles_only {
            names.extend(text::name_keys_in(body, &body_words));
            numbers.extend(text::number_keys(body));
        }
        let lede_paragraph = paragraph_texts
            .iter()
            .find(|p| p.split_whitespace().count() >= LEDE_MIN_WORDS)
            .or(paragraph_texts.first());
        let lede_words = match lede_paragraph {
            Some(paragraph) if !titles_only => text::words(paragraph),
            _ => Vec::new(),
        };
        let mut content_terms = text::ContentTerms::new(lang);
        let title_terms = content_terms.of(&title_words);
        let mut terms: std::collections::BTreeMap<String, f32> = Default::default();
        for term in &title_terms {
            *terms.entry(term.clone()).or_default() += TITLE_TERM_WEIGHT;
        }
        if !titles_only {
            for term in content_terms.of(&body_words) {
                *terms.entry(term).or_default() += 1.0;
            }
        }
        let mut lede: std::collections::BTreeMap<String, f32> = Default::default();
        for term in title_terms {
            *lede.entry(term).or_default() += 1.0;
        }
        for term in content_terms
            .of(&lede_words)
            .into_iter()
            .take(LEDE_MAX_TERMS)
        {
            *lede.entry(term).or_default() += 1.0;
        }
        let mut entities: Vec<String> = doc.entities.iter().map(|e| e.id.clone()).collect();
        entities.sort();
        entities.dedup();
        let mut places: Vec<String> = doc.places.iter().map(|p| text::fold(&p.name)).collect();
        places.sort();
        places.dedup();
        let (entity_details, place_details, quotes, claims) = understanding_notes(doc);

        Self {
            version: FEATURES_VERSION,
            doc_id: doc.id.clone(),
            language,
            first_sentence: if title.trim().is_empty() {
                first_sentence(&doc.text, MAX_FALLBACK_TITLE_CHARS)
            } else {
                String::new()
            },
            title,
            site,
            url,
            published,
            day,
            date_trusted,
            original_source,
            scraper_markers,
            headline_only: titles_only,
            text_hash,
            word_count,
            char_count,
            paragraph_count,
            quote_count,
            signature,
            paragraph_hashes,
            names: names.into_iter().map(Term::from).collect(),
            numbers: numbers.into_iter().map(Term::from).collect(),
            entities: entities.into_iter().map(Term::from).collect(),
            places: places.into_iter().map(Term::from).collect(),
            terms: terms.into_iter().map(|(t, w)| (Term::from(t), w)).collect(),
            lede: lede.into_iter().map(|(t, w)| (Term::from(t), w)).collect(),
            entity_details,
            place_details,
            quotes,
            claims,
        }
    }

    /// Serialises the features for the store: JSON, deflated behind [`BLOB_MAGIC`] (about a
    /// third of the JSON's size; the blob is the largest thing the archive writes per article).
    pub fn to_blob(&self) -> Vec<u8> {
        veille_model::packed::pack(self, BLOB_MAGIC)
    }

    /// Reads features written by [`DocFeatures::to_blob`]: deflated JSON behind
    /// [`BLOB_MAGIC`], or the plain JSON older archives hold.
    pub fn from_blob(blob: &[u8]) -> Result<Self, FeaturesError> {
        use veille_model::packed::{unpack, UnpackError};
        let features: Self = match blob.strip_prefix(BLOB_MAGIC) {
            Some(deflated) => unpack(deflated, MAX_BLOB_JSON_BYTES).map_err(|e| match e {
                UnpackError::Json(json) => FeaturesError::Malformed(json),
                inflate @ UnpackError::Inflate(_) => FeaturesError::Corrupt(inflate.to_string()),
            })?,
            None => serde_json::from_slice(blob)?,
        };
        if features.version != FEATURES_VERSION {
            return Err(FeaturesError::Version {
                found: features.version,
            });
        }
        Ok(features)
    }

    /// Language-independent keys: names, numbers, entity ids and places, prefixed by kind,
    /// sorted and deduplicated.
    pub fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self
            .names
            .iter()
            .map(|n| format!("n:{n}"))
            .chain(self.numbers.iter().map(|n| format!("#:{n}")))
            .chain(self.entities.iter().map(|e| format!("e:{e}")))
            .chain(self.places.iter().map(|p| format!("p:{p}")))
            .collect();
        keys.sort();
        keys.dedup();
        keys
    }
}

/// The compact understanding a story summary needs: entity names, places on the map, the
/// first quotations and claims.
fn understanding_notes(
    doc: &Document,
) -> (
    Vec<EntityNote>,
    Vec<PlaceNote>,
    Vec<QuoteNote>,
    Vec<ClaimNote>,
) {
    let mut entities: Vec<EntityNote> = doc
        .entities
        .iter()
        .map(|e| EntityNote {
            id: Term::from(e.id.as_str()),
            name: Term::from(e.canonical.as_str()),
            kind: e.kind,
        })
        .collect();
    entities.sort_by(|a, b| a.id.cmp(&b.id));
    entities.dedup_by(|a, b| a.id == b.id);
    let mut places: Vec<PlaceNote> = doc
        .places
        .iter()
        .map(|p| PlaceNote {
            name: p.name.clone(),
            kind: p.kind.clone(),
            geonames_id: p.geonames_id,
            country_code: p.country_code.clone(),
            latitude: p.latitude.filter(|v| v.is_finite()),
            longitude: p.longitude.filter(|v| v.is_finite()),
        })
        .collect();
    places.sort_by_cached_key(|p| text::fold(&p.name));
    places.dedup_by(|a, b| text::fold(&a.name) == text::fold(&b.name));
    let quotes = doc
        .quotes
        .iter()
        .filter(|q| q.direct || q.speaker.is_some())
        .filter(|q| !q.text.trim().is_empty())
        .take(MAX_QUOTES)
        .map(|q| QuoteNote {
            text: shorten(q.text.trim(), MAX_EVIDENCE_CHARS),
            speaker: q.speaker.clone(),
            speaker_id: q.speaker_id.clone(),
            direct: q.direct,
        })
        .collect();
    let claims = doc
        .claims
        .iter()
        .filter_map(|c| {
            let (value, unit) = match &c.metric {
                Some(metric) => (metric.value, metric.unit.clone()),
                None => (c.value, c.unit.clone()),
            };
            // A claim that says nothing about what it counts is never compared: not kept.
            let subject = claim_subject(&c.text, c.counted.as_deref(), &c.sentence);
            (value.is_finite() && !subject.is_empty()).then(|| ClaimNote {
                value,
                unit,
                text: shorten(&c.text, MAX_EVIDENCE_CHARS),
                counted: c.counted.clone(),
                sentence: shorten(c.sentence.trim(), MAX_EVIDENCE_CHARS),
                subject,
            })
        })
        .take(MAX_CLAIMS)
        .collect();
    (entities, places, quotes, claims)
}

/// The first sentence of `text`: up to the first sentence end or line break, at most
/// `max_chars` characters (cut at a word boundary).
fn first_sentence(text: &str, max_chars: usize) -> String {
    let text = text.trim_start();
    let line = text.lines().next().unwrap_or_default();
    let end = line
        .char_indices()
        .find(|&(i, c)| {
            matches!(c, '.' | '!' | '?')
                && line[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace)
        })
        .map_or(line.len(), |(i, c)| i + c.len_utf8());
    shorten(line[..end].trim(), max_chars)
}

/// Language-neutral keys of what a claim counts: see [`ClaimNote::subject`].
fn claim_subject(phrase: &str, counted: Option<&str>, sentence: &str) -> Vec<String> {
    let key = |word: &text::Word<'_>| -> Option<String> {
        if word.numeric || text::is_stop_word_anywhere(&word.folded) {
            return None;
        }
        // Plural marks differ across languages; dropping them lets "drones" meet "drone".
        let stem = word.folded.trim_end_matches(['s', 'x']);
        (stem.chars().count() >= 3).then(|| stem.chars().take(SUBJECT_KEY_CHARS).collect())
    };
    let content =
        |text: &str| -> Vec<String> { text::words(text).iter().filter_map(key).collect() };
    let mut subject: Vec<String> = counted.map(content).unwrap_or_default();
    // The phrase is usually a substring of its sentence; when it is not, only `counted` speaks.
    if let Some((before, after)) = sentence.split_once(phrase) {
        subject.extend(content(after).into_iter().take(SUBJECT_WINDOW));
        if subject.is_empty() {
            let before = content(before);
            let skip = before.len().saturating_sub(SUBJECT_WINDOW);
            subject.extend(before.into_iter().skip(skip));
        }
    }
    subject.sort();
    subject.dedup();
    subject
}

/// At most `max_chars` characters of `text`, cut at a word boundary, with an ellipsis.
fn shorten(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        None => text.to_string(),
        Some((cut, _)) => {
            let head = &text[..cut];
            let head = head
                .rsplit_once(char::is_whitespace)
                .map_or(head, |(h, _)| h);
            format!("{}…", head.trim_end())
        }
    }
}

/// Splits text into paragraphs at blank lines, or at line breaks when there are no blank lines.
fn split_paragraphs(text: &str) -> Vec<&str> {
    let blocks: Vec<&str> = text
        .split("\n\n")
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .collect();
    if blocks.len() > 1 {
        return blocks;
    }
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

/// Host of a URL, without `www.`.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next()?.split('@').next_back()?;
    let host = host
        .split(':')
        .next()?
        .trim_start_matches("www.")
        .to_ascii_lowercase();
    (!host.is_empty() && host.contains('.')).then_some(host)
}

/// Days since 1970-01-01 of an ISO 8601 date or datetime (only the `YYYY-MM-DD` part is read).
pub fn day_number(iso: &str) -> Option<i32> {
    let date = iso.get(..10)?;
    let mut parts = date.split('-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || !(1000..=9999).contains(&year) {
        return None;
    }
    // Days from civil (proleptic Gregorian), after H. Hinnant's public-domain algorithm.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let m = i32::try_from(month).ok()?;
    let d = i32::try_from(day).ok()?;
    let day_of_year = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    Some(era * 146_097 + day_of_era - 719_468)
}

#[cfg(test)]
mod tests;
