//! What enrich finds inside the clean text: entities, places, times, quotes, numeric claims.
//! Every item carries character [`Span`]s into [`crate::Document::text`] as evidence.

use serde::{Deserialize, Serialize};

use crate::Span;

/// Coarse entity types (CoNLL style).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// A person.
    Person,
    /// An organisation (company, agency, government body, armed group).
    Organization,
    /// A location (city, country, region, landmark).
    Location,
    /// Anything else with a name (events, nationalities, products).
    Other,
}

/// One mention of an entity in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// The words as written.
    pub text: String,
    /// Where.
    pub span: Span,
    /// A title or role written next to the mention ("le porte-parole du Kremlin").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// A named entity with a canonical, cross-lingual identity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Stable identifier: `kind:slug-of-canonical-name` (`person:vladimir-putin`).
    pub id: String,
    /// Type.
    pub kind: EntityKind,
    /// Canonical name (English form for known entities, the longest mention otherwise).
    pub canonical: String,
    /// Whether the canonical identity comes from the alias table (true) or from the text alone.
    pub known: bool,
    /// Distinct surface forms seen in this document.
    pub aliases: Vec<String>,
    /// Every mention.
    pub mentions: Vec<Mention>,
}

/// A place resolved against the gazetteer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// Name in the gazetteer (English/ASCII form).
    pub name: String,
    /// `city`, `country` or `region`.
    pub kind: String,
    /// GeoNames id when the place comes from GeoNames.
    pub geonames_id: Option<u64>,
    /// ISO 3166-1 alpha-2 country code.
    pub country_code: Option<String>,
    /// Latitude, WGS84.
    pub latitude: Option<f64>,
    /// Longitude, WGS84.
    pub longitude: Option<f64>,
    /// Confidence of the disambiguation in `[0, 1]`.
    pub confidence: f32,
    /// Every mention.
    pub mentions: Vec<Mention>,
}

/// TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TimexType {
    /// A calendar date or period.
    Date,
    /// A time of day.
    Time,
    /// A duration.
    Duration,
    /// A recurrence.
    Set,
}

/// A temporal expression resolved to a TIMEX3-like value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeExpression {
    /// The words as written.
    pub text: String,
    /// Where.
    pub span: Span,
    /// TIMEX3 type.
    #[serde(rename = "type")]
    pub timex_type: TimexType,
    /// ISO-TimeML value (`2022-12-19`, `P8M`, `XXXX-07-23`, `PAST_REF`).
    pub value: String,
    /// TIMEX3 `mod` (`APPROX`, `START`…), when any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
    /// What a relative expression was resolved against: `published`, `inferred`, `story`, or `none`.
    pub anchor: String,
}

/// A quotation with its speaker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted words, without the quote marks.
    pub text: String,
    /// Where the quoted words sit.
    pub span: Span,
    /// `true` for direct speech in quote marks, `false` for reported speech.
    pub direct: bool,
    /// Who said it, as named in the text (after pronoun resolution).
    pub speaker: Option<String>,
    /// Canonical entity id of the speaker when linked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker_id: Option<String>,
    /// Where the speaker is named (the nearest mention used).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker_span: Option<Span>,
    /// The verb of speech that introduced it ("a déclaré", "said").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verb: Option<String>,
}

/// A quantity stated in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// The number phrase as written ("725 millions de dollars").
    pub text: String,
    /// Where.
    pub span: Span,
    /// Normalised value (725000000).
    pub value: f64,
    /// Unit as a stable code: `USD`, `EUR`, `km`, `mi`, `percent`, `count`…
    pub unit: String,
    /// Metric (or base-unit) conversion beside the original, when it differs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metric: Option<Quantity>,
    /// What is counted or measured ("Shaheds", "personnes blessées").
    pub counted: Option<String>,
    /// The sentence that carries the claim.
    pub sentence: String,
}

/// A value with its unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// Value.
    pub value: f64,
    /// Unit code.
    pub unit: String,
}
