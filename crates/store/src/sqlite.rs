//! [`SqliteArchive`]: the archive on a local data directory, SQLite (WAL) as ground truth and
//! a tantivy index derived from it.
//!
//! Durability: `journal_mode=WAL` with `synchronous=FULL`. Each batch is one transaction, so
//! the fsync that FULL adds is paid once per batch, not per document; in exchange a power
//! loss cannot roll back a batch that was reported stored (NORMAL only guarantees that for
//! process crashes). The index is committed after SQLite and less often; opening the
//! archive re-indexes whatever SQLite holds beyond the index's recorded sequence number.

use std::path::{Path, PathBuf};

use rusqlite::types::Value;
use rusqlite::{params, Connection, ErrorCode, OptionalExtension, Transaction};
use veille_model::{Document, Link, LinkKind, LinkUpdate, Sighting, Story, TimeExpression};

use crate::codec::{compress_document, decode_document};
use crate::index::FullTextIndex;
use crate::layout::{self, DATABASE_FILE, INDEX_DIR};
use crate::migrations::{self, MigrationOutcome};
use crate::names::{self as known_names, NameFolder};

mod rows;

use rows::{apply_link_update, insert_article, insert_sighting};

/// SQLite's page cache per connection, in KiB.
const PAGE_CACHE_KIB: i64 = 64 * 1024;
/// WAL size, in pages, at which a commit copies it back into the database.
const WAL_CHECKPOINT_PAGES: i64 = 8_192;
use crate::query::{self, SearchHit, SearchQuery, SearchResults};
use crate::{
    Archive, ArchiveStats, IngestItem, IngestOutcome, LinkHook, Result, StoreError, StoredDocument,
};

/// The index is committed after this many new documents (and when the archive is closed):
/// a tantivy commit writes a segment, too costly per batch, and SQLite holds the truth anyway.
const INDEX_COMMIT_EVERY: usize = 20_000;

/// Page size when re-indexing from SQLite.
const REINDEX_PAGE: usize = 1_000;

/// How to open an archive.
#[derive(Debug, Clone, Copy)]
pub struct OpenOptions {
    /// Create the directory and the archive when missing.
    pub create: bool,
    /// Open for writing: takes the single-writer lock, applies migrations and brings the
    /// full-text index up to date.
    pub writable: bool,
}

impl OpenOptions {
    /// Open for writing, creating the archive when missing.
    pub fn write() -> Self {
        Self {
            create: true,
            writable: true,
        }
    }

    /// Open an existing archive for reading.
    pub fn read() -> Self {
        Self {
            create: false,
            writable: false,
        }
    }
}

/// The archive in one data directory.
pub struct SqliteArchive {
    dir: PathBuf,
    db_path: PathBuf,
    conn: Connection,
    index: FullTextIndex,
    writable: bool,
    /// Documents added to the index since its last commit.
    uncommitted: usize,
}

impl std::fmt::Debug for SqliteArchive {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteArchive")
            .field("dir", &self.dir)
            .field("writable", &self.writable)
            .finish()
    }
}

fn sql_error(db_path: &Path, source: rusqlite::Error) -> StoreError {
    if source.sqlite_error_code() == Some(ErrorCode::NotADatabase) {
        return StoreError::NotAnArchive {
            path: db_path.parent().unwrap_or(db_path).to_path_buf(),
            reason: format!("{DATABASE_FILE} is not a SQLite database"),
        };
    }
    StoreError::Sqlite {
        path: db_path.to_path_buf(),
        source,
    }
}

impl SqliteArchive {
    /// Opens the archive in `dir`. See [`OpenOptions`].
    pub fn open(dir: &Path, options: OpenOptions) -> Result<Self> {
        layout::prepare(dir, options.create)?;
        let db_path = dir.join(DATABASE_FILE);
        let sql = |e| sql_error(&db_path, e);
        let mut conn = Connection::open(&db_path).map_err(sql)?;
        conn.busy_timeout(std::time::Duration::from_secs(30))
            .map_err(sql)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(sql)?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(sql)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(sql)?;
        // A page cache of PAGE_CACHE_KIB instead of SQLite's 2 MB: ingest looks up every new
        // article's id and its story rows, and a small cache rereads the same pages from the
        // OS for every batch.
        conn.pragma_update(None, "cache_size", -PAGE_CACHE_KIB)
            .map_err(sql)?;
        // Checkpoint the WAL every WAL_CHECKPOINT_PAGES instead of 1,000: pages rewritten by
        // successive batches (index interior pages, story rows) are copied back once.
        conn.pragma_update(None, "wal_autocheckpoint", WAL_CHECKPOINT_PAGES)
            .map_err(sql)?;
        let too_new = |found| StoreError::TooNew {
            path: dir.to_path_buf(),
            what: "schema",
            found,
            supported: migrations::latest_version(),
        };
        let mut names_missing = false;
        if options.writable {
            let before = migrations::current_version(&conn).map_err(sql)?;
            if let MigrationOutcome::TooNew { found } =
                migrations::migrate(&mut conn).map_err(sql)?
            {
                return Err(too_new(found));
            }
            names_missing = before > 0 && before < migrations::KNOWN_NAMES_VERSION;
        } else {
            let found = migrations::current_version(&conn).map_err(sql)?;
            if found > migrations::latest_version() {
                return Err(too_new(found));
            }
            if found < migrations::latest_version() {
                return Err(StoreError::NotAnArchive {
                    path: dir.to_path_buf(),
                    reason: format!(
                        "schema version {found} needs an upgrade; run `veille ingest` once"
                    ),
                });
            }
        }
        let index = FullTextIndex::open(&dir.join(INDEX_DIR), options.writable)?;
        let mut archive = Self {
            dir: dir.to_path_buf(),
            db_path,
            conn,
            index,
            writable: options.writable,
            uncommitted: 0,
        };
        if names_missing {
            // An archive from before `known_names`: re-indexing reads every stored document
            // and fills the table on the way.
            tracing::info!("filling known_names from the stored documents");
            archive.index.clear()?;
        }
        if options.writable {
            archive.catch_up_index()?;
        }
        Ok(archive)
    }

    /// Opens an existing archive for searching: read-only when the index is up to date (the
    /// common case, and the cheapest), else for writing so that the index catches up first,
    /// falling back to read-only while another process writes.
    pub fn open_for_search(dir: &Path) -> Result<Self> {
        match Self::open(dir, OpenOptions::read()) {
            Ok(archive) if archive.index.committed_seq() >= archive.max_seq()? => {
                return Ok(archive)
            }
            // An outdated schema or an unusable index: the writable open repairs both.
            Ok(_) | Err(StoreError::NotAnArchive { .. }) => {}
            Err(other) => return Err(other),
        }
        let writable = OpenOptions {
            create: false,
            writable: true,
        };
        match Self::open(dir, writable) {
            Err(StoreError::Busy(_)) => Self::open(dir, OpenOptions::read()),
            other => other,
        }
    }

    /// Closes the archive, discarding index work not yet committed, exactly as a crash
    /// between the SQLite commit and the index commit would. The next writable open
    /// re-indexes from SQLite. Meant for recovery tests and tools.
    pub fn close_discarding_index_changes(mut self) -> Result<()> {
        self.index.rollback()?;
        self.uncommitted = 0;
        Ok(())
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn sql(&self, source: rusqlite::Error) -> StoreError {
        sql_error(&self.db_path, source)
    }

    /// An immediate (write-locking) transaction, refused on a read-only archive, with the
    /// database path for error messages (the transaction borrows the connection).
    fn write_transaction(&mut self) -> Result<(Transaction<'_>, PathBuf)> {
        if !self.writable {
            return Err(StoreError::ReadOnly);
        }
        let db_path = self.db_path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| sql_error(&db_path, e))?;
        Ok((tx, db_path))
    }

    /// Runs SQLite's `integrity_check`; an empty list means the database is sound.
    pub fn integrity_problems(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare("PRAGMA integrity_check")
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([], |row| row.get::<_, String>(0))
            .map_err(|e| self.sql(e))?;
        let mut problems = Vec::new();
        for row in rows {
            let row = row.map_err(|e| self.sql(e))?;
            if row != "ok" {
                problems.push(row);
            }
        }
        Ok(problems)
    }

    fn max_seq(&self) -> Result<u64> {
        self.conn
            .query_row("SELECT COALESCE(MAX(seq), 0) FROM articles", [], |row| {
                row.get::<_, i64>(0)
            })
            .map(|seq| seq.max(0) as u64)
            .map_err(|e| self.sql(e))
    }

    /// Indexes every article SQLite holds beyond the index's recorded sequence number. When
    /// the index claims more than SQLite holds (a database restored from a backup), the
    /// index is rebuilt from scratch.
    fn catch_up_index(&mut self) -> Result<()> {
        let max_seq = self.max_seq()?;
        if self.index.committed_seq() > max_seq {
            tracing::warn!(
                index_seq = self.index.committed_seq(),
                max_seq,
                "full-text index is ahead of the database, rebuilding it"
            );
            self.index.clear()?;
        }
        let mut after = self.index.committed_seq();
        if after >= max_seq {
            return Ok(());
        }
        tracing::info!(
            from = after,
            to = max_seq,
            "bringing the full-text index up to date"
        );
        loop {
            let page = self.article_rows_after(after, REINDEX_PAGE)?;
            let Some(last) = page.last().map(|(seq, _, _)| *seq) else {
                break;
            };
            // The names of re-indexed documents are (re)written too: inserting a known name
            // changes nothing, and this is how an upgraded archive fills `known_names`.
            known_names::insert_all(&mut self.conn, page.iter().map(|(_, _, doc)| doc))
                .map_err(|e| sql_error(&self.db_path, e))?;
            for (seq, first_seen, document) in &page {
                self.index.add(*seq, document, first_seen)?;
            }
            after = last;
        }
        self.index.commit()
    }

    fn article_rows_after(&self, after: u64, limit: usize) -> Result<Vec<(u64, String, Document)>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT seq, first_seen, id, document FROM articles WHERE seq > ?1 \
                 ORDER BY seq LIMIT ?2",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map(params![after as i64, limit as i64], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, Value>(3)?,
                ))
            })
            .map_err(|e| self.sql(e))?;
        let mut out = Vec::new();
        for row in rows {
            let (seq, first_seen, id, json) = row.map_err(|e| self.sql(e))?;
            out.push((seq.max(0) as u64, first_seen, decode_document(&id, json)?));
        }
        Ok(out)
    }
}

impl Archive for SqliteArchive {
    fn ingest_batch(
        &mut self,
        items: &mut [IngestItem],
        hook: &mut dyn LinkHook,
    ) -> Result<Vec<IngestOutcome>> {
        let mut next_seq = self.max_seq()? + 1;
        let (tx, db_path) = self.write_transaction()?;
        let sql = |e| sql_error(&db_path, e);
        let mut outcomes = Vec::with_capacity(items.len());
        let mut to_index = Vec::new();
        let mut folder = NameFolder::default();
        for (position, item) in items.iter_mut().enumerate() {
            let doc_id = item.document.id.clone();
            let doc_id = doc_id.as_str();
            let known = tx
                .prepare_cached("SELECT 1 FROM articles WHERE id = ?1")
                .and_then(|mut stmt| stmt.exists([doc_id]))
                .map_err(sql)?;
            let outcome = if known {
                if insert_sighting(&tx, doc_id, &item.sighting).map_err(sql)? {
                    IngestOutcome::NewSighting
                } else {
                    IngestOutcome::Duplicate
                }
            } else {
                // The hook runs first: it may complete the document (story-anchored times),
                // and the stored document must be the completed one.
                let update = hook.on_new_document(&mut item.document);
                if item.document.id != doc_id {
                    // The id is the content hash the sighting and links refer to.
                    tracing::warn!(id = doc_id, "link hook changed a document id; restored");
                    item.document.id = doc_id.to_string();
                }
                insert_article(&tx, next_seq, item, update.document_changed).map_err(sql)?;
                known_names::insert(&tx, &mut folder, &item.document).map_err(sql)?;
                insert_sighting(&tx, doc_id, &item.sighting).map_err(sql)?;
                apply_link_update(&tx, doc_id, &update).map_err(sql)?;
                to_index.push((next_seq, position));
                next_seq += 1;
                IngestOutcome::NewArticle
            };
            outcomes.push(outcome);
        }
        let stories = hook.finish_batch();
        if !stories.is_empty() {
            let update = LinkUpdate {
                stories,
                ..LinkUpdate::default()
            };
            apply_link_update(&tx, "", &update).map_err(sql)?;
        }
        tx.commit().map_err(sql)?;
        // Only after SQLite committed: the index must never hold what the database lacks.
        for (seq, position) in to_index {
            let item = &items[position];
            self.index
                .add(seq, &item.document, &item.sighting.ingested_at)?;
            self.uncommitted += 1;
        }
        if self.uncommitted >= INDEX_COMMIT_EVERY {
            self.commit_index()?;
        }
        Ok(outcomes)
    }

    fn replace_times(&mut self, updates: &[(String, Vec<TimeExpression>)]) -> Result<usize> {
        let (tx, db_path) = self.write_transaction()?;
        let sql = |e| sql_error(&db_path, e);
        let mut changed = 0;
        for (id, times) in updates {
            let stored: Option<Value> = tx
                .prepare_cached("SELECT document FROM articles WHERE id = ?1")
                .and_then(|mut stmt| stmt.query_row([id], |row| row.get(0)).optional())
                .map_err(sql)?;
            let Some(stored) = stored else { continue };
            let mut document = decode_document(id, stored)?;
            document.times.clone_from(times);
            changed += tx
                .prepare_cached("UPDATE articles SET document = ?1 WHERE id = ?2")
                .and_then(|mut stmt| stmt.execute(params![compress_document(&document), id]))
                .map_err(sql)?;
        }
        tx.commit().map_err(sql)?;
        Ok(changed)
    }

    fn replace_features(&mut self, features: &[(String, Vec<u8>)]) -> Result<usize> {
        let (tx, db_path) = self.write_transaction()?;
        let sql = |e| sql_error(&db_path, e);
        let mut written = 0;
        for (id, blob) in features {
            // Only for stored articles: the features table refers to them.
            written += tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO features (doc_id, data) \
                     SELECT id, ?2 FROM articles WHERE id = ?1",
                )
                .and_then(|mut stmt| stmt.execute(params![id, blob]))
                .map_err(sql)?;
        }
        tx.commit().map_err(sql)?;
        Ok(written)
    }

    fn commit_index(&mut self) -> Result<()> {
        if self.writable && self.index.added_seq() > self.index.committed_seq() {
            self.index.commit()?;
        }
        self.uncommitted = 0;
        Ok(())
    }

    fn document(&self, id: &str) -> Result<Option<Document>> {
        let stored: Option<Value> = self
            .conn
            .prepare_cached("SELECT document FROM articles WHERE id = ?1")
            .and_then(|mut stmt| stmt.query_row([id], |row| row.get(0)).optional())
            .map_err(|e| self.sql(e))?;
        stored.map(|stored| decode_document(id, stored)).transpose()
    }

    fn documents_after(&self, after_seq: u64, limit: usize) -> Result<Vec<StoredDocument>> {
        Ok(self
            .article_rows_after(after_seq, limit)?
            .into_iter()
            .map(|(seq, _, document)| StoredDocument { seq, document })
            .collect())
    }

    fn sightings(&self, id: &str) -> Result<Vec<Sighting>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT doc_id, locator, site, published, ingested_at FROM sightings \
                 WHERE doc_id = ?1 ORDER BY id",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([id], |row| {
                Ok(Sighting {
                    doc_id: row.get(0)?,
                    locator: row.get(1)?,
                    site: row.get(2)?,
                    published: row.get(3)?,
                    ingested_at: row.get(4)?,
                })
            })
            .map_err(|e| self.sql(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.sql(e))
    }

    fn for_each_features(&self, visit: &mut dyn FnMut(&str, &[u8])) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT f.doc_id, f.data FROM features f JOIN articles a ON a.id = f.doc_id \
                 ORDER BY a.seq",
            )
            .map_err(|e| self.sql(e))?;
        let mut rows = stmt.query([]).map_err(|e| self.sql(e))?;
        while let Some(row) = rows.next().map_err(|e| self.sql(e))? {
            let id: String = row.get(0).map_err(|e| self.sql(e))?;
            let data = row.get_ref(1).map_err(|e| self.sql(e))?;
            let bytes = data.as_blob().map_err(|e| self.sql(e.into()))?;
            visit(&id, bytes);
        }
        Ok(())
    }

    fn links_of(&self, id: &str) -> Result<Vec<Link>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT source, target, kind, score, evidence FROM links \
                 WHERE source = ?1 OR target = ?1 ORDER BY score DESC",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([id], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, f64>(3)?,
                    row.get::<_, String>(4)?,
                ))
            })
            .map_err(|e| self.sql(e))?;
        let mut links = Vec::new();
        for row in rows {
            let (source, target, kind, score, evidence) = row.map_err(|e| self.sql(e))?;
            let corrupt = |reason: String| StoreError::Corrupt {
                id: format!("link {source} → {target}"),
                reason,
            };
            let kind: LinkKind = serde_json::from_value(serde_json::Value::String(kind))
                .map_err(|e| corrupt(e.to_string()))?;
            let evidence = serde_json::from_str(&evidence).map_err(|e| corrupt(e.to_string()))?;
            links.push(Link {
                source,
                target,
                kind,
                score: score as f32,
                evidence,
            });
        }
        Ok(links)
    }

    fn stories(&self, since: Option<&str>, limit: usize) -> Result<Vec<Story>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, story FROM stories WHERE ?1 IS NULL OR last_seen >= ?1 \
                 ORDER BY last_seen DESC, id LIMIT ?2",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map(params![since, limit.min(i64::MAX as usize) as i64], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
            })
            .map_err(|e| self.sql(e))?;
        let mut stories = Vec::new();
        for row in rows {
            let (id, json) = row.map_err(|e| self.sql(e))?;
            stories.push(decode_story(&id, &json)?);
        }
        Ok(stories)
    }

    fn story(&self, id: &str) -> Result<Option<Story>> {
        let json: Option<String> = self
            .conn
            .prepare_cached("SELECT story FROM stories WHERE id = ?1")
            .and_then(|mut stmt| stmt.query_row([id], |row| row.get(0)).optional())
            .map_err(|e| self.sql(e))?;
        json.map(|json| decode_story(id, &json)).transpose()
    }

    fn stories_of(&self, doc_id: &str) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT story_id FROM story_members WHERE doc_id = ?1 ORDER BY story_id",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([doc_id], |row| row.get(0))
            .map_err(|e| self.sql(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.sql(e))
    }

    fn story_sizes(&self) -> Result<Vec<(String, u64)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, n_members FROM stories")
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, i64>(1)?.max(0) as u64,
                ))
            })
            .map_err(|e| self.sql(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.sql(e))
    }

    fn stats(&self) -> Result<ArchiveStats> {
        let count = |table: &str| -> Result<u64> {
            self.conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |row| {
                    row.get::<_, i64>(0)
                })
                .map(|n| n.max(0) as u64)
                .map_err(|e| self.sql(e))
        };
        Ok(ArchiveStats {
            articles: count("articles")?,
            sightings: count("sightings")?,
            links: count("links")?,
            stories: count("stories")?,
            indexed: self.index.num_docs(),
            schema_version: migrations::current_version(&self.conn).map_err(|e| self.sql(e))?,
        })
    }

    fn search(&self, request: &SearchQuery) -> Result<SearchResults> {
        let expansions = known_names::expand(&self.conn, request).map_err(|e| self.sql(e))?;
        let execution = query::execute(&self.index, request, &expansions)?;
        let mut hits = Vec::with_capacity(execution.hits.len());
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT title, published, site, language, url, document FROM articles WHERE id = ?1",
            )
            .map_err(|e| self.sql(e))?;
        for raw in &execution.hits {
            let row = stmt
                .query_row([&raw.id], |row| {
                    Ok((
                        row.get::<_, Option<String>>(0)?,
                        row.get::<_, Option<String>>(1)?,
                        row.get::<_, Option<String>>(2)?,
                        row.get::<_, Option<String>>(3)?,
                        row.get::<_, Option<String>>(4)?,
                        row.get::<_, Value>(5)?,
                    ))
                })
                .optional()
                .map_err(|e| self.sql(e))?;
            let Some((title, published, outlet, language, url, json)) = row else {
                tracing::warn!(id = %raw.id, "indexed document missing from the database");
                continue;
            };
            let document = decode_document(&raw.id, json)?;
            let snippet = execution.snippet(
                &self.index,
                &raw.analyzer_key,
                &document.text,
                request.snippet_chars,
            );
            hits.push(SearchHit {
                id: raw.id.clone(),
                score: raw.score,
                title,
                published,
                outlet,
                language,
                url,
                snippet,
                entities: document
                    .entities
                    .iter()
                    .map(|e| e.canonical.clone())
                    .collect(),
                places: document.places.iter().map(|p| p.name.clone()).collect(),
            });
        }
        Ok(SearchResults {
            total: execution.total,
            hits,
            warnings: execution.warnings,
        })
    }
}

fn decode_story(id: &str, json: &str) -> Result<Story> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt {
        id: format!("story {id}"),
        reason: e.to_string(),
    })
}

impl Drop for SqliteArchive {
    /// Commits the index on the way out so that the next open has nothing to catch up;
    /// a failure here loses nothing, the next open re-indexes from SQLite.
    fn drop(&mut self) {
        if let Err(err) = self.commit_index() {
            tracing::warn!(%err, "could not commit the full-text index on close");
        }
    }
}
