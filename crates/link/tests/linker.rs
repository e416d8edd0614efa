//! Linker behaviour on self-written articles (see `fixtures/README.md`): stories across
//! languages and time, translations, copies and provenance.

use veille_link::{LinkConfig, Linker};
use veille_model::{Document, Field, FlagKind, InputRef, LinkKind, ProvenanceRole, SourceFormat};

/// Builds a document from a fixture: title line, `lang date` line, then the body.
fn fixture(id: &str, source: &str, site: &str) -> Document {
    let mut lines = source.splitn(3, '\n');
    let title = lines.next().unwrap_or_default().trim().to_string();
    let meta = lines.next().unwrap_or_default();
    let (lang, date) = meta.split_once(' ').unwrap_or((meta, ""));
    let text = lines.next().unwrap_or_default().trim().to_string();
    Document {
        title: Some(Field::new(title, "test", 0.9)),
        published: Some(Field::new(date.trim().to_string(), "test", 0.9)),
        site_name: Some(Field::new(site.to_string(), "test", 0.9)),
        url: Some(Field::new(format!("https://{site}/{id}"), "test", 0.9)),
        language: Some(Field::new(lang.to_string(), "test", 0.9)),
        ..Document::new(
            id.to_string(),
            InputRef::default(),
            SourceFormat::Text,
            text,
        )
    }
}

const GAS_EN: &str = include_str!("fixtures/gas_sochi_en.txt");
const GAS_FR: &str = include_str!("fixtures/gas_sochi_fr.txt");
const GAS_SEPTEMBER: &str = include_str!("fixtures/gas_sochi_september_en.txt");
const FOOTBALL: &str = include_str!("fixtures/football_en.txt");
const DAM_EN: &str = include_str!("fixtures/dam_en.txt");
const DAM_FR: &str = include_str!("fixtures/dam_fr.txt");
const GAS_SCRAPED: &str = include_str!("fixtures/gas_sochi_scraped_en.txt");

fn linker_with(docs: &[Document]) -> Linker {
    let mut linker = Linker::new(LinkConfig::default());
    for doc in docs {
        linker.add_document(doc);
    }
    linker
}

#[test]
fn same_event_in_french_and_english_is_one_story() {
    let linker = linker_with(&[
        fixture("gas-en", GAS_EN, "news.example"),
        fixture("gas-fr", GAS_FR, "journal.example"),
    ]);
    let story = linker.story_of("gas-en");
    assert!(story.is_some());
    assert_eq!(
        story,
        linker.story_of("gas-fr"),
        "{:?}",
        linker.why("gas-en", "gas-fr")
    );
    let summary = linker
        .story(&story.unwrap_or_default())
        .expect("story summary");
    assert_eq!(summary.languages, vec!["en".to_string(), "fr".to_string()]);
    assert_eq!(summary.members.len(), 2);
    assert!(
        summary.members[1].explanation.contains("joined"),
        "{}",
        summary.members[1].explanation
    );
}

#[test]
fn look_alike_meeting_months_later_is_another_story() {
    let linker = linker_with(&[
        fixture("gas-en", GAS_EN, "news.example"),
        fixture("gas-fr", GAS_FR, "journal.example"),
        fixture("gas-sept", GAS_SEPTEMBER, "news.example"),
    ]);
    assert_ne!(linker.story_of("gas-sept"), linker.story_of("gas-en"));
    // Their words are close: only the time window keeps them apart.
    let why = linker.why("gas-en", "gas-sept").expect("both known");
    assert!(why.comparison.day_gap.unwrap_or(0) > 100);
}

#[test]
fn unrelated_article_the_same_day_is_another_story() {
    let linker = linker_with(&[
        fixture("gas-en", GAS_EN, "news.example"),
        fixture("football", FOOTBALL, "sport.example"),
    ]);
    assert_ne!(linker.story_of("football"), linker.story_of("gas-en"));
    assert_eq!(linker.stories().len(), 2);
}

#[test]
fn french_translation_is_linked_as_translation() {
    let mut linker = Linker::default();
    linker.add_document(&fixture("gas-en", GAS_EN, "news.example"));
    linker.add_document(&fixture("dam-en", DAM_EN, "news.example"));
    let outcome = linker.add_document(&fixture("dam-fr", DAM_FR, "journal.example"));
    let kinds: Vec<(String, LinkKind)> = outcome
        .links
        .iter()
        .map(|l| (l.source.clone(), l.kind))
        .collect();
    assert_eq!(
        kinds,
        vec![("dam-en".to_string(), LinkKind::Translation)],
        "{:?}",
        outcome.links
    );
    assert_eq!(linker.story_of("dam-fr"), linker.story_of("dam-en"));
    // The independent French report of another event is not a translation of it.
    assert!(linker
        .why("gas-en", "dam-fr")
        .and_then(|w| w.copy_kind)
        .is_none());
}

#[test]
fn independent_report_in_another_language_is_not_a_translation() {
    let linker = linker_with(&[
        fixture("gas-en", GAS_EN, "news.example"),
        fixture("gas-fr", GAS_FR, "journal.example"),
    ]);
    let why = linker.why("gas-en", "gas-fr").expect("both known");
    assert_ne!(
        why.copy_kind,
        Some(LinkKind::Translation),
        "{:?}",
        why.comparison.translation
    );
}

#[test]
fn scraper_copy_is_found_and_the_original_comes_first() {
    let mut scraped = fixture("gas-scraped", GAS_SCRAPED, "farm.example");
    scraped.flags.push(veille_model::Flag {
        kind: FlagKind::ScraperMarker,
        evidence: "Source link".into(),
        span: None,
    });
    let linker = linker_with(&[
        scraped,
        fixture("gas-en", GAS_EN, "news.example"),
        fixture("dam-en", DAM_EN, "news.example"),
    ]);
    let family = linker.provenance("gas-scraped").expect("family");
    assert_eq!(family.original, "gas-en", "{}", family.original_reason);
    let copy = family
        .members
        .iter()
        .find(|m| m.doc_id == "gas-scraped")
        .expect("member");
    assert_eq!(copy.role, ProvenanceRole::ScraperRepublication);
    assert_eq!(
        family.members.len(),
        2,
        "the dam article is not part of the family"
    );
    let dot = veille_link::to_dot(&family);
    assert!(dot.contains("\"gas-en\" -> \"gas-scraped\""), "{dot}");
}

#[test]
fn replaying_features_gives_the_same_stories_and_links() {
    let docs = [
        fixture("gas-en", GAS_EN, "news.example"),
        fixture("football", FOOTBALL, "sport.example"),
        fixture("gas-fr", GAS_FR, "journal.example"),
        fixture("dam-en", DAM_EN, "news.example"),
        fixture("dam-fr", DAM_FR, "journal.example"),
    ];
    let mut original = Linker::default();
    let blobs: Vec<Vec<u8>> = docs
        .iter()
        .map(|d| original.on_new_document(d).features.expect("features blob"))
        .collect();
    let mut replayed = Linker::default();
    for blob in &blobs {
        replayed.restore(blob).expect("readable blob");
    }
    assert_eq!(replayed.stories(), original.stories());
    assert_eq!(replayed.links(), original.links());
    assert!(replayed.restore(b"garbage").is_err());
    assert!(replayed.add_document(&docs[0]).already_known);
    assert_eq!(replayed.resolve_id("dam-"), None, "ambiguous prefix");
    assert_eq!(replayed.resolve_id("dam-f").as_deref(), Some("dam-fr"));
}

/// The store keeps stories as the updates describe them: merged stories deleted, then the
/// surviving story written whole. Replaying updates that way must list every document in
/// exactly the story the linker puts it in, however stories merge.
#[test]
fn story_updates_keep_a_stored_copy_consistent_through_merges() {
    use std::collections::BTreeMap;
    use veille_link::StoryConfig;
    let cfg = LinkConfig {
        stories: StoryConfig {
            merge_threshold: 0.0,
            headline_merge_threshold: 0.0,
            ..StoryConfig::default()
        },
        ..LinkConfig::default()
    };
    let mut linker = Linker::new(cfg);
    let docs = [
        fixture("gas-en", GAS_EN, "news.example"),
        fixture("dam-en", DAM_EN, "news.example"),
        fixture("football", FOOTBALL, "sport.example"),
        fixture("gas-fr", GAS_FR, "journal.example"),
        fixture("dam-fr", DAM_FR, "journal.example"),
        fixture("gas-scraped", GAS_SCRAPED, "copies.example"),
        fixture("gas-september", GAS_SEPTEMBER, "news.example"),
    ];
    // A bridging article that shares the wording of two earlier stories.
    let bridge = {
        let mut doc = fixture("bridge", GAS_EN, "mixed.example");
        doc.text = format!("{}\n\n{}", doc.text, fixture("d", DAM_EN, "x").text);
        // Undated, so that the time window lets it reach both stories.
        doc.published = None;
        doc
    };
    let mut stored: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut merges = 0;
    for doc in docs.iter().chain(std::iter::once(&bridge)) {
        let update = linker.on_new_document(doc);
        for removed in &update.removed_stories {
            merges += 1;
            assert!(
                stored.remove(removed).is_some(),
                "merged-away story {removed:?} was never written"
            );
        }
        for story in update.stories {
            stored.insert(
                story.id,
                story.members.into_iter().map(|m| m.doc_id).collect(),
            );
        }
    }
    let mut seen = BTreeMap::new();
    for (story, members) in &stored {
        for doc in members {
            assert!(
                seen.insert(doc.clone(), story.clone()).is_none(),
                "{doc} is listed in two stories: {stored:?}"
            );
            assert_eq!(linker.story_of(doc).as_ref(), Some(story), "{doc}");
        }
    }
    assert_eq!(seen.len(), docs.len() + 1);
    assert!(merges > 0, "the bridge merges stories: {stored:?}");
}
