//! Tests of the flag detectors on self-written paragraphs in several languages.

use proptest::prelude::*;
use veille_model::{
    BlockKind, CharOffsets, Document, Field, FlagKind, InputRef, Paragraph, RemovalReason, Removed,
    SourceFormat,
};

use super::detect;

/// A document made of `paragraphs`, the way the pipeline assembles one.
fn document(paragraphs: &[&str], language: Option<&str>, removed: Vec<Removed>) -> Document {
    let mut text = String::new();
    let mut ranges = Vec::new();
    for p in paragraphs {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(p);
        ranges.push(start..text.len());
    }
    let offsets = CharOffsets::new(&text);
    let paragraphs = paragraphs
        .iter()
        .zip(ranges)
        .map(|(p, range)| Paragraph {
            text: p.to_string(),
            span: offsets.span(range),
            kind: BlockKind::Paragraph,
            language: None,
        })
        .collect();
    Document {
        language: language.map(|l| Field::new(l.to_string(), "test", 1.0)),
        paragraphs,
        removed,
        ..Document::new(String::new(), InputRef::default(), SourceFormat::Text, text)
    }
}

fn evidences(doc: &Document, kind: FlagKind) -> Vec<String> {
    doc.flags
        .iter()
        .filter(|f| f.kind == kind)
        .map(|f| f.evidence.clone())
        .collect()
}

/// Every span must cover exactly its evidence in `doc.text`.
fn assert_spans_match(doc: &Document) {
    let chars: Vec<char> = doc.text.chars().collect();
    for flag in &doc.flags {
        if let Some(span) = flag.span {
            assert!(
                span.start <= span.end && span.end <= chars.len(),
                "{flag:?}"
            );
            let spanned: String = chars[span.start..span.end].iter().collect();
            assert_eq!(spanned, flag.evidence);
        }
    }
}

#[test]
fn english_fragment_in_french_text_is_flagged() {
    let mut doc = document(
        &[
            "Le maire a déclaré que la coopération entre les deux ports [of Valmora and Talheim] était « essentielle ».",
            "Les travaux sur les quais [drones] commenceront en mai, selon la mairie.",
        ],
        Some("fr"),
        Vec::new(),
    );
    detect(&mut doc);
    assert_eq!(
        evidences(&doc, FlagKind::MtBracketFragment),
        vec!["[of Valmora and Talheim]"]
    );
    assert_spans_match(&doc);
}

#[test]
fn fragment_language_is_guessed_when_the_document_has_none() {
    let mut doc = document(
        &["El alcalde dijo que el plan [for the coastal towns] se aprobará en la próxima sesión del pleno y que las obras empezarán en octubre."],
        None,
        Vec::new(),
    );
    detect(&mut doc);
    assert_eq!(
        evidences(&doc, FlagKind::MtBracketFragment),
        vec!["[for the coastal towns]"]
    );
}

#[test]
fn fragment_in_the_document_language_is_not_flagged() {
    let mut doc = document(
        &["The mayor said the plan [for the harbour] would be approved next week."],
        Some("en"),
        Vec::new(),
    );
    detect(&mut doc);
    assert!(evidences(&doc, FlagKind::MtBracketFragment).is_empty());
}

#[test]
fn name_glued_to_a_word_is_flagged_but_derived_words_are_not() {
    let mut doc = document(
        &[
            "Les habitants de Valmora ont manifesté samedi devant la mairie.",
            "Le port de Valmorathéâtre des combats a été fermé, selon la Parisienne Anne Roux, qui vit à Paris depuis vingt ans. Le club de Georgetown a gagné, a dit George Brown.",
        ],
        Some("fr"),
        Vec::new(),
    );
    detect(&mut doc);
    assert_eq!(
        evidences(&doc, FlagKind::MtGluedWords),
        vec!["Valmorathéâtre"]
    );
    assert_spans_match(&doc);
}

#[test]
fn case_transition_inside_a_token_is_flagged_but_brands_are_not() {
    let mut doc = document(
        &["Articles pour les lecteursTout voir. La vidéo a été publiée sur YouTube par McDonald et vue sur iPhone chez MidCon."],
        Some("fr"),
        Vec::new(),
    );
    detect(&mut doc);
    assert_eq!(
        evidences(&doc, FlagKind::MtGluedWords),
        vec!["lecteursTout"]
    );
}

#[test]
fn german_compounds_with_names_are_not_flagged() {
    let mut doc = document(
        &["Die Fähre fährt ab Mai zwischen Lindau und Bregenz, und die Lindaufähre soll stündlich verkehren, sagte der Betreiber am Dienstag."],
        Some("de"),
        Vec::new(),
    );
    detect(&mut doc);
    assert!(evidences(&doc, FlagKind::MtGluedWords).is_empty());
}

#[test]
fn unbalanced_guillemets_are_flagged_per_paragraph() {
    let mut doc = document(
        &[
            "« Nous sommes prêts », a dit la ministre. « Les quais seront rouverts en mai.",
            "« Tout est en ordre », a ajouté son porte-parole.",
            "Er sagte: „Wir sind bereit“ und ging.",
        ],
        Some("fr"),
        Vec::new(),
    );
    detect(&mut doc);
    let found = evidences(&doc, FlagKind::UnbalancedQuotes);
    // The first paragraph leaves a quote open, but the next one opens with a quote: that is the
    // convention for a quotation over several paragraphs, not an error.
    assert!(found.is_empty(), "{found:?}");

    let mut doc = document(
        &[
            "Le maire a parlé d’un « projet historique pour la ville, puis il est parti.",
            "La séance a été levée à midi.",
        ],
        Some("fr"),
        Vec::new(),
    );
    detect(&mut doc);
    let found = evidences(&doc, FlagKind::UnbalancedQuotes);
    assert_eq!(found.len(), 1);
    assert!(found[0].contains('«'));
    assert_spans_match(&doc);
}

#[test]
fn stray_closing_curly_quote_is_flagged() {
    let mut doc = document(
        &["The minister spoke of “a turning point” for the port. .”"],
        Some("en"),
        Vec::new(),
    );
    detect(&mut doc);
    assert_eq!(evidences(&doc, FlagKind::UnbalancedQuotes).len(), 1);
}

#[test]
fn article_ending_mid_sentence_is_truncated() {
    let mut doc = document(
        &[
            "El ayuntamiento aprobó el plan de playas el lunes.",
            "Las obras comenzarán en octubre y, según la alcaldesa, durarán hasta que",
        ],
        Some("es"),
        Vec::new(),
    );
    detect(&mut doc);
    let found = evidences(&doc, FlagKind::Truncated);
    assert_eq!(found.len(), 1);
    assert!(found[0].ends_with("durarán hasta que"));
    assert_spans_match(&doc);

    let mut whole = document(
        &["Las obras comenzarán en octubre y durarán hasta la primavera."],
        Some("es"),
        Vec::new(),
    );
    detect(&mut whole);
    assert!(evidences(&whole, FlagKind::Truncated).is_empty());
}

#[test]
fn removed_scraper_blocks_raise_flags_once() {
    let removed = vec![
        Removed {
            text: "Source link".into(),
            reason: RemovalReason::ScraperMarker,
            detail: None,
        },
        Removed {
            text: "By bot77".into(),
            reason: RemovalReason::ScraperAccount,
            detail: None,
        },
        Removed {
            text: "Subscribe to continue reading".into(),
            reason: RemovalReason::Paywall,
            detail: None,
        },
    ];
    let mut doc = document(&["A short teaser of the story."], Some("en"), removed);
    doc.flags.push(veille_model::Flag {
        kind: FlagKind::ScraperMarker,
        evidence: "Source link".into(),
        span: None,
    });
    detect(&mut doc);
    assert_eq!(
        evidences(&doc, FlagKind::ScraperMarker),
        vec!["Source link"]
    );
    assert_eq!(evidences(&doc, FlagKind::ScraperAccount), vec!["By bot77"]);
    assert_eq!(evidences(&doc, FlagKind::Paywall).len(), 1);
}

proptest! {
    #[test]
    fn never_panics_and_spans_match(paragraphs in prop::collection::vec("\\PC{0,120}", 0..5)) {
        let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
        let mut doc = document(&refs, None, Vec::new());
        detect(&mut doc);
        assert_spans_match(&doc);
    }

    #[test]
    fn never_panics_on_quote_and_bracket_soup(
        parts in prop::collection::vec(
            prop::sample::select(vec!["«", "»", "“", "”", "„", "\"", "[", "]", "of the", "Valmora", "théâtre", "lecteursTout", " ", "é", "\n"]),
            0..50,
        )
    ) {
        let text = parts.concat();
        let mut doc = document(&[text.as_str()], Some("fr"), Vec::new());
        detect(&mut doc);
        assert_spans_match(&doc);
    }
}
