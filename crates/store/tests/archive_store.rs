//! The archive's write and read paths: idempotent ingest, sightings, atomic linker updates,
//! recovery of the full-text index after a crash, and damaged data directories.

mod common;

use common::{corpus, doc, item};
use veille_model::{Link, LinkKind, LinkUpdate, Story, StoryMember};
use veille_store::{
    Archive, IngestOutcome, NoLinks, OpenOptions, SearchQuery, SqliteArchive, StoreError,
};

fn open(dir: &std::path::Path) -> SqliteArchive {
    SqliteArchive::open(dir, OpenOptions::write()).unwrap()
}

#[test]
fn same_content_twice_is_one_article_with_two_sightings() {
    let tmp = tempfile::tempdir().unwrap();
    let mut archive = open(tmp.path());
    let d = doc("T", "Un texte écrit pour ce test.", Some("fr"), None, None);
    let outcomes = archive
        .ingest_batch(
            &mut [
                item(&d, "https://a.example/1"),
                item(&d, "https://a.example/1"),
                item(&d, "https://b.example/copy"),
            ],
            &mut NoLinks,
        )
        .unwrap();
    assert_eq!(
        outcomes,
        vec![
            IngestOutcome::NewArticle,
            IngestOutcome::Duplicate,
            IngestOutcome::NewSighting
        ]
    );
    // Reading the same places again, in a later batch, adds nothing.
    let again = archive
        .ingest_batch(
            &mut [
                item(&d, "https://b.example/copy"),
                item(&d, "https://a.example/1"),
            ],
            &mut NoLinks,
        )
        .unwrap();
    assert_eq!(again, vec![IngestOutcome::Duplicate; 2]);
    let stats = archive.stats().unwrap();
    assert_eq!((stats.articles, stats.sightings), (1, 2));
    let sightings = archive.sightings(&d.id).unwrap();
    let locators: Vec<_> = sightings.iter().map(|s| s.locator.as_str()).collect();
    assert_eq!(locators, ["https://a.example/1", "https://b.example/copy"]);
    assert_eq!(archive.document(&d.id).unwrap().unwrap(), d);
    assert!(archive.document("0000").unwrap().is_none());
}

#[test]
fn everything_survives_reopening_and_documents_page_in_write_order() {
    let tmp = tempfile::tempdir().unwrap();
    let docs: Vec<_> = corpus().into_iter().map(|(_, d)| d).collect();
    {
        let mut archive = open(tmp.path());
        let mut items: Vec<_> = docs
            .iter()
            .enumerate()
            .map(|(i, d)| item(d, &format!("file.jsonl#{i}")))
            .collect();
        archive.ingest_batch(&mut items, &mut NoLinks).unwrap();
    }
    let archive = SqliteArchive::open(tmp.path(), OpenOptions::read()).unwrap();
    let stats = archive.stats().unwrap();
    assert_eq!(stats.articles, docs.len() as u64);
    assert_eq!(stats.indexed, docs.len() as u64);
    let first = archive.documents_after(0, 2).unwrap();
    let rest = archive.documents_after(first[1].seq, 100).unwrap();
    let ids: Vec<_> = first
        .iter()
        .chain(&rest)
        .map(|s| s.document.id.clone())
        .collect();
    let expected: Vec<_> = docs.iter().map(|d| d.id.clone()).collect();
    assert_eq!(ids, expected);
    assert!(matches!(
        SqliteArchive::open(tmp.path(), OpenOptions::read())
            .unwrap()
            .ingest_batch(&mut [item(&docs[0], "x")], &mut NoLinks),
        Err(StoreError::ReadOnly)
    ));
}

fn story(id: &str, members: &[&str], last_seen: &str) -> Story {
    Story {
        id: id.into(),
        title: format!("story {id}"),
        first_seen: Some("2024-03-01".into()),
        last_seen: Some(last_seen.into()),
        languages: vec!["fr".into()],
        outlets: Vec::new(),
        top_entities: Vec::new(),
        top_places: Vec::new(),
        entities: Vec::new(),
        places: Vec::new(),
        quotes: Vec::new(),
        disputed_claims: Vec::new(),
        members: members
            .iter()
            .map(|m| StoryMember {
                doc_id: m.to_string(),
                score: 0.5,
                explanation: "shared terms".into(),
            })
            .collect(),
    }
}

#[test]
fn linker_updates_are_stored_with_the_new_document_only() {
    let tmp = tempfile::tempdir().unwrap();
    let mut archive = open(tmp.path());
    let a = doc(
        "A",
        "Premier texte du test des liens.",
        Some("fr"),
        None,
        None,
    );
    let b = doc(
        "B",
        "Second texte du test des liens.",
        Some("fr"),
        None,
        None,
    );
    let mut calls = Vec::new();
    let mut hook = |d: &mut veille_model::Document| {
        calls.push(d.id.clone());
        let mut update = LinkUpdate {
            features: Some(d.id.as_bytes().to_vec()),
            ..LinkUpdate::default()
        };
        if d.id == b.id {
            update.links.push(Link {
                source: a.id.clone(),
                target: b.id.clone(),
                kind: LinkKind::NearDuplicate,
                score: 0.8,
                evidence: serde_json::json!({"jaccard": 0.8}),
            });
            update
                .stories
                .push(story("s1", &[&a.id, &b.id], "2024-03-05"));
        } else {
            update.stories.push(story("s0", &[&a.id], "2024-03-02"));
        }
        update
    };
    archive
        .ingest_batch(
            &mut [item(&a, "p#0"), item(&b, "p#1"), item(&b, "p#2")],
            &mut hook,
        )
        .unwrap();
    assert_eq!(
        calls,
        vec![a.id.clone(), b.id.clone()],
        "hook runs once per new document"
    );
    let links = archive.links_of(&a.id).unwrap();
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].kind, LinkKind::NearDuplicate);
    assert_eq!(links[0].evidence["jaccard"], 0.8);
    assert_eq!(archive.links_of(&b.id).unwrap(), links);
    let all = archive.stories(None, 10).unwrap();
    assert_eq!(
        all.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
        ["s1", "s0"],
        "most recent first"
    );
    assert_eq!(archive.stories(Some("2024-03-04"), 10).unwrap().len(), 1);
    assert_eq!(archive.story("s1").unwrap().unwrap().members.len(), 2);
    assert_eq!(archive.stories_of(&a.id).unwrap(), ["s0", "s1"]);
    let mut features = Vec::new();
    archive
        .for_each_features(&mut |id, bytes| features.push((id.to_string(), bytes.to_vec())))
        .unwrap();
    assert_eq!(features.len(), 2);
    assert_eq!(features[1], (b.id.clone(), b.id.as_bytes().to_vec()));

    // A story merged away disappears with its memberships; an updated one replaces members.
    let c = doc(
        "C",
        "Troisième texte du test des liens.",
        Some("fr"),
        None,
        None,
    );
    let mut merge = |_: &mut veille_model::Document| LinkUpdate {
        stories: vec![story("s1", &[&a.id, &b.id, &c.id], "2024-03-09")],
        removed_stories: vec!["s0".into()],
        ..LinkUpdate::default()
    };
    archive
        .ingest_batch(&mut [item(&c, "p#3")], &mut merge)
        .unwrap();
    assert!(archive.story("s0").unwrap().is_none());
    assert_eq!(archive.stories_of(&a.id).unwrap(), ["s1"]);
    assert_eq!(archive.stats().unwrap().stories, 1);

    // A member that leaves a story loses its membership; the others keep theirs.
    let d = doc(
        "D",
        "Quatrième texte du test des liens.",
        Some("fr"),
        None,
        None,
    );
    let mut split = |_: &mut veille_model::Document| LinkUpdate {
        stories: vec![story("s1", &[&a.id, &c.id], "2024-03-10")],
        ..LinkUpdate::default()
    };
    archive
        .ingest_batch(&mut [item(&d, "p#4")], &mut split)
        .unwrap();
    assert!(archive.stories_of(&b.id).unwrap().is_empty());
    assert_eq!(archive.stories_of(&c.id).unwrap(), ["s1"]);
    assert_eq!(archive.story("s1").unwrap().unwrap().members.len(), 2);

    // A hook that summarises once per batch: merges are applied per document, the changed
    // stories once at the end of the batch, in the same transaction.
    struct PerBatch {
        joined: Vec<String>,
    }
    impl veille_store::LinkHook for PerBatch {
        fn on_new_document(&mut self, document: &mut veille_model::Document) -> LinkUpdate {
            self.joined.push(document.id.clone());
            LinkUpdate {
                removed_stories: vec!["s1".into()],
                ..LinkUpdate::default()
            }
        }
        fn finish_batch(&mut self) -> Vec<veille_model::Story> {
            let members: Vec<&str> = self.joined.iter().map(String::as_str).collect();
            vec![story("s2", &members, "2024-03-12")]
        }
    }
    let e = doc("E", "Cinquième texte du test.", Some("fr"), None, None);
    let f = doc("F", "Sixième texte du test.", Some("fr"), None, None);
    let mut per_batch = PerBatch { joined: Vec::new() };
    archive
        .ingest_batch(&mut [item(&e, "p#5"), item(&f, "p#6")], &mut per_batch)
        .unwrap();
    assert!(archive.story("s1").unwrap().is_none());
    let s2 = archive
        .story("s2")
        .unwrap()
        .expect("written at the end of the batch");
    assert_eq!(s2.members.len(), 2);
    assert_eq!(archive.stories_of(&f.id).unwrap(), ["s2"]);
    assert_eq!(archive.stats().unwrap().stories, 1);
}

#[test]
fn a_document_encoded_ahead_is_stored_as_encoded_unless_the_hook_changed_it() {
    let tmp = tempfile::tempdir().unwrap();
    let mut archive = open(tmp.path());
    let a = doc(
        "A",
        "Texte du premier essai d'encodage.",
        Some("fr"),
        None,
        None,
    );
    let b = doc(
        "B",
        "Texte du second essai d'encodage.",
        Some("fr"),
        None,
        None,
    );
    // The blob says something the document does not: reading it back tells which was stored.
    let mut marked = a.clone();
    marked.warnings.push("encoded ahead".into());
    let mut first = item(&a, "p#1");
    first.encoded = Some(veille_store::encode_document(&marked));
    archive.ingest_batch(&mut [first], &mut NoLinks).unwrap();
    let stored = archive.document(&a.id).unwrap().unwrap();
    assert_eq!(
        stored.warnings,
        ["encoded ahead"],
        "the blob was stored as given"
    );

    // A hook that changes the document makes the store encode the changed one.
    let mut second = item(&b, "p#2");
    second.encoded = Some(veille_store::encode_document(&b));
    let mut changing = |d: &mut veille_model::Document| {
        d.warnings.push("changed by the hook".into());
        LinkUpdate {
            document_changed: true,
            ..LinkUpdate::default()
        }
    };
    archive.ingest_batch(&mut [second], &mut changing).unwrap();
    let stored = archive.document(&b.id).unwrap().unwrap();
    assert_eq!(stored.warnings, ["changed by the hook"]);
}

#[test]
fn index_catches_up_after_a_crash_between_database_and_index_commits() {
    let tmp = tempfile::tempdir().unwrap();
    let docs: Vec<_> = corpus().into_iter().map(|(_, d)| d).collect();
    let mut archive = open(tmp.path());
    archive
        .ingest_batch(&mut [item(&docs[0], "a#0")], &mut NoLinks)
        .unwrap();
    archive.commit_index().unwrap();
    let mut items: Vec<_> = docs[1..]
        .iter()
        .enumerate()
        .map(|(i, d)| item(d, &format!("b#{i}")))
        .collect();
    archive.ingest_batch(&mut items, &mut NoLinks).unwrap();
    archive.close_discarding_index_changes().unwrap();

    // Read-only opening sees what the index had: only the first document.
    let reader = SqliteArchive::open(tmp.path(), OpenOptions::read()).unwrap();
    assert_eq!(reader.stats().unwrap().indexed, 1);
    drop(reader);

    let archive = open(tmp.path());
    let stats = archive.stats().unwrap();
    assert_eq!(stats.indexed, docs.len() as u64, "caught up");
    assert_eq!(stats.articles, docs.len() as u64);
    drop(archive);
    // Opening again re-indexes nothing more and doubles nothing.
    let archive = open(tmp.path());
    assert_eq!(archive.stats().unwrap().indexed, docs.len() as u64);
    let hits = archive.search(&SearchQuery::new("*")).unwrap();
    assert_eq!(hits.total, docs.len());
}

#[test]
fn a_second_writer_is_refused_while_readers_are_served() {
    let tmp = tempfile::tempdir().unwrap();
    let mut writer = open(tmp.path());
    let d = doc("T", "Texte du test des verrous.", Some("fr"), None, None);
    writer
        .ingest_batch(&mut [item(&d, "x")], &mut NoLinks)
        .unwrap();
    writer.commit_index().unwrap();
    let err = SqliteArchive::open(tmp.path(), OpenOptions::write()).unwrap_err();
    assert!(matches!(err, StoreError::Busy(_)), "{err}");
    let reader = SqliteArchive::open_for_search(tmp.path()).unwrap();
    assert_eq!(
        reader.search(&SearchQuery::new("verrous")).unwrap().total,
        1
    );
}

#[test]
fn garbage_database_is_a_clear_error_and_is_left_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    drop(open(tmp.path()));
    let db = tmp.path().join("veille.sqlite");
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(tmp.path().join(format!("veille.sqlite{suffix}")));
    }
    let garbage = b"this is not a database, just some bytes written by a test".repeat(100);
    std::fs::write(&db, &garbage).unwrap();
    for options in [OpenOptions::write(), OpenOptions::read()] {
        let err = SqliteArchive::open(tmp.path(), options).unwrap_err();
        assert!(matches!(err, StoreError::NotAnArchive { .. }), "{err}");
        assert!(err.to_string().contains("not a SQLite database"), "{err}");
    }
    assert_eq!(std::fs::read(&db).unwrap(), garbage);
}

#[test]
fn garbage_index_is_rebuilt_from_the_database_and_nothing_is_lost() {
    let tmp = tempfile::tempdir().unwrap();
    let docs: Vec<_> = corpus().into_iter().map(|(_, d)| d).collect();
    {
        let mut archive = open(tmp.path());
        let mut items: Vec<_> = docs
            .iter()
            .enumerate()
            .map(|(i, d)| item(d, &format!("f#{i}")))
            .collect();
        archive.ingest_batch(&mut items, &mut NoLinks).unwrap();
    }
    std::fs::write(tmp.path().join("index/meta.json"), "{ not json").unwrap();
    let err = SqliteArchive::open(tmp.path(), OpenOptions::read()).unwrap_err();
    assert!(matches!(err, StoreError::NotAnArchive { .. }), "{err}");
    let archive = open(tmp.path());
    let stats = archive.stats().unwrap();
    assert_eq!(
        (stats.articles, stats.indexed),
        (docs.len() as u64, docs.len() as u64)
    );
    assert_eq!(
        archive
            .search(&SearchQuery::new("préfecture"))
            .unwrap()
            .total,
        2
    );
    let set_aside = std::fs::read_dir(tmp.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .any(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("index.unusable-")
        });
    assert!(set_aside, "the broken index is kept aside, not deleted");
}

#[test]
fn a_foreign_directory_is_never_written_to() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    let err = SqliteArchive::open(tmp.path(), OpenOptions::write()).unwrap_err();
    assert!(matches!(err, StoreError::NotAnArchive { .. }), "{err}");
    let names: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["notes.txt"]);
}
