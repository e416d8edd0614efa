//! Story summaries: representative title, time span, languages, outlets, top entities and
//! places, and the members with their explanations, as the [`Story`] record of the contract.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use veille_model::{Story, StoryMember};

use crate::features::DocFeatures;

/// How many entities and places a summary lists.
const TOP: usize = 8;

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

    // Entities from the enrich stage when present, capitalised names otherwise; counted once
    // per member so that one long article does not dominate.
    let mut entity_counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut name_counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut place_counts: BTreeMap<String, usize> = BTreeMap::new();
    for f in &member_docs {
        for entity in f.entities.iter().collect::<BTreeSet<_>>() {
            *entity_counts.entry(entity.clone()).or_default() += 1;
        }
        for name in f.names.iter().collect::<BTreeSet<_>>() {
            *name_counts.entry(name.clone()).or_default() += 1;
        }
        for place in f.places.iter().collect::<BTreeSet<_>>() {
            *place_counts.entry(place.clone()).or_default() += 1;
        }
    }
    let top_entities = if entity_counts.is_empty() {
        top(name_counts)
    } else {
        top(entity_counts)
    };

    Story {
        id: story_id,
        title: representative_title(&member_docs),
        first_seen,
        last_seen,
        languages: languages.into_iter().collect(),
        outlets: outlets.into_iter().collect(),
        top_entities,
        top_places: top(place_counts),
        members: member_indices
            .iter()
            .filter_map(|i| members.get(i).cloned())
            .collect(),
    }
}

fn top(counts: BTreeMap<String, usize>) -> Vec<String> {
    let mut ranked: Vec<(String, usize)> = counts.into_iter().collect();
    // Ties keep alphabetical order (BTreeMap order, stable sort).
    ranked.sort_by_key(|entry| std::cmp::Reverse(entry.1));
    ranked.into_iter().take(TOP).map(|(k, _)| k).collect()
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
            *spread.entry(term.as_str()).or_default() += 1.0;
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
        .unwrap_or_default()
}
