//! Story summaries: representative title, time span, languages, outlets, top entities and
//! places (with their type, coordinates and how many members mention them), the quotations
//! the most outlets carry, the quantities outlets disagree on, and the members with their
//! explanations, as the [`Story`] record of the contract.
//!
//! Everything is computed from the members' [`DocFeatures`], never from the stored documents:
//! the linker holds them in memory, and a summary is rebuilt each time a story changes.

use ahash::AHashMap as HashMap;
use std::collections::{BTreeMap, BTreeSet};

use veille_model::{Story, StoryEntity, StoryMember, StoryPlace, StoryQuote};

use crate::features::DocFeatures;

mod disputes;

use disputes::disputed_claims;

/// How many entities and places a summary lists.
const TOP: usize = 8;
/// How many quotations a summary lists.
const TOP_QUOTES: usize = 5;
/// Quotations shorter than this many words ("non", "a disaster") are not listed: they say
/// little and match by chance.
const MIN_QUOTE_WORDS: usize = 3;

/// Builds the [`Story`] record of a story from its member indices.
pub fn summarise(
    story_id: String,
    member_indices: &[u32],
    docs: &[DocFeatures],
    members: &HashMap<u32, StoryMember>,
) -> Story {
    let member_docs: Vec<&DocFeatures> = member_indices
        .iter()
        .filter_map(|i| docs.get(*i as usize))
        .collect();
    let dated: Vec<(&str, i32)> = member_docs
        .iter()
        .filter_map(|f| Some((f.published.as_deref()?, f.day?)))
        .collect();
    let first_seen = dated
        .iter()
        .min_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(b.0)))
        .map(|d| d.0.to_string());
    let last_seen = dated
        .iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(b.0)))
        .map(|d| d.0.to_string());
    let languages: BTreeSet<String> = member_docs
        .iter()
        .filter_map(|f| f.language.clone())
        .collect();
    let outlets: BTreeSet<String> = member_docs.iter().filter_map(|f| f.site.clone()).collect();
    let (top_entities, entities) = top_entities(&member_docs);
    let (top_places, places) = top_places(&member_docs);

    Story {
        id: story_id,
        title: representative_title(&member_docs),
        first_seen,
        last_seen,
        languages: languages.into_iter().collect(),
        outlets: outlets.into_iter().collect(),
        top_entities,
        top_places,
        members: member_indices
            .iter()
            .filter_map(|i| members.get(i).cloned())
            .collect(),
        entities,
        places,
        quotes: top_quotes(&member_docs),
        disputed_claims: disputed_claims(&member_docs),
    }
}

/// The date a story happens on, for resolving the times of a member that has no date of its
/// own: the median publication date of the dated members, counting only trusted dates when
/// any member has one (a weak date candidate is a guess). The median resists a late follow-up
/// or a misdated copy. `None` when no member is dated.
pub fn story_date(member_docs: &[&DocFeatures]) -> Option<String> {
    let trusted = member_docs
        .iter()
        .any(|f| f.date_trusted && f.day.is_some());
    let mut dated: Vec<(i32, &str)> = member_docs
        .iter()
        .filter(|f| f.date_trusted || !trusted)
        .filter_map(|f| Some((f.day?, f.published.as_deref()?)))
        .collect();
    dated.sort();
    // The lower median: an actual member's date, not an average of two.
    let median = dated.len().checked_sub(1)? / 2;
    dated.get(median).map(|(_, date)| date.to_string())
}

/// Counts each key once per member and ranks by count, ties in key order.
fn ranked<'a>(keys_per_member: impl Iterator<Item = Vec<&'a str>>) -> Vec<(&'a str, u32)> {
    let mut counts: BTreeMap<&str, u32> = BTreeMap::new();
    for keys in keys_per_member {
        for key in keys.into_iter().collect::<BTreeSet<_>>() {
            *counts.entry(key).or_default() += 1;
        }
    }
    let mut ranked: Vec<(&str, u32)> = counts.into_iter().collect();
    // Stable sort: ties keep the key order of the BTreeMap.
    ranked.sort_by_key(|entry| std::cmp::Reverse(entry.1));
    ranked.truncate(TOP);
    ranked
}

/// Entities from the enrich stage when present, capitalised names otherwise; counted once per
/// member so that one long article does not dominate. Returns the names and the details.
fn top_entities(member_docs: &[&DocFeatures]) -> (Vec<String>, Vec<StoryEntity>) {
    let has_entities = member_docs.iter().any(|f| !f.entities.is_empty());
    if !has_entities {
        let names = ranked(
            member_docs
                .iter()
                .map(|f| f.names.iter().map(|name| &**name).collect()),
        );
        return (
            names.into_iter().map(|(n, _)| n.to_string()).collect(),
            Vec::new(),
        );
    }
    let details: HashMap<&str, &crate::features::EntityNote> = member_docs
        .iter()
        .flat_map(|f| f.entity_details.iter())
        .map(|e| (&*e.id, e))
        .collect();
    // One line per name: the recogniser may type one name two ways in two documents (a person
    // here, another entity there), which gives two ids. Features stored before entity details
    // existed only know the id.
    let key_of = |id: &str| -> String {
        details
            .get(id)
            .map_or_else(|| id.to_string(), |note| crate::text::fold(&note.name))
    };
    let mut key_members: BTreeMap<String, u32> = BTreeMap::new();
    let mut id_members: BTreeMap<&str, u32> = BTreeMap::new();
    let mut ids_of_key: HashMap<String, BTreeSet<&str>> = HashMap::new();
    for f in member_docs {
        let ids: BTreeSet<&str> = f.entities.iter().map(|id| &**id).collect();
        let mut keys = BTreeSet::new();
        for id in ids {
            *id_members.entry(id).or_default() += 1;
            let key = key_of(id);
            ids_of_key.entry(key.clone()).or_default().insert(id);
            keys.insert(key);
        }
        for key in keys {
            *key_members.entry(key).or_default() += 1;
        }
    }
    let mut ranked: Vec<(String, u32)> = key_members.into_iter().collect();
    // Stable sort: ties keep the key order of the BTreeMap.
    ranked.sort_by_key(|entry| std::cmp::Reverse(entry.1));
    ranked.truncate(TOP);
    let mut names = Vec::with_capacity(ranked.len());
    let mut entities = Vec::with_capacity(ranked.len());
    for (key, count) in ranked {
        // The id most members use stands for the name (ties: the first id).
        let Some(id) = ids_of_key.get(&key).and_then(|ids| {
            ids.iter()
                .copied()
                .max_by(|a, b| id_members.get(a).cmp(&id_members.get(b)).then(b.cmp(a)))
        }) else {
            continue;
        };
        match details.get(id) {
            Some(note) => {
                names.push(note.name.to_string());
                entities.push(StoryEntity {
                    id: id.to_string(),
                    name: note.name.to_string(),
                    kind: note.kind,
                    mentioned_in: count,
                });
            }
            None => names.push(id.to_string()),
        }
    }
    (names, entities)
}

/// The most mentioned places: gazetteer names and, when the features carry them, details.
fn top_places(member_docs: &[&DocFeatures]) -> (Vec<String>, Vec<StoryPlace>) {
    let ranked = ranked(
        member_docs
            .iter()
            .map(|f| f.places.iter().map(|place| &**place).collect()),
    );
    let details: HashMap<String, &crate::features::PlaceNote> = member_docs
        .iter()
        .flat_map(|f| f.place_details.iter())
        .map(|p| (crate::text::fold(&p.name), p))
        .collect();
    let mut names = Vec::with_capacity(ranked.len());
    let mut places = Vec::with_capacity(ranked.len());
    for (key, count) in ranked {
        match details.get(key) {
            Some(note) => {
                names.push(note.name.clone());
                places.push(StoryPlace {
                    name: note.name.clone(),
                    kind: note.kind.clone(),
                    geonames_id: note.geonames_id,
                    country_code: note.country_code.clone(),
                    latitude: note.latitude,
                    longitude: note.longitude,
                    mentioned_in: count,
                });
            }
            None => names.push(key.to_string()),
        }
    }
    (names, places)
}

/// The quotations carried by the most outlets (then the most members), matched on their
/// normalised words; the first member's wording and speaker represent them.
fn top_quotes(member_docs: &[&DocFeatures]) -> Vec<StoryQuote> {
    struct Carried {
        quote: StoryQuote,
        first: usize,
    }
    let mut by_words: HashMap<String, Carried> = HashMap::new();
    for (position, f) in member_docs.iter().enumerate() {
        for note in &f.quotes {
            let words = crate::text::normalised_words(&note.text);
            if words.len() < MIN_QUOTE_WORDS {
                continue;
            }
            let carried = by_words.entry(words.join(" ")).or_insert_with(|| Carried {
                quote: StoryQuote {
                    text: note.text.clone(),
                    speaker: None,
                    speaker_id: None,
                    direct: note.direct,
                    outlets: Vec::new(),
                    doc_ids: Vec::new(),
                },
                first: position,
            });
            let quote = &mut carried.quote;
            if quote.speaker.is_none() && note.speaker.is_some() {
                quote.speaker = note.speaker.clone();
                quote.speaker_id = note.speaker_id.clone();
            }
            quote.direct |= note.direct;
            if let Some(site) = &f.site {
                if !quote.outlets.contains(site) {
                    quote.outlets.push(site.clone());
                }
            }
            if !quote.doc_ids.contains(&f.doc_id) {
                quote.doc_ids.push(f.doc_id.clone());
            }
        }
    }
    let mut carried: Vec<Carried> = by_words.into_values().collect();
    carried.sort_by(|a, b| {
        b.quote
            .outlets
            .len()
            .cmp(&a.quote.outlets.len())
            .then(b.quote.doc_ids.len().cmp(&a.quote.doc_ids.len()))
            .then(b.quote.direct.cmp(&a.quote.direct))
            .then(a.first.cmp(&b.first))
            .then(a.quote.text.cmp(&b.quote.text))
    });
    carried
        .into_iter()
        .take(TOP_QUOTES)
        .map(|c| c.quote)
        .collect()
}

/// The title of the member whose content terms best agree with the other members of the most
/// common language (a medoid over term counts), falling back to the first non-empty title.
fn representative_title(member_docs: &[&DocFeatures]) -> String {
    let mut language_counts: BTreeMap<Option<&str>, usize> = BTreeMap::new();
    for f in member_docs {
        *language_counts.entry(f.language.as_deref()).or_default() += 1;
    }
    let main_language = language_counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(l, _)| *l)
        .unwrap_or(None);
    let candidates: Vec<&&DocFeatures> = member_docs
        .iter()
        .filter(|f| f.language.as_deref() == main_language && !f.title.trim().is_empty())
        .collect();
    // How many members use each term: a title made of widely shared terms is representative.
    let mut spread: HashMap<&str, f32> = HashMap::new();
    for f in &candidates {
        for (term, _) in &f.terms {
            *spread.entry(&**term).or_default() += 1.0;
        }
    }
    let title_score = |f: &DocFeatures| -> f32 {
        let terms = crate::text::content_terms(&f.title, f.language.as_deref());
        if terms.is_empty() {
            return 0.0;
        }
        terms
            .iter()
            .map(|t| spread.get(t.as_str()).copied().unwrap_or(0.0))
            .sum::<f32>()
            / terms.len() as f32
    };
    let mut best: Option<(f32, &DocFeatures)> = None;
    for f in candidates {
        let score = title_score(f);
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, f));
        }
    }
    best.map(|(_, f)| f.title.clone())
        .or_else(|| {
            member_docs
                .iter()
                .find(|f| !f.title.trim().is_empty())
                .map(|f| f.title.clone())
        })
        // No member has a headline: the first member's opening sentence says what it is about.
        .or_else(|| {
            member_docs
                .iter()
                .find(|f| !f.first_sentence.is_empty())
                .map(|f| f.first_sentence.clone())
        })
        .unwrap_or_default()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::minhash::MinHasher;
    use crate::test_support::document;
    use veille_model::{Claim, Document, Entity, EntityKind, Field, Quote, Span};

    pub(super) fn claim(
        text: &str,
        value: f64,
        unit: &str,
        counted: Option<&str>,
        sentence: &str,
    ) -> Claim {
        Claim {
            text: text.into(),
            span: Span { start: 0, end: 1 },
            value,
            unit: unit.into(),
            metric: None,
            counted: counted.map(str::to_string),
            sentence: sentence.into(),
        }
    }

    fn quote(text: &str, speaker: Option<&str>) -> Quote {
        Quote {
            text: text.into(),
            span: Span { start: 0, end: 1 },
            direct: true,
            speaker: speaker.map(str::to_string),
            speaker_id: None,
            speaker_span: None,
            verb: None,
        }
    }

    pub(super) fn at_site(mut doc: Document, site: &str) -> DocFeatures {
        doc.site_name = Some(Field::new(site.to_string(), "test", 0.9));
        DocFeatures::from_document(&doc, &MinHasher::default())
    }

    pub(super) fn summary_of(docs: &[DocFeatures]) -> Story {
        let indices: Vec<u32> = (0..docs.len() as u32).collect();
        summarise("s".into(), &indices, docs, &HashMap::new())
    }

    #[test]
    fn untitled_stories_are_named_by_their_first_member_opening_sentence() {
        let hasher = MinHasher::default();
        let docs = [
            DocFeatures::from_document(
                &document(
                    "a",
                    "fr",
                    "",
                    "Le pont de Valmont a rouvert. Les travaux ont duré un an.",
                    None,
                ),
                &hasher,
            ),
            DocFeatures::from_document(
                &document(
                    "b",
                    "fr",
                    "",
                    "Réouverture du pont de Valmont ce matin.",
                    None,
                ),
                &hasher,
            ),
        ];
        assert_eq!(summary_of(&docs).title, "Le pont de Valmont a rouvert.");
    }

    #[test]
    fn story_date_is_the_median_trusted_member_date() {
        let dated = |id: &str, date: Option<&str>, trusted: bool| {
            let mut f = DocFeatures::from_document(
                &document(id, "fr", "T", "texte", date),
                &MinHasher::default(),
            );
            f.date_trusted = trusted;
            f
        };
        let a = dated("a", Some("2025-03-14T08:00:00+01:00"), true);
        let b = dated("b", Some("2025-03-12"), true);
        let c = dated("c", Some("2025-03-20"), true);
        let weak = dated("w", Some("2024-01-01"), false);
        let none = dated("n", None, false);
        assert_eq!(
            story_date(&[&a, &b, &c, &weak, &none]).as_deref(),
            Some("2025-03-14T08:00:00+01:00")
        );
        assert_eq!(story_date(&[&b, &c]).as_deref(), Some("2025-03-12"));
        assert_eq!(story_date(&[&weak, &none]).as_deref(), Some("2024-01-01"));
        assert_eq!(story_date(&[&none]), None);
        assert_eq!(story_date(&[]), None);
    }

    #[test]
    fn quotes_are_ranked_by_outlets_and_entities_carry_counts() {
        let said = "Nous avons passé une nuit terrible, mais la ville tient bon";
        let mut a = document("a", "fr", "A", "texte", None);
        a.quotes.push(quote(
            "Une phrase que personne d'autre ne reprend",
            Some("Un élu"),
        ));
        a.quotes.push(quote(said, None));
        a.quotes.push(quote("Non", Some("Un élu")));
        let mut b = document("b", "fr", "B", "texte", None);
        b.quotes
            .push(quote(&format!("{said},"), Some("Ihor Terekhov")));
        let putin = Entity {
            id: "person:vladimir-putin".into(),
            kind: EntityKind::Person,
            canonical: "Vladimir Putin".into(),
            known: true,
            aliases: vec!["Poutine".into()],
            mentions: Vec::new(),
        };
        a.entities.push(putin.clone());
        b.entities.push(putin);
        // The same name typed two ways is one line, under the id most members use.
        let terekhov = |kind: EntityKind, id: &str| Entity {
            id: id.into(),
            kind,
            canonical: "Ihor Terekhov".into(),
            known: false,
            aliases: vec!["Ihor Terekhov".into()],
            mentions: Vec::new(),
        };
        a.entities
            .push(terekhov(EntityKind::Person, "person:ihor-terekhov"));
        b.entities
            .push(terekhov(EntityKind::Other, "other:ihor-terekhov"));
        let mut c = document("c", "fr", "C", "texte", None);
        c.entities
            .push(terekhov(EntityKind::Person, "person:ihor-terekhov"));
        let docs = [
            at_site(a, "a.example"),
            at_site(b, "b.example"),
            at_site(c, "c.example"),
        ];
        let story = summary_of(&docs);
        assert_eq!(story.top_entities, vec!["Ihor Terekhov", "Vladimir Putin"]);
        assert_eq!(story.entities[0].id, "person:ihor-terekhov");
        assert_eq!(story.entities[0].mentioned_in, 3);
        assert_eq!(story.quotes.len(), 2, "the one-word quote is left out");
        assert_eq!(story.quotes[0].text, said);
        assert_eq!(story.quotes[0].speaker.as_deref(), Some("Ihor Terekhov"));
        assert_eq!(story.quotes[0].outlets, vec!["a.example", "b.example"]);
        assert_eq!(story.entities[1].mentioned_in, 2);
        assert_eq!(story.entities[1].kind, EntityKind::Person);
    }
}
