//! Tests of the linker's story bookkeeping.

use super::*;
use std::collections::BTreeMap;
use veille_model::{Field, InputRef, SourceFormat};

fn doc(id: &str, title: &str, body: &str) -> Document {
    Document {
        title: Some(Field::new(title.to_string(), "test", 0.9)),
        language: Some(Field::new("en".to_string(), "test", 0.9)),
        published: Some(Field::new("2026-03-02".to_string(), "test", 0.9)),
        ..Document::new(
            id.to_string(),
            InputRef::default(),
            SourceFormat::Text,
            body.to_string(),
        )
    }
}

/// Two topics, then documents bridging them.
fn merge_docs() -> Vec<Document> {
    let harbour = "The harbour authority closed the northern dock after the storm flooded \
                   warehouses and stranded fishing boats near the lighthouse";
    let rail = "Railway engineers repaired the viaduct signals while commuters waited for \
                replacement buses outside the central station";
    vec![
        doc("a1", "Storm floods harbour warehouses", harbour),
        doc("b1", "Viaduct signals repaired", rail),
        doc(
            "a2",
            "Harbour dock closed after storm",
            &format!("{harbour} again"),
        ),
        doc("b2", "Commuters wait for buses", &format!("{rail} today")),
        doc("c1", "Storm and railway", &format!("{harbour}. {rail}")),
        doc(
            "c2",
            "Harbour and viaduct",
            &format!("{rail}. {harbour}. Both."),
        ),
    ]
}

/// [`merge_docs`] with a merge threshold low enough that the bridges merge stories: every
/// live story must still be found by its id in O(1).
fn linker_with_merges() -> (Linker, Vec<LinkUpdate>) {
    let cfg = LinkConfig {
        stories: StoryConfig {
            merge_threshold: 0.0,
            ..StoryConfig::default()
        },
        ..LinkConfig::default()
    };
    let mut linker = Linker::new(cfg);
    let updates = merge_docs()
        .iter()
        .map(|d| linker.on_new_document(d))
        .collect();
    (linker, updates)
}

#[test]
fn story_lookup_by_id_matches_a_scan_of_live_stories() {
    let (linker, updates) = linker_with_merges();
    assert!(
        updates.iter().any(|u| !u.removed_stories.is_empty()),
        "the bridging documents merge stories"
    );
    let live: Vec<usize> = linker.stories.live().collect();
    assert!(!live.is_empty());
    for story in &live {
        let id = linker.story_id(*story);
        assert_eq!(linker.story_index(&id), Some(*story), "{id}");
        assert_eq!(linker.story(&id).map(|s| s.id), Some(id));
    }
    // Ids of stories merged away, and ids that name no story, find nothing.
    for update in &updates {
        for removed in &update.removed_stories {
            assert!(linker.story(removed).is_none(), "{removed}");
        }
    }
    assert!(linker.story("story-nope").is_none());
    assert!(linker.story("a1").is_none());
}

/// Applies updates as a store does: removed stories go, written stories replace.
fn apply(archive: &mut BTreeMap<String, Story>, update: &LinkUpdate) {
    for removed in &update.removed_stories {
        archive.remove(removed);
    }
    for story in &update.stories {
        archive.insert(story.id.clone(), story.clone());
    }
}

#[test]
fn deferred_summaries_leave_the_same_stories_as_per_document_ones() {
    let (linker, updates) = linker_with_merges();
    let mut immediate = BTreeMap::new();
    for update in &updates {
        apply(&mut immediate, update);
    }
    assert_eq!(immediate.len(), linker.stories.live().count());

    // The same documents, with the summaries collected after every other document.
    let mut deferred_linker = Linker::new(linker.cfg.clone());
    deferred_linker.defer_story_summaries();
    let mut deferred = BTreeMap::new();
    for (i, doc) in merge_docs().iter().enumerate() {
        let update = deferred_linker.on_new_document(doc);
        assert!(update.stories.is_empty());
        apply(&mut deferred, &update);
        if i % 2 == 1 {
            for story in deferred_linker.take_changed_stories() {
                deferred.insert(story.id.clone(), story);
            }
        }
    }
    for story in deferred_linker.take_changed_stories() {
        deferred.insert(story.id.clone(), story);
    }
    assert_eq!(deferred, immediate);
    assert!(deferred_linker.take_changed_stories().is_empty());
}

#[test]
fn each_update_carries_the_story_the_document_is_in() {
    let cfg = LinkConfig::default();
    let mut linker = Linker::new(cfg);
    let first = linker.on_new_document(&doc(
        "x1",
        "Bridge reopens",
        "The old stone bridge over the river reopened to traffic after two years of works",
    ));
    let second = linker.on_new_document(&doc(
        "x2",
        "Stone bridge reopened",
        "The old stone bridge over the river reopened to traffic after two years of works on it",
    ));
    for (update, id) in [(&first, "x1"), (&second, "x2")] {
        let story = update.stories.first().expect("a story per new document");
        assert_eq!(Some(story.id.clone()), linker.story_of(id));
        assert!(story.members.iter().any(|m| m.doc_id == id));
    }
    // The story id of the second update is the current one after it joined.
    let now = linker.story(&second.stories[0].id).expect("live story");
    assert_eq!(now, second.stories[0]);
}

#[test]
fn documents_share_one_copy_of_each_term_and_name() {
    let mut linker = Linker::default();
    let a = doc(
        "a",
        "Harbour storm",
        "The harbour of Valmora flooded after the storm, said Ilse Varga.",
    );
    let b = doc(
        "b",
        "Storm damage",
        "Ilse Varga counted the damage in Valmora after the storm hit the harbour.",
    );
    linker.add_document(&a);
    linker.add_document(&b);
    let (fa, fb) = (
        linker.features_of("a").unwrap(),
        linker.features_of("b").unwrap(),
    );
    let term_of = |f: &'_ DocFeatures, word: &str| {
        f.terms
            .iter()
            .map(|(t, _)| t.clone())
            .find(|t| t.starts_with(word))
            .unwrap_or_else(|| panic!("no term {word} in {:?}", f.terms))
    };
    let (ta, tb) = (term_of(fa, "harbo"), term_of(fb, "harbo"));
    assert_eq!(ta, tb);
    assert!(
        std::sync::Arc::ptr_eq(&ta, &tb),
        "one allocation for the term"
    );
    let name_of = |f: &'_ DocFeatures| {
        f.names
            .iter()
            .find(|n| n.contains("varga"))
            .cloned()
            .unwrap_or_else(|| panic!("no name in {:?}", f.names))
    };
    assert!(std::sync::Arc::ptr_eq(&name_of(fa), &name_of(fb)));
    // Sharing is invisible in what is stored: the blob reads back to equal features.
    let back = DocFeatures::from_blob(&fb.to_blob()).unwrap();
    assert_eq!(&back, fb);
}

/// Variants of one report (each adds a distinct closing line): they all join one story.
fn growing_story(n: usize) -> Vec<Document> {
    let body = "The harbour authority closed the northern dock after the storm flooded \
                warehouses and stranded fishing boats near the lighthouse on Monday";
    (0..n)
        .map(|i| {
            doc(
                &format!("d{i:03}"),
                "Storm floods harbour warehouses",
                &format!("{body}. Update number {i} from the quay."),
            )
        })
        .collect()
}

#[test]
fn due_summaries_skip_a_large_story_until_it_grows_by_a_quarter() {
    let mut linker = Linker::default();
    linker.defer_story_summaries();
    let docs = growing_story(100);
    let mut summarised_sizes = Vec::new();
    for doc in &docs {
        linker.on_new_document(doc);
        for story in linker.take_due_stories() {
            summarised_sizes.push(story.members.len());
        }
    }
    assert_eq!(
        linker.stories.live().count(),
        1,
        "the variants form one story"
    );
    // Every size below 64; then a quarter more than the last summary: 63 + 15, 78 + 19.
    let expected: Vec<usize> = (1..64).chain([78, 97]).collect();
    assert_eq!(summarised_sizes, expected);
    let pending = linker.take_changed_stories();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].members.len(), 100);
    assert!(linker.take_due_stories().is_empty());
    assert!(linker.take_changed_stories().is_empty());
}

#[test]
fn stale_stories_are_those_whose_stored_size_differs() {
    let mut linker = Linker::default();
    for doc in growing_story(3).iter().chain(&merge_docs()[1..2]) {
        linker.on_new_document(doc);
    }
    let stories = linker.stories();
    assert_eq!(stories.len(), 2);
    let mut stored: HashMap<String, u64> = stories
        .iter()
        .map(|s| (s.id.clone(), s.members.len() as u64))
        .collect();
    assert!(linker.stale_stories(&stored).is_empty());
    // A run stopped with the first story's summary behind, the second one never written.
    stored.insert(stories[0].id.clone(), 2);
    stored.remove(&stories[1].id);
    let stale: Vec<String> = linker
        .stale_stories(&stored)
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(stale, vec![stories[0].id.clone(), stories[1].id.clone()]);
}

/// The story book's id vectors are the string-keyed vectors of `compare` (the ones `veille
/// why` shows), interned, to the last bit.
#[test]
fn id_vectors_equal_the_interned_compare_vectors() {
    let mut linker = Linker::default();
    let body = "Minister Ingrid Halvorsen told reporters in Oslo that 1,200 jobs at the Malmberg \
                plant would go by 2025, and Halvorsen said Malmberg unions had been told first";
    for (i, document) in merge_docs().iter().enumerate() {
        linker.on_new_document(document);
        let mut named = doc(&format!("n{i}"), "Halvorsen in Oslo", body);
        named.title = Some(Field::new(
            format!("Halvorsen cuts {i}00 jobs"),
            "test",
            0.9,
        ));
        linker.on_new_document(&named);
    }
    let by_id = |vector: crate::compare::SparseVector| -> Vec<(u32, u32)> {
        let mut out: Vec<(u32, u32)> = vector
            .into_iter()
            .map(|(term, w)| (linker.vocabulary[term.as_str()], w.to_bits()))
            .collect();
        out.sort_by_key(|(id, _)| *id);
        out
    };
    let bits = |vector: crate::stories::IdVector| -> Vec<(u32, u32)> {
        vector
            .into_iter()
            .map(|(id, w)| (id, w.to_bits()))
            .collect()
    };
    for features in &linker.docs {
        let id = |term: &str| linker.vocabulary[term];
        let terms = features.terms.iter().map(|(t, c)| (id(t), *c)).collect();
        assert_eq!(
            bits(linker.unit_id_vector(terms)),
            by_id(crate::compare::term_vector(features, &linker))
        );
        let lede = features.lede.iter().map(|(t, c)| (id(t), *c)).collect();
        assert_eq!(
            bits(linker.unit_id_vector(lede)),
            by_id(crate::compare::lede_vector(features, &linker))
        );
        let keys = features.keys();
        let key_ids: Vec<u32> = keys.iter().map(|k| id(k)).collect();
        let counts = Linker::key_counts(features, &keys, &key_ids);
        if features.doc_id.starts_with('n') {
            assert!(counts.iter().any(|(_, c)| *c > 1.0), "a repeated name");
        }
        assert_eq!(
            bits(linker.unit_id_vector(counts)),
            by_id(crate::compare::key_vector(features, &linker))
        );
    }
}
