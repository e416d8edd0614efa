//! Measures ingest throughput (reading + decompression + decoding only, no analysis).
//!
//! ```text
//! cargo run --release -p veille-ingest --example ingest_throughput [FILE...]
//! ```
//!
//! Without arguments it reads the two shared JSON Lines corpora
//! (`../shared/corpora/orangesum/articles.jsonl.gz` and
//! `../shared/corpora/reuters21578/articles.jsonl.gz`, relative to the repository root) and
//! skips with a message when they are absent. For each file it prints records, failures,
//! records/s, input MB/s (bytes on disk, compressed) and text MB/s (decoded body bytes), then,
//! as a sanity check, how many documents came out per format and encoding.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use veille_ingest::{read, IngestConfig, Source};

fn default_inputs() -> Vec<PathBuf> {
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora");
    vec![
        shared.join("orangesum/articles.jsonl.gz"),
        shared.join("reuters21578/articles.jsonl.gz"),
    ]
}

fn main() {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let inputs = if args.is_empty() {
        default_inputs()
    } else {
        args
    };
    let cfg = IngestConfig::default();
    let mut kinds: BTreeMap<String, u64> = BTreeMap::new();
    println!("file\trecords\tfailures\tseconds\trecords/s\tinput MB/s\ttext MB/s");
    for path in inputs {
        let Ok(meta) = std::fs::metadata(&path) else {
            println!("skipping {}: not found", path.display());
            continue;
        };
        let start = Instant::now();
        let (mut records, mut failures, mut text_bytes) = (0u64, 0u64, 0u64);
        for item in read(&Source::File(path.clone()), &cfg) {
            match item {
                Ok(doc) => {
                    records += 1;
                    text_bytes += doc.body.len() as u64;
                    let kind = format!("{:?}/{:?}\t{}", doc.format, doc.body_kind, doc.encoding);
                    *kinds.entry(kind).or_default() += 1;
                }
                Err(failure) => {
                    failures += 1;
                    eprintln!("{failure}");
                }
            }
        }
        let seconds = start.elapsed().as_secs_f64().max(1e-9);
        let mb = |bytes: u64| bytes as f64 / 1e6;
        println!(
            "{}\t{records}\t{failures}\t{seconds:.2}\t{:.0}\t{:.1}\t{:.1}",
            path.file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
            records as f64 / seconds,
            mb(meta.len()) / seconds,
            mb(text_bytes) / seconds,
        );
    }
    println!("\ndocuments\tformat/body\tencoding");
    for (kind, count) in kinds {
        println!("{count}\t{kind}");
    }
}
