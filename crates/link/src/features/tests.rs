//! Tests of the per-document features.

use super::*;
use crate::test_support::document;

#[test]
fn day_numbers_match_the_calendar() {
    assert_eq!(day_number("1970-01-01"), Some(0));
    assert_eq!(day_number("2022-12-19T10:00:00+01:00"), Some(19345));
    assert_eq!(
        day_number("2024-03-01")
            .zip(day_number("2024-02-28"))
            .map(|(a, b)| a - b),
        Some(2)
    );
    assert_eq!(day_number("2022-13-01"), None);
    assert_eq!(day_number("yesterday"), None);
    assert_eq!(day_number("2022-1é-01"), None);
}

#[test]
fn hosts_drop_scheme_port_and_www() {
    assert_eq!(
        host_of("https://www.Example.com:8080/a/b?c").as_deref(),
        Some("example.com")
    );
    assert_eq!(host_of("not a url"), None);
}

#[test]
fn features_round_trip_through_the_blob() {
    let doc = document(
        "d1",
        "fr",
        "Le conseil vote le budget",
        "Le conseil municipal de Lyon a voté mardi un budget de 1 200 000 euros.\n\nLa maire, Anne Dubois, a salué « un budget responsable » devant 45 élus.",
        Some("2023-05-02"),
    );
    let features = DocFeatures::from_document(&doc, &MinHasher::default());
    assert_eq!(features.paragraph_count, 2);
    assert_eq!(features.quote_count, 1);
    assert!(features
        .numbers
        .contains(&crate::features::Term::from("1200000")));
    assert!(features
        .names
        .contains(&crate::features::Term::from("anne dubois")));
    assert!(features
        .names
        .contains(&crate::features::Term::from("lyon")));
    assert_eq!(features.day, day_number("2023-05-02"));
    let blob = features.to_blob();
    let json = serde_json::to_vec(&features).unwrap();
    assert!(blob.starts_with(crate::features::BLOB_MAGIC));
    assert!(
        blob.len() < json.len(),
        "{} compressed vs {}",
        blob.len(),
        json.len()
    );
    let back = DocFeatures::from_blob(&blob).expect("round trip");
    assert_eq!(back, features);
    // Archives written before compression hold plain JSON blobs: still read.
    assert_eq!(DocFeatures::from_blob(&json).expect("plain JSON"), features);
    assert!(DocFeatures::from_blob(b"{not json").is_err());
    // A damaged compressed body is an error, whatever its bytes.
    let mut damaged = blob.clone();
    damaged.truncate(blob.len() / 2);
    assert!(DocFeatures::from_blob(&damaged).is_err());
    let mut garbage = crate::features::BLOB_MAGIC.to_vec();
    garbage.extend_from_slice(&[0xff; 64]);
    assert!(DocFeatures::from_blob(&garbage).is_err());
}

#[test]
fn undated_documents_fall_back_to_weak_date_candidates_only() {
    let mut doc = document(
        "d",
        "fr",
        "Titre",
        "Un texte sans date de publication.",
        None,
    );
    doc.times.push(veille_model::TimeExpression {
        text: "23 juillet".into(),
        span: veille_model::Span { start: 0, end: 1 },
        timex_type: veille_model::TimexType::Date,
        value: "2023-07-23".into(),
        modifier: None,
        anchor: "none".into(),
    });
    let hasher = MinHasher::default();
    assert_eq!(
        DocFeatures::from_document(&doc, &hasher).day,
        None,
        "mentioned dates are not publication dates"
    );
    doc.date_candidates.push(veille_model::DateCandidate {
        value: "2023-07-24".into(),
        source: "text:dateline".into(),
        confidence: 0.3,
        evidence: "24 juillet 2023".into(),
    });
    let features = DocFeatures::from_document(&doc, &hasher);
    assert_eq!(features.day, day_number("2023-07-24"));
    assert!(!features.date_trusted);
}

#[test]
fn a_resolved_day_in_the_lede_dates_an_undated_document() {
    let body = format!(
        "Les deux dirigeants se sont rencontrés dimanche 23 juillet à Sotchi pour parler de leur alliance.\n\n{}",
        "Un long rappel du contexte suit. ".repeat(40)
    );
    let mut doc = document("d", "fr", "Rencontre au sommet", &body, None);
    let time = |start: usize, value: &str, anchor: &str| veille_model::TimeExpression {
        text: "date".into(),
        span: veille_model::Span {
            start,
            end: start + 4,
        },
        timex_type: veille_model::TimexType::Date,
        value: value.into(),
        modifier: None,
        anchor: anchor.into(),
    };
    // A resolved date deep in the background says nothing about the event.
    doc.times.push(time(900, "2021-03-02", "inferred"));
    let hasher = MinHasher::default();
    assert_eq!(DocFeatures::from_document(&doc, &hasher).day, None);
    // A week day or month alone is not a day.
    doc.times.insert(0, time(10, "2023-07", "inferred"));
    assert_eq!(DocFeatures::from_document(&doc, &hasher).day, None);
    doc.times.insert(1, time(40, "2023-07-23", "inferred"));
    assert_eq!(
        DocFeatures::from_document(&doc, &hasher).day,
        day_number("2023-07-23")
    );
    let features = DocFeatures::from_document(&doc, &hasher);
    assert!(!features.date_trusted);
    assert_eq!(features.published.as_deref(), Some("2023-07-23"));
    assert!(features.lede.iter().any(|(t, _)| t.starts_with("rencontr")));
    assert!(
        !features.lede.iter().any(|(t, _)| t.starts_with("rappel")),
        "the lede is the first paragraph: {:?}",
        features.lede
    );
}

#[test]
fn titles_only_documents_use_the_title_as_body() {
    let doc = document(
        "t",
        "en",
        "Apple unveils a new phone in Cupertino",
        "",
        None,
    );
    let features = DocFeatures::from_document(&doc, &MinHasher::default());
    assert!(!features.signature.is_empty());
    assert!(features
        .names
        .contains(&crate::features::Term::from("cupertino")));
    assert_eq!(
        features
            .terms
            .iter()
            .find(|(t, _)| &**t == "phone")
            .map(|(_, c)| *c),
        Some(2.0)
    );
}
#[test]
fn claim_subjects_meet_across_languages_on_cognates() {
    let fr = claim_subject(
        "42 drones",
        Some("drones"),
        "L'armée a lancé 42 drones Shahed contre Kharkiv.",
    );
    let en = claim_subject(
        "35 Shahed",
        Some("Shahed"),
        "Russia launched 35 Shahed drones at Kharkiv.",
    );
    assert!(fr.contains(&"drone".to_string()) && fr.contains(&"shahe".to_string()));
    assert!(en.contains(&"drone".to_string()) && en.contains(&"shahe".to_string()));
    // Without counted words or words after the number, the words before it speak.
    assert_eq!(
        claim_subject("$3 million", None, "Damage was estimated at $3 million."),
        vec!["damag".to_string(), "estim".to_string()]
    );
    assert!(claim_subject("7", None, "7").is_empty());
    assert_eq!(shorten("ééé ééé", 4), "ééé…");
}

#[test]
fn untitled_documents_keep_their_first_sentence_as_a_fallback_title() {
    assert_eq!(
        first_sentence("  Le conseil a voté. Puis il a levé la séance.", 120),
        "Le conseil a voté."
    );
    assert_eq!(
        first_sentence("Version 2.5 est sortie\nSuite", 120),
        "Version 2.5 est sortie"
    );
    assert_eq!(first_sentence("", 120), "");
    assert_eq!(first_sentence("ééé ééé ééé", 6), "ééé…");
    let hasher = MinHasher::default();
    let untitled = document("u", "fr", "", "Un texte sans titre. Deuxième phrase.", None);
    let features = DocFeatures::from_document(&untitled, &hasher);
    assert_eq!(features.first_sentence, "Un texte sans titre.");
    let titled = document("t", "fr", "Titre", "Un texte avec titre.", None);
    assert!(DocFeatures::from_document(&titled, &hasher)
        .first_sentence
        .is_empty());
}

#[test]
fn blobs_written_before_the_understanding_notes_still_decode() {
    let doc = document("d", "en", "Title", "Body text of the test.", None);
    let features = DocFeatures::from_document(&doc, &MinHasher::default());
    let mut value = serde_json::to_value(&features).expect("features serialise");
    for key in ["entity_details", "place_details", "quotes", "claims"] {
        value.as_object_mut().expect("an object").remove(key);
    }
    let old = serde_json::to_vec(&value).expect("serialises");
    let back = DocFeatures::from_blob(&old).expect("old blob decodes");
    assert!(back.claims.is_empty() && back.entity_details.is_empty());
}
proptest::proptest! {
    #[test]
    fn claim_subjects_and_shortening_never_panic(
        phrase in "\\PC{0,20}",
        counted in proptest::option::of("\\PC{0,20}"),
        sentence in "\\PC{0,80}",
        max in 0usize..40,
    ) {
        let subject = claim_subject(&phrase, counted.as_deref(), &sentence);
        proptest::prop_assert!(subject
            .iter()
            .all(|k| !k.is_empty() && k.chars().count() <= SUBJECT_KEY_CHARS));
        let short = shorten(&sentence, max);
        proptest::prop_assert!(short.chars().count() <= max.max(1) + 1);
    }
}
