//! Entities, places, speakers and claims are searchable; an archive indexed before they were
//! is re-indexed from SQLite when opened; a link hook's changes to a document are stored.

mod common;

use common::{doc, item};
use veille_model::{Claim, Document, Entity, EntityKind, LinkUpdate, Mention, Place, Quote, Span};
use veille_store::{Archive, NoLinks, OpenOptions, SearchQuery, SqliteArchive};

fn mention(text: &str) -> Mention {
    Mention {
        text: text.into(),
        span: Span { start: 0, end: 1 },
        title: None,
    }
}

fn putin(alias: &str) -> Entity {
    Entity {
        id: "person:vladimir-putin".into(),
        kind: EntityKind::Person,
        canonical: "Vladimir Putin".into(),
        known: true,
        aliases: vec![alias.into()],
        mentions: vec![mention(alias)],
    }
}

fn minsk(written: &str) -> Place {
    Place {
        name: "Minsk".into(),
        kind: "city".into(),
        geonames_id: Some(625_144),
        country_code: Some("BY".into()),
        latitude: Some(53.9),
        longitude: Some(27.567),
        confidence: 0.9,
        mentions: vec![mention(written)],
    }
}

/// A French article naming Poutine in Minsk and quoting him, an English one naming and
/// quoting Putin, and an English one about something else.
fn corpus() -> Vec<Document> {
    let mut fr = doc(
        "Poutine en visite à Minsk",
        "Vladimir Poutine est arrivé mardi à Minsk. « Nous sommes des alliés », a-t-il déclaré devant 300 invités.",
        Some("fr"),
        Some("2024-03-05"),
        Some("lejournal.example"),
    );
    fr.entities.push(putin("Vladimir Poutine"));
    fr.places.push(minsk("Minsk"));
    fr.quotes.push(Quote {
        text: "Nous sommes des alliés".into(),
        span: Span { start: 0, end: 1 },
        direct: true,
        speaker: Some("Vladimir Poutine".into()),
        speaker_id: Some("person:vladimir-putin".into()),
        speaker_span: None,
        verb: Some("a déclaré".into()),
    });
    fr.claims.push(Claim {
        text: "300 invités".into(),
        span: Span { start: 0, end: 1 },
        value: 300.0,
        unit: "count".into(),
        metric: None,
        counted: Some("invités".into()),
        sentence: "devant 300 invités".into(),
    });
    let mut en_putin = doc(
        "Putin meets Lukashenko",
        "Vladimir Putin met his Belarusian counterpart on Tuesday.",
        Some("en"),
        Some("2024-03-05"),
        Some("thewire.example"),
    );
    en_putin.entities.push(putin("Vladimir Putin"));
    en_putin.quotes.push(Quote {
        text: "We are allies".into(),
        span: Span { start: 0, end: 1 },
        direct: true,
        speaker: Some("Putin".into()),
        speaker_id: Some("person:vladimir-putin".into()),
        speaker_span: None,
        verb: Some("said".into()),
    });
    let en = doc(
        "Harbour reopens after storm",
        "The harbour of Brest reopened on Monday after the storm, the port authority said.",
        Some("en"),
        Some("2024-03-04"),
        Some("thecoast.example"),
    );
    vec![fr, en_putin, en]
}

fn ingest(dir: &std::path::Path) -> Vec<Document> {
    let docs = corpus();
    let mut archive = SqliteArchive::open(dir, OpenOptions::write()).unwrap();
    let mut items: Vec<_> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| item(d, &format!("u#{i}")))
        .collect();
    archive.ingest_batch(&mut items, &mut NoLinks).unwrap();
    archive.commit_index().unwrap();
    docs
}

fn hits(archive: &SqliteArchive, query: SearchQuery) -> Vec<String> {
    let results = archive.search(&query).unwrap();
    assert!(results.warnings.is_empty(), "{:?}", results.warnings);
    results.hits.into_iter().map(|h| h.id).collect()
}

#[test]
fn entity_place_and_speaker_filters_match_every_name_of_the_identity() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = ingest(tmp.path());
    let archive = SqliteArchive::open_for_search(tmp.path()).unwrap();
    let fr = vec![docs[0].id.clone()];
    let mut both = vec![docs[0].id.clone(), docs[1].id.clone()];
    both.sort();
    let sorted = |mut ids: Vec<String>| {
        ids.sort();
        ids
    };
    // The French article writes "Poutine", the English one "Putin": one identity.
    for name in [
        "Vladimir Putin",
        "Poutine",
        "vladimir poutine",
        "person:vladimir-putin",
    ] {
        let query = SearchQuery {
            entity: Some(name.into()),
            ..SearchQuery::new("*")
        };
        assert_eq!(sorted(hits(&archive, query)), both, "--entity {name}");
    }
    let query = SearchQuery {
        entity: Some("Vladimir Lenin".into()),
        ..SearchQuery::new("*")
    };
    assert!(hits(&archive, query).is_empty());
    // Values without a searchable word match nothing, with a warning, and are not errors.
    for value in ["", "'", "(", "«»"] {
        let query = SearchQuery {
            entity: Some(value.into()),
            ..SearchQuery::new("*")
        };
        let results = archive.search(&query).expect("not an error");
        assert_eq!(results.total, 0, "--entity {value:?}");
        assert!(!results.warnings.is_empty(), "--entity {value:?}");
    }
    for place in ["Minsk", "minsk", "BY", "625144"] {
        let query = SearchQuery {
            place: Some(place.into()),
            ..SearchQuery::new("*")
        };
        assert_eq!(hits(&archive, query), fr, "--place {place}");
    }
    let query = SearchQuery {
        place: Some("Brest".into()),
        ..SearchQuery::new("*")
    };
    assert!(
        hits(&archive, query).is_empty(),
        "a word of the text is not a resolved place"
    );
    for speaker in ["Putin", "Vladimir Poutine", "person:vladimir-putin"] {
        let query = SearchQuery {
            speaker: Some(speaker.into()),
            ..SearchQuery::new("*")
        };
        assert_eq!(sorted(hits(&archive, query)), both, "--speaker {speaker}");
    }
    // The same fields in the query language, and claims by unit and counted words.
    assert_eq!(
        hits(&archive, SearchQuery::new("speaker:poutine")),
        fr,
        "as written"
    );
    assert_eq!(hits(&archive, SearchQuery::new("claim:invités")), fr);
    assert_eq!(hits(&archive, SearchQuery::new("place:minsk alliés")), fr);
    let results = archive.search(&SearchQuery::new("place:minsk")).unwrap();
    assert_eq!(results.hits[0].entities, vec!["Vladimir Putin"]);
    assert_eq!(results.hits[0].places, vec!["Minsk"]);
}

#[test]
fn an_archive_from_before_known_names_and_these_fields_is_upgraded() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = ingest(tmp.path());
    // Take the database back to schema version 1, as an older veille left it.
    {
        let conn = rusqlite::Connection::open(tmp.path().join("veille.sqlite")).unwrap();
        conn.execute_batch("DROP TABLE known_names; PRAGMA user_version = 1;")
            .unwrap();
    }
    assert!(
        SqliteArchive::open(tmp.path(), OpenOptions::read()).is_err(),
        "a reader does not upgrade"
    );
    // Replace the index with one of another (older) schema that claims to hold everything.
    let index_dir = tmp.path().join("index");
    std::fs::remove_dir_all(&index_dir).unwrap();
    std::fs::create_dir_all(&index_dir).unwrap();
    {
        let mut builder = tantivy::schema::Schema::builder();
        builder.add_text_field("id", tantivy::schema::STRING | tantivy::schema::STORED);
        builder.add_text_field("entity", tantivy::schema::TEXT);
        let index = tantivy::Index::create_in_dir(&index_dir, builder.build()).unwrap();
        let mut writer: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
        let mut prepared = writer.prepare_commit().unwrap();
        prepared.set_payload(r#"{"seq": 3, "schema": 1}"#);
        prepared.commit().unwrap();
    }
    let archive = SqliteArchive::open_for_search(tmp.path()).unwrap();
    let stats = archive.stats().unwrap();
    assert_eq!(stats.schema_version, 3, "upgraded to the latest schema");
    assert_eq!(stats.indexed, 3, "every article re-indexed");
    let query = SearchQuery {
        entity: Some("Poutine".into()),
        ..SearchQuery::new("*")
    };
    let mut expected = vec![docs[0].id.clone(), docs[1].id.clone()];
    expected.sort();
    let mut found = hits(&archive, query);
    found.sort();
    assert_eq!(
        found, expected,
        "known names were filled from the stored documents"
    );
}

#[test]
fn a_hook_completes_the_document_before_it_is_stored_and_indexed() {
    let tmp = tempfile::tempdir().unwrap();
    let mut archive = SqliteArchive::open(tmp.path(), OpenOptions::write()).unwrap();
    let d = doc(
        "Sans date",
        "Le conseil se réunira lundi à Minsk.",
        Some("fr"),
        None,
        None,
    );
    let mut hook = |doc: &mut Document| {
        doc.places.push(minsk("Minsk"));
        doc.id = "tampered".into();
        LinkUpdate::default()
    };
    let mut items = vec![item(&d, "x#0")];
    archive.ingest_batch(&mut items, &mut hook).unwrap();
    archive.commit_index().unwrap();
    assert_eq!(items[0].document.places.len(), 1, "the caller sees it too");
    let stored = archive
        .document(&d.id)
        .unwrap()
        .expect("stored under its id");
    assert_eq!(stored.places.len(), 1);
    assert_eq!(
        stored.id, d.id,
        "the content id cannot be changed by a hook"
    );
    let query = SearchQuery {
        place: Some("Minsk".into()),
        ..SearchQuery::new("*")
    };
    assert_eq!(hits(&archive, query), vec![d.id.clone()]);
}

#[test]
fn times_are_replaced_in_place_and_unknown_ids_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = ingest(tmp.path());
    let mut archive = SqliteArchive::open(tmp.path(), OpenOptions::write()).unwrap();
    let before: Vec<u64> = archive
        .documents_after(0, 10)
        .unwrap()
        .into_iter()
        .map(|d| d.seq)
        .collect();
    let monday = veille_model::TimeExpression {
        text: "lundi".into(),
        span: Span { start: 0, end: 5 },
        timex_type: veille_model::TimexType::Date,
        value: "2024-03-04".into(),
        modifier: None,
        anchor: "story".into(),
    };
    let changed = archive
        .replace_times(&[
            (docs[2].id.clone(), vec![monday.clone()]),
            ("not-stored".into(), vec![monday.clone()]),
        ])
        .unwrap();
    assert_eq!(changed, 1);
    let stored = archive.document(&docs[2].id).unwrap().unwrap();
    assert_eq!(stored.times, vec![monday]);
    assert_eq!(stored.text, docs[2].text, "the rest is untouched");
    let after: Vec<u64> = archive
        .documents_after(0, 10)
        .unwrap()
        .into_iter()
        .map(|d| d.seq)
        .collect();
    assert_eq!(
        before, after,
        "write order, which the linker replays, is kept"
    );
    drop(archive);
    let mut reader = SqliteArchive::open(tmp.path(), OpenOptions::read()).unwrap();
    assert!(reader.replace_times(&[]).is_err(), "read-only");
}

#[test]
fn features_are_replaced_only_for_stored_articles() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = ingest(tmp.path());
    let mut archive = SqliteArchive::open(tmp.path(), OpenOptions::write()).unwrap();
    let written = archive
        .replace_features(&[
            (docs[0].id.clone(), b"new features".to_vec()),
            ("not-stored".into(), b"orphan".to_vec()),
        ])
        .unwrap();
    assert_eq!(written, 1);
    let mut seen = Vec::new();
    archive
        .for_each_features(&mut |id, blob| seen.push((id.to_string(), blob.to_vec())))
        .unwrap();
    assert_eq!(seen, vec![(docs[0].id.clone(), b"new features".to_vec())]);
}
