//! Runs veille's extraction over a folder of `<id>.html.gz` pages and writes the metadata it
//! found (title, authors, published date, site name, language, each with its signal) as one
//! JSON object keyed by page id, for `scripts/eval-metadata.sh` to score.
//!
//! ```text
//! cargo run --release -p veille-extract --example metadata_eval -- <html-dir> <out.json> [urls.json]
//! ```
//!
//! `urls.json`, when given, maps page ids to the URL each page was fetched from; a crawler knows
//! it, so it is passed to extraction as the input URL.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::{json, Value};
use veille_extract::{extract, ExtractConfig};
use veille_model::{BodyKind, Field, Hints, InputRef, RawDocument, SourceFormat};

fn field<T: serde::Serialize>(field: &Option<Field<T>>) -> Value {
    match field {
        Some(f) => json!({"value": f.value, "source": f.source, "confidence": f.confidence}),
        None => Value::Null,
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(out)) = (args.first(), args.get(1)) else {
        return Err("usage: metadata_eval <html-dir> <out.json> [urls.json]".into());
    };
    let urls: BTreeMap<String, Option<String>> = match args.get(2) {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("reading {path}: {e}"))?;
            serde_json::from_str(&text).map_err(|e| format!("parsing {path}: {e}"))?
        }
        None => BTreeMap::new(),
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("reading {dir}: {e}"))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .collect();
    paths.sort();
    let mut results = serde_json::Map::new();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let id = name.trim_end_matches(".html.gz").to_string();
        let file =
            std::fs::File::open(&path).map_err(|e| format!("opening {}: {e}", path.display()))?;
        let mut body = String::new();
        flate2::read::GzDecoder::new(file)
            .read_to_string(&mut body)
            .map_err(|e| format!("decompressing {}: {e}", path.display()))?;
        let raw = RawDocument {
            input: InputRef {
                path: path.display().to_string(),
                url: urls.get(&id).cloned().flatten(),
                ..InputRef::default()
            },
            format: SourceFormat::Html,
            body_kind: BodyKind::Html,
            body,
            encoding: "utf-8".into(),
            hints: Hints::default(),
            warnings: Vec::new(),
        };
        let meta = extract(&raw, &ExtractConfig::default()).metadata;
        results.insert(
            id,
            json!({
                "title": field(&meta.title),
                "authors": field(&meta.authors),
                "published": field(&meta.published),
                "site_name": field(&meta.site_name),
                "language": field(&meta.declared_language),
                "original_source": field(&meta.original_source),
            }),
        );
    }
    let text = serde_json::to_string(&Value::Object(results)).map_err(|e| e.to_string())?;
    std::fs::write(out, text).map_err(|e| format!("writing {out}: {e}"))
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("metadata_eval: {message}");
            ExitCode::from(2)
        }
    }
}
