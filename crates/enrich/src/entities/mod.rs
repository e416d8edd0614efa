//! Named entities with canonical cross-lingual identities.
//!
//! [`extract`] recognises names in `Document::text` ([`recognize()`]: the rules of
//! [`recognize`](mod@recognize), refined by the trained tagger of [`tagger`] for languages that
//! ship a model), then gives each a canonical identity:
//! * names listed in the alias table (`data/aliases/entities.tsv`) take its canonical name and
//!   id, whatever the language or transliteration ("Poutine", "Путин" → `person:vladimir-putin`);
//! * locations take the gazetteer's preferred name ("Kiev", "Київ" → Kyiv);
//! * other names are grouped within the document: spellings with the same transliteration
//!   key are one entity ("Zelenskyy" / "Zelenskiy"), a lone surname joins the full name that
//!   ends with it ("Loukachenko" → "Alexandre Loukachenko"), and the longest form is canonical.
//!
//! Titles written next to a person ("le porte-parole du Kremlin") are kept on the mention.

pub mod features;
pub mod identity;
pub mod lexicon;
pub mod perceptron;
pub mod recognize;
pub mod tagger;
pub mod tokens;

use ahash::{AHashMap as HashMap, AHashSet as HashSet};

use veille_model::{CharOffsets, Document, Entity, EntityKind, Mention, Span};

use crate::places;
pub use recognize::NamedSpan;
pub use tagger::recognize;

use identity::{kind_prefix, match_key, slug, AliasTable, KnownEntity};

/// One entity being assembled.
#[derive(Debug)]
struct Cluster {
    kind: EntityKind,
    known: Option<KnownEntity>,
    /// Longest surface seen (canonical when not known).
    longest: String,
    /// Matching keys of every surface.
    keys: HashSet<String>,
    /// Matching key of the last word of multi-word surfaces (surnames).
    surname_keys: HashSet<String>,
    mentions: Vec<Mention>,
}

impl Cluster {
    fn new(kind: EntityKind, known: Option<KnownEntity>) -> Cluster {
        Cluster {
            kind,
            known,
            longest: String::new(),
            keys: HashSet::new(),
            surname_keys: HashSet::new(),
            mentions: Vec::new(),
        }
    }

    fn add(&mut self, mention: Mention) {
        let key = match_key(&mention.text);
        let word_count = mention.text.split_whitespace().count();
        if word_count > 1 {
            if let Some(last) = key.rsplit(' ').next() {
                self.surname_keys.insert(last.to_string());
            }
        }
        if word_count > self.longest.split_whitespace().count()
            || (word_count == self.longest.split_whitespace().count()
                && mention.text.len() > self.longest.len())
        {
            self.longest = mention.text.clone();
        }
        self.keys.insert(key);
        self.mentions.push(mention);
    }
}

/// Loads every data file the recogniser and the gazetteer use, so that the first document
/// (or a benchmark) does not pay for it.
pub fn warm_up() {
    let lex = lexicon::Lexicon::get();
    let _ = lex.is_common_word("warm", Some("en"));
    let _ = AliasTable::get();
    let _ = crate::places::gazetteer::Gazetteer::get();
    for lang in tagger::model_languages() {
        let _ = tagger::model_for(Some(lang));
    }
}

/// Fills `doc.entities`.
pub fn extract(doc: &mut Document) {
    let lang = doc.language.as_ref().map(|f| f.value.clone());
    doc.entities = entities_of(&doc.text, lang.as_deref());
}

/// Entities of a text, in order of first mention.
pub fn entities_of(text: &str, lang: Option<&str>) -> Vec<Entity> {
    let spans = recognize(text, lang);
    let offsets = CharOffsets::new(text);
    let aliases = AliasTable::get();
    let mentions: Vec<(EntityKind, Mention)> = spans
        .iter()
        .filter_map(|s| {
            let surface = text.get(s.bytes.clone())?;
            let title = s
                .title
                .clone()
                .and_then(|r| text.get(r))
                .map(str::to_string);
            Some((
                s.kind,
                Mention {
                    text: surface.to_string(),
                    span: offsets.span(s.bytes.clone()),
                    title,
                },
            ))
        })
        .collect();

    // Countries named in the text steer the choice between same-named places.
    let countries = places::countries_in(
        mentions
            .iter()
            .filter(|(k, _)| *k == EntityKind::Location)
            .map(|(_, m)| m.text.as_str()),
    );

    let mut clusters: Vec<Cluster> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    // Pass 1: names listed in the alias table or the gazetteer, and multi-word names; pass 2:
    // single words, which may be surnames of names seen in pass 1.
    let mut deferred = Vec::new();
    for (kind, mention) in mentions {
        if let Some(known) = known_identity(aliases, kind, &mention.text, &countries) {
            let slot = *by_id.entry(known.id.clone()).or_insert_with(|| {
                clusters.push(Cluster::new(known.kind, Some(known.clone())));
                clusters.len() - 1
            });
            clusters[slot].add(mention);
        } else if mention.text.split_whitespace().count() > 1 {
            let key = match_key(&mention.text);
            let found = clusters
                .iter()
                .position(|c| c.kind == kind && c.keys.contains(&key));
            match found {
                Some(slot) => clusters[slot].add(mention),
                None => {
                    let mut cluster = Cluster::new(kind, None);
                    cluster.add(mention);
                    clusters.push(cluster);
                }
            }
        } else {
            deferred.push((kind, mention));
        }
    }
    for (kind, mention) in deferred {
        let key = match_key(&mention.text);
        // A surname joins the person whose full name ends with it, whatever type the
        // recogniser guessed for the lone word.
        let found = clusters
            .iter()
            .position(|c| c.kind == EntityKind::Person && c.surname_keys.contains(&key))
            .or_else(|| {
                clusters
                    .iter()
                    .position(|c| c.kind == kind && c.keys.contains(&key))
            });
        match found {
            Some(slot) => clusters[slot].add(mention),
            // A lone capitalised word the recogniser could not type is kept only when it links
            // to a name above.
            None if kind == EntityKind::Other => {}
            None => {
                let mut cluster = Cluster::new(kind, None);
                cluster.add(mention);
                clusters.push(cluster);
            }
        }
    }

    let mut entities: Vec<Entity> = Vec::new();
    let mut index_of: HashMap<String, usize> = HashMap::new();
    for cluster in clusters {
        let (id, canonical, known) = match &cluster.known {
            Some(k) => (k.id.clone(), k.canonical.clone(), true),
            None => (
                format!("{}:{}", kind_prefix(cluster.kind), slug(&cluster.longest)),
                cluster.longest.clone(),
                false,
            ),
        };
        let slot = *index_of.entry(id.clone()).or_insert_with(|| {
            entities.push(Entity {
                id,
                kind: cluster.kind,
                canonical,
                known,
                aliases: Vec::new(),
                mentions: Vec::new(),
            });
            entities.len() - 1
        });
        entities[slot].mentions.extend(cluster.mentions);
    }
    for entity in &mut entities {
        entity.mentions.sort_by_key(|m| (m.span.start, m.span.end));
        let mut seen = HashSet::new();
        entity.aliases = entity
            .mentions
            .iter()
            .filter(|m| seen.insert(m.text.clone()))
            .map(|m| m.text.clone())
            .collect();
    }
    entities.sort_by_key(|e| {
        e.mentions
            .first()
            .map(|m| m.span.start)
            .unwrap_or(usize::MAX)
    });
    entities
}

/// Identity from the alias table (whole name, or the surname of a listed person), or from the
/// gazetteer for locations.
fn known_identity(
    aliases: &AliasTable,
    kind: EntityKind,
    surface: &str,
    countries: &HashSet<String>,
) -> Option<KnownEntity> {
    if let Some(known) = aliases.lookup(surface) {
        return Some(known.clone());
    }
    if kind == EntityKind::Person {
        let last = surface.split_whitespace().last()?;
        if last != surface {
            if let Some(known) = aliases
                .lookup(last)
                .filter(|k| k.kind == EntityKind::Person)
            {
                return Some(known.clone());
            }
        }
    }
    if kind == EntityKind::Location {
        let resolved = places::resolve(surface, countries)?;
        return Some(KnownEntity {
            id: format!("location:{}", slug(&resolved.place.name)),
            kind: EntityKind::Location,
            canonical: resolved.place.name.clone(),
        });
    }
    None
}

/// Character span helper for callers that map entities back to text.
pub fn span_text(text: &str, span: Span) -> String {
    text.chars()
        .skip(span.start)
        .take(span.end.saturating_sub(span.start))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn find<'a>(entities: &'a [Entity], id: &str) -> Option<&'a Entity> {
        entities.iter().find(|e| e.id == id)
    }

    #[test]
    fn poutine_and_putin_are_one_person() {
        let fr = entities_of(
            "Vladimir Poutine a rencontré le dirigeant chinois. Poutine a souri.",
            Some("fr"),
        );
        let en = entities_of("President Putin spoke on Tuesday.", Some("en"));
        let ru = entities_of("Владимир Путин заявил об этом в среду.", Some("ru"));
        for ents in [&fr, &en, &ru] {
            let putin = find(ents, "person:vladimir-putin").expect("putin");
            assert_eq!(putin.canonical, "Vladimir Putin");
            assert!(putin.known);
        }
        assert_eq!(
            find(&fr, "person:vladimir-putin").map(|e| e.mentions.len()),
            Some(2)
        );
    }

    #[test]
    fn zelensky_spellings_merge_within_a_document() {
        let text = "Volodymyr Zelenskyy met reporters in Kyiv. Later, Zelensky said the talks were over, and Zelenskiy left.";
        let ents = entities_of(text, Some("en"));
        let z: Vec<&Entity> = ents
            .iter()
            .filter(|e| e.canonical.contains("Zelensk"))
            .collect();
        assert_eq!(z.len(), 1, "{ents:#?}");
        assert_eq!(z[0].mentions.len(), 3);
    }

    #[test]
    fn unknown_surname_links_to_full_name() {
        let text = "Le maire, Jean-Baptiste Kowalczyk, a inauguré le pont. Selon Kowalczyk, les travaux ont duré deux ans.";
        let ents = entities_of(text, Some("fr"));
        let k = ents
            .iter()
            .find(|e| e.canonical == "Jean-Baptiste Kowalczyk")
            .expect("full name");
        assert_eq!(k.kind, EntityKind::Person);
        assert_eq!(k.mentions.len(), 2, "{ents:#?}");
        assert!(!k.known);
        assert_eq!(k.id, "person:jean-baptiste-kowalczyk");
    }

    #[test]
    fn surname_of_listed_person_links() {
        let text = "Alexandre Loukachenko a parlé à Minsk. Loukachenko a ajouté que la Biélorussie resterait neutre.";
        let ents = entities_of(text, Some("fr"));
        let l = find(&ents, "person:alexander-lukashenko").expect("lukashenko");
        assert_eq!(l.mentions.len(), 2);
        assert_eq!(
            l.aliases,
            vec![
                "Alexandre Loukachenko".to_string(),
                "Loukachenko".to_string()
            ]
        );
        assert!(find(&ents, "location:minsk").is_some(), "{ents:#?}");
        assert!(find(&ents, "location:belarus").is_some(), "{ents:#?}");
    }

    #[test]
    fn kiev_and_kyiv_are_one_place() {
        let text = "Die Delegation reiste von Kiew nach Lwiw. In Kyiv, officials waited.";
        let ents = entities_of(text, None);
        let kyiv = find(&ents, "location:kyiv").expect("kyiv");
        assert_eq!(kyiv.mentions.len(), 2, "{ents:#?}");
    }

    #[test]
    fn spanish_and_german_sentences() {
        let es = entities_of(
            "El presidente Vladímir Putin habló con Pedro Sánchez en Madrid.",
            Some("es"),
        );
        assert!(find(&es, "person:vladimir-putin").is_some(), "{es:#?}");
        assert!(find(&es, "person:pedro-sanchez").is_some(), "{es:#?}");
        assert!(find(&es, "location:madrid").is_some(), "{es:#?}");
        let de = entities_of(
            "Wolodymyr Selenskyj traf Olaf Scholz in Berlin.",
            Some("de"),
        );
        assert!(find(&de, "person:volodymyr-zelensky").is_some(), "{de:#?}");
        assert!(find(&de, "location:berlin").is_some(), "{de:#?}");
    }

    #[test]
    fn mention_spans_are_character_offsets() {
        let text = "« Élysée » : Emmanuel Macron reçoit à l'Élysée.";
        for entity in entities_of(text, Some("fr")) {
            for m in &entity.mentions {
                assert_eq!(span_text(text, m.span), m.text);
            }
        }
    }

    proptest! {
        #[test]
        fn never_panics_and_spans_match(text in "\\PC{0,200}") {
            for entity in entities_of(&text, None) {
                for m in &entity.mentions {
                    prop_assert!(m.span.start <= m.span.end);
                    prop_assert_eq!(span_text(&text, m.span), m.text.clone());
                }
            }
        }

        #[test]
        fn never_panics_on_name_like_text(words in proptest::collection::vec("[A-ZÉК][a-zéк'’-]{0,8}|de|of|,|\\.|l'|M\\.", 0..30)) {
            let text = words.join(" ");
            let _ = entities_of(&text, Some("fr"));
        }
    }
}
