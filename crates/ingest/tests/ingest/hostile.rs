//! Hostile inputs: each must give a clean failure with the right code (or a document with a
//! warning), quickly and with bounded memory, never a panic.

use std::io::Write;

use veille_ingest::{discover, read, IngestConfig, Source};

use crate::{gzip, only_error_code, read_bytes, read_with};

/// A multi-member gzip stream that decompresses to `members * member_len` copies of `byte`,
/// while only `member_len` bytes are ever compressed.
fn gzip_bomb(byte: u8, member_len: usize, members: usize) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![byte; 1 << 20];
    for _ in 0..member_len / chunk.len() {
        encoder.write_all(&chunk).unwrap();
    }
    let member = encoder.finish().unwrap();
    member.repeat(members)
}

#[test]
fn gzip_bomb_of_one_gib_is_stopped() {
    // 16 MiB per member, 64 members: 1 GiB of spaces from about 1 MB of input.
    let bomb = gzip_bomb(b' ', 16 << 20, 64);
    assert!(bomb.len() < 2 << 20);
    let results = read_bytes("bomb.txt.gz", bomb);
    assert_eq!(only_error_code(&results), "decompression_bomb");
}

#[test]
fn gzip_bomb_of_zeros_is_rejected() {
    let bomb = gzip_bomb(0, 16 << 20, 64);
    let results = read_bytes("zeros.gz", bomb);
    // Zeros are recognised as binary from the first bytes, before the ratio guard fires.
    let code = only_error_code(&results);
    assert!(code == "binary" || code == "decompression_bomb", "{code}");
}

#[test]
fn gzip_bomb_inside_json_lines_is_stopped() {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(b"{\"text\": \"").unwrap();
    let chunk = vec![b'a'; 1 << 20];
    for _ in 0..64 {
        encoder.write_all(&chunk).unwrap();
    }
    let bomb = encoder.finish().unwrap();
    let results = read_bytes("bomb.jsonl.gz", bomb);
    assert_eq!(only_error_code(&results), "decompression_bomb");
}

#[test]
fn binary_file_is_rejected() {
    let mut noise = Vec::with_capacity(64 * 1024);
    let mut state: u32 = 0x1234_5678;
    for _ in 0..64 * 1024 {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        noise.push((state >> 24) as u8);
    }
    assert_eq!(only_error_code(&read_bytes("noise.html", noise)), "binary");
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10".to_vec();
    assert_eq!(only_error_code(&read_bytes("image.txt", png)), "binary");
    let pdf = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj".to_vec();
    assert_eq!(
        only_error_code(&read_bytes("paper.txt", pdf)),
        "unsupported"
    );
}

#[test]
fn truncated_gzip_keeps_what_was_decoded() {
    let text: String = (0..5000)
        .map(|i| {
            format!("Ligne {i} : le marché reste calme avant la réunion de la banque centrale.\n")
        })
        .collect();
    let mut zipped = gzip(text.as_bytes());
    zipped.truncate(zipped.len() / 2);
    let results = read_bytes("cut.txt.gz", zipped);
    assert_eq!(results.len(), 1);
    let doc = results[0].as_ref().unwrap();
    assert!(doc.body.starts_with("Ligne 0 : le marché"));
    assert!(doc.body.len() < text.len());
    assert!(
        doc.warnings.iter().any(|w| w.contains("truncated")),
        "{:?}",
        doc.warnings
    );
}

#[test]
fn truncated_gzip_with_nothing_decoded_is_malformed() {
    let zipped = gzip(b"Un texte entier qui ne sera jamais lu.");
    // The 10-byte header and one byte of deflate data: a block header takes 3 bits, a literal
    // of a fixed-code block 8 more, and stored or dynamic blocks need longer headers, so no
    // encoder's output decodes to anything yet.
    let results = read_bytes("cut.gz", zipped[..11].to_vec());
    assert_eq!(only_error_code(&results), "malformed");
}

#[test]
fn truncated_gzip_jsonl_keeps_earlier_lines() {
    let lines: String = (0..2000)
        .map(|i| format!("{{\"id\": {i}, \"text\": \"Article numéro {i}, un texte assez long pour remplir la ligne.\"}}\n"))
        .collect();
    let mut zipped = gzip(lines.as_bytes());
    zipped.truncate(zipped.len() * 2 / 3);
    let results = read_bytes("cut.jsonl.gz", zipped);
    let ok = results.iter().filter(|r| r.is_ok()).count();
    assert!(ok > 100, "only {ok} records survived");
    let last = results.last().unwrap().as_ref().unwrap_err();
    assert_eq!(last.error.code(), "malformed");
}

#[test]
fn fifty_megabyte_page_is_accepted_or_too_large() {
    let paragraph =
        "<p>Le comité a examiné les comptes de l'exercice et a approuvé le budget.</p>\n";
    let mut page = String::from("<!DOCTYPE html><html><body>");
    while page.len() < 50 << 20 {
        page.push_str(paragraph);
    }
    page.push_str("</body></html>");
    let bytes = page.into_bytes();
    let results = read_bytes("huge.html", bytes.clone());
    let doc = results[0].as_ref().unwrap();
    assert_eq!(doc.body.len(), bytes.len());
    let small = IngestConfig {
        max_bytes: 10 << 20,
        ..IngestConfig::default()
    };
    assert_eq!(
        only_error_code(&read_with("huge.html", bytes, &small)),
        "too_large"
    );
}

#[test]
fn huge_single_jsonl_line_is_too_large_and_the_next_line_survives() {
    let mut input = b"{\"text\": \"".to_vec();
    input.extend(vec![b'z'; 3 << 20]);
    input.extend(b"\"}\n{\"text\": \"Petite ligne.\"}\n");
    let cfg = IngestConfig {
        max_record_bytes: 1 << 20,
        ..IngestConfig::default()
    };
    let results = read_with("big.jsonl", gzip(&input), &cfg);
    assert_eq!(results.len(), 2);
    assert_eq!(results[0].as_ref().unwrap_err().error.code(), "too_large");
    assert_eq!(results[1].as_ref().unwrap().body, "Petite ligne.");
}

#[test]
fn deeply_nested_json_document_is_malformed() {
    let mut input = b"[".to_vec();
    input.extend(vec![b'['; 200_000]);
    input.extend(vec![b']'; 200_001]);
    assert_eq!(
        only_error_code(&read_bytes("deep.json", input)),
        "malformed"
    );
    let mut line = b"{\"text\": \"x\", \"a\": ".to_vec();
    line.extend("{\"a\": ".repeat(50_000).as_bytes());
    assert_eq!(
        only_error_code(&read_bytes("deep.jsonl", line)),
        "malformed"
    );
}

#[test]
fn empty_inputs() {
    assert_eq!(
        only_error_code(&read_bytes("empty.html", Vec::new())),
        "empty"
    );
    assert_eq!(only_error_code(&read_bytes("empty.gz", gzip(b""))), "empty");
    assert_eq!(
        only_error_code(&read_bytes("blank.txt", b"\n\r\n  \t".to_vec())),
        "empty"
    );
}

#[test]
fn gzip_nested_too_deep_is_unsupported() {
    let mut data = b"profond".to_vec();
    for _ in 0..6 {
        data = gzip(&data);
    }
    assert_eq!(only_error_code(&read_bytes("deep.gz", data)), "unsupported");
}

#[test]
fn unreadable_file_in_a_directory_is_an_io_failure() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ok.txt"), "Texte lisible.").unwrap();
    let locked = dir.path().join("locked.txt");
    std::fs::write(&locked, "secret").unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_ok() {
        eprintln!("skipping: running with privileges that ignore file permissions");
        return;
    }
    let mut codes = Vec::new();
    for source in discover(&[dir.path().to_path_buf()]) {
        for item in read(&source.unwrap(), &IngestConfig::default()) {
            codes.push(item.map(|_| "ok").unwrap_or_else(|f| f.error.code()));
        }
    }
    assert_eq!(codes, vec!["io", "ok"]);
}

#[test]
fn directory_given_as_a_file_source_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let results: Vec<_> = read(
        &Source::File(dir.path().to_path_buf()),
        &IngestConfig::default(),
    )
    .collect();
    assert_eq!(only_error_code(&results), "io");
}
