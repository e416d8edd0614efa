//! MinHash throughput on a JSON Lines file of articles (`text` field), for
//! `scripts/bench-minhash.sh`. Shingles are the ones datasketch is given in the same script:
//! lower-cased whitespace-separated words, 5 per shingle, 128 permutations.
//!
//! ```text
//! bench_minhash <articles.jsonl> [permutations] [repeats]
//! ```
//! Prints one JSON line: documents, distinct shingles, seconds (best of `repeats`), docs/s.

use std::io::{BufRead, BufReader};
use std::time::Instant;

use veille_link::minhash::MinHasher;

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
    let mut best = f64::INFINITY;
    let mut shingles = 0usize;
    let mut checksum = 0u64;
    for _ in 0..repeats.max(1) {
        let started = Instant::now();
        shingles = 0;
        checksum = 0;
        for text in &texts {
            // Same tokens as Python's `text.lower().split()`.
            let lowered = text.to_lowercase();
            let tokens: Vec<&str> = lowered.split_whitespace().collect();
            let hashes = hasher.shingle_hashes(&tokens);
            shingles += hashes.len();
            let signature = hasher.signature_of_hashes(&hashes);
            checksum = checksum.wrapping_add(u64::from(signature.0[0]));
        }
        best = best.min(started.elapsed().as_secs_f64());
    }
    println!(
        "{}",
        serde_json::json!({"impl": "veille", "docs": texts.len(), "shingles": shingles, "permutations": permutations,
                           "seconds": best, "docs_per_s": texts.len() as f64 / best.max(1e-9), "checksum": checksum})
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
