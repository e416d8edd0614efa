//! Quote finding and attribution on self-written sentences.

use super::*;

fn one(text: &str, lang: &str) -> Quote {
    let quotes = find(text, lang);
    assert_eq!(quotes.len(), 1, "{quotes:?}");
    quotes.into_iter().next().expect("one quote")
}

#[test]
fn speaker_after_the_quote_fr() {
    let quote = one(
        "« Nous ne céderons rien », a déclaré Marie Dupont lors de la réunion.",
        "fr",
    );
    assert_eq!(quote.text, "Nous ne céderons rien");
    assert_eq!(quote.speaker.as_deref(), Some("Marie Dupont"));
    assert_eq!(quote.verb.as_deref(), Some("a déclaré"));
    assert!(quote.direct);
}

#[test]
fn speaker_before_the_quote_en() {
    let quote = one(
        "Mayor John Carter said: \"The bridge will reopen next spring.\"",
        "en",
    );
    // Titles in front of the name are left out of the speaker.
    assert_eq!(quote.speaker.as_deref(), Some("John Carter"));
}

#[test]
fn inverted_verb_resolves_to_last_named_speaker() {
    let text =
        "« Le marché est fragile », a averti Paul Martin. « Il faut agir vite », a-t-il ajouté.";
    let quotes = find(text, "fr");
    assert_eq!(quotes.len(), 2);
    assert_eq!(quotes[1].speaker.as_deref(), Some("Paul Martin"));
    assert_eq!(quotes[1].verb.as_deref(), Some("a-t-il ajouté"));
}

#[test]
fn english_pronoun_after_quote() {
    let text = "\"Prices are falling,\" said Ana Lopez. \"We expect more cuts,\" she added.";
    let quotes = find(text, "en");
    assert_eq!(quotes[0].speaker.as_deref(), Some("Ana Lopez"));
    assert_eq!(quotes[1].speaker.as_deref(), Some("Ana Lopez"));
}

#[test]
fn german_and_spanish_quotes() {
    let de = one(
        "„Wir bleiben standhaft“, sagte Klaus Weber am Montag.",
        "de",
    );
    assert_eq!(de.speaker.as_deref(), Some("Klaus Weber"));
    let es = one(
        "«La situación es grave», dijo Lucía Romero en Madrid.",
        "es",
    );
    assert_eq!(es.speaker.as_deref(), Some("Lucía Romero"));
}

#[test]
fn indirect_speech_is_marked() {
    let quote = one(
        "La ministre Claire Morel a déclaré que les écoles resteraient ouvertes.",
        "fr",
    );
    assert!(!quote.direct);
    assert_eq!(quote.text, "les écoles resteraient ouvertes");
    assert_eq!(quote.speaker.as_deref(), Some("Claire Morel"));
}

#[test]
fn unbalanced_machine_translated_quote_is_kept() {
    let text = "« Nous sommes inquiets des tensions le long de la frontière [of the union]principalement à l'ouest.\n\nAutre paragraphe.";
    let quote = one(text, "fr");
    assert!(quote.text.starts_with("Nous sommes inquiets"));
    assert!(!quote.text.contains("Autre paragraphe"));
}

#[test]
fn common_noun_speaker_after_verb() {
    let quote = one(
        "« Les travaux avancent », a indiqué le bureau du maire dans un communiqué.",
        "fr",
    );
    assert_eq!(quote.speaker.as_deref(), Some("le bureau du maire"));
}

#[test]
fn spans_are_character_offsets() {
    let text = "Élise a dit : « Ça va très bien ici ».";
    let quote = one(text, "fr");
    let chars: Vec<char> = text.chars().collect();
    let spanned: String = chars[quote.span.start..quote.span.end].iter().collect();
    assert_eq!(spanned, quote.text);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn never_panics_and_spans_fit(text in "(«|»|“|”|„|\"|—|-|a déclaré|said|que|that| |\n|[A-Za-zéÉ]{1,6}|,|\\.){0,40}") {
            let n_chars = text.chars().count();
            for quote in find(&text, "fr").into_iter().chain(find(&text, "en")) {
                prop_assert!(quote.span.start <= quote.span.end && quote.span.end <= n_chars);
            }
        }
    }
}

#[test]
fn organisation_speaker_and_incise() {
    let quote = one(
        "Le ministère italien de la Santé a déclaré que la campagne continuerait.",
        "fr",
    );
    assert_eq!(
        quote.speaker.as_deref(),
        Some("Le ministère italien de la Santé")
    );
    let incise = one("Les renforts sont arrivés, a annoncé samedi le ministère, pour une mission « strictement défensive ».", "fr");
    assert_eq!(incise.speaker.as_deref(), Some("le ministère"));
}

#[test]
fn following_quote_in_paragraph_keeps_speaker() {
    let text =
        "« Le pont tiendra », a assuré Jan Novak. « Les réparations avancent bien chaque jour.";
    let quotes = find(text, "fr");
    assert_eq!(quotes.len(), 2);
    assert_eq!(quotes[1].speaker.as_deref(), Some("Jan Novak"));
}

#[test]
fn attribution_does_not_cross_paragraphs() {
    let text = "« Nous tiendrons la ligne. »\n\nAnna Berg a déclaré lundi que rien n'était décidé.";
    let quotes = find(text, "fr");
    assert_eq!(quotes[0].text, "Nous tiendrons la ligne.");
    assert_eq!(quotes[0].speaker, None);
}
