//! Tests of the whole cleaning step on self-written fixtures (`fixtures/text/`), plus property
//! tests: cleaning never panics, and cleaning well-formed article text changes nothing.

use proptest::prelude::*;
use veille_model::{BlockKind, BodyKind};

use super::*;
use crate::text::split_blocks;

/// Fixtures as `(name, text, expectations)`.
const FIXTURES: &[(&str, &str, &str)] = &[
    (
        "fr/ferme_de_contenu",
        include_str!("../../../../fixtures/text/fr/ferme_de_contenu.txt"),
        include_str!("../../../../fixtures/text/fr/ferme_de_contenu.expect"),
    ),
    (
        "en/teasers_and_caption",
        include_str!("../../../../fixtures/text/en/teasers_and_caption.txt"),
        include_str!("../../../../fixtures/text/en/teasers_and_caption.expect"),
    ),
    (
        "en/clean_article",
        include_str!("../../../../fixtures/text/en/clean_article.txt"),
        include_str!("../../../../fixtures/text/en/clean_article.expect"),
    ),
    (
        "de/portal",
        include_str!("../../../../fixtures/text/de/portal.txt"),
        include_str!("../../../../fixtures/text/de/portal.expect"),
    ),
    (
        "es/lineas_sueltas",
        include_str!("../../../../fixtures/text/es/lineas_sueltas.txt"),
        include_str!("../../../../fixtures/text/es/lineas_sueltas.expect"),
    ),
];

fn snake<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Cleans one fixture and checks every expectation line, collecting all failures.
fn check(name: &str, text: &str, expect: &str) -> Vec<String> {
    let mut blocks = split_blocks(text);
    let cleaned = clean_blocks(&mut blocks, BodyKind::Text);
    let body: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
    let body = body.join("\n\n");
    let mut failures = Vec::new();
    for line in expect.lines().filter(|l| !l.trim().is_empty()) {
        let Some((key, value)) = line.split_once(':') else {
            failures.push(format!("{name}: bad expectation line {line:?}"));
            continue;
        };
        let value = value.trim();
        let ok = match key {
            "keep" => body.contains(value),
            "drop" => !body.contains(value),
            "removed" => {
                let (reason, needle) = value.split_once(' ').unwrap_or((value, ""));
                cleaned
                    .removed
                    .iter()
                    .any(|r| snake(&r.reason) == reason && r.text.contains(needle))
            }
            "caption" => cleaned.captions.iter().any(|c| c.text.contains(value)),
            "credit" => cleaned
                .captions
                .iter()
                .any(|c| c.credit.as_deref().is_some_and(|cr| cr.contains(value))),
            "heading" => blocks
                .iter()
                .any(|b| b.kind == BlockKind::Heading && b.text.starts_with(value)),
            "flag" => cleaned.flags.iter().any(|f| snake(&f.kind) == value),
            "removed-count" => value.parse::<usize>().ok() == Some(cleaned.removed.len()),
            other => {
                failures.push(format!("{name}: unknown expectation {other:?}"));
                continue;
            }
        };
        if !ok {
            failures.push(format!("{name}: failed {line:?}"));
        }
    }
    if !failures.is_empty() {
        failures.push(format!(
            "--- body of {name}:\n{body}\n--- removed: {:#?}",
            cleaned.removed
        ));
    }
    failures
}

#[test]
fn fixtures_meet_their_expectations() {
    let failures: Vec<String> = FIXTURES
        .iter()
        .flat_map(|(name, text, expect)| check(name, text, expect))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_removed_block_has_a_detail() {
    for (_, text, _) in FIXTURES {
        let mut blocks = split_blocks(text);
        let cleaned = clean_blocks(&mut blocks, BodyKind::Text);
        for removed in &cleaned.removed {
            assert!(
                removed.detail.as_deref().is_some_and(|d| !d.is_empty()),
                "{removed:?}"
            );
        }
    }
}

#[test]
fn html_blocks_keep_their_kinds_and_skip_text_only_rules() {
    let mut blocks = vec![
        Block::paragraph("Regional"),
        Block {
            text: "Snow on the pass".into(),
            kind: BlockKind::Heading,
        },
        Block::paragraph("Heavy snow closed the mountain pass on Thursday and the police asked drivers to stay home."),
        Block::paragraph("Use <table> and {{ value }} in the template."),
        Block::paragraph("Advertisement"),
    ];
    let cleaned = clean_blocks(&mut blocks, BodyKind::Html);
    let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        texts,
        vec![
            "Regional",
            "Snow on the pass",
            "Heavy snow closed the mountain pass on Thursday and the police asked drivers to stay home.",
            "Use <table> and {{ value }} in the template.",
        ]
    );
    assert_eq!(blocks[1].kind, BlockKind::Heading);
    let reasons: Vec<RemovalReason> = cleaned.removed.iter().map(|r| r.reason).collect();
    assert_eq!(reasons, vec![RemovalReason::Advertising]);
}

/// Words that make up generated prose: common, neutral, and absent from every lexicon.
const WORDS: &[&str] = &[
    "river",
    "council",
    "bridge",
    "winter",
    "harbour",
    "farmers",
    "school",
    "doctors",
    "city",
    "budget",
    "railway",
    "station",
    "market",
    "village",
    "teachers",
    "mayor",
    "engineers",
    "storm",
    "museum",
    "garden",
    "hospital",
    "road",
    "forest",
    "library",
    "workers",
    "plan",
];
const VERBS: &[&str] = &[
    "approved",
    "rebuilt",
    "visited",
    "closed",
    "opened",
    "praised",
    "funded",
    "described",
];

fn sentence() -> impl Strategy<Value = String> {
    (
        prop::sample::select(WORDS),
        prop::sample::select(VERBS),
        prop::collection::vec(prop::sample::select(WORDS), 4..14),
    )
        .prop_map(|(subject, verb, rest)| {
            let mut s = format!("The {subject} {verb} the {}", rest.join(" and the "));
            s.push('.');
            s
        })
}

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(sentence(), 1..4).prop_map(|s| s.join(" "))
}

proptest! {
    #[test]
    fn never_panics_on_any_text(text in "\\PC{0,600}") {
        let mut blocks = split_blocks(&text);
        let _ = clean_blocks(&mut blocks, BodyKind::Text);
        let mut blocks = split_blocks(&text);
        let _ = clean_blocks(&mut blocks, BodyKind::Html);
    }

    #[test]
    fn never_panics_on_furniture_like_text(
        parts in prop::collection::vec(
            prop::sample::select(vec![
                "Source link", "|", "Must Read |", "(Photo AP)", "By x1", "Le", "[ad_1]",
                "Lire aussi :", "…", "<p>", "lecteursTout voir", "« ", " »", "\u{a0}", "\n", "\n\n",
                "Ça", "ß", "İ", "2:30", "Photo:", "©",
            ]),
            0..40,
        )
    ) {
        let text = parts.concat();
        let mut blocks = split_blocks(&text);
        let _ = clean_blocks(&mut blocks, BodyKind::Text);
    }

    #[test]
    fn clean_article_text_is_left_unchanged(paragraphs in prop::collection::vec(paragraph(), 1..8)) {
        let original: Vec<Block> = paragraphs.iter().map(|p| Block::paragraph(p.clone())).collect();
        let mut blocks = original.clone();
        let cleaned = clean_blocks(&mut blocks, BodyKind::Text);
        prop_assert!(cleaned.removed.is_empty(), "{:?}", cleaned.removed);
        prop_assert!(cleaned.captions.is_empty());
        prop_assert_eq!(blocks, original);
    }
}
