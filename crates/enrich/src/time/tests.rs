//! Behaviour of the whole timex finder on self-written sentences.

use super::*;

fn anchor(y: i32, m: u32, d: u32) -> Option<Anchor> {
    Date::new(y, m, d).map(|date| Anchor {
        date,
        kind: AnchorKind::Published,
    })
}

fn values(text: &str, anchor: Option<Anchor>, lang: &str) -> Vec<(String, String)> {
    find(text, anchor, lang)
        .into_iter()
        .map(|t| (t.text, t.value))
        .collect()
}

fn pair(text: &str, value: &str) -> (String, String) {
    (text.to_string(), value.to_string())
}

#[test]
fn past_weekday_goes_back_future_goes_forward() {
    // Wednesday 14 June 2023.
    let found = values(
        "Le maire a inauguré la piscine lundi. Elle fermera samedi.",
        anchor(2023, 6, 14),
        "fr",
    );
    assert_eq!(
        found,
        [pair("lundi", "2023-06-12"), pair("samedi", "2023-06-17")]
    );
}

#[test]
fn date_without_year_takes_year_of_its_weekday() {
    // Published in January 2024: "dimanche 23 juillet" is 23 July 2023, a Sunday.
    let found = values(
        "La réunion a eu lieu le dimanche 23 juillet à Minsk.",
        anchor(2024, 1, 10),
        "fr",
    );
    assert_eq!(found, [pair("le dimanche 23 juillet", "2023-07-23")]);
}

#[test]
fn weekday_date_without_anchor_uses_year_hint() {
    let found = find_with_hint(
        "Ils se sont rencontrés dimanche 23 juillet.",
        None,
        Some(2022),
        "fr",
    );
    assert_eq!(found[0].value, "2023-07-23");
    assert_eq!(found[0].anchor, "inferred");
    let bare = find("Ils se sont rencontrés lundi.", None, "fr");
    assert_eq!(bare[0].value, "XXXX-WXX-1");
    assert_eq!(bare[0].anchor, "none");
}

#[test]
fn relative_expressions_in_french() {
    let found = values(
        "La semaine dernière, il a envoyé des troupes il y a près de huit mois. Hier soir, la police est arrivée.",
        anchor(2022, 10, 14),
        "fr",
    );
    assert_eq!(
        found,
        [
            pair("La semaine dernière", "2022-W40"),
            pair("il y a près de huit mois", "2022-02"),
            pair("Hier soir", "2022-10-13TEV")
        ]
    );
    let approx = find("il y a près de huit mois", anchor(2022, 10, 14), "fr");
    assert_eq!(approx[0].modifier.as_deref(), Some("APPROX"));
}

#[test]
fn durations_sets_and_decades() {
    let found = values(
        "Après dix-huit mois et plusieurs jours, chaque année depuis les années 90, 30,4 secondes.",
        anchor(2002, 9, 14),
        "fr",
    );
    assert_eq!(
        found,
        [
            pair("dix-huit mois", "P18M"),
            pair("plusieurs jours", "PXD"),
            pair("chaque année", "P1Y"),
            pair("les années 90", "199X"),
            pair("30,4 secondes", "PT30.4S"),
        ]
    );
}

#[test]
fn clock_times_take_the_day_of_their_sentence() {
    let found = values(
        "Le concert aura lieu samedi 29 mai à 20 h 30. Ouverture à 19h.",
        anchor(1999, 5, 26),
        "fr",
    );
    assert_eq!(
        found,
        [
            pair("samedi 29 mai", "1999-05-29"),
            pair("20 h 30", "1999-05-29T20:30"),
            pair("19h", "1999-05-29T19:00")
        ]
    );
}

#[test]
fn ranges_with_a_weekday_and_a_date() {
    // Monday 19 December 2022: the drills run from the coming Wednesday to 27 December.
    let found = values(
        "Moscou a annoncé des exercices qui se tiendront du mercredi au 27 décembre.",
        anchor(2022, 12, 19),
        "fr",
    );
    assert_eq!(
        found,
        [
            pair("mercredi", "2022-12-21"),
            pair("27 décembre", "2022-12-27")
        ]
    );
}

#[test]
fn english_expressions() {
    let found = values("Two years ago, on Friday, Oct. 25, 1996, shares rose 5% last week; they will meet next Monday.", anchor(1998, 10, 28), "en");
    assert_eq!(
        found,
        [
            pair("Two years ago", "1996"),
            pair("Friday, Oct. 25, 1996", "1996-10-25"),
            pair("last week", "1998-W43"),
            pair("next Monday", "1998-11-02"),
        ]
    );
}

#[test]
fn german_and_spanish_dates() {
    let de = values(
        "Am Sonntag, 23. Juli 2023, sagte er, vor zwei Jahren sei alles anders gewesen.",
        anchor(2023, 7, 24),
        "de",
    );
    assert_eq!(
        de,
        [
            pair("Sonntag, 23. Juli 2023", "2023-07-23"),
            pair("vor zwei Jahren", "2021")
        ]
    );
    let es = values(
        "El lunes dijo que hace tres meses llegó el 5 de mayo de 2023.",
        anchor(2023, 8, 2),
        "es",
    );
    assert_eq!(
        es,
        [
            pair("El lunes", "2023-07-31"),
            pair("hace tres meses", "2023-05"),
            pair("el 5 de mayo de 2023", "2023-05-05")
        ]
    );
}

#[test]
fn present_reference_when_detached() {
    let found = values(
        "Aujourd'hui, la ville a changé. Il se rend aujourd'hui à Paris.",
        anchor(2002, 9, 14),
        "fr",
    );
    assert_eq!(
        found,
        [
            pair("Aujourd'hui", "PRESENT_REF"),
            pair("aujourd'hui", "2002-09-14")
        ]
    );
}

#[test]
fn offsets_are_characters() {
    let text = "Déjà élu, l'été dernier il partait.";
    let found = find(text, anchor(2023, 11, 2), "fr");
    let chars: Vec<char> = text.chars().collect();
    let spanned: String = chars[found[0].span.start..found[0].span.end]
        .iter()
        .collect();
    assert_eq!(spanned, found[0].text);
    assert_eq!(found[0].value, "2023-SU");
}

#[test]
fn inferred_anchor_reads_captions() {
    let mut doc: Document = serde_json::from_value(serde_json::json!({
        "schema_version": 1, "id": "x", "input": {"path": "x"}, "format": "text", "encoding": "utf-8",
        "title": null, "subtitle": null, "published": null, "modified": null, "authors": null,
        "site_name": null, "url": null, "original_source": null, "language": null,
        "date_candidates": [], "text": "Le président a effectué une visite lundi.", "paragraphs": [],
        "captions": [{"text": "Les deux présidents à Minsk, le lundi 19 décembre 2022.", "credit": null}],
        "removed": [], "flags": [], "warnings": [], "entities": [], "times": [], "quotes": [],
        "claims": [], "places": []
    }))
    .expect("document fixture");
    extract(&mut doc);
    assert_eq!(doc.times.len(), 1);
    assert_eq!(doc.times[0].value, "2022-12-19");
    assert_eq!(doc.times[0].anchor, "inferred");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn never_panics_and_spans_fit(text in "([0-9]{1,4}|h|:|,|\\.|'|’|-| |\n|lundi|mai|hier|il y a|ans|mois|le|l'|an|prochain|dernier|années|Friday|May|ago|last|week|[a-zé]{1,5}){0,30}") {
            let n_chars = text.chars().count();
            for lang in ["fr", "en", "de", "es"] {
                for found in [find(&text, anchor(2020, 2, 29), lang), find(&text, None, lang)] {
                    for timex in found {
                        prop_assert!(timex.span.start < timex.span.end && timex.span.end <= n_chars);
                        prop_assert!(!timex.value.is_empty());
                    }
                }
            }
        }
    }
}

#[test]
fn english_span_conventions() {
    let found = find(
        "They met about 10:35 a.m. last November. The Aug. 7 vote came later.",
        anchor(1998, 10, 28),
        "en",
    );
    let got: Vec<(&str, &str, Option<&str>)> = found
        .iter()
        .map(|t| (t.text.as_str(), t.value.as_str(), t.modifier.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("10:35 a.m.", "1998-10-28T10:35", Some("APPROX")),
            ("last November", "1997-11", None),
            ("Aug. 7", "1998-08-07", None),
        ]
    );
}
