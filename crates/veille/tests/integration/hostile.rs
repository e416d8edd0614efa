//! Hostile inputs: each gives a clear per-document error or a document, never a crash,
//! and the exit status follows the contract (non-zero only when everything failed, or `--strict`).

use std::io::Write;
use std::time::{Duration, Instant};

use crate::util::{error_codes, jsonl, veille, Scratch};

const GOOD: &str = "Les habitants du quartier ont inauguré samedi un jardin partagé de deux mille mètres carrés.\n\n\
La mairie a financé les clôtures et l'association fournira les graines pendant trois ans.\n";

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

#[test]
fn binary_input_is_an_error_record_and_fails_the_run_when_alone() {
    let scratch = Scratch::new();
    let bytes: Vec<u8> = (0..50_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let path = scratch.write("blob.bin", bytes);
    let out = veille(
        &["analyze", path.to_str().unwrap(), "--format", "jsonl"],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let records = jsonl(&out);
    assert_eq!(error_codes(&records), ["binary"]);
    assert!(records[0]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("blob.bin"));
}

#[test]
fn one_bad_input_among_good_ones_keeps_exit_zero_unless_strict() {
    let scratch = Scratch::new();
    let good = scratch.write("good.txt", GOOD);
    let bad = scratch.write(
        "bad.bin",
        [0u8, 159, 146, 150, 0, 0, 1, 2, 3, 0, 255, 254].repeat(500),
    );
    let args = [
        "analyze",
        good.to_str().unwrap(),
        bad.to_str().unwrap(),
        "--format",
        "jsonl",
    ];
    let out = veille(&args, None);
    assert_eq!(out.status.code(), Some(0));
    let records = jsonl(&out);
    assert_eq!(records.len(), 2);
    assert_eq!(error_codes(&records).len(), 1);

    let mut strict = args.to_vec();
    strict.push("--strict");
    assert_eq!(veille(&strict, None).status.code(), Some(1));
}

#[test]
fn missing_file_is_an_io_error_record() {
    let scratch = Scratch::new();
    let missing = scratch.path().join("nope.html");
    let out = veille(
        &["analyze", missing.to_str().unwrap(), "--format", "jsonl"],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(error_codes(&jsonl(&out)), ["io"]);
}

#[test]
fn gzip_bomb_is_refused_quickly() {
    let scratch = Scratch::new();
    // 1 GiB of zeros compresses to about 1 MiB: far over the default limit once inflated.
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..1024 {
        enc.write_all(&zeros).unwrap();
    }
    let path = scratch.write("bomb.html.gz", enc.finish().unwrap());
    let started = Instant::now();
    let out = veille(
        &["analyze", path.to_str().unwrap(), "--format", "jsonl"],
        None,
    );
    assert!(started.elapsed() < Duration::from_secs(60));
    assert_eq!(out.status.code(), Some(1));
    let codes = error_codes(&jsonl(&out));
    assert_eq!(codes.len(), 1);
    assert!(
        ["decompression_bomb", "too_large", "binary"].contains(&codes[0].as_str()),
        "{codes:?}"
    );
}

#[test]
fn truncated_gzip_does_not_crash() {
    let scratch = Scratch::new();
    let full = gzip(GOOD.repeat(50).as_bytes());
    let path = scratch.write("cut.txt.gz", &full[..full.len() / 2]);
    let out = veille(
        &["analyze", path.to_str().unwrap(), "--format", "jsonl"],
        None,
    );
    assert!(out.status.code().is_some(), "no signal death");
    let records = jsonl(&out);
    assert_eq!(records.len(), 1);
    let record = &records[0];
    let reported = record.get("error").is_some()
        || record["warnings"].as_array().is_some_and(|w| !w.is_empty());
    assert!(reported, "truncation must be reported: {record}");
}

#[test]
fn deeply_nested_markup_is_handled() {
    let scratch = Scratch::new();
    let depth = 100_000;
    let mut page = String::from("<html><body>");
    page.push_str(&"<div>".repeat(depth));
    page.push_str("<p>Le texte enfoui au fond de la page reste un paragraphe comme un autre, avec un verbe et un point.</p>");
    page.push_str(&"</div>".repeat(depth));
    page.push_str("</body></html>");
    let path = scratch.write("deep.html", page);
    let out = veille(
        &["analyze", path.to_str().unwrap(), "--format", "jsonl"],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(jsonl(&out).len(), 1);
}

#[test]
fn wrong_charset_is_detected_and_decoded() {
    let scratch = Scratch::new();
    // Windows-1252 bytes with no declaration at all: é = 0xE9, à = 0xE0, ç = 0xE7.
    let text = "Le député a présenté à la presse un texte déjà adopté en commission, reçu avec prudence par les élus.\n\n\
Le débat reprendra à l'Assemblée après les congés, a précisé le président de séance.\n";
    let (bytes, _, _) = encoding_like_windows_1252(text);
    let path = scratch.write("latin.txt", bytes);
    let out = veille(
        &["analyze", path.to_str().unwrap(), "--format", "jsonl"],
        None,
    );
    let doc = &jsonl(&out)[0];
    assert!(
        doc["text"]
            .as_str()
            .unwrap()
            .contains("député a présenté à la presse"),
        "{doc}"
    );
}

/// Encodes Latin-1-range text as single bytes (Windows-1252 agrees with Latin-1 on these letters).
fn encoding_like_windows_1252(text: &str) -> (Vec<u8>, usize, bool) {
    let bytes: Vec<u8> = text.chars().map(|c| u32::from(c) as u8).collect();
    let n = bytes.len();
    (bytes, n, true)
}

#[test]
fn huge_page_is_analysed_or_refused_cleanly() {
    let scratch = Scratch::new();
    let paragraph = "<p>Une phrase ordinaire de nouvelles locales, répétée pour remplir une très grande page.</p>\n";
    let page = format!(
        "<html><body><article>{}</article></body></html>",
        paragraph.repeat(50 * 1024 * 1024 / paragraph.len())
    );
    let path = scratch.write("huge.html", page);
    let out = veille(
        &["analyze", path.to_str().unwrap(), "--format", "csv"],
        None,
    );
    let code = out.status.code();
    assert!(
        code == Some(0) || code == Some(1),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = String::from_utf8_lossy(&out.stdout);
    assert_eq!(csv.lines().count(), 2, "header plus one row");
}

#[test]
fn empty_input_is_reported() {
    let scratch = Scratch::new();
    let path = scratch.write("empty.txt", "");
    let out = veille(
        &["analyze", path.to_str().unwrap(), "--format", "jsonl"],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(error_codes(&jsonl(&out)), ["empty"]);
}

#[test]
fn broken_pipe_exits_quietly() {
    let scratch = Scratch::new();
    for i in 0..300 {
        scratch.write(&format!("many/{i:03}.txt"), GOOD);
    }
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_veille"))
        .args([
            "analyze",
            scratch.path().join("many").to_str().unwrap(),
            "--format",
            "jsonl",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
