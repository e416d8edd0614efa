//! Spans and meanings the grammar reads from self-written sentences.

use super::*;
use crate::time::lexicon::{for_language, tokenize};

fn meanings(text: &str, lang: &str) -> Vec<(String, Meaning)> {
    let tokens = tokenize(text);
    scan(text, &tokens, for_language(lang), lang)
        .into_iter()
        .map(|c| {
            (
                text[tokens[c.start].start..tokens[c.end - 1].end].to_string(),
                c.meaning,
            )
        })
        .collect()
}

#[test]
fn spans_keep_articles_and_drop_prepositions() {
    let found = meanings("Il viendra le 30 juin, depuis 1998 et l'an prochain.", "fr");
    let spans: Vec<&str> = found.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(spans, ["le 30 juin", "1998", "l'an prochain"]);
}

#[test]
fn ranges_give_two_dates() {
    let found = meanings("du 19 au 23 juillet", "fr");
    assert_eq!(found.len(), 2);
    assert!(matches!(
        found[0].1,
        Meaning::Calendar {
            day: Some(19),
            month: 7,
            ..
        }
    ));
}

#[test]
fn ages_are_not_durations() {
    assert!(meanings("Pierre Martin, 87 ans, a été blessé", "fr").is_empty());
    assert_eq!(meanings("condamné à 10 ans de prison", "fr").len(), 1);
    assert!(meanings("a 35-year-old man", "en").is_empty());
}

#[test]
fn modal_may_is_not_a_month() {
    assert!(meanings("They may come in force.", "en").is_empty());
    assert_eq!(meanings("It happened in May.", "en").len(), 1);
}

#[test]
fn participle_ete_is_not_summer() {
    assert!(meanings("Trois personnes ont été blessées.", "fr").is_empty());
    assert_eq!(meanings("La demande augmente en été.", "fr").len(), 1);
}
