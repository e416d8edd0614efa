//! What the archive knows beyond single documents: sightings, links between documents,
//! provenance families and stories. Produced by `veille-link`, persisted by `veille-store`.
//!
//! The link helper owns the algorithms; these are the records both sides agree on.

use serde::{Deserialize, Serialize};

/// One time a piece of content was seen: from which input, under which URL, when.
/// The same content from two places is one article with two sightings; reading the same
/// place twice adds nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sighting {
    /// Article (content) id.
    pub doc_id: String,
    /// Where: URL when known, else `path#record`.
    pub locator: String,
    /// Site or host.
    pub site: Option<String>,
    /// Publication date claimed by that sighting (ISO 8601).
    pub published: Option<String>,
    /// When veille stored it (RFC 3339, UTC).
    pub ingested_at: String,
}

/// How two documents are related.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// Same normalised text.
    Exact,
    /// Near-duplicate text (MinHash-estimated Jaccard above the threshold).
    NearDuplicate,
    /// One contains paragraphs of the other.
    PartialCopy,
    /// One is a translation of the other.
    Translation,
}

/// An explained relation between two documents. `source` is the earlier or original one
/// when that can be told, `target` the copy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// The presumed original.
    pub source: String,
    /// The presumed copy.
    pub target: String,
    /// Relation.
    pub kind: LinkKind,
    /// Main score in `[0, 1]` (Jaccard estimate, containment, translation score).
    pub score: f32,
    /// Signals and sub-scores, free-form JSON object for `veille why`.
    pub evidence: serde_json::Value,
}

/// Why a document belongs to a story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryMember {
    /// Document id.
    pub doc_id: String,
    /// Similarity to the story when it joined, in `[0, 1]`.
    pub score: f32,
    /// Human-readable explanation (shared entities, places, terms, dates).
    pub explanation: String,
}

/// A story: documents about the same event, across languages and outlets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    /// Stable story id.
    pub id: String,
    /// Representative title.
    pub title: String,
    /// Earliest member date (ISO 8601).
    pub first_seen: Option<String>,
    /// Latest member date (ISO 8601).
    pub last_seen: Option<String>,
    /// Languages of the members.
    pub languages: Vec<String>,
    /// Outlets (site names or hosts) of the members.
    pub outlets: Vec<String>,
    /// Most mentioned entities (canonical names).
    pub top_entities: Vec<String>,
    /// Most mentioned places.
    pub top_places: Vec<String>,
    /// Members and why each belongs.
    pub members: Vec<StoryMember>,
    /// The most mentioned entities with their type and how many members mention them, in the
    /// order of `top_entities` (empty in stories stored before this field existed).
    #[serde(default)]
    pub entities: Vec<StoryEntity>,
    /// The most mentioned places with their coordinates, in the order of `top_places`.
    #[serde(default)]
    pub places: Vec<StoryPlace>,
    /// The quotations carried by the most outlets.
    #[serde(default)]
    pub quotes: Vec<StoryQuote>,
    /// Quantities on which the members' outlets give different values.
    #[serde(default)]
    pub disputed_claims: Vec<DisputedClaim>,
}

/// An entity of a story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryEntity {
    /// Canonical entity id (`person:vladimir-putin`).
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Type.
    pub kind: crate::EntityKind,
    /// How many member documents mention it.
    pub mentioned_in: u32,
}

/// A place of a story, on the map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryPlace {
    /// Gazetteer name.
    pub name: String,
    /// `city`, `country` or `region`.
    pub kind: String,
    /// GeoNames id when known.
    pub geonames_id: Option<u64>,
    /// ISO 3166-1 alpha-2 country code.
    pub country_code: Option<String>,
    /// Latitude, WGS84.
    pub latitude: Option<f64>,
    /// Longitude, WGS84.
    pub longitude: Option<f64>,
    /// How many member documents mention it.
    pub mentioned_in: u32,
}

/// A quotation as the members of a story carry it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryQuote {
    /// The quoted words (as the first member carrying them wrote them).
    pub text: String,
    /// Who said it, when known.
    pub speaker: Option<String>,
    /// Canonical entity id of the speaker, when linked.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub speaker_id: Option<String>,
    /// Direct speech (in quote marks) or reported speech.
    pub direct: bool,
    /// Outlets carrying it.
    pub outlets: Vec<String>,
    /// Member documents carrying it.
    pub doc_ids: Vec<String>,
}

/// A quantity the members of a story state with different values from different outlets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DisputedClaim {
    /// What is counted or measured, as most members word it, when the text says.
    pub counted: Option<String>,
    /// Unit code of the compared values (metric when a conversion exists).
    pub unit: String,
    /// Each distinct value, most reported first.
    pub values: Vec<ClaimValue>,
}

/// One value of a [`DisputedClaim`] and who gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimValue {
    /// The value, in the claim's `unit`.
    pub value: f64,
    /// Outlets stating it.
    pub outlets: Vec<String>,
    /// Member documents stating it.
    pub doc_ids: Vec<String>,
    /// Where each document states it.
    pub evidence: Vec<ClaimEvidence>,
}

/// The words of one document behind a [`ClaimValue`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimEvidence {
    /// Document id.
    pub doc_id: String,
    /// Its outlet, when known.
    pub outlet: Option<String>,
    /// The number phrase as written.
    pub text: String,
    /// The sentence carrying it (possibly shortened).
    pub sentence: String,
}

/// The role of a document in a family of copies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProvenanceRole {
    /// The first publisher, as far as the evidence goes.
    Original,
    /// The same text republished (exact or near duplicate).
    Copy,
    /// An article that contains paragraphs of another.
    PartialCopy,
    /// A translation.
    Translation,
    /// A copy carrying scraper or content-farm markers.
    ScraperRepublication,
}

/// One document of a provenance family.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProvenanceMember {
    /// Document id.
    pub doc_id: String,
    /// Its role.
    pub role: ProvenanceRole,
    /// Headline.
    pub title: Option<String>,
    /// Site or host.
    pub site: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Publication date (ISO 8601) when known.
    pub published: Option<String>,
    /// Language code.
    pub language: Option<String>,
    /// The member it derives from (closest to the original), absent for the original.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub derived_from: Option<String>,
    /// Why this role: the link kind and score, markers, attribution.
    pub reason: String,
}

/// A family of copies: the first publisher, its copies, translations and republications.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    /// Stable family id (derived from the original's id).
    pub family_id: String,
    /// The presumed first publisher.
    pub original: String,
    /// Why it is taken as the first publisher.
    pub original_reason: String,
    /// Every member, the original first.
    pub members: Vec<ProvenanceMember>,
    /// The links that tie the family together.
    pub links: Vec<Link>,
}

/// What the linker decided when one new document entered the archive. The store writes it in
/// the same transaction as the document and its sighting, so that a crash never leaves a
/// document without its links or a story without its newest member.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LinkUpdate {
    /// Opaque per-document state of the linker (MinHash signature, term vector…), stored as
    /// is and handed back when the linker rebuilds its in-memory state. `None` keeps any
    /// previous value.
    pub features: Option<Vec<u8>>,
    /// New or updated links (a link is identified by `source`, `target` and `kind`).
    pub links: Vec<Link>,
    /// Stories created or changed, written whole (their members replace the stored ones).
    pub stories: Vec<Story>,
    /// Ids of stories that no longer exist (merged into another one).
    pub removed_stories: Vec<String>,
    /// Whether the hook changed the document it was given: the store then encodes it again
    /// instead of using a blob encoded ahead of time.
    pub document_changed: bool,
}
