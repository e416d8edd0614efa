//! Builders for the store's tests: small documents written for these tests, in several
//! languages, and sightings.

#![allow(dead_code)]

use std::hash::{Hash, Hasher};

use veille_model::{Document, Field, InputRef, Sighting, SourceFormat};
use veille_store::IngestItem;

/// A document with the given title, body, language, publication date and site.
pub fn doc(
    title: &str,
    text: &str,
    language: Option<&str>,
    published: Option<&str>,
    site: Option<&str>,
) -> Document {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    title.hash(&mut hasher);
    let id = format!("{:016x}{:016x}", hasher.finish(), text.len());
    let field = |v: &str, source: &str| Field::new(v.to_string(), source, 0.9);
    Document {
        title: Some(field(title, "hint:jsonl")),
        published: published.map(|p| field(p, "hint:jsonl")),
        site_name: site.map(|s| field(s, "hint:jsonl")),
        language: language.map(|l| field(l, "hint:jsonl")),
        ..Document::new(
            id,
            InputRef {
                path: "fixture.jsonl".into(),
                record: Some(0),
                url: None,
                external_id: None,
            },
            SourceFormat::Jsonl,
            text.to_string(),
        )
    }
}

/// The document seen at `locator`.
pub fn item(document: &Document, locator: &str) -> IngestItem {
    IngestItem {
        sighting: Sighting {
            doc_id: document.id.clone(),
            locator: locator.to_string(),
            site: document.site_name.as_ref().map(|s| s.value.clone()),
            published: document.published.as_ref().map(|p| p.value.clone()),
            ingested_at: "2026-11-25T12:00:00Z".into(),
        },
        document: document.clone(),
        encoded: None,
    }
}

/// A small multilingual corpus: (key, document).
pub fn corpus() -> Vec<(&'static str, Document)> {
    vec![
        (
            "fr_farmers",
            doc(
                "Colère des agriculteurs devant la préfecture",
                "Plusieurs centaines d'agriculteurs manifestaient jeudi devant la préfecture de police \
                 de Rennes pour dénoncer la baisse des prix du lait.\n\nLes syndicats réclament une \
                 réunion avec le ministre avant la fin du mois.",
                Some("fr"),
                Some("2024-03-14T09:30:00+01:00"),
                Some("Ouest Matin"),
            ),
        ),
        (
            "fr_trains",
            doc(
                "Grève dans les transports régionaux",
                "La préfecture a publié une carte des lignes touchées. Selon la police, le trafic \
                 restera perturbé jusqu'à samedi sur les trains régionaux.",
                Some("fr"),
                Some("2024-03-16"),
                Some("Le Courrier du Soir"),
            ),
        ),
        (
            "en_talks",
            doc(
                "Ministers resume trade talks",
                "Trade ministers were negotiating late into the night on Tuesday, officials said, \
                 after a week of stalled meetings over steel tariffs.",
                Some("en"),
                Some("2024-03-12T22:00:00Z"),
                Some("Harbour Gazette"),
            ),
        ),
        (
            "de_talks",
            doc(
                "Verhandlungen über Stahlzölle gehen weiter",
                "Die Verhandlungen zwischen den Handelsministern dauerten bis in die Nacht. \
                 Beobachter erwarten eine Einigung über die Zölle noch in dieser Woche.",
                Some("de"),
                Some("2024-03-13"),
                Some("Rheinische Abendpost"),
            ),
        ),
        (
            "es_vote",
            doc(
                "Las elecciones municipales se adelantan",
                "El gobierno regional anunció que las elecciones municipales se celebrarán en mayo. \
                 Los partidos de la oposición criticaron la decisión.",
                Some("es"),
                Some("2024-04-02T08:00:00+02:00"),
                Some("Diario del Puerto"),
            ),
        ),
    ]
}
