//! Property tests: any bytes give documents or clean failures, never a panic, and every document
//! body is clean NFC text.

use proptest::prelude::*;
use unicode_normalization::is_nfc;

use crate::{gzip, read_bytes};

const CODES: &[&str] = &[
    "io",
    "too_large",
    "decompression_bomb",
    "binary",
    "malformed",
    "empty",
    "unsupported",
];

fn check(name: &str, bytes: Vec<u8>) {
    for item in read_bytes(name, bytes) {
        match item {
            Ok(doc) => {
                assert!(is_nfc(&doc.body), "body not in NFC");
                assert!(
                    !doc.body
                        .chars()
                        .any(|c| c.is_control() && c != '\n' && c != '\t'),
                    "control character left in body"
                );
                assert!(!doc.encoding.is_empty());
            }
            Err(failure) => {
                assert!(CODES.contains(&failure.error.code()));
                assert!(
                    failure.to_string().contains(name),
                    "message does not name the input"
                );
            }
        }
    }
}

/// Beginnings that steer the sniffer into each format's parser.
fn format_prefix() -> impl Strategy<Value = Vec<u8>> {
    prop::sample::select(vec![
        b"".to_vec(),
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\nHTTP/1.1 200 OK\r\n"
            .to_vec(),
        b"{\"text\": \"".to_vec(),
        b"[{\"html\": \"<p>".to_vec(),
        b"<?xml version=\"1.0\"?><rss><channel><item><description><![CDATA[".to_vec(),
        b"<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><content type=\"xhtml\">".to_vec(),
        b"<!DOCTYPE html><meta charset=\"".to_vec(),
        b"\xFF\xFE".to_vec(),
        b"\xEF\xBB\xBF".to_vec(),
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_bytes_give_documents_or_clean_failures(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        check("random.bin", bytes);
    }

    #[test]
    fn any_tail_after_a_format_prefix_is_handled(
        prefix in format_prefix(),
        tail in prop::collection::vec(any::<u8>(), 0..1024),
    ) {
        let mut bytes = prefix;
        bytes.extend(tail);
        check("prefixed.dat", bytes.clone());
        check("prefixed.dat.gz", gzip(&bytes));
    }

    #[test]
    fn text_like_input_round_trips_its_words(words in prop::collection::vec("[a-zA-Zàéîõü]{1,12}", 1..50)) {
        let text = words.join(" ");
        let results = read_bytes("words.txt", text.clone().into_bytes());
        let doc = results[0].as_ref().expect("plain words are a text document");
        prop_assert_eq!(&doc.body, &text);
    }
}
