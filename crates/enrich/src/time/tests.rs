//! Behaviour of the whole timex finder on self-written sentences.

use super::*;

fn anchor(y: i32, m: u32, d: u32) -> Option<Anchor> {
    Date::new(y, m, d).map(|date| Anchor { date, kind: AnchorKind::Published })
}

fn values(text: &str, anchor: Option<Anchor>, lang: &str) -> Vec<(String, String)> {
    find(text, anchor, lang).into_iter().map(|t| (t.text, t.value)).collect()
}

fn pair(text: &str, value: &str) -> (String, String) {
    (text.to_string(), value.to_string())
}

#[test]
fn past_weekday_goes_back_future_goes_forward() {
    // Wednesday 14 June 2023.
    let found = values("Le maire a inauguré la piscine lundi. Elle fermera samedi.", anchor(2023, 6, 14), "fr");
    assert_eq!(found, [pair("lundi", "2023-06-12"), pair("samedi", "2023-06-17")]);
}

