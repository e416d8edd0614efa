//! Per-document features: everything the linker needs to know about a document, computed once
//! from a [`Document`] and serialised as the store's opaque per-document features blob.
//!
//! The features keep strings (terms, names, numbers) rather than hashes so that explanations
//! can name the evidence ("shared names: lukashenko, minsk"). Language-independent keys (names,
//! numbers, entity ids, places) are what makes cross-language comparison possible without a
//! translation model.

use serde::{Deserialize, Serialize};
use veille_model::{Document, FlagKind};
use xxhash_rust::xxh3::xxh3_64;

use crate::minhash::{MinHasher, Signature};
use crate::text;

/// Version of the serialised features; bumped when the meaning of a field changes, so that
/// old blobs can be recomputed instead of misread.
pub const FEATURES_VERSION: u32 = 1;

/// Paragraphs shorter than this many words are not fingerprinted: short lines ("Read more",
/// datelines) repeat across unrelated articles.
const MIN_FINGERPRINT_WORDS: usize = 8;

/// Title terms count this many times, because the headline says what the story is.
const TITLE_TERM_WEIGHT: f32 = 2.0;

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
    pub names: Vec<String>,
    /// Number keys of title and body, in order of appearance (repeats kept).
    pub numbers: Vec<String>,
    /// Canonical entity ids from the enrich stage.
    pub entities: Vec<String>,
    /// Place names from the gazetteer.
    pub places: Vec<String>,
    /// Stemmed content terms with their (title-weighted) counts, sorted by term.
    pub terms: Vec<(String, f32)>,
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
    /// The blob was written by another version of the features and must be recomputed.
    #[error("features blob has version {found}, expected {FEATURES_VERSION}")]
    Version {
        /// Version found in the blob.
        found: u32,
    },
}

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
        let folded_words = text::normalised_words(body);
        let signature = hasher.signature(&folded_words);
        let text_hash = xxh3_64(folded_words.join(" ").as_bytes());
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
        // in the text are not used: on ECB+ they spread over months within one event.
        let best_candidate = doc
            .date_candidates
            .iter()
            .filter(|c| day_number(&c.value).is_some())
            .max_by(|a, b| a.confidence.total_cmp(&b.confidence));
        let (published, date_trusted) = match (&doc.published, best_candidate) {
            (Some(field), _) => (Some(field.value.clone()), field.confidence >= 0.5),
            (None, Some(candidate)) => (Some(candidate.value.clone()), false),
            (None, None) => (None, false),
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
        let mut names = text::name_keys(&title);
        let mut numbers = text::number_keys(&title);
        if !titles_only {
            names.extend(text::name_keys(body));
            numbers.extend(text::number_keys(body));
        }
        let mut terms: std::collections::BTreeMap<String, f32> = Default::default();
        for term in text::content_terms(&title, lang) {
            *terms.entry(term).or_default() += TITLE_TERM_WEIGHT;
        }
        if !titles_only {
            for term in text::content_terms(body, lang) {
                *terms.entry(term).or_default() += 1.0;
            }
        }
        let mut entities: Vec<String> = doc.entities.iter().map(|e| e.id.clone()).collect();
        entities.sort();
        entities.dedup();
        let mut places: Vec<String> = doc.places.iter().map(|p| text::fold(&p.name)).collect();
        places.sort();
        places.dedup();

        Self {
            version: FEATURES_VERSION,
            doc_id: doc.id.clone(),
            language,
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
            word_count: u32::try_from(folded_words.len()).unwrap_or(u32::MAX),
            char_count,
            paragraph_count,
            quote_count,
            signature,
            paragraph_hashes,
            names,
            numbers,
            entities,
            places,
            terms: terms.into_iter().collect(),
        }
    }

    /// Serialises the features for the store.
    pub fn to_blob(&self) -> Vec<u8> {
        // Serialising plain data to a Vec cannot fail; fall back to an empty blob defensively.
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// Reads features written by [`DocFeatures::to_blob`].
    pub fn from_blob(blob: &[u8]) -> Result<Self, FeaturesError> {
        let features: Self = serde_json::from_slice(blob)?;
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
mod tests {
    use super::*;
    use crate::test_support::document;

    #[test]
    fn day_numbers_match_the_calendar() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2022-12-19T10:00:00+01:00"), Some(19345));
        assert_eq!(
            day_number("2024-03-01")
                .zip(day_number("2024-02-28"))
                .map(|(a, b)| a - b),
            Some(2)
        );
        assert_eq!(day_number("2022-13-01"), None);
        assert_eq!(day_number("yesterday"), None);
        assert_eq!(day_number("2022-1é-01"), None);
    }

    #[test]
    fn hosts_drop_scheme_port_and_www() {
        assert_eq!(
            host_of("https://www.Example.com:8080/a/b?c").as_deref(),
            Some("example.com")
        );
        assert_eq!(host_of("not a url"), None);
    }

    #[test]
    fn features_round_trip_through_the_blob() {
        let doc = document(
            "d1",
            "fr",
            "Le conseil vote le budget",
            "Le conseil municipal de Lyon a voté mardi un budget de 1 200 000 euros.\n\nLa maire, Anne Dubois, a salué « un budget responsable » devant 45 élus.",
            Some("2023-05-02"),
        );
        let features = DocFeatures::from_document(&doc, &MinHasher::default());
        assert_eq!(features.paragraph_count, 2);
        assert_eq!(features.quote_count, 1);
        assert!(features.numbers.contains(&"1200000".to_string()));
        assert!(features.names.contains(&"anne dubois".to_string()));
        assert!(features.names.contains(&"lyon".to_string()));
        assert_eq!(features.day, day_number("2023-05-02"));
        let back = DocFeatures::from_blob(&features.to_blob()).expect("round trip");
        assert_eq!(back, features);
        assert!(DocFeatures::from_blob(b"{not json").is_err());
    }

    #[test]
    fn undated_documents_fall_back_to_weak_date_candidates_only() {
        let mut doc = document(
            "d",
            "fr",
            "Titre",
            "Un texte sans date de publication.",
            None,
        );
        doc.times.push(veille_model::TimeExpression {
            text: "23 juillet".into(),
            span: veille_model::Span { start: 0, end: 1 },
            timex_type: veille_model::TimexType::Date,
            value: "2023-07-23".into(),
            modifier: None,
            anchor: "none".into(),
        });
        let hasher = MinHasher::default();
        assert_eq!(
            DocFeatures::from_document(&doc, &hasher).day,
            None,
            "mentioned dates are not publication dates"
        );
        doc.date_candidates.push(veille_model::DateCandidate {
            value: "2023-07-24".into(),
            source: "text:dateline".into(),
            confidence: 0.3,
            evidence: "24 juillet 2023".into(),
        });
        let features = DocFeatures::from_document(&doc, &hasher);
        assert_eq!(features.day, day_number("2023-07-24"));
        assert!(!features.date_trusted);
    }

    #[test]
    fn titles_only_documents_use_the_title_as_body() {
        let doc = document(
            "t",
            "en",
            "Apple unveils a new phone in Cupertino",
            "",
            None,
        );
        let features = DocFeatures::from_document(&doc, &MinHasher::default());
        assert!(!features.signature.is_empty());
        assert!(features.names.contains(&"cupertino".to_string()));
        assert_eq!(
            features
                .terms
                .iter()
                .find(|(t, _)| t == "phone")
                .map(|(_, c)| *c),
            Some(2.0)
        );
    }
}
