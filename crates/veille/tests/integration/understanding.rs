//! Understanding in the archive: entities, places and speakers are searchable under every name
//! of their identity; stories list their entities, places, quotes and the numbers outlets
//! disagree on; an undated article's weekdays are resolved against its story's date.
//!
//! The fixture is one event written up by four outlets in French and English: three dated, one
//! undated, and two figures for the number of drones.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Output;

use serde_json::{json, Value};

use crate::util::{veille, Scratch};

const CONTRACT: &str = include_str!("../../../../docs/json-contract.md");

fn fixture(scratch: &Scratch) -> String {
    fixture_in_order(scratch, false)
}

/// The fixture as JSON Lines, the undated article last or, with `undated_first`, first.
fn fixture_in_order(scratch: &Scratch, undated_first: bool) -> String {
    let mut records = [
        json!({
            "url": "https://le-quotidien-du-nord.example/2025/03/14/kharkiv-drones",
            "site_name": "Le Quotidien du Nord",
            "title": "Attaque de drones sur Kharkiv : 42 engins lancés dans la nuit",
            "published": "2025-03-14T08:12:00+01:00",
            "language": "fr",
            "text": "L'armée russe a lancé 42 drones Shahed contre Kharkiv dans la nuit de jeudi à vendredi, a annoncé l'armée de l'air ukrainienne. Selon le maire de la ville, Ihor Terekhov, 12 personnes ont été blessées.\n\n« Nous avons passé une nuit terrible, mais la ville tient bon », a déclaré Ihor Terekhov lors d'une conférence de presse.\n\nLe président Volodymyr Zelensky a demandé de nouveaux systèmes de défense antiaérienne. Vladimir Poutine n'a pas commenté l'attaque."
        }),
        json!({
            "url": "https://eastern-courier.example/news/kharkiv-drone-attack",
            "site_name": "Eastern Courier",
            "title": "Russia hits Kharkiv with drone swarm overnight",
            "published": "2025-03-14T07:40:00Z",
            "language": "en",
            "text": "Russia launched 35 Shahed drones at Kharkiv overnight into Friday, Ukraine's air force said. The city's mayor, Ihor Terekhov, said 12 people were injured.\n\n\"We went through a terrible night, but the city is holding on,\" Ihor Terekhov told reporters.\n\nPresident Volodymyr Zelensky asked allies for more air defence systems. Vladimir Putin did not comment on the attack."
        }),
        json!({
            "url": "https://wire-report.example/2025/03/14/ukraine-kharkiv",
            "site_name": "Wire Report",
            "title": "Kharkiv counts the damage after night of drone strikes",
            "published": "2025-03-14T10:05:00Z",
            "language": "en",
            "text": "Russia sent 35 Shahed drones against Kharkiv overnight, Ukraine's air force said on Friday. Mayor Ihor Terekhov said 12 people were hurt in the attack.\n\n\"We went through a terrible night, but the city is holding on,\" Ihor Terekhov said.\n\nVladimir Putin's spokesman declined to comment on the strikes against Kharkiv."
        }),
        json!({
            "url": "https://gazette-de-l-est.example/kharkiv-bilan",
            "site_name": "La Gazette de l'Est",
            "title": "Kharkiv : la ville panse ses plaies après l'attaque de drones",
            "language": "fr",
            "text": "Le maire de Kharkiv, Ihor Terekhov, a fait le bilan lundi devant la presse. Selon lui, 42 drones Shahed ont visé la ville et 12 personnes ont été blessées.\n\n« Nous avons passé une nuit terrible, mais la ville tient bon », a déclaré Ihor Terekhov.\n\nVladimir Poutine n'a pas réagi à l'attaque de drones contre Kharkiv."
        }),
    ];
    if undated_first {
        records.rotate_right(1);
    }
    let lines: Vec<String> = records.iter().map(Value::to_string).collect();
    scratch
        .write("in/kharkiv.jsonl", lines.join("\n") + "\n")
        .to_string_lossy()
        .into_owned()
}

fn run(data: &Path, args: &[&str]) -> Output {
    let mut all = vec!["--data", data.to_str().expect("utf-8 path"), "--quiet"];
    all.extend_from_slice(args);
    let output = veille(&all, None);
    assert!(
        output.status.success(),
        "veille {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn json_of(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).expect("one JSON object")
}

/// An archive holding the fixture, and its one story.
fn archive() -> (Scratch, std::path::PathBuf, Value) {
    let scratch = Scratch::new();
    let input = fixture(&scratch);
    let data = scratch.path().join("data");
    run(&data, &["ingest", &input]);
    let stories = json_of(&run(&data, &["stories", "--format", "json"]));
    let list = stories["stories"].as_array().expect("a list of stories");
    assert_eq!(list.len(), 1, "one event, one story: {stories:#}");
    let story = list[0].clone();
    (scratch, data, story)
}

fn titles(search: &Value) -> BTreeSet<String> {
    search["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["title"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn collect_keys(value: &Value, keys: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                keys.insert(key.clone());
                collect_keys(child, keys);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_keys(item, keys)),
        _ => {}
    }
}

#[test]
fn stories_list_entities_places_quotes_and_the_disputed_drone_count() {
    let (_scratch, data, story) = archive();
    assert_eq!(story["members"].as_array().map(Vec::len), Some(4));
    let entities = story["entities"].as_array().expect("entities");
    let putin = entities
        .iter()
        .find(|e| e["id"] == "person:vladimir-putin")
        .expect("Putin is a top entity whether written Poutine or Putin");
    assert_eq!(putin["name"], "Vladimir Putin");
    assert_eq!(putin["kind"], "person");
    assert_eq!(putin["mentioned_in"], 4);
    let places = story["places"].as_array().expect("places");
    let kharkiv = places
        .iter()
        .find(|p| p["name"] == "Kharkiv")
        .expect("Kharkiv");
    assert_eq!(kharkiv["country_code"], "UA");
    assert!((kharkiv["latitude"].as_f64().unwrap_or_default() - 49.98).abs() < 0.1);
    assert_eq!(kharkiv["mentioned_in"], 4);
    assert!(story["top_places"]
        .as_array()
        .is_some_and(|p| p.contains(&json!("Kharkiv"))));

    // Each wording of the mayor's words is carried by two outlets.
    let quotes = story["quotes"].as_array().expect("quotes");
    assert!(quotes.len() >= 2, "{quotes:#?}");
    for quote in &quotes[..2] {
        assert_eq!(quote["speaker"], "Ihor Terekhov");
        assert_eq!(quote["outlets"].as_array().map(Vec::len), Some(2));
    }

    // 42 drones in French, 35 in English; the 12 injured agree and are no dispute.
    let disputes = story["disputed_claims"]
        .as_array()
        .expect("disputed claims");
    assert_eq!(disputes.len(), 1, "{disputes:#?}");
    let drones = &disputes[0];
    assert_eq!(drones["unit"], "count");
    let values: Vec<(f64, Vec<String>)> = drones["values"]
        .as_array()
        .expect("values")
        .iter()
        .map(|v| {
            let outlets = v["outlets"]
                .as_array()
                .expect("outlets")
                .iter()
                .map(|o| o.as_str().unwrap_or_default().to_string())
                .collect();
            (v["value"].as_f64().unwrap_or_default(), outlets)
        })
        .collect();
    assert_eq!(values.len(), 2, "{values:?}");
    let forty_two = values.iter().find(|(v, _)| *v == 42.0).expect("42");
    let thirty_five = values.iter().find(|(v, _)| *v == 35.0).expect("35");
    assert_eq!(
        forty_two.1,
        vec!["Le Quotidien du Nord", "La Gazette de l'Est"]
    );
    assert_eq!(thirty_five.1, vec!["Eastern Courier", "Wire Report"]);
    let evidence = &drones["values"][0]["evidence"][0];
    assert!(evidence["sentence"]
        .as_str()
        .is_some_and(|s| s.contains("35") && s.contains("Kharkiv")));

    // The text output says the same.
    let text = String::from_utf8_lossy(&run(&data, &["stories"]).stdout).into_owned();
    assert!(text.contains("Vladimir Putin (person, 4)"), "{text}");
    assert!(text.contains("Kharkiv (city, UA"), "{text}");
    assert!(text.contains("outlets disagree on"), "{text}");
    let id = story["id"].as_str().expect("story id");
    let detail = String::from_utf8_lossy(&run(&data, &["story", id]).stdout).into_owned();
    assert!(detail.contains("disputed:"), "{detail}");
    assert!(detail.contains("Ihor Terekhov; 2 outlet(s)"), "{detail}");
    assert!(detail.contains("Eastern Courier"), "{detail}");
}

/// The document stored in the archive's database (deflated JSON).
fn stored_document(data: &Path, id: &str) -> Value {
    use std::io::Read;
    let conn = rusqlite::Connection::open(data.join("veille.sqlite")).expect("the database");
    let blob: Vec<u8> = conn
        .query_row("SELECT document FROM articles WHERE id = ?1", [id], |row| {
            row.get(0)
        })
        .expect("the stored document");
    let mut json = Vec::new();
    flate2::read::DeflateDecoder::new(blob.as_slice())
        .read_to_end(&mut json)
        .expect("deflated JSON");
    serde_json::from_slice(&json).expect("document JSON")
}

fn monday_of(document: &Value) -> Value {
    document["times"]
        .as_array()
        .and_then(|times| times.iter().find(|t| t["text"] == "lundi"))
        .cloned()
        .expect("lundi is a time expression")
}

#[test]
fn an_undated_member_has_its_weekday_resolved_against_the_story_date() {
    let (scratch, data, story) = archive();
    let search = json_of(&run(
        &data,
        &[
            "search",
            "--format",
            "json",
            "--outlet",
            "Gazette de l'Est",
            "*",
        ],
    ));
    let id = search["hits"][0]["id"]
        .as_str()
        .expect("the undated article");
    assert!(
        story["members"]
            .as_array()
            .expect("members")
            .iter()
            .any(|m| m["doc_id"] == id),
        "the undated article joined the story"
    );
    // Alone, the weekday has nothing to be resolved against.
    let analyzed = veille(&["analyze", &fixture(&scratch), "--format", "jsonl"], None);
    let alone: Value = String::from_utf8_lossy(&analyzed.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .find(|d| d["id"] == id)
        .expect("the undated article analysed alone");
    assert_eq!(monday_of(&alone)["anchor"], "none");
    assert_eq!(monday_of(&alone)["value"], "XXXX-WXX-1");
    // In the archive, the story's members are dated 2025-03-14 (a Friday): the Monday the
    // past-tense sentence speaks of is 2025-03-10.
    let stored = stored_document(&data, id);
    let monday = monday_of(&stored);
    assert_eq!(monday["anchor"], "story");
    assert_eq!(monday["value"], "2025-03-10");
    let detail = String::from_utf8_lossy(
        &run(&data, &["story", story["id"].as_str().expect("story id")]).stdout,
    )
    .into_owned();
    assert!(
        detail.contains("times resolved on the story date"),
        "{detail}"
    );
}

#[test]
fn an_undated_article_stored_before_its_story_was_dated_is_resolved_when_it_is() {
    let scratch = Scratch::new();
    let input = fixture_in_order(&scratch, true);
    let data = scratch.path().join("data");
    run(&data, &["ingest", &input]);
    let search = json_of(&run(
        &data,
        &[
            "search",
            "--format",
            "json",
            "--outlet",
            "Gazette de l'Est",
            "*",
        ],
    ));
    let id = search["hits"][0]["id"]
        .as_str()
        .expect("the undated article");
    let monday = monday_of(&stored_document(&data, id));
    assert_eq!(monday["anchor"], "story");
    assert_eq!(monday["value"], "2025-03-10");
    // Ingesting again changes nothing.
    run(&data, &["ingest", &input]);
    assert_eq!(monday_of(&stored_document(&data, id)), monday);
}

#[test]
fn features_of_another_format_are_recomputed_from_the_stored_documents() {
    let (scratch, data, story) = archive();
    let input = fixture(&scratch);
    let stale = r#"{"version":0}"#;
    {
        let conn = rusqlite::Connection::open(data.join("veille.sqlite")).expect("database");
        conn.execute("UPDATE features SET data = CAST(?1 AS BLOB)", [stale])
            .expect("features made stale");
    }
    let members: Vec<&str> = story["members"]
        .as_array()
        .expect("members")
        .iter()
        .filter_map(|m| m["doc_id"].as_str())
        .collect();
    // A reader recomputes in memory: the two members are still seen in one story.
    let why = json_of(&run(
        &data,
        &["why", members[0], members[1], "--format", "json"],
    ));
    assert_eq!(why["same_story"], true, "{why:#}");
    // A writer stores the recomputed features back.
    run(&data, &["ingest", &input]);
    let conn = rusqlite::Connection::open(data.join("veille.sqlite")).expect("database");
    let remaining: i64 = conn
        .query_row(
            "SELECT count(*) FROM features WHERE CAST(data AS TEXT) = ?1",
            [stale],
            |row| row.get(0),
        )
        .expect("count");
    assert_eq!(remaining, 0);
    let blob: Vec<u8> = conn
        .query_row(
            "SELECT data FROM features WHERE doc_id = ?1",
            [members[0]],
            |row| row.get(0),
        )
        .expect("features of a member");
    let features = veille_link::DocFeatures::from_blob(&blob).expect("current features");
    assert_eq!(features.doc_id, members[0]);
    assert_eq!(features.version, veille_link::FEATURES_VERSION);
}

#[test]
fn search_filters_find_every_name_of_an_identity() {
    let (_scratch, data, _story) = archive();
    let all: BTreeSet<String> = [
        "Attaque de drones sur Kharkiv : 42 engins lancés dans la nuit",
        "Russia hits Kharkiv with drone swarm overnight",
        "Kharkiv counts the damage after night of drone strikes",
        "Kharkiv : la ville panse ses plaies après l'attaque de drones",
    ]
    .into_iter()
    .map(str::to_string)
    .collect();
    // "Poutine" (French) and "Putin" (English) are one canonical identity.
    for name in ["Poutine", "Vladimir Putin", "person:vladimir-putin"] {
        let search = json_of(&run(
            &data,
            &["search", "--format", "json", "--entity", name, "*"],
        ));
        assert_eq!(titles(&search), all, "--entity {name}");
    }
    let search = json_of(&run(
        &data,
        &[
            "search", "--format", "json", "--place", "Kharkiv", "--lang", "en", "*",
        ],
    ));
    assert_eq!(titles(&search).len(), 2);
    let search = json_of(&run(
        &data,
        &[
            "search",
            "--format",
            "json",
            "--speaker",
            "Terekhov",
            "nuit",
        ],
    ));
    assert!(!titles(&search).is_empty());
    assert!(titles(&search).iter().all(|t| !t.starts_with("Russia")));
    let search = json_of(&run(
        &data,
        &["search", "--format", "json", "--entity", "Lukashenko", "*"],
    ));
    assert_eq!(search["total"], 0);
    // A filter alone is a whole query; no query and no filter is a usage error.
    let filter_only = json_of(&run(
        &data,
        &["search", "--format", "json", "--entity", "Putin"],
    ));
    assert_eq!(titles(&filter_only), all);
    let bare = veille(
        &[
            "--data",
            data.to_str().expect("utf-8 path"),
            "--quiet",
            "search",
        ],
        None,
    );
    assert_eq!(bare.status.code(), Some(2), "{bare:?}");
}

#[test]
fn every_key_written_by_stories_story_and_search_is_documented() {
    let (_scratch, data, story) = archive();
    let id = story["id"].as_str().expect("story id");
    let mut keys = BTreeSet::new();
    for args in [
        vec!["stories", "--format", "json"],
        vec!["story", id, "--format", "json"],
        vec!["search", "--format", "json", "--entity", "Putin", "drones"],
    ] {
        collect_keys(&json_of(&run(&data, &args)), &mut keys);
    }
    for required in [
        "disputed_claims",
        "mentioned_in",
        "evidence",
        "speaker",
        "places",
    ] {
        assert!(keys.contains(required), "{required} written");
    }
    let undocumented: Vec<_> = keys
        .iter()
        .filter(|key| {
            !CONTRACT.contains(&format!("`{key}`")) && !CONTRACT.contains(&format!("\"{key}\""))
        })
        .collect();
    assert!(
        undocumented.is_empty(),
        "undocumented keys: {undocumented:?}"
    );
}
