//! Evaluation driver: streams an eval JSON Lines file through the [`Linker`] and writes
//! predictions for the scorers of `shared/eval/stories`.
//!
//! ```text
//! cluster_eval stories  <docs.jsonl> <pred.jsonl>   # story id per document
//! cluster_eval families <docs.jsonl> <pred.jsonl>   # copy/translation family per document
//! cluster_eval pairs    <pairs.jsonl> <pred.jsonl>  # similarity per SemEval pair
//! cluster_eval analyzed <docs.jsonl> <pred.jsonl>   # stories over `veille analyze` output
//! ```
//!
//! `analyzed` reads the documents `veille analyze --format jsonl` wrote for an eval file (the
//! full pipeline's extraction, language, entities and dates) and reports each under its
//! `input.external_id` (else its path): the stories `veille ingest` would form, without an archive, so that
//! link options can be compared quickly through `LINK_CONFIG`.
//!
//! Input lines carry `id`, `title`, `text`, `published`, `lang` (and `source`, `url`), the same
//! fields `veille ingest` reads from JSON Lines. Documents are built the way the pipeline
//! builds a JSON Lines text record (title and date as container hints, paragraphs at line
//! breaks), then added in file order. Prints one JSON line of counts and timings on stderr.

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::time::Instant;

use serde_json::{json, Value};
use veille_link::{LinkConfig, Linker};
use veille_model::{Document, Field, InputRef, SourceFormat};

fn field(value: &Value, key: &str) -> Option<String> {
    value
        .get(key)
        .and_then(Value::as_str)
        .map(str::to_string)
        .filter(|s| !s.is_empty())
}

fn document(id: &str, record: &Value) -> Document {
    Document {
        title: field(record, "title").map(|t| Field::new(t, "hint:jsonl", 0.9)),
        published: field(record, "published").map(|p| Field::new(p, "hint:jsonl", 0.8)),
        site_name: field(record, "source").map(|s| Field::new(s, "hint:jsonl", 0.8)),
        language: field(record, "lang").map(|l| Field::new(l, "hint:jsonl", 0.9)),
        ..Document::new(
            id.to_string(),
            InputRef {
                path: "eval".into(),
                record: None,
                url: field(record, "url"),
                external_id: Some(id.to_string()),
            },
            SourceFormat::Jsonl,
            field(record, "text").unwrap_or_default(),
        )
    }
}

fn read_jsonl(path: &str) -> Result<Vec<Value>, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("reading {path}: {e}"))?;
    let mut out = Vec::new();
    for (n, line) in BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| format!("reading {path}: {e}"))?;
        if line.trim().is_empty() {
            continue;
        }
        out.push(serde_json::from_str(&line).map_err(|e| format!("{path}:{}: {e}", n + 1))?);
    }
    Ok(out)
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().collect();
    let [_, mode, input, output] = args.as_slice() else {
        return Err(
            "usage: cluster_eval stories|families|pairs|analyzed <input.jsonl> <pred.jsonl>".into(),
        );
    };
    let records = read_jsonl(input)?;
    let out_file = std::fs::File::create(output).map_err(|e| format!("creating {output}: {e}"))?;
    let mut out = BufWriter::new(out_file);
    let started = Instant::now();
    // LINK_CONFIG may hold a partial LinkConfig as JSON, to try other thresholds.
    let cfg: LinkConfig = match std::env::var("LINK_CONFIG") {
        Ok(json) => serde_json::from_str(&json).map_err(|e| format!("LINK_CONFIG: {e}"))?,
        Err(_) => LinkConfig::default(),
    };
    let mut linker = Linker::new(cfg);
    let mut n_links: BTreeMap<String, usize> = BTreeMap::new();
    let mut n_docs = 0usize;
    match mode.as_str() {
        "stories" | "families" => {
            let mut ids = Vec::new();
            for record in &records {
                let Some(id) = field(record, "id") else {
                    continue;
                };
                let outcome = linker.add_document(&document(&id, record));
                for link in &outcome.links {
                    *n_links.entry(format!("{:?}", link.kind)).or_default() += 1;
                }
                ids.push(id);
            }
            n_docs = ids.len();
            for id in &ids {
                let cluster = if mode == "stories" {
                    linker.story_of(id)
                } else {
                    linker.provenance(id).map(|p| p.family_id)
                };
                let line = json!({"id": id, "cluster": cluster.unwrap_or_else(|| id.clone())});
                writeln!(out, "{line}").map_err(|e| e.to_string())?;
            }
        }
        "analyzed" => {
            let mut ids = Vec::new();
            for record in records {
                // Error records and the summary line have no text: skip them.
                let Ok(doc) = serde_json::from_value::<Document>(record) else {
                    continue;
                };
                // Eval records carry their id; files read from disk are named by their path.
                let external = doc
                    .input
                    .external_id
                    .clone()
                    .unwrap_or_else(|| doc.input.path.clone());
                linker.add_document(&doc);
                ids.push((external, doc.id.clone()));
            }
            n_docs = ids.len();
            for (external, id) in &ids {
                let cluster = linker.story_of(id).unwrap_or_else(|| id.clone());
                writeln!(out, "{}", json!({"id": external, "cluster": cluster}))
                    .map_err(|e| e.to_string())?;
            }
        }
        "pairs" => {
            // Learn document frequencies from every text of the file, then score each pair.
            let mut pairs = Vec::new();
            let mut seen: HashMap<String, ()> = HashMap::new();
            for record in &records {
                let (Some(id1), Some(id2)) = (field(record, "id1"), field(record, "id2")) else {
                    continue;
                };
                for (id, side, lang) in [(&id1, "a", "lang1"), (&id2, "b", "lang2")] {
                    if seen.insert(id.clone(), ()).is_none() {
                        let mut doc_record = record.get(side).cloned().unwrap_or(Value::Null);
                        if let Some(object) = doc_record.as_object_mut() {
                            object.insert(
                                "lang".into(),
                                record.get(lang).cloned().unwrap_or(Value::Null),
                            );
                        }
                        linker.add_document(&document(id, &doc_record));
                        n_docs += 1;
                    }
                }
                pairs.push((id1, id2));
            }
            for (id1, id2) in pairs {
                let score = linker.why(&id1, &id2).map_or(0.0, |w| w.similarity);
                writeln!(out, "{}", json!({"id1": id1, "id2": id2, "score": score}))
                    .map_err(|e| e.to_string())?;
            }
        }
        other => return Err(format!("unknown mode {other}")),
    }
    out.flush().map_err(|e| e.to_string())?;
    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "{}",
        json!({"mode": mode, "docs": n_docs, "seconds": seconds, "docs_per_s": n_docs as f64 / seconds.max(1e-9),
               "stories": linker.stories().len(), "links": n_links})
    );
    Ok(())
}

fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("cluster_eval: error: {message}");
            std::process::ExitCode::from(2)
        }
    }
}
