//! MinHash throughput on a JSON Lines file of articles (`text` field), for
//! `scripts/bench-minhash.sh`. Shingles are the ones datasketch is given in the same script:
//! lower-cased whitespace-separated words, 5 per shingle, 128 permutations.
//!
//! ```text
//! bench_minhash <articles.jsonl> [permutations] [repeats]
//! ```
//! Times two ways in, each the best of `repeats` passes over all texts:
//! - `text`: `MinHasher::signature_of_text(text)`, raw text to signature in one call;
//! - `tokens`: `text.to_lowercase()`, `split_whitespace()` into a `Vec<&str>`, then
//!   `MinHasher::signature(&tokens)` (how a caller with its own tokens uses it).
//!
//! Both include all shingling and hashing. Wall time and, on Linux, this thread's CPU time are
//! measured (the best of each). Before timing, it checks that both ways give the same
//! signature for every text and counts the distinct shingles (to compare with datasketch's).
//! Prints one JSON line: documents, distinct shingles, wall and CPU seconds and docs/s of each
//! way.

use std::io::{BufRead, BufReader};
use std::time::Instant;

use veille_link::minhash::MinHasher;

/// CPU time this thread has run, from Linux's scheduler statistics (nanoseconds), or `None`
/// elsewhere. On a shared machine it is the steadier figure: waiting for a core does not count.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanoseconds: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(nanoseconds as f64 / 1e9)
}

/// Best of `repeats` runs of `pass`: wall seconds, CPU seconds (when known) and the checksum of
/// the last run.
fn best_of(repeats: usize, mut pass: impl FnMut() -> u64) -> (f64, Option<f64>, u64) {
    let (mut best_wall, mut best_cpu) = (f64::INFINITY, None::<f64>);
    let mut checksum = 0;
    for _ in 0..repeats.max(1) {
        let (started, cpu_started) = (Instant::now(), thread_cpu_seconds());
        checksum = pass();
        best_wall = best_wall.min(started.elapsed().as_secs_f64());
        if let (Some(before), Some(after)) = (cpu_started, thread_cpu_seconds()) {
            best_cpu = Some(best_cpu.map_or(after - before, |b: f64| b.min(after - before)));
        }
    }
    (best_wall, best_cpu, checksum)
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().collect();
    let path = args
        .get(1)
        .ok_or("usage: bench_minhash <articles.jsonl> [permutations] [repeats]")?;
    let permutations: usize = args
        .get(2)
        .map_or(Ok(128), |p| p.parse())
        .map_err(|e| format!("permutations: {e}"))?;
    let repeats: usize = args
        .get(3)
        .map_or(Ok(3), |p| p.parse())
        .map_err(|e| format!("repeats: {e}"))?;
    let file = std::fs::File::open(path).map_err(|e| format!("reading {path}: {e}"))?;
    let mut texts = Vec::new();
    for line in BufReader::new(file).lines() {
        let line = line.map_err(|e| format!("reading {path}: {e}"))?;
        let value: serde_json::Value =
            serde_json::from_str(&line).map_err(|e| format!("{path}: {e}"))?;
        texts.push(
            value
                .get("text")
                .and_then(|t| t.as_str())
                .unwrap_or("")
                .to_string(),
        );
    }
    let hasher = MinHasher::new(permutations, 5, 1);

    // Untimed: same shingles as Python's `text.lower().split()`, same signature both ways.
    let mut shingles = 0usize;
    for (line, text) in texts.iter().enumerate() {
        let lowered = text.to_lowercase();
        let tokens: Vec<&str> = lowered.split_whitespace().collect();
        shingles += hasher.shingle_hashes(&tokens).len();
        if hasher.signature(&tokens) != hasher.signature_of_text(text) {
            return Err(format!(
                "line {}: signature_of_text differs from signature",
                line + 1
            ));
        }
    }

    let (text_seconds, text_cpu, text_checksum) = best_of(repeats, || {
        texts.iter().fold(0u64, |sum, text| {
            sum.wrapping_add(u64::from(hasher.signature_of_text(text).0[0]))
        })
    });
    let (tokens_seconds, tokens_cpu, tokens_checksum) = best_of(repeats, || {
        texts.iter().fold(0u64, |sum, text| {
            // Same tokens as Python's `text.lower().split()`.
            let lowered = text.to_lowercase();
            let tokens: Vec<&str> = lowered.split_whitespace().collect();
            sum.wrapping_add(u64::from(hasher.signature(&tokens).0[0]))
        })
    });
    if text_checksum != tokens_checksum {
        return Err("the two ways gave different signatures".into());
    }
    let docs = texts.len() as f64;
    println!(
        "{}",
        serde_json::json!({"impl": "veille", "docs": texts.len(), "shingles": shingles,
                           "permutations": permutations,
                           "seconds": text_seconds, "docs_per_s": docs / text_seconds.max(1e-9),
                           "tokens_seconds": tokens_seconds,
                           "tokens_docs_per_s": docs / tokens_seconds.max(1e-9),
                           "cpu_seconds": text_cpu, "tokens_cpu_seconds": tokens_cpu,
                           "checksum": text_checksum})
    );
    Ok(())
}

fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("bench_minhash: error: {message}");
            std::process::ExitCode::from(2)
        }
    }
}
