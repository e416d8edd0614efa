//! End-to-end tests of the archive with the real binary: `veille ingest` then `veille search`,
//! idempotency across runs, clear errors on bad data directories, and crash safety under
//! `kill -9` at random moments.

mod util;

use std::path::Path;
use std::time::Duration;

use serde_json::json;
use util::{article, run, run_json, veille, write_jsonl, Rng};

fn multilingual_fixture(dir: &Path) -> std::path::PathBuf {
    write_jsonl(
        &dir.join("mixed.jsonl"),
        &[
            json!({
                "url": "https://ouest-matin.example/2024/03/agriculteurs",
                "title": "Colère des agriculteurs devant la préfecture",
                "published": "2024-03-14T09:30:00+01:00",
                "language": "fr",
                "site_name": "Ouest Matin",
                "text": "Plusieurs centaines d'agriculteurs manifestaient jeudi devant la préfecture \
                         de police de Rennes pour dénoncer la baisse des prix du lait.\n\nLes syndicats \
                         réclament une réunion avec le ministre avant la fin du mois."
            }),
            json!({
                "url": "https://harbour-gazette.example/trade-talks",
                "title": "Ministers resume trade talks",
                "published": "2024-03-12T22:00:00Z",
                "language": "en",
                "text": "Trade ministers were negotiating late into the night on Tuesday, officials \
                         said, after a week of stalled meetings over steel tariffs.\n\nA spokesman \
                         declined to say when an agreement could be signed."
            }),
            json!({
                "url": "https://abendpost.example/stahl",
                "title": "Verhandlungen über Stahlzölle gehen weiter",
                "published": "2024-03-13",
                "language": "de",
                "text": "Die Verhandlungen zwischen den Handelsministern dauerten bis in die Nacht.\n\n\
                         Beobachter erwarten eine Einigung über die Zölle noch in dieser Woche."
            }),
            json!({
                "url": "https://diario-puerto.example/elecciones",
                "title": "Las elecciones municipales se adelantan",
                "published": "2024-04-02T08:00:00+02:00",
                "language": "es",
                "text": "El gobierno regional anunció que las elecciones municipales se celebrarán \
                         en mayo.\n\nLos partidos de la oposición criticaron la decisión."
            }),
            json!({"title": "no body at all"}),
        ],
    )
}

fn hit_titles(value: &serde_json::Value) -> Vec<String> {
    value["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["title"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn ingest_then_search_across_languages_with_snippets() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("archive");
    let input = multilingual_fixture(tmp.path());
    let input = input.to_str().unwrap();

    let (output, summary) = run_json(&data, &["ingest", input]);
    assert!(output.status.success(), "{summary}");
    assert_eq!(summary["schema_version"], 1);
    assert_eq!(summary["new_articles"], 4);
    assert_eq!(summary["failed"], 1);
    assert_eq!(summary["errors"].as_array().unwrap().len(), 1);
    assert_eq!(summary["archive"]["articles"], 4);
    assert!(String::from_utf8_lossy(&output.stderr).contains("mixed.jsonl#4"));

    // The same input again: nothing new.
    let (_, again) = run_json(&data, &["ingest", input]);
    assert_eq!(again["new_articles"], 0);
    assert_eq!(again["new_sightings"], 0);
    assert_eq!(again["duplicates"], 4);
    assert_eq!(again["archive"]["sightings"], 4);

    let (output, found) = run_json(&data, &["search", "manifestation"]);
    assert!(output.status.success());
    assert_eq!(found["schema_version"], 1);
    assert_eq!(
        hit_titles(&found),
        ["Colère des agriculteurs devant la préfecture"]
    );
    for (query, expected) in [
        ("negotiations", "Ministers resume trade talks"),
        ("Verhandlung", "Verhandlungen über Stahlzölle gehen weiter"),
        ("eleccion", "Las elecciones municipales se adelantan"),
        (
            "\"préfecture de police\"",
            "Colère des agriculteurs devant la préfecture",
        ),
    ] {
        let (_, found) = run_json(&data, &["search", query]);
        assert_eq!(hit_titles(&found), [expected], "query {query}");
    }
    let (_, found) = run_json(
        &data,
        &[
            "search",
            "*",
            "--since",
            "2024-03-13",
            "--until",
            "2024-03-31",
        ],
    );
    let mut titles = hit_titles(&found);
    titles.sort();
    assert_eq!(
        titles,
        [
            "Colère des agriculteurs devant la préfecture",
            "Verhandlungen über Stahlzölle gehen weiter"
        ]
    );
    let (_, found) = run_json(&data, &["search", "title:talks", "--lang", "en"]);
    let hit = &found["hits"][0];
    assert_eq!(hit["outlet"], "harbour-gazette.example");
    let (_, found) = run_json(&data, &["search", "tariffs"]);
    let snippet = &found["hits"][0]["snippet"];
    let fragment: Vec<char> = snippet["fragment"].as_str().unwrap().chars().collect();
    let h = &snippet["highlights"][0];
    let (start, end) = (
        h["start"].as_u64().unwrap() as usize,
        h["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(fragment[start..end].iter().collect::<String>(), "tariffs");

    let text = run(&data, &["search", "tariffs"]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("1 result"), "{text}");
    assert!(text.contains("**tariffs**"), "{text}");
}

#[test]
fn bad_data_directories_and_queries_fail_clearly() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("nothing-here");
    let output = run(&missing, &["search", "x"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no archive at"), "{stderr}");
    assert!(!missing.exists(), "search never creates an archive");

    let foreign = tmp.path().join("foreign");
    std::fs::create_dir(&foreign).unwrap();
    std::fs::write(foreign.join("thesis.txt"), "mine").unwrap();
    let input = multilingual_fixture(tmp.path());
    let output = run(&foreign, &["ingest", input.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("is not a veille archive"));

    let data = tmp.path().join("archive");
    assert!(run(&data, &["ingest", input.to_str().unwrap()])
        .status
        .success());
    let output = run(&data, &["search", "colour:red"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown field"));
    std::fs::write(data.join("veille.sqlite"), vec![7u8; 8192]).unwrap();
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(data.join(format!("veille.sqlite{suffix}")));
    }
    let output = run(&data, &["search", "x"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("not a SQLite database") && !stderr.contains("panicked"),
        "{stderr}"
    );
}

/// The inputs of the crash test: `n` distinct articles in one file (with some lines repeated:
/// the same place twice), and a second file republishing every fifth article under a new URL.
fn crash_fixture(dir: &Path, n: usize) -> (Vec<String>, usize) {
    let mut rng = Rng::new(0x5eed);
    let articles: Vec<_> = (0..n).map(|i| article(i, &mut rng)).collect();
    let mut main = articles.clone();
    main.extend(articles.iter().step_by(7).cloned());
    let copies: Vec<_> = articles
        .iter()
        .step_by(5)
        .enumerate()
        .map(|(i, a)| {
            let mut copy = a.clone();
            copy["url"] = json!(format!("https://aggregator.example/item/{i}"));
            copy
        })
        .collect();
    let n_copies = copies.len();
    let a = write_jsonl(&dir.join("local.jsonl"), &main);
    let b = write_jsonl(&dir.join("aggregator.jsonl"), &copies);
    (
        vec![
            a.to_string_lossy().into_owned(),
            b.to_string_lossy().into_owned(),
        ],
        n + n_copies,
    )
}

/// Articles stored so far, read through SQLite's own locking (`None` before the schema exists).
fn stored_articles(data: &Path) -> Option<i64> {
    let db = rusqlite::Connection::open_with_flags(
        data.join("veille.sqlite"),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .ok()?;
    db.busy_timeout(Duration::from_secs(5)).ok()?;
    db.query_row("SELECT count(*) FROM articles", [], |row| row.get(0))
        .ok()
}

#[test]
fn kill_9_at_random_moments_then_rerun_loses_and_doubles_nothing() {
    const N: usize = 400;
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("archive");
    let (inputs, expected_sightings) = crash_fixture(tmp.path(), N);
    let mut rng = Rng::new(42);
    let mut killed_while_writing = 0;
    for iteration in 0..5 {
        let mut child = veille(&data)
            .arg("--quiet")
            .arg("ingest")
            .args(["--batch", "16"])
            .args(&inputs)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("starting veille ingest");
        if iteration == 0 {
            // While opening: creating the directory, migrating, creating the index.
            std::thread::sleep(Duration::from_millis(rng.below(300)));
        } else {
            // While writing: wait until the archive holds a random number of articles, then
            // let a few more milliseconds pass so that the kill falls anywhere in a batch.
            let target = 1 + rng.below(N as u64 - 1) as i64;
            let deadline = std::time::Instant::now() + Duration::from_secs(300);
            while child.try_wait().unwrap().is_none()
                && stored_articles(&data).unwrap_or(0) < target
                && std::time::Instant::now() < deadline
            {
                std::thread::sleep(Duration::from_millis(5));
            }
            std::thread::sleep(Duration::from_millis(rng.below(40)));
        }
        if child.try_wait().unwrap().is_none() {
            child.kill().expect("SIGKILL"); // std's kill is SIGKILL on Unix
            if iteration > 0 {
                killed_while_writing += 1;
            }
        }
        child.wait().unwrap();
        let stored = stored_articles(&data).unwrap_or(0);
        assert!(stored <= N as i64, "more articles than contents: {stored}");
    }
    assert!(
        killed_while_writing > 0,
        "no run was interrupted while writing"
    );

    let (output, summary) = run_json(&data, &["ingest", &inputs[0], &inputs[1]]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(summary["failed"], 0);
    assert_eq!(summary["archive"]["articles"], N, "{summary}");
    assert_eq!(
        summary["archive"]["sightings"], expected_sightings,
        "{summary}"
    );
    assert_eq!(summary["archive"]["indexed"], N, "{summary}");

    let db = rusqlite::Connection::open(data.join("veille.sqlite")).unwrap();
    let check: String = db
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let doubled: i64 = db
        .query_row(
            "SELECT count(*) FROM (SELECT doc_id, locator FROM sightings GROUP BY 1, 2 HAVING count(*) > 1)",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(doubled, 0);
    // Every article is in exactly one stored story, and each story's record counts its
    // members: summaries a killed run left behind were brought up to date.
    let count = |sql: &str| -> i64 { db.query_row(sql, [], |row| row.get(0)).unwrap() };
    assert_eq!(count("SELECT count(*) FROM story_members"), N as i64);
    assert_eq!(
        count("SELECT count(DISTINCT doc_id) FROM story_members"),
        N as i64
    );
    assert_eq!(
        count("SELECT coalesce(sum(n_members), 0) FROM stories"),
        N as i64
    );
    let (_, found) = run_json(&data, &["search", "archive communale", "--limit", "1"]);
    assert_eq!(found["total"], N, "every article is searchable, once");
    for i in [0, 1, N / 3, N / 2, N - 1] {
        let (_, found) = run_json(&data, &["search", &format!("ticket{i:05}")]);
        assert_eq!(found["total"], 1, "ticket{i:05}");
    }
}
