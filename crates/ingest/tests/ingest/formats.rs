//! Each supported format, read from a self-written fixture or built in the test.

use veille_ingest::{discover, read, IngestConfig, Source};
use veille_model::{BodyKind, SourceFormat};

use crate::{fixture, gzip, read_bytes};

fn read_fixture(
    name: &str,
) -> Vec<Result<veille_model::RawDocument, veille_ingest::IngestFailure>> {
    read(&Source::File(fixture(name)), &IngestConfig::default()).collect()
}

#[test]
fn rss_feed_with_full_content() {
    let docs = read_fixture("rss2-full-content.xml");
    assert_eq!(docs.len(), 2);
    let first = docs[0].as_ref().unwrap();
    assert_eq!(first.format, SourceFormat::Rss);
    assert_eq!(first.body_kind, BodyKind::Html);
    assert!(first
        .body
        .starts_with("<p>Le conseil municipal a voté mardi soir"));
    assert_eq!(
        first.hints.title.as_deref(),
        Some("Le port de plaisance s\u{2019}agrandit : 120 anneaux supplémentaires")
    );
    assert_eq!(
        first.hints.site_name.as_deref(),
        Some("La Gazette du Littoral")
    );
    assert_eq!(first.hints.language.as_deref(), Some("fr-FR"));
    assert_eq!(first.hints.authors, vec!["Claire Le Goff"]);
    assert_eq!(
        first.hints.published.as_deref(),
        Some("Tue, 14 May 2024 08:30:00 +0200")
    );
    assert_eq!(
        first.hints.summary.as_deref(),
        Some("Le conseil municipal a voté mardi l'extension du bassin nord. [\u{2026}]")
    );
    assert_eq!(first.input.record, Some(0));
    assert_eq!(
        first.input.url.as_deref(),
        Some("https://gazette-littoral.example/2024/05/port-plaisance-agrandissement/")
    );
    assert_eq!(
        first.input.external_id.as_deref(),
        Some("https://gazette-littoral.example/?p=4182")
    );

    let second = docs[1].as_ref().unwrap();
    assert_eq!(second.input.record, Some(1));
    assert_eq!(second.hints.authors, vec!["Yann Morvan"]);
    // Escaped HTML in a description-only item is unescaped once and kept as HTML.
    assert_eq!(second.body_kind, BodyKind::Html);
    assert!(second
        .body
        .contains("<p>Aucune fuite n&#8217;a été constatée.</p>"));
    assert_eq!(second.hints.summary, None);
}

#[test]
fn atom_feed_with_html_and_xhtml_content() {
    let docs = read_fixture("atom-entries.xml");
    assert_eq!(docs.len(), 2);
    let first = docs[0].as_ref().unwrap();
    assert_eq!(first.format, SourceFormat::Atom);
    assert_eq!(first.body_kind, BodyKind::Html);
    assert!(first.body.starts_with("<p>The Main Street bridge reopened"));
    assert_eq!(
        first.hints.title.as_deref(),
        Some("Bridge reopens & traffic returns to Main Street")
    );
    assert_eq!(
        first.input.url.as_deref(),
        Some("https://courier.example/news/bridge-reopens")
    );
    assert_eq!(
        first.input.external_id.as_deref(),
        Some("tag:courier.example,2024:news-881")
    );
    assert_eq!(
        first.hints.published.as_deref(),
        Some("2024-06-01T14:20:00-05:00")
    );
    assert_eq!(
        first.hints.modified.as_deref(),
        Some("2024-06-01T16:45:00-05:00")
    );
    assert_eq!(first.hints.authors, vec!["Dana Whitfield"]);
    assert_eq!(
        first.hints.site_name.as_deref(),
        Some("Northern Valley Courier")
    );
    assert_eq!(first.hints.language.as_deref(), Some("en"));
    assert!(first
        .hints
        .summary
        .as_deref()
        .unwrap()
        .starts_with("The Main Street bridge is open"));

    let second = docs[1].as_ref().unwrap();
    assert_eq!(second.hints.language.as_deref(), Some("es"));
    assert_eq!(
        second.hints.authors,
        vec!["Courier Newsroom"],
        "feed author applies"
    );
    assert_eq!(
        second.input.url.as_deref(),
        Some("https://courier.example/es/feria-libro")
    );
    assert!(second
        .body
        .contains("<p>La feria del libro recibió más de <b>40.000</b>"));
}

#[test]
fn jsonl_records_with_a_bad_line_in_the_middle() {
    let docs = read_fixture("articles.jsonl");
    assert_eq!(docs.len(), 4);
    let german = docs[0].as_ref().unwrap();
    assert_eq!(german.format, SourceFormat::Jsonl);
    assert_eq!(german.body_kind, BodyKind::Text);
    assert_eq!(german.hints.authors, vec!["Jana Köhler", "Tobias Brandt"]);
    assert_eq!(
        german.hints.site_name.as_deref(),
        Some("Wetter-Nachrichten")
    );
    assert_eq!(german.input.external_id.as_deref(), Some("wx-101"));
    let spanish = docs[1].as_ref().unwrap();
    assert_eq!(spanish.body_kind, BodyKind::Html);
    assert_eq!(spanish.hints.published.as_deref(), Some("2024-07-04"));
    assert_eq!(spanish.hints.site_name.as_deref(), Some("Meteo Noticias"));
    assert_eq!(spanish.hints.authors, vec!["Lucía Ortega"]);
    let broken = docs[2].as_ref().unwrap_err();
    assert_eq!(broken.error.code(), "malformed");
    assert_eq!(broken.input.record, Some(2));
    assert!(broken.to_string().contains("line 3"), "{broken}");
    let english = docs[3].as_ref().unwrap();
    assert_eq!(
        english.hints.title.as_deref(),
        Some("Storms expected after the heatwave")
    );
    assert_eq!(
        english.hints.summary.as_deref(),
        Some("Thunderstorms will sweep in from the west.")
    );
    assert_eq!(english.body_kind, BodyKind::Text);
}

#[test]
fn warc_with_two_responses_a_request_and_metadata() {
    let docs = read_fixture("crawl.warc");
    assert_eq!(docs.len(), 2, "only the two responses become documents");
    let spanish = docs[0].as_ref().unwrap();
    assert_eq!(spanish.format, SourceFormat::Warc);
    assert_eq!(spanish.body_kind, BodyKind::Html);
    assert_eq!(spanish.input.record, Some(2));
    assert_eq!(
        spanish.input.url.as_deref(),
        Some("https://lago-noticias.example/economia/cooperativa")
    );
    assert_eq!(
        spanish.input.external_id.as_deref(),
        Some("urn:uuid:00000000-0000-0000-0000-000000000003")
    );
    assert_eq!(spanish.hints.language.as_deref(), Some("es"));
    assert_eq!(
        spanish.hints.fetched.as_deref(),
        Some("2024-08-20T10:13:00Z")
    );
    assert!(spanish.body.contains("La cooperativa láctea"));
    assert_eq!(spanish.encoding, "utf-8 (http header)");

    let french = docs[1].as_ref().unwrap();
    assert!(
        french.body.contains("Grève à l'usine de Saint-Étienne"),
        "{}",
        french.body
    );
    assert_eq!(french.encoding, "windows-1252 (http header)");
}

#[test]
fn warc_gz_with_one_gzip_member_per_record() {
    let warc = std::fs::read(fixture("crawl.warc")).unwrap();
    // Split at record boundaries and gzip each record on its own, as crawlers do.
    let mut members = Vec::new();
    let mut starts: Vec<usize> = memchr_starts(&warc, b"WARC/1.1\r\n");
    starts.push(warc.len());
    for pair in starts.windows(2) {
        members.extend(gzip(&warc[pair[0]..pair[1]]));
    }
    let docs = read_bytes("crawl.warc.gz", members);
    assert_eq!(docs.len(), 2);
    assert!(docs.iter().all(|d| d.is_ok()));
}

fn memchr_starts(haystack: &[u8], needle: &[u8]) -> Vec<usize> {
    (0..haystack.len().saturating_sub(needle.len()))
        .filter(|&i| {
            &haystack[i..i + needle.len()] == needle && (i == 0 || haystack[i - 1] == b'\n')
        })
        .collect()
}

#[test]
fn latin1_page_with_meta_charset() {
    let docs = read_fixture("page-latin1-meta.html");
    let doc = docs[0].as_ref().unwrap();
    assert_eq!(doc.format, SourceFormat::Html);
    assert!(doc
        .body
        .contains("La fête a réuni des milliers de spectateurs"));
    assert!(doc.body.contains("l'Hôtel-de-Ville, malgré une météo"));
    assert_eq!(doc.encoding, "windows-1252 (meta charset)");
    assert!(doc.warnings.is_empty());
}

#[test]
fn windows_1252_text_without_declaration() {
    let docs = read_fixture("text-windows1252.txt");
    let doc = docs[0].as_ref().unwrap();
    assert_eq!(doc.format, SourceFormat::Text);
    assert!(
        doc.body.starts_with("Süße Äpfel und größere Birnen"),
        "{}",
        doc.body
    );
    assert!(doc.body.contains("Ernte – trotz"));
    assert!(doc.body.contains("„Wir sind zufrieden“"));
    assert_eq!(doc.encoding, "windows-1252 (detected)");
}

#[test]
fn utf16_html_with_bom() {
    let page = "<html><head><meta charset=\"utf-16\"><title>Ελληνικά</title></head>\
                <body><p>Καλημέρα από την Αθήνα.</p></body></html>";
    let mut bytes = vec![0xFE, 0xFF];
    for unit in page.encode_utf16() {
        bytes.extend(unit.to_be_bytes());
    }
    let docs = read_bytes("greek.html", bytes);
    let doc = docs[0].as_ref().unwrap();
    assert_eq!(doc.format, SourceFormat::Html);
    assert!(doc.body.contains("Καλημέρα από την Αθήνα."));
    assert_eq!(doc.encoding, "utf-16be (byte order mark)");
}

#[test]
fn format_is_recognised_by_content_not_extension() {
    let jsonl = std::fs::read(fixture("articles.jsonl")).unwrap();
    let docs = read_bytes("misnamed.html", jsonl);
    assert_eq!(docs.len(), 4);
    assert_eq!(docs[0].as_ref().unwrap().format, SourceFormat::Jsonl);
    let rss = std::fs::read(fixture("rss2-full-content.xml")).unwrap();
    let docs = read_bytes("feed.txt.gz", gzip(&gzip(&rss)));
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].as_ref().unwrap().format, SourceFormat::Rss);
}

#[test]
fn discover_then_read_a_directory_of_fixtures() {
    let sources = discover(&[fixture("")]);
    let mut formats = Vec::new();
    for source in sources {
        for doc in read(&source.unwrap(), &IngestConfig::default()).flatten() {
            formats.push(doc.format);
        }
    }
    for format in [
        SourceFormat::Html,
        SourceFormat::Text,
        SourceFormat::Jsonl,
        SourceFormat::Warc,
        SourceFormat::Rss,
        SourceFormat::Atom,
    ] {
        assert!(
            formats.contains(&format),
            "no {format:?} document in the fixtures"
        );
    }
}

#[test]
fn decomposed_unicode_is_composed_to_nfc() {
    let docs = read_bytes(
        "nfd.txt",
        "Ame\u{301}lie a\u{300} Saint-Be\u{301}at"
            .as_bytes()
            .to_vec(),
    );
    assert_eq!(docs[0].as_ref().unwrap().body, "Amélie à Saint-Béat");
}
