//! Claims found in self-written sentences.

use super::*;

fn claims(text: &str, lang: &str) -> Vec<(String, f64, String, Option<String>)> {
    find(text, lang)
        .into_iter()
        .map(|c| (c.text, c.value, c.unit, c.counted))
        .collect()
}

#[test]
fn french_money_with_scale_words() {
    let found = claims(
        "Un programme de 725 millions de dollars porte l'aide à 18,3 milliards de dollars.",
        "fr",
    );
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].1, 725_000_000.0);
    assert_eq!(found[0].2, "USD");
    assert_eq!(found[1].1, 18_300_000_000.0);
}

#[test]
fn english_currency_sign_and_percent() {
    let found = claims(
        "The fund raised $4.5 billion, up 12% from the year before.",
        "en",
    );
    assert_eq!(found[0].1, 4_500_000_000.0);
    assert_eq!(found[0].2, "USD");
    assert_eq!(found[1].1, 12.0);
    assert_eq!(found[1].2, "percent");
}

#[test]
fn miles_get_metric_beside() {
    let found = find("The capital lies about 55 miles from the border.", "en");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].unit, "mi");
    let metric = found[0].metric.as_ref().expect("converted");
    assert_eq!(metric.unit, "km");
    assert!((metric.value - 88.5).abs() < 0.1);
    assert_eq!(
        found[0].sentence,
        "The capital lies about 55 miles from the border."
    );
}

#[test]
fn counts_with_number_words_and_state() {
    let found = claims(
        "Dans la région, trois personnes ont été blessées et neuf maisons endommagées.",
        "fr",
    );
    assert_eq!(found[0].1, 3.0);
    assert_eq!(found[0].3.as_deref(), Some("personnes blessées"));
    assert_eq!(found[1].3.as_deref(), Some("maisons"));
    let adjective = claims("On a entendu au moins quatre fortes explosions.", "fr");
    assert_eq!(adjective[0].3.as_deref(), Some("fortes explosions"));
    let en = claims("Twelve soldiers were wounded.", "en");
    assert_eq!(en[0].3.as_deref(), Some("soldiers wounded"));
}

#[test]
fn counts_named_things() {
    let found = claims("L'armée a reçu 250 Shaheds et 1 200 obus.", "fr");
    assert_eq!(found[0].3.as_deref(), Some("Shaheds"));
    assert_eq!(found[1].1, 1200.0);
}

#[test]
fn skips_years_dates_ordinals_and_model_names() {
    assert!(claims(
        "En 2019, le 23 juillet, sa 35e victoire avec le Su-24 à 14 h.",
        "fr"
    )
    .is_empty());
    assert!(claims("Il y a un homme.", "fr").is_empty());
}

#[test]
fn german_and_spanish_digits() {
    let de = claims("Die Hilfe beträgt 2,5 Mrd. Euro und 40 Prozent.", "de");
    assert_eq!(de[0].1, 2_500_000_000.0);
    assert_eq!(de[1].2, "percent");
    let es = claims(
        "Recorrieron 500 kilómetros con 3,5 millones de euros.",
        "es",
    );
    assert_eq!(es[0].2, "km");
    assert_eq!(es[1].1, 3_500_000.0);
    assert_eq!(es[1].2, "EUR");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn never_panics_and_spans_fit(text in "([0-9]{1,4}|,|\\.| |\u{a0}|millions|de|dollars|\\$|€|%|km|miles|trois|personnes|Su|-|[a-zé]{1,5}|\n){0,30}") {
            let n_chars = text.chars().count();
            for lang in ["fr", "en", "de", "es"] {
                for claim in find(&text, lang) {
                    prop_assert!(claim.span.start < claim.span.end && claim.span.end <= n_chars);
                    prop_assert!(claim.value.is_finite());
                }
            }
        }
    }
}
