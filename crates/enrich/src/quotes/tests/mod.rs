//! Quote finding and attribution on self-written sentences: a few single checks here, and one
//! fixture file per language that goes through [`fixture::check`].

mod de;
mod en;
mod es;
mod fixture;
mod fr;

use super::*;

/// Prints the share of fixture quotes whose speaker is right, for the report (run with
/// `--nocapture`); every language's own test asserts that all of them are.
#[test]
fn fixture_speaker_accuracy() {
    let mut right = 0;
    let mut total = 0;
    for (lang, cases) in [
        ("fr", fr::CASES),
        ("en", en::CASES),
        ("de", de::CASES),
        ("es", es::CASES),
    ] {
        let (r, t, misses) = fixture::check(lang, cases);
        println!("{lang}: {r}/{t}");
        for miss in misses {
            println!("  {miss}");
        }
        right += r;
        total += t;
    }
    println!("all: {right}/{total}");
    assert!(total > 0);
}

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
        fn never_panics_and_spans_fit(text in "(«|»|“|”|„|\"|—|–|-|a déclaré|a-t-il|said|sagte|dijo|selon|según|laut|according to|que|that|dass|qui|who|der|,|:|\\.|[0-9]{1,3}| |\n|\n\n|[A-Za-zéÉ]{1,6}){0,60}") {
            let n_chars = text.chars().count();
            for lang in ["fr", "en", "de", "es", "xx"] {
                for quote in find(&text, lang) {
                    prop_assert!(quote.span.start <= quote.span.end && quote.span.end <= n_chars);
                    let spanned: String = text
                        .chars()
                        .skip(quote.span.start)
                        .take(quote.span.end - quote.span.start)
                        .collect();
                    prop_assert_eq!(&spanned, &quote.text);
                    prop_assert!(quote.text.chars().any(char::is_alphabetic));
                    if let Some(span) = quote.speaker_span {
                        prop_assert!(span.start <= span.end && span.end <= n_chars);
                    }
                    prop_assert_eq!(quote.speaker.is_some(), quote.speaker_span.is_some());
                }
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
    let incise = find("Les renforts sont arrivés, a annoncé samedi le ministère, pour une mission « strictement défensive ».", "fr");
    // The incise names the speaker of the reported clause before it and of the quote after it.
    assert_eq!(incise.len(), 2, "{incise:?}");
    assert!(!incise[0].direct);
    assert_eq!(incise[0].text, "Les renforts sont arrivés");
    assert!(incise[1].direct);
    assert!(incise
        .iter()
        .all(|q| q.speaker.as_deref() == Some("le ministère")));
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

#[test]
fn dialogue_reporting_someone_else_keeps_its_words() {
    let quotes = find("— Hier, Marc a dit que tu viendrais ce soir.", "fr");
    let dash = quotes.iter().find(|q| q.direct).expect("the dash line");
    assert_eq!(dash.text, "Hier, Marc a dit que tu viendrais ce soir.");
    assert_eq!(dash.speaker, None);
}

#[test]
fn no_quote_is_empty() {
    let text = "Die Lage ist ernst.\n\n„, sagte er. Es gebe keinen Plan für den Winter.";
    for quote in find(text, "de") {
        assert!(quote.text.chars().any(char::is_alphabetic), "{quote:?}");
    }
}

#[test]
fn plain_narration_holds_no_quotes() {
    for (lang, text) in [
        (
            "fr",
            "La mairie a écarté l'hypothèse selon laquelle la digue était trop vieille.",
        ),
        (
            "fr",
            "Il est reparti après que la réunion a commencé, puis il a dîné.",
        ),
        (
            "en",
            "The council met after the mayor resigned, and the vote was delayed.",
        ),
        (
            "de",
            "Die Brücke wurde gesperrt, weil das Wetter schlecht war.",
        ),
        ("de", "Die Straße wurde gesperrt, so dass niemand durchkam."),
        (
            "fr",
            "Les boîtes seront triées selon les consignes du centre de tri régional.",
        ),
        (
            "es",
            "La ley, según la cual los precios bajarán, entró en vigor.",
        ),
    ] {
        let quotes = find(text, lang);
        assert!(quotes.is_empty(), "{lang}: {quotes:?}");
    }
}
