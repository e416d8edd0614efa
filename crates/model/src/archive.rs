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
}
