//! How the rows of one stored document are written inside a batch's transaction: the
//! article, its sighting, and the linker's update (features, links, stories).

use rusqlite::{params, Transaction};
use veille_model::{LinkKind, LinkUpdate, Sighting};

use crate::codec::compress_document;
use crate::index;
use crate::IngestItem;

fn link_kind_name(kind: LinkKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| format!("{kind:?}"))
}

fn encode<T: serde::Serialize>(value: &T) -> String {
    // Model types serialise infallibly (no maps with non-string keys, no custom impls).
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}

/// Writes one new article and its sighting.
pub(super) fn insert_article(
    tx: &Transaction<'_>,
    seq: u64,
    item: &IngestItem,
    document_changed: bool,
) -> rusqlite::Result<()> {
    let doc = &item.document;
    let site = doc.site_name.as_ref().map(|s| s.value.clone()).or_else(|| {
        index::document_url(doc)
            .and_then(index::host_of)
            .map(str::to_string)
    });
    tx.prepare_cached(
        "INSERT INTO articles (id, seq, title, published, site, language, url, first_seen, document) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        doc.id,
        seq as i64,
        doc.title.as_ref().map(|t| &t.value),
        doc.published.as_ref().map(|p| &p.value),
        site,
        index::language_code(doc),
        index::document_url(doc),
        item.sighting.ingested_at,
        match &item.encoded {
            Some(encoded) if !document_changed => std::borrow::Cow::Borrowed(encoded.as_slice()),
            _ => std::borrow::Cow::Owned(compress_document(doc)),
        },
    ])?;
    Ok(())
}

/// Adds a sighting unless the same place was already recorded; true when it was added.
pub(super) fn insert_sighting(
    tx: &Transaction<'_>,
    doc_id: &str,
    sighting: &Sighting,
) -> rusqlite::Result<bool> {
    let changed = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO sightings (doc_id, locator, site, published, ingested_at) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            doc_id,
            sighting.locator,
            sighting.site,
            sighting.published,
            sighting.ingested_at
        ])?;
    Ok(changed > 0)
}

/// Writes the linker's decisions about a new document.
pub(super) fn apply_link_update(
    tx: &Transaction<'_>,
    doc_id: &str,
    update: &LinkUpdate,
) -> rusqlite::Result<()> {
    if let Some(features) = &update.features {
        tx.prepare_cached("INSERT OR REPLACE INTO features (doc_id, data) VALUES (?1, ?2)")?
            .execute(params![doc_id, features])?;
    }
    for link in &update.links {
        tx.prepare_cached(
            "INSERT OR REPLACE INTO links (source, target, kind, score, evidence) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            link.source,
            link.target,
            link_kind_name(link.kind),
            f64::from(link.score),
            encode(&link.evidence),
        ])?;
    }
    for story_id in &update.removed_stories {
        tx.prepare_cached("DELETE FROM story_members WHERE story_id = ?1")?
            .execute([story_id])?;
        tx.prepare_cached("DELETE FROM stories WHERE id = ?1")?
            .execute([story_id])?;
    }
    for story in &update.stories {
        tx.prepare_cached(
            "INSERT INTO stories (id, title, first_seen, last_seen, n_members, story) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
             ON CONFLICT (id) DO UPDATE SET title = excluded.title, \
             first_seen = excluded.first_seen, last_seen = excluded.last_seen, \
             n_members = excluded.n_members, story = excluded.story",
        )?
        .execute(params![
            story.id,
            story.title,
            story.first_seen,
            story.last_seen,
            story.members.len() as i64,
            encode(story),
        ])?;
        // Stories grow one member at a time: touch only the rows that changed rather than
        // rewriting every membership on each update.
        let member_ids = encode(
            &story
                .members
                .iter()
                .map(|m| m.doc_id.as_str())
                .collect::<Vec<_>>(),
        );
        tx.prepare_cached(
            "DELETE FROM story_members WHERE story_id = ?1 \
             AND doc_id NOT IN (SELECT value FROM json_each(?2))",
        )?
        .execute(params![story.id, member_ids])?;
        for member in &story.members {
            tx.prepare_cached(
                "INSERT INTO story_members (story_id, doc_id, score) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (story_id, doc_id) DO UPDATE SET score = excluded.score \
                 WHERE score <> excluded.score",
            )?
            .execute(params![story.id, member.doc_id, f64::from(member.score)])?;
        }
    }
    Ok(())
}
