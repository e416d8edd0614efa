//! Full-text search: stemming per language, phrases, field filters, date ranges, snippets.

mod common;

use std::collections::HashMap;

use common::{corpus, doc, item};
use proptest::prelude::*;
use veille_store::{Archive, NoLinks, OpenOptions, SearchQuery, SqliteArchive, StoreError};

struct Fixture {
    _tmp: tempfile::TempDir,
    archive: SqliteArchive,
    ids: HashMap<&'static str, String>,
}

fn fixture() -> Fixture {
    let tmp = tempfile::tempdir().unwrap();
    let mut archive = SqliteArchive::open(tmp.path(), OpenOptions::write()).unwrap();
    let corpus = corpus();
    let mut items: Vec<_> = corpus
        .iter()
        .map(|(key, d)| item(d, &format!("https://fixture.example/{key}")))
        .collect();
    archive.ingest_batch(&mut items, &mut NoLinks).unwrap();
    archive.commit_index().unwrap();
    let ids = corpus.into_iter().map(|(k, d)| (k, d.id)).collect();
    Fixture {
        _tmp: tmp,
        archive,
        ids,
    }
}

impl Fixture {
    fn keys(&self, query: SearchQuery) -> Vec<&'static str> {
        let results = self.archive.search(&query).unwrap();
        let mut keys: Vec<_> = results
            .hits
            .iter()
            .filter_map(|hit| {
                self.ids
                    .iter()
                    .find(|(_, id)| **id == hit.id)
                    .map(|(k, _)| *k)
            })
            .collect();
        keys.sort_unstable();
        keys
    }

    fn find(&self, text: &str) -> Vec<&'static str> {
        self.keys(SearchQuery::new(text))
    }
}

#[test]
fn inflected_forms_match_in_french_english_german_and_spanish() {
    let f = fixture();
    // French: "manifestation" and "manifestaient" share a stem.
    assert_eq!(f.find("manifestation"), ["fr_farmers"]);
    // English: "negotiations" / "negotiating".
    assert_eq!(f.find("negotiations"), ["en_talks"]);
    // German: "Verhandlung" / "Verhandlungen".
    assert_eq!(f.find("Verhandlung"), ["de_talks"]);
    // Spanish: "elección" / "elecciones", and accents are optional in the query.
    assert_eq!(f.find("elección"), ["es_vote"]);
    assert_eq!(f.find("eleccion"), ["es_vote"]);
    // French without accents.
    assert_eq!(f.find("prefecture"), ["fr_farmers", "fr_trains"]);
}

#[test]
fn words_are_all_required_and_phrases_keep_their_order() {
    let f = fixture();
    assert_eq!(f.find("préfecture police"), ["fr_farmers", "fr_trains"]);
    assert_eq!(f.find("\"préfecture de police\""), ["fr_farmers"]);
    assert_eq!(f.find("préfecture -lait"), ["fr_trains"]);
    assert_eq!(f.find("lait OR tariffs"), ["en_talks", "fr_farmers"]);
    assert!(f.find("préfecture tariffs").is_empty());
}

#[test]
fn field_filters_restrict_to_title_outlet_and_language() {
    let f = fixture();
    assert_eq!(f.find("title:grève"), ["fr_trains"]);
    assert!(
        f.find("title:police").is_empty(),
        "police is only in bodies"
    );
    assert_eq!(f.find("outlet:gazette"), ["en_talks"]);
    assert_eq!(f.find("outlet:\"courrier du soir\""), ["fr_trains"]);
    assert_eq!(f.find("lang:de"), ["de_talks"]);
    assert_eq!(f.find("text:zölle"), ["de_talks"]);
    let mut q = SearchQuery::new("*");
    q.language = Some("FR".into());
    assert_eq!(f.keys(q), ["fr_farmers", "fr_trains"]);
    let mut q = SearchQuery::new("");
    q.outlet = Some("Diario del Puerto".into());
    assert_eq!(f.keys(q), ["es_vote"]);
    let err = f
        .archive
        .search(&SearchQuery::new("colour:red"))
        .unwrap_err();
    assert!(matches!(err, StoreError::Query(_)), "{err}");
}

#[test]
fn date_ranges_include_whole_days_and_mixed_offsets() {
    let f = fixture();
    let range = |since: Option<&str>, until: Option<&str>| {
        let mut q = SearchQuery::new("*");
        q.since = since.map(str::to_string);
        q.until = until.map(str::to_string);
        f.keys(q)
    };
    assert_eq!(range(Some("2024-04-01"), None), ["es_vote"]);
    // 2024-03-12T22:00Z and 2024-03-13 are both inside a bare-date range ending the 13th.
    assert_eq!(
        range(Some("2024-03-12"), Some("2024-03-13")),
        ["de_talks", "en_talks"]
    );
    // The farmers piece was published 2024-03-14 08:30 UTC.
    assert_eq!(
        range(Some("2024-03-14T08:00:00Z"), Some("2024-03-14T09:00:00Z")),
        ["fr_farmers"]
    );
    assert!(range(Some("2025-01-01"), None).is_empty());
    let mut q = SearchQuery::new("*");
    q.since = Some("last week".into());
    assert!(matches!(f.archive.search(&q), Err(StoreError::Query(_))));
}

#[test]
fn snippets_highlight_the_matched_words_in_characters() {
    let f = fixture();
    let results = f.archive.search(&SearchQuery::new("préfecture")).unwrap();
    assert_eq!(results.total, 2);
    for hit in &results.hits {
        assert!(!hit.snippet.highlights.is_empty(), "{hit:?}");
        for h in &hit.snippet.highlights {
            let word: String = hit
                .snippet
                .fragment
                .chars()
                .skip(h.start)
                .take(h.end - h.start)
                .collect();
            assert_eq!(word.to_lowercase(), "préfecture");
        }
        assert!(hit.title.is_some() && hit.published.is_some() && hit.language.is_some());
    }
    // A match in the title only still gives a snippet: the start of the body.
    let results = f.archive.search(&SearchQuery::new("title:grève")).unwrap();
    assert!(results.hits[0]
        .snippet
        .fragment
        .starts_with("La préfecture"));
}

#[test]
fn documents_without_a_declared_language_are_stemmed_by_detected_language() {
    let tmp = tempfile::tempdir().unwrap();
    let mut archive = SqliteArchive::open(tmp.path(), OpenOptions::write()).unwrap();
    let d = doc(
        "Storm warning",
        "Forecasters were warning residents along the coast that the storms would bring \
         flooding to the low-lying districts, and the authorities opened shelters in schools.",
        None,
        None,
        None,
    );
    archive
        .ingest_batch(&mut [item(&d, "x")], &mut NoLinks)
        .unwrap();
    archive.commit_index().unwrap();
    assert_eq!(
        archive.search(&SearchQuery::new("floods")).unwrap().total,
        1
    );
}

#[test]
fn paging_splits_the_hits() {
    let f = fixture();
    let mut q = SearchQuery::new("*");
    q.limit = 2;
    let first = f.archive.search(&q).unwrap();
    q.offset = 2;
    let second = f.archive.search(&q).unwrap();
    assert_eq!(
        (first.total, first.hits.len(), second.hits.len()),
        (5, 2, 2)
    );
    assert!(first
        .hits
        .iter()
        .all(|a| second.hits.iter().all(|b| a.id != b.id)));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn any_query_text_gives_results_or_a_query_error(text in "\\PC{0,40}") {
        let f = FIXTURE.with(|f| f.clone());
        let guard = f.lock().unwrap();
        match guard.archive.search(&SearchQuery::new(text)) {
            Ok(_) | Err(StoreError::Query(_)) => {}
            Err(other) => prop_assert!(false, "unexpected error {other}"),
        }
    }
}

thread_local! {
    static FIXTURE: std::sync::Arc<std::sync::Mutex<Fixture>> =
        std::sync::Arc::new(std::sync::Mutex::new(fixture()));
}
