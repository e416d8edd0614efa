//! Measures language identification on a JSON Lines file of article pairs with language labels
//! (the SemEval-2022 task 8 dev split in `shared/eval/stories/similarity/`): for every article,
//! the whole text, its first sentence alone, and its first sentence with the whole text's
//! language as prior ([`veille_enrich::language::paragraph_language`], what the pipeline does
//! for short paragraphs) are identified and compared with the label.
//!
//! ```text
//! cargo run --release -p veille-enrich --example language_eval -- <pairs.jsonl>
//! ```
//!
//! Prints one line per language and, last, one JSON object with the figures (accuracies per
//! language and overall, and documents per second; each document is identified three times).

use std::collections::{BTreeMap, HashSet};
use std::process::ExitCode;
use std::time::Instant;

use serde_json::{json, Value};
use veille_enrich::language::{identify_document, identify_text, paragraph_language};

/// The first sentence of a text, at most 200 characters: a short-paragraph stand-in.
fn first_sentence(text: &str) -> String {
    let end = text
        .char_indices()
        .find(|(i, c)| *i > 20 && matches!(c, '.' | '!' | '?' | '。' | '\n'))
        .map(|(i, _)| i)
        .unwrap_or(text.len());
    text[..end].chars().take(200).collect()
}

fn run() -> Result<Value, String> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: language_eval <pairs.jsonl>")?;
    let data = std::fs::read_to_string(&path).map_err(|e| format!("reading {path}: {e}"))?;
    let mut articles: Vec<(String, String)> = Vec::new();
    let mut seen = HashSet::new();
    for (number, line) in data.lines().enumerate() {
        let row: Value =
            serde_json::from_str(line).map_err(|e| format!("{path}:{}: {e}", number + 1))?;
        for side in ["1", "2"] {
            let id = row[format!("id{side}")]
                .as_str()
                .unwrap_or_default()
                .to_string();
            let lang = row[format!("lang{side}")]
                .as_str()
                .unwrap_or_default()
                .to_string();
            let article = &row[if side == "1" { "a" } else { "b" }];
            let text = format!(
                "{}\n{}",
                article["title"].as_str().unwrap_or_default(),
                article["text"].as_str().unwrap_or_default()
            );
            if !lang.is_empty() && text.trim().len() > 20 && seen.insert(id) {
                articles.push((lang, text.trim().to_string()));
            }
        }
    }
    // (documents, whole text right, first sentence alone right, first sentence with the
    // document's language as prior right) per language.
    let mut per_lang: BTreeMap<String, (usize, usize, usize, usize)> = BTreeMap::new();
    let started = Instant::now();
    for (lang, text) in &articles {
        let document = identify_document(text);
        let whole = document.map(|i| i.code());
        let sentence = first_sentence(text);
        let first = identify_text(&sentence).map(|i| i.code());
        let with_prior = paragraph_language(&sentence, document.as_ref());
        let entry = per_lang.entry(lang.clone()).or_default();
        entry.0 += 1;
        entry.1 += usize::from(whole == Some(lang.as_str()));
        entry.2 += usize::from(first == Some(lang.as_str()));
        entry.3 += usize::from(with_prior == Some(lang.as_str()));
    }
    let seconds = started.elapsed().as_secs_f64();
    let (mut docs, mut whole_right, mut first_right, mut prior_right) = (0, 0, 0, 0);
    let mut languages = serde_json::Map::new();
    for (lang, (n, whole, first, prior)) in &per_lang {
        let share = |right: usize| right as f64 / *n as f64;
        println!(
            "{lang}  docs {n:4}  whole text {:.3}  first sentence alone {:.3}  with document prior {:.3}",
            share(*whole),
            share(*first),
            share(*prior)
        );
        docs += n;
        whole_right += whole;
        first_right += first;
        prior_right += prior;
        languages.insert(
            lang.clone(),
            json!({"docs": n, "whole_text": share(*whole), "first_sentence": share(*first),
                   "first_sentence_with_prior": share(*prior)}),
        );
    }
    Ok(json!({
        "docs": docs,
        "whole_text_accuracy": whole_right as f64 / docs.max(1) as f64,
        "first_sentence_accuracy": first_right as f64 / docs.max(1) as f64,
        "first_sentence_with_prior_accuracy": prior_right as f64 / docs.max(1) as f64,
        "docs_per_sec": docs as f64 / seconds.max(1e-9),
        "languages": languages,
    }))
}

fn main() -> ExitCode {
    match run() {
        Ok(figures) => {
            println!("{figures}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("language_eval: {message}");
            ExitCode::from(2)
        }
    }
}
