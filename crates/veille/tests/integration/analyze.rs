//! `veille analyze` on inputs written for these tests: formats, fields, exit codes.

use crate::util::{error_codes, jsonl, veille, Scratch};

/// A scraped French article with furniture around and inside it (written for veille's tests).
const SCRAPED_FR: &str = "\
Le conseil municipal de Lorient adopte un budget record pour les écoles

Partagez :

Publicité

La municipalité de Lorient a voté jeudi soir un budget de 14 millions d'euros consacré à la rénovation de ses écoles primaires, a annoncé la maire lors d'une séance publique.

Les travaux commenceront au printemps et dureront trois ans, selon le plan présenté par l'adjoint chargé de l'éducation.

« Nos enfants méritent des bâtiments dignes de ce nom », a déclaré la maire devant une salle comble.

A lire aussi | Le port de pêche prépare sa saison d'hiver

L'opposition a critiqué le calendrier, estimant que les familles attendent depuis trop longtemps.

Source link
";

const PAGE_EN: &str = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour bridge reopens after repairs | The Coastal Ledger</title>
<meta property="og:title" content="Harbour bridge reopens after repairs">
<meta property="og:site_name" content="The Coastal Ledger">
<meta property="article:published_time" content="2024-03-05T09:30:00+00:00">
<link rel="canonical" href="https://ledger.example/news/harbour-bridge-reopens">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
<article>
<h1>Harbour bridge reopens after repairs</h1>
<p>The harbour bridge reopened to traffic on Tuesday morning after eight months of repairs to its steel deck, the city engineering office said.</p>
<p>Engineers replaced more than four hundred corroded plates and repainted the entire span, work that cost the city about twelve million dollars.</p>
<figure><img src="bridge.jpg"><figcaption>Cars cross the reopened bridge on Tuesday. (Photo: Ledger staff)</figcaption></figure>
<p>Commuters who had faced a forty-minute detour welcomed the news, although cyclists complained that the new lane markings were confusing.</p>
<div class="related"><h3>Read more</h3><ul><li><a href="/a">Ferry fares to rise in spring</a></li><li><a href="/b">Council debates parking fees</a></li></ul></div>
</article>
<div class="share">Share this article: Facebook Twitter Email</div>
<footer>© 2024 The Coastal Ledger. All rights reserved. Privacy policy. Terms of use.</footer>
</body></html>"#;

fn documents(records: &[serde_json::Value]) -> Vec<&serde_json::Value> {
    records
        .iter()
        .filter(|r| r.get("error").is_none())
        .collect()
}

#[test]
fn drops_furniture_and_keeps_every_sentence_of_scraped_text() {
    let scratch = Scratch::new();
    let path = scratch.write("article.txt", SCRAPED_FR);
    let out = veille(
        &["analyze", path.to_str().unwrap(), "--format", "jsonl"],
        None,
    );
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let records = jsonl(&out);
    assert_eq!(records.len(), 1);
    let doc = &records[0];
    let text = doc["text"].as_str().unwrap();
    for sentence in [
        "a voté jeudi soir un budget de 14 millions d'euros",
        "Les travaux commenceront au printemps",
        "Nos enfants méritent des bâtiments dignes de ce nom",
        "L'opposition a critiqué le calendrier",
    ] {
        assert!(text.contains(sentence), "missing {sentence:?} in {text:?}");
    }
    for furniture in ["Partagez", "Publicité", "A lire aussi", "Source link"] {
        assert!(!text.contains(furniture), "{furniture:?} left in {text:?}");
    }
    let removed = doc["removed"].as_array().unwrap();
    assert!(
        removed.len() >= 4,
        "every furniture block is reported: {removed:?}"
    );
    assert!(removed.iter().all(|r| r["reason"].is_string()));
    assert_eq!(
        doc["title"]["value"],
        "Le conseil municipal de Lorient adopte un budget record pour les écoles"
    );
    assert_eq!(doc["language"]["value"], "fr");
}

#[test]
fn reads_html_with_metadata_and_captions_apart() {
    let scratch = Scratch::new();
    let path = scratch.write("page.html", PAGE_EN);
    let out = veille(
        &["analyze", path.to_str().unwrap(), "--format", "jsonl"],
        None,
    );
    assert!(out.status.success());
    let records = jsonl(&out);
    let doc = &records[0];
    assert_eq!(doc["format"], "html");
    assert_eq!(
        doc["title"]["value"],
        "Harbour bridge reopens after repairs"
    );
    assert!(doc["title"]["source"].is_string());
    assert_eq!(doc["site_name"]["value"], "The Coastal Ledger");
    assert!(doc["published"]["value"]
        .as_str()
        .unwrap()
        .starts_with("2024-03-05T09:30:00"));
    assert_eq!(
        doc["url"]["value"],
        "https://ledger.example/news/harbour-bridge-reopens"
    );
    let text = doc["text"].as_str().unwrap();
    assert!(text.contains("reopened to traffic on Tuesday morning"));
    assert!(text.contains("cyclists complained"));
    for furniture in [
        "cookies",
        "Ferry fares",
        "Share this article",
        "All rights reserved",
        "Sport",
    ] {
        assert!(!text.contains(furniture), "{furniture:?} left in {text:?}");
    }
    assert!(
        !text.contains("Cars cross the reopened bridge"),
        "caption kept out of the body"
    );
    let captions = doc["captions"].as_array().unwrap();
    assert!(captions
        .iter()
        .any(|c| c["text"].as_str().unwrap().contains("Cars cross")));
    assert_eq!(doc["language"]["value"], "en");
}

#[test]
fn paragraphs_spans_point_into_text() {
    let scratch = Scratch::new();
    let path = scratch.write("article.txt", SCRAPED_FR);
    let out = veille(
        &["analyze", path.to_str().unwrap(), "--format", "jsonl"],
        None,
    );
    let doc = &jsonl(&out)[0];
    let chars: Vec<char> = doc["text"].as_str().unwrap().chars().collect();
    let paragraphs = doc["paragraphs"].as_array().unwrap();
    assert!(!paragraphs.is_empty());
    for p in paragraphs {
        let (start, end) = (
            p["span"]["start"].as_u64().unwrap() as usize,
            p["span"]["end"].as_u64().unwrap() as usize,
        );
        let slice: String = chars[start..end].iter().collect();
        assert_eq!(slice, p["text"].as_str().unwrap());
    }
}

#[test]
fn jsonl_container_yields_one_record_per_line_with_ids() {
    let scratch = Scratch::new();
    let lines = [
        serde_json::json!({"id": "a-1", "url": "https://one.example/a", "title": "Floods close the valley road",
            "published": "2024-01-10", "text": "Heavy rain flooded the valley road on Monday, forcing the police to close it for the night.\n\nFarmers said the water rose faster than in any winter they remember."}),
        serde_json::json!({"id": "b-2", "url": "https://two.example/b", "title": "Neue Brücke eröffnet",
            "text": "Die neue Brücke über den Fluss wurde am Samstag eröffnet. Hunderte Menschen kamen zur Feier."}),
    ];
    let body: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let path = scratch.write("batch.jsonl", body);
    let out = veille(
        &["analyze", path.to_str().unwrap(), "--format", "jsonl"],
        None,
    );
    assert!(out.status.success());
    let records = jsonl(&out);
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["input"]["record"], 0);
    assert_eq!(records[1]["input"]["record"], 1);
    assert_eq!(records[0]["input"]["external_id"], "a-1");
    assert_eq!(records[0]["title"]["value"], "Floods close the valley road");
    assert_eq!(records[1]["language"]["value"], "de");
}

#[test]
fn reads_stdin_and_every_format_carries_the_schema_version() {
    let input = SCRAPED_FR.as_bytes();
    let json = veille(&["analyze", "-", "--format", "json"], Some(input));
    assert!(json.status.success());
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("one JSON document");
    assert_eq!(value["schema_version"], 1);
    assert_eq!(value["documents"].as_array().unwrap().len(), 1);
    assert_eq!(value["documents"][0]["schema_version"], 1);
    assert_eq!(value["documents"][0]["input"]["path"], "-");

    let csv = veille(&["analyze", "-", "--format", "csv"], Some(input));
    let csv = String::from_utf8(csv.stdout).unwrap();
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().starts_with("id,input,record,title"));
    assert_eq!(lines.count(), 1);

    let text = veille(&["analyze", "-"], Some(input));
    assert!(String::from_utf8_lossy(&text.stdout).contains("Lorient"));
}

#[test]
fn id_is_stable_across_whitespace_and_case_changes() {
    let scratch = Scratch::new();
    let a = scratch.write("a.txt", SCRAPED_FR);
    let b = scratch.write(
        "b.txt",
        SCRAPED_FR.replace("\n\n", "\n\n\n").replace("  ", " "),
    );
    let out = veille(
        &[
            "analyze",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
            "--format",
            "jsonl",
        ],
        None,
    );
    let records = jsonl(&out);
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["id"], records[1]["id"]);
    assert_eq!(records[0]["id"].as_str().unwrap().len(), 32);
}

#[test]
fn walks_directories_recursively() {
    let scratch = Scratch::new();
    scratch.write("feed/one.txt", SCRAPED_FR);
    scratch.write("feed/deeper/two.html", PAGE_EN);
    let out = veille(
        &[
            "analyze",
            scratch.path().to_str().unwrap(),
            "--format",
            "jsonl",
        ],
        None,
    );
    let records = jsonl(&out);
    assert_eq!(documents(&records).len(), 2, "{records:?}");
    assert!(error_codes(&records).is_empty());
}

#[test]
fn site_boilerplate_flag_removes_lines_repeated_across_a_site() {
    let scratch = Scratch::new();
    let promo = "Abonnez-vous à notre lettre du matin pour ne rien manquer";
    let bodies = [
        "Le conseil départemental a voté lundi un plan de rénovation des collèges du nord du département.",
        "Un incendie a détruit un hangar agricole dans la nuit de mardi sans faire de blessé, selon les pompiers.",
        "La ligne de bus numéro douze changera d'itinéraire pendant les travaux de la place centrale cet été.",
    ];
    let body: String = bodies
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let record = serde_json::json!({"url": format!("https://journal.example/{i}"),
                "title": format!("Article {i}"), "text": format!("{text}\n\n{promo}")});
            format!("{record}\n")
        })
        .collect();
    let path = scratch.write("site.jsonl", body);
    let path = path.to_str().unwrap();
    let without = jsonl(&veille(&["analyze", path, "--format", "jsonl"], None));
    assert!(without
        .iter()
        .all(|d| d["text"].as_str().unwrap().contains(promo)));
    let with = jsonl(&veille(
        &[
            "analyze",
            path,
            "--format",
            "jsonl",
            "--site-boilerplate",
            "3",
        ],
        None,
    ));
    assert_eq!(with.len(), 3);
    for (doc, text) in with.iter().zip(bodies) {
        assert!(!doc["text"].as_str().unwrap().contains(promo));
        assert!(doc["text"].as_str().unwrap().contains(text));
        assert!(doc["removed"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["reason"] == "site_boilerplate"));
    }
}
