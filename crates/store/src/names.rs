//! `known_names`: every name under which the archive has seen an entity or a place, folded
//! the way the index folds words, pointing at the identity (entity id, place key). Written with
//! each new article; read to expand a search filter's name into identities, so that
//! `--entity Poutine` also finds the English articles that write "Putin".

use rusqlite::{params, Connection, Transaction};
use tantivy::tokenizer::TextAnalyzer;
use veille_model::Document;

use crate::index::{place_key, plain_analyzer};
use crate::query::{Expansions, SearchQuery};

/// At most this many identities are looked up for one name: a name shared by more (a common
/// first name) says too little to expand on.
const MAX_NAME_TARGETS: usize = 32;

/// Folds names the way the index folds words (lower case, accents removed, punctuation
/// dropped), so that a name typed by a user meets the names stored in `known_names`.
pub struct NameFolder {
    analyzer: TextAnalyzer,
}

impl Default for NameFolder {
    fn default() -> Self {
        Self {
            analyzer: plain_analyzer(),
        }
    }
}

impl NameFolder {
    /// The folded words of `name`, joined by one space (empty when it has no word).
    pub fn fold(&mut self, name: &str) -> String {
        let mut stream = self.analyzer.token_stream(name);
        let mut out = String::with_capacity(name.len());
        while stream.advance() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&stream.token().text);
        }
        out
    }

    /// The (kind, folded name, target) rows of `known_names` for a document: every name of
    /// each entity (and the surname of each person's name) and every name of each place.
    pub fn known_names(&mut self, doc: &Document) -> Vec<(&'static str, String, String)> {
        let mut rows = Vec::new();
        for entity in &doc.entities {
            let names = std::iter::once(&entity.canonical).chain(&entity.aliases);
            for name in names {
                let folded = self.fold(name);
                // People are searched by surname ("Poutine" for "Vladimir Poutine").
                if entity.kind == veille_model::EntityKind::Person {
                    if let Some((_, surname)) = folded.rsplit_once(' ') {
                        if surname.chars().count() >= 3 {
                            rows.push(("entity", surname.to_string(), entity.id.clone()));
                        }
                    }
                }
                rows.push(("entity", folded, entity.id.clone()));
            }
        }
        for place in &doc.places {
            let key = place_key(place);
            let names = std::iter::once(place.name.as_str())
                .chain(place.mentions.iter().map(|m| m.text.as_str()));
            for name in names {
                rows.push(("place", self.fold(name), key.clone()));
            }
        }
        rows.retain(|(_, name, _)| !name.is_empty());
        rows.sort();
        rows.dedup();
        rows
    }
}

/// Records every name of the document's entities and places.
pub fn insert(
    tx: &Transaction<'_>,
    folder: &mut NameFolder,
    doc: &Document,
) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT OR IGNORE INTO known_names (kind, name, target) VALUES (?1, ?2, ?3)",
    )?;
    for (kind, name, target) in folder.known_names(doc) {
        stmt.execute(params![kind, name, target])?;
    }
    Ok(())
}

/// Records the names of many documents in one transaction.
pub fn insert_all<'a>(
    conn: &mut Connection,
    docs: impl Iterator<Item = &'a Document>,
) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    let mut folder = NameFolder::default();
    for doc in docs {
        insert(&tx, &mut folder, doc)?;
    }
    tx.commit()
}

/// Entity ids (`kind` = `entity`) or place keys (`place`) known under a folded name.
pub fn targets(conn: &Connection, kind: &str, name: &str) -> rusqlite::Result<Vec<String>> {
    if name.is_empty() {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare_cached(
        "SELECT target FROM known_names WHERE kind = ?1 AND name = ?2 ORDER BY target LIMIT ?3",
    )?;
    let rows = stmt.query_map(params![kind, name, MAX_NAME_TARGETS as i64], |row| {
        row.get::<_, String>(0)
    })?;
    rows.collect()
}

/// The identities the names of a search's filters stand for: `--entity` and `--speaker` names
/// become entity ids, `--place` names place keys. A name typed as an id
/// (`person:vladimir-putin`) stands for itself.
pub fn expand(conn: &Connection, request: &SearchQuery) -> rusqlite::Result<Expansions> {
    let mut folder = NameFolder::default();
    let mut lookup = |kind: &str, name: &Option<String>| -> rusqlite::Result<Vec<String>> {
        let Some(name) = name else {
            return Ok(Vec::new());
        };
        let mut ids = targets(conn, kind, &folder.fold(name))?;
        if kind == "entity" && name.contains(':') {
            ids.push(name.trim().to_lowercase());
        }
        Ok(ids)
    };
    Ok(Expansions {
        entity_ids: lookup("entity", &request.entity)?,
        place_ids: lookup("place", &request.place)?,
        speaker_ids: lookup("entity", &request.speaker)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_names_fold_every_name_and_add_surnames_of_people_only() {
        use veille_model::{Entity, EntityKind, InputRef, Mention, Place, SourceFormat, Span};
        let mention = |text: &str| Mention {
            text: text.into(),
            span: Span { start: 0, end: 1 },
            title: None,
        };
        let mut doc = Document::new("d", InputRef::default(), SourceFormat::Text, "texte");
        doc.entities.push(Entity {
            id: "person:vladimir-putin".into(),
            kind: EntityKind::Person,
            canonical: "Vladimir Putin".into(),
            known: true,
            aliases: vec!["Vladimir Poutine".into()],
            mentions: vec![mention("Vladimir Poutine")],
        });
        doc.entities.push(Entity {
            id: "organization:banque-de-france".into(),
            kind: EntityKind::Organization,
            canonical: "Banque de France".into(),
            known: false,
            aliases: vec!["Banque de France".into()],
            mentions: Vec::new(),
        });
        doc.places.push(Place {
            name: "Montreal".into(),
            kind: "city".into(),
            geonames_id: None,
            country_code: Some("CA".into()),
            latitude: None,
            longitude: None,
            confidence: 0.8,
            mentions: vec![mention("Montréal")],
        });
        let rows = NameFolder::default().known_names(&doc);
        let has = |kind: &str, name: &str, target: &str| {
            rows.iter()
                .any(|(k, n, t)| *k == kind && n == name && t == target)
        };
        assert!(has("entity", "vladimir putin", "person:vladimir-putin"));
        assert!(has("entity", "poutine", "person:vladimir-putin"));
        assert!(has(
            "entity",
            "banque de france",
            "organization:banque-de-france"
        ));
        assert!(!has("entity", "france", "organization:banque-de-france"));
        assert!(has("place", "montreal", "name:montreal"), "{rows:?}");
        assert_eq!(rows.len(), 6, "each row once: {rows:?}");
    }
}
