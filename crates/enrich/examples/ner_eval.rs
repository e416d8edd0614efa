//! Runs the entity recogniser over a WikiNEuRal-style JSONL file (one sentence a line with
//! `id`, `tokens`, `tags`) and writes predictions in the format of `score_ner.py`.
//!
//! Each sentence's tokens are joined with single spaces, the text-level recogniser runs on
//! the result, and character spans are mapped back to token indices. Speed (tokens per second
//! of recognition alone, data files already loaded) goes to stderr and, as the last line of
//! stdout, into a JSON object.
//!
//! `--rules-only` measures the rule recogniser alone; `--model FILE` uses a weight file written
//! by the `train_ner` example instead of the shipped model of `--lang`.
//!
//! ```sh
//! cargo run --release -p veille-enrich --example ner_eval -- \
//!     --input ../shared/eval/ie/ner/wikineural.fr.dev.jsonl --output /tmp/pred.fr.jsonl --lang fr
//! ```

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::time::Instant;

use veille_enrich::entities::perceptron::Model;
use veille_enrich::entities::{recognize, tagger, NamedSpan};
use veille_model::EntityKind;

struct Args {
    input: String,
    output: String,
    lang: Option<String>,
    repeat: usize,
    rules_only: bool,
    model: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut input = None;
    let mut output = None;
    let mut lang = None;
    let mut repeat = 1;
    let mut rules_only = false;
    let mut model = None;
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--input" => input = Some(value()?),
            "--output" => output = Some(value()?),
            "--lang" => lang = Some(value()?),
            "--repeat" => repeat = value()?.parse().map_err(|e| format!("--repeat: {e}"))?,
            "--rules-only" => rules_only = true,
            "--model" => model = Some(value()?),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(Args {
        input: input.ok_or("--input is required")?,
        output: output.ok_or("--output is required")?,
        lang,
        repeat: repeat.max(1),
        rules_only,
        model,
    })
}

struct Sentence {
    id: String,
    tokens: Vec<String>,
}

fn read_sentences(path: &str) -> Result<Vec<Sentence>, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
    let mut out = Vec::new();
    for (n, line) in BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| format!("{path}:{}: {e}", n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value =
            serde_json::from_str(&line).map_err(|e| format!("{path}:{}: {e}", n + 1))?;
        let id = value["id"]
            .as_str()
            .ok_or_else(|| format!("{path}:{}: no id", n + 1))?
            .to_string();
        let tokens = value["tokens"]
            .as_array()
            .ok_or_else(|| format!("{path}:{}: no tokens", n + 1))?
            .iter()
            .map(|t| t.as_str().unwrap_or("").to_string())
            .collect();
        out.push(Sentence { id, tokens });
    }
    Ok(out)
}

fn label(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "PER",
        EntityKind::Organization => "ORG",
        EntityKind::Location => "LOC",
        EntityKind::Other => "MISC",
    }
}

/// Predicted entities of one sentence as `(start_token, end_token, type)`.
fn predict(
    sentence: &Sentence,
    recognizer: &dyn Fn(&str) -> Vec<NamedSpan>,
) -> Vec<(usize, usize, &'static str)> {
    let text = sentence.tokens.join(" ");
    // Byte range of every token in the joined text.
    let mut ranges = Vec::with_capacity(sentence.tokens.len());
    let mut pos = 0;
    for token in &sentence.tokens {
        ranges.push(pos..pos + token.len());
        pos += token.len() + 1;
    }
    let mut out = Vec::new();
    for span in recognizer(&text) {
        let start = ranges.iter().position(|r| r.end > span.bytes.start);
        let end = ranges.iter().rposition(|r| r.start < span.bytes.end);
        if let (Some(s), Some(e)) = (start, end) {
            if s <= e {
                out.push((s, e + 1, label(span.kind)));
            }
        }
    }
    out
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let sentences = read_sentences(&args.input)?;
    let lang = args.lang.as_deref();
    let model = match &args.model {
        Some(path) => {
            let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
            Some(Model::from_bytes(&bytes).map_err(|e| format!("{path}: {e}"))?)
        }
        None => None,
    };
    let recognizer = |text: &str| -> Vec<NamedSpan> {
        if args.rules_only {
            veille_enrich::entities::recognize::recognize(text, lang)
        } else if let Some(model) = &model {
            let rules = veille_enrich::entities::recognize::recognize(text, lang);
            tagger::tag_with(model, text, lang, &rules)
        } else {
            recognize(text, lang)
        }
    };
    // Load the data files before timing recognition (their one-off cost is reported apart).
    let loading = Instant::now();
    veille_enrich::entities::warm_up();
    let load_seconds = loading.elapsed().as_secs_f64();
    let token_count: usize = sentences.iter().map(|s| s.tokens.len()).sum();
    let mut predictions = Vec::new();
    let mut best = f64::INFINITY;
    for _ in 0..args.repeat {
        let started = Instant::now();
        predictions = sentences.iter().map(|s| predict(s, &recognizer)).collect();
        best = best.min(started.elapsed().as_secs_f64());
    }
    let file = std::fs::File::create(&args.output).map_err(|e| format!("{}: {e}", args.output))?;
    let mut w = BufWriter::new(file);
    for (sentence, entities) in sentences.iter().zip(&predictions) {
        let entities: Vec<serde_json::Value> = entities
            .iter()
            .map(|(s, e, t)| serde_json::json!({"start_token": s, "end_token": e, "type": t}))
            .collect();
        let line = serde_json::json!({"id": sentence.id, "entities": entities});
        writeln!(w, "{line}").map_err(|e| format!("{}: {e}", args.output))?;
    }
    w.flush().map_err(|e| format!("{}: {e}", args.output))?;
    let tokens_per_s = token_count as f64 / best.max(1e-9);
    eprintln!(
        "{} sentences, {token_count} tokens in {best:.3} s: {tokens_per_s:.0} tokens/s",
        sentences.len()
    );
    println!(
        "{}",
        serde_json::json!({
            "sentences": sentences.len(),
            "tokens": token_count,
            "seconds": best,
            "tokens_per_s": tokens_per_s.round(),
            "load_seconds": load_seconds,
        })
    );
    Ok(())
}

fn main() {
    if let Err(err) = run() {
        eprintln!("ner_eval: {err}");
        std::process::exit(2);
    }
}
