//! The entity recogniser veille runs: the rule recogniser ([`mod@super::recognize`]) first, then,
//! for languages that ship a trained model (`data/ner/model.<lang>.bin`), the averaged
//! perceptron ([`super::perceptron`]) re-tags every token with the rules' decision as one of
//! its features. Languages without a model keep the rules' output unchanged.
//!
//! Models are compiled in with `include_bytes!` and decoded once per process on first use; a
//! damaged model is logged and the rules are used instead.

use std::sync::OnceLock;

use veille_model::EntityKind;

use super::features::{rule_labels, token_features};
use super::perceptron::{is_begin, label_kind, Model, OUTSIDE};
use super::recognize::{recognize as recognize_rules, NamedSpan};
use super::tokens::{tokenize, Token};

/// Shipped models, by ISO 639-1 code. See `data/ner/SOURCES.md` for how each was trained.
const SHIPPED: &[(&str, &[u8])] = &[
    ("de", include_bytes!("../../data/ner/model.de.bin")),
    ("en", include_bytes!("../../data/ner/model.en.bin")),
    ("es", include_bytes!("../../data/ner/model.es.bin")),
];

/// The decoded model of `lang`, if one ships and decodes.
pub fn model_for(lang: Option<&str>) -> Option<&'static Model> {
    static MODELS: OnceLock<Vec<(&'static str, Option<Model>)>> = OnceLock::new();
    let lang = lang?;
    let models = MODELS.get_or_init(|| {
        SHIPPED
            .iter()
            .map(|(code, bytes)| {
                let model = Model::from_bytes(bytes)
                    .map_err(|e| tracing::warn!(lang = code, "NER model not used: {e}"))
                    .ok();
                (*code, model)
            })
            .collect()
    });
    models
        .iter()
        .find(|(code, _)| *code == lang)
        .and_then(|(_, m)| m.as_ref())
}

/// Languages with a shipped model.
pub fn model_languages() -> impl Iterator<Item = &'static str> {
    SHIPPED.iter().map(|(code, _)| *code)
}

/// Recognises names in `text`: the trained model of `lang` where one ships, the rules
/// otherwise. `lang` is an ISO 639-1 code; `None` uses the rules with every language's lists.
pub fn recognize(text: &str, lang: Option<&str>) -> Vec<NamedSpan> {
    let rules = recognize_rules(text, lang);
    match model_for(lang) {
        Some(model) => tag_with(model, text, lang, &rules),
        None => rules,
    }
}

/// Names `model` finds in `text`, given the rule recogniser's spans (used as features, and for
/// the titles written next to people).
pub fn tag_with(
    model: &Model,
    text: &str,
    lang: Option<&str>,
    rules: &[NamedSpan],
) -> Vec<NamedSpan> {
    let tokens = tokenize(text);
    let rule_tags = rule_labels(&tokens, rules);
    let features = token_features(text, &tokens, &rule_tags, lang, model.bits());
    let mut labels = model.decode(&features);
    // Shouted lines ("BREAKING: PUTIN MEETS …") never occur in the training text, so the
    // model's decisions there are uninformed: the rules' (conservative) ones stand.
    for range in shouted_runs(text, &tokens) {
        labels[range.clone()].copy_from_slice(&rule_tags[range]);
    }
    let mut spans = spans_of(&tokens, &labels);
    // A lone capitalised word opening a sentence that is an ordinary word of the language
    // ("Diving is banned…") is a name only when the rules (gazetteer, aliases, cues) say so.
    let lexicon = super::lexicon::Lexicon::get();
    spans.retain(|span| {
        let mut covered = tokens.iter().filter(|t| {
            t.is_word && t.bytes.start < span.bytes.end && span.bytes.start < t.bytes.end
        });
        let (Some(only), None) = (covered.next(), covered.next()) else {
            return true;
        };
        if !only.sentence_start {
            return true;
        }
        let lower = only.text(text).to_lowercase();
        let ordinary = lexicon.is_stopword(&lower, lang)
            || lexicon.is_common_word(&lower, lang).unwrap_or(false);
        !ordinary
            || rules
                .iter()
                .any(|r| r.bytes.start < span.bytes.end && span.bytes.start < r.bytes.end)
    });
    for span in &mut spans {
        if span.kind == EntityKind::Person {
            // The rules' title detection applies when both found the same person.
            span.title = rules
                .iter()
                .find(|r| r.bytes.start < span.bytes.end && span.bytes.start < r.bytes.end)
                .and_then(|r| r.title.clone());
        }
    }
    spans
}

/// Runs of at least [`SHOUTED_RUN`] consecutive words written in capitals only.
fn shouted_runs(text: &str, tokens: &[Token]) -> Vec<std::ops::Range<usize>> {
    let is_shouted = |t: &Token| {
        let w = t.text(text);
        t.is_word && w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase)
    };
    let mut runs = Vec::new();
    let mut start = None;
    let mut words = 0;
    for (i, tok) in tokens.iter().enumerate() {
        if is_shouted(tok) {
            if start.is_none() {
                start = Some(i);
                words = 0;
            }
            words += 1;
        } else if tok.is_word {
            if let Some(s) = start.take() {
                if words >= SHOUTED_RUN {
                    runs.push(s..i);
                }
            }
        }
        // Punctuation neither breaks nor extends a run ("BREAKING: PUTIN").
    }
    if let Some(s) = start {
        if words >= SHOUTED_RUN {
            runs.push(s..tokens.len());
        }
    }
    runs
}

/// Words in capitals in a row that make a shouted line rather than an acronym or two.
const SHOUTED_RUN: usize = 4;

/// Spans of a BIO label sequence over `tokens`.
pub fn spans_of(tokens: &[Token], labels: &[usize]) -> Vec<NamedSpan> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityKind)> = None;
    let close = |out: &mut Vec<NamedSpan>, start: usize, end: usize, kind| {
        // A name starts and ends on a word: punctuation the model swept in ("Friday.") is not
        // part of it.
        let words = || (start..end).filter(|i| tokens.get(*i).is_some_and(|t| t.is_word));
        let (Some(first), Some(last)) = (words().next(), words().next_back()) else {
            return;
        };
        if let (Some(first), Some(last)) = (tokens.get(first), tokens.get(last)) {
            out.push(NamedSpan {
                bytes: first.bytes.start..last.bytes.end,
                kind,
                title: None,
            });
        }
    };
    for (i, &label) in labels.iter().enumerate() {
        let kind = label_kind(label);
        let continues = match (open, kind) {
            (Some((_, k)), Some(kind)) => !is_begin(label) && k == kind,
            _ => false,
        };
        if continues {
            continue;
        }
        if let Some((start, k)) = open.take() {
            close(&mut out, start, i, k);
        }
        if label != OUTSIDE {
            open = kind.map(|k| (i, k));
        }
    }
    if let Some((start, k)) = open {
        close(&mut out, start, labels.len(), k);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::perceptron::{label_index, Example, Trainer};

    #[test]
    fn bio_labels_become_spans() {
        let text = "Jean Dupont vit à Lyon";
        let tokens = tokenize(text);
        let labels: Vec<usize> = ["B-PER", "I-PER", "O", "O", "B-LOC"]
            .iter()
            .map(|t| label_index(t))
            .collect();
        let spans = spans_of(&tokens, &labels);
        let found: Vec<(&str, EntityKind)> = spans
            .iter()
            .map(|s| (&text[s.bytes.clone()], s.kind))
            .collect();
        assert_eq!(
            found,
            vec![
                ("Jean Dupont", EntityKind::Person),
                ("Lyon", EntityKind::Location)
            ]
        );
        // Two B- in a row are two names; a stray I- after O still opens one.
        let labels: Vec<usize> = ["B-PER", "B-PER", "O", "O", "I-LOC"]
            .iter()
            .map(|t| label_index(t))
            .collect();
        assert_eq!(spans_of(&tokens, &labels).len(), 3);
    }

    /// A tiny model trained on sentences written here tags a held-out sentence built from
    /// the same patterns with new names.
    #[test]
    fn tiny_trained_model_tags_a_held_out_sentence() {
        let train: &[(&str, &[&str])] = &[
            (
                "Hier , Marc Lenoir a visité Brest .",
                &["O", "O", "B-PER", "I-PER", "O", "O", "B-LOC", "O"],
            ),
            (
                "Hier , Paul Mercier a visité Rennes .",
                &["O", "O", "B-PER", "I-PER", "O", "O", "B-LOC", "O"],
            ),
            (
                "Demain , Anne Girard a visité Nantes .",
                &["O", "O", "B-PER", "I-PER", "O", "O", "B-LOC", "O"],
            ),
            (
                "Le maire a visité Quimper hier .",
                &["O", "O", "O", "O", "B-LOC", "O", "O"],
            ),
            (
                "Sophie Bernard a visité Vannes .",
                &["B-PER", "I-PER", "O", "O", "B-LOC", "O"],
            ),
        ];
        let bits = 16;
        let examples: Vec<Example> = train
            .iter()
            .map(|(text, tags)| {
                let tokens = tokenize(text);
                assert_eq!(tokens.len(), tags.len(), "{text}");
                let rules = recognize_rules(text, Some("fr"));
                let feats = token_features(
                    text,
                    &tokens,
                    &rule_labels(&tokens, &rules),
                    Some("fr"),
                    bits,
                );
                Example {
                    tokens: feats,
                    gold: tags.iter().map(|t| label_index(t)).collect(),
                }
            })
            .collect();
        let mut trainer = Trainer::new(bits);
        for _ in 0..10 {
            for e in &examples {
                trainer.train_sentence(e);
            }
        }
        let model = trainer.finish();
        let text = "Hier , Claire Morel a visité Lorient .";
        let rules = recognize_rules(text, Some("fr"));
        let found: Vec<(String, EntityKind)> = tag_with(&model, text, Some("fr"), &rules)
            .into_iter()
            .map(|s| (text[s.bytes].to_string(), s.kind))
            .collect();
        assert_eq!(
            found,
            vec![
                ("Claire Morel".to_string(), EntityKind::Person),
                ("Lorient".to_string(), EntityKind::Location)
            ]
        );
    }

    #[test]
    fn shouted_lines_are_found_but_acronyms_are_not() {
        let text = "BREAKING: PUTIN MEETS LUKASHENKO IN MINSK\nThe EU and NATO met in Brussels.";
        let tokens = tokenize(text);
        let runs = shouted_runs(text, &tokens);
        assert_eq!(runs.len(), 1);
        let covered: Vec<&str> = tokens[runs[0].clone()]
            .iter()
            .map(|t| t.text(text))
            .collect();
        assert_eq!(covered.first(), Some(&"BREAKING"));
        assert_eq!(covered.last(), Some(&"MINSK"));
        // Shouted text keeps the rules' decision whatever the model would say.
        let rules = recognize_rules(text, Some("en"));
        let tagged = recognize(text, Some("en"));
        let in_headline = |spans: &[NamedSpan]| -> Vec<std::ops::Range<usize>> {
            spans
                .iter()
                .filter(|s| s.bytes.end <= text.find('\n').unwrap_or(0))
                .map(|s| s.bytes.clone())
                .collect()
        };
        assert_eq!(in_headline(&tagged), in_headline(&rules));
    }

    #[test]
    fn shipped_models_decode() {
        for lang in model_languages() {
            assert!(
                model_for(Some(lang)).is_some(),
                "model {lang} does not decode"
            );
        }
        assert!(model_for(None).is_none());
    }

    #[test]
    fn shipped_models_keep_canonical_identities() {
        let text = "President Vladimir Putin met Alexander Lukashenko in Minsk on Friday, \
                    while Kyiv waited for news from Bakhmut.";
        let entities = crate::entities::entities_of(text, Some("en"));
        let ids: Vec<&str> = entities.iter().map(|e| e.id.as_str()).collect();
        assert!(ids.contains(&"person:vladimir-putin"), "{ids:?}");
        assert!(ids.contains(&"person:alexander-lukashenko"), "{ids:?}");
        let de = crate::entities::entities_of(
            "Wladimir Putin und Alexander Lukaschenko trafen sich am Freitag in Minsk.",
            Some("de"),
        );
        let de_ids: Vec<&str> = de.iter().map(|e| e.id.as_str()).collect();
        assert!(de_ids.contains(&"person:vladimir-putin"), "{de_ids:?}");
    }

    #[test]
    fn ordinary_words_opening_a_sentence_are_not_names() {
        let text = "The wreck was found off Sète on Friday.\n\nDiving is banned within 500 metres \
                    of the site. Flooding closed the road to Grenoble.";
        let names: Vec<&str> = recognize(text, Some("en"))
            .into_iter()
            .filter_map(|span| text.get(span.bytes))
            .collect();
        assert!(!names.contains(&"Diving"), "{names:?}");
        assert!(!names.contains(&"Flooding"), "{names:?}");
        assert!(names.contains(&"Sète"), "{names:?}");
        assert!(names.contains(&"Grenoble"), "{names:?}");
        assert!(names.iter().all(|n| !n.ends_with('.')), "{names:?}");
    }

    proptest::proptest! {
        #[test]
        fn model_spans_stay_on_char_boundaries(text in "(\\PC|\n){0,200}", german in proptest::bool::ANY) {
            let lang = if german { "de" } else { "en" };
            for span in recognize(&text, Some(lang)) {
                proptest::prop_assert!(span.bytes.start < span.bytes.end);
                let surface = text.get(span.bytes.clone());
                proptest::prop_assert!(surface.is_some());
                // The model never continues a name across a line break.
                proptest::prop_assert!(!surface.unwrap_or("").contains('\n'));
            }
        }
    }
}
