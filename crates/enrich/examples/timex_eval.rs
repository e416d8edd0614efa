//! Runs the timex finder over a TimeML-derived JSONL file for evaluation.
//!
//! Usage: `timex_eval LANG < gold.jsonl > pred.jsonl`. Each input line holds `id`, `dct`
//! (YYYY-MM-DD, the publication date used as anchor) and `text`; each output line is
//! `{"id", "timexes": [{"start", "end", "value", "type"[, "mod"]}]}` with offsets in Unicode
//! code points. Lines that cannot be read are reported on stderr and skipped.

use std::io::{self, BufRead, BufWriter, Write};

use serde_json::{json, Value};
use veille_enrich::time::{self, Anchor, AnchorKind, Date};

fn main() -> io::Result<()> {
    let lang = std::env::args().nth(1).unwrap_or_else(|| "fr".to_string());
    let stdin = io::stdin();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for (number, line) in stdin.lock().lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let record: Value = match serde_json::from_str(&line) {
            Ok(value) => value,
            Err(error) => {
                eprintln!("line {}: bad JSON: {error}", number + 1);
                continue;
            }
        };
        let id = record.get("id").cloned().unwrap_or(Value::Null);
        let text = record.get("text").and_then(Value::as_str).unwrap_or("");
        let anchor = record
            .get("dct")
            .and_then(Value::as_str)
            .and_then(Date::parse_iso)
            .map(|date| Anchor {
                date,
                kind: AnchorKind::Published,
            });
        let timexes: Vec<Value> = time::find(text, anchor, &lang)
            .into_iter()
            .map(|t| {
                let mut item = json!({
                    "start": t.span.start,
                    "end": t.span.end,
                    "value": t.value,
                    "type": t.timex_type,
                    "text": t.text,
                });
                if let (Some(modifier), Some(object)) = (t.modifier, item.as_object_mut()) {
                    object.insert("mod".to_string(), Value::String(modifier));
                }
                item
            })
            .collect();
        writeln!(out, "{}", json!({ "id": id, "timexes": timexes }))?;
    }
    out.flush()
}
