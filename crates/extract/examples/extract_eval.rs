//! Runs veille's extraction over a folder of `<id>.html.gz` pages, writes the prediction file
//! that `shared/eval/extraction/score.py` reads, and measures single-thread speed.
//!
//! ```text
//! cargo run --release -p veille-extract --example extract_eval -- <html-dir> <out.json> [--passes N] [--html-only]
//! ```
//!
//! By default each page goes through [`veille_extract::extract`] (HTML step, then cleaning and
//! metadata), as a `RawDocument` with `body_kind: Html`; `--html-only` runs the HTML step
//! alone ([`veille_extract::html::parse_page`]). The article body is the blocks joined by
//! `"\n"`. Speed is measured the way the eval README measures the Python tools: pages already
//! read and gunzipped into strings, one warm-up call, then `--passes` (default 8) passes over
//! all pages in one thread, timing only the extractor calls; the best pass counts
//! (`docs_per_sec`, wall clock), and the mean CPU time per pass gives `docs_per_cpu_sec`. The
//! last line on stdout is one JSON object with the figures.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use veille_extract::{extract, html, Block, ExtractConfig};
use veille_model::{BodyKind, Hints, InputRef, RawDocument, SourceFormat};

struct Options {
    html_dir: PathBuf,
    out: PathBuf,
    passes: usize,
    html_only: bool,
}

fn parse_args() -> Result<Options, String> {
    let mut positional = Vec::new();
    let mut passes = 8;
    let mut html_only = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--passes" => {
                let value = args.next().ok_or("--passes needs a number")?;
                passes = value
                    .parse()
                    .map_err(|_| format!("bad --passes value {value:?}"))?;
            }
            "--html-only" => html_only = true,
            _ => positional.push(PathBuf::from(arg)),
        }
    }
    match <[PathBuf; 2]>::try_from(positional) {
        Ok([html_dir, out]) => Ok(Options {
            html_dir,
            out,
            passes: passes.max(1),
            html_only,
        }),
        Err(_) => {
            Err("usage: extract_eval <html-dir> <out.json> [--passes N] [--html-only]".into())
        }
    }
}

fn read_pages(dir: &Path) -> Result<Vec<(String, String)>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("reading {}: {e}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let mut pages = Vec::new();
    for path in paths {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(id) = name.strip_suffix(".html.gz") else {
            continue;
        };
        let file =
            std::fs::File::open(&path).map_err(|e| format!("opening {}: {e}", path.display()))?;
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(file)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("gunzipping {}: {e}", path.display()))?;
        pages.push((id.to_string(), String::from_utf8_lossy(&bytes).into_owned()));
    }
    Ok(pages)
}

fn raw_document(id: &str, body: &str) -> RawDocument {
    RawDocument {
        input: InputRef {
            path: format!("{id}.html.gz"),
            ..InputRef::default()
        },
        format: SourceFormat::Html,
        body_kind: BodyKind::Html,
        body: body.to_string(),
        encoding: "utf-8".to_string(),
        hints: Hints::default(),
        warnings: Vec::new(),
    }
}

fn run(html_only: bool, raw: &RawDocument, cfg: &ExtractConfig) -> Vec<Block> {
    if html_only {
        html::parse_page(&raw.body, cfg).blocks
    } else {
        extract(raw, cfg).blocks
    }
}

/// CPU time (user + system) of this process, from `/proc/self/stat` (Linux; `None` elsewhere).
/// The mean over all passes is steadier than wall time on a shared machine, like the
/// `process_time` column of the Python baselines.
fn process_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is wrapped in parentheses and may hold spaces.
    let rest = stat.get(stat.rfind(')')? + 2..)?;
    let fields: Vec<&str> = rest.split_ascii_whitespace().collect();
    let user: f64 = fields.get(11)?.parse().ok()?;
    let system: f64 = fields.get(12)?.parse().ok()?;
    // Linux reports these in USER_HZ ticks, 100 per second on every architecture it supports.
    Some((user + system) / 100.0)
}

fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let pages = match read_pages(&options.html_dir) {
        Ok(pages) => pages,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::FAILURE;
        }
    };
    let cfg = ExtractConfig::default();
    // Documents are built outside the timed region: the README's tools get decoded `str`s too.
    let docs: Vec<RawDocument> = pages
        .iter()
        .map(|(id, body)| raw_document(id, body))
        .collect();
    let mut predictions = serde_json::Map::new();
    let mut empty = 0usize;
    for ((id, _), raw) in pages.iter().zip(&docs) {
        let blocks = run(options.html_only, raw, &cfg);
        let body: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        if body.is_empty() {
            empty += 1;
        }
        predictions.insert(
            id.clone(),
            serde_json::json!({ "articleBody": body.join("\n") }),
        );
    }
    let json = serde_json::Value::Object(predictions).to_string();
    if let Err(e) = std::fs::write(&options.out, json) {
        eprintln!("writing {}: {e}", options.out.display());
        return ExitCode::FAILURE;
    }
    if let Some(first) = docs.first() {
        std::hint::black_box(run(options.html_only, first, &cfg));
    }
    let mut best = f64::INFINITY;
    let cpu_start = process_cpu_seconds();
    for _ in 0..options.passes {
        let start = Instant::now();
        for raw in &docs {
            std::hint::black_box(run(options.html_only, raw, &cfg));
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    let cpu_per_pass = match (cpu_start, process_cpu_seconds()) {
        (Some(start), Some(end)) if end > start => Some((end - start) / options.passes as f64),
        _ => None,
    };
    let docs_per_sec = if best > 0.0 {
        docs.len() as f64 / best
    } else {
        0.0
    };
    let docs_per_cpu_sec = cpu_per_pass.map(|cpu| docs.len() as f64 / cpu);
    let mode = if options.html_only { "html" } else { "extract" };
    println!(
        "{}",
        serde_json::json!({
            "docs": docs.len(),
            "empty": empty,
            "mode": mode,
            "passes": options.passes,
            "best_pass_s": best,
            "docs_per_sec": docs_per_sec,
            "docs_per_cpu_sec": docs_per_cpu_sec,
        })
    );
    ExitCode::SUCCESS
}
