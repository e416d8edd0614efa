//! Versioned schema migrations: numbered `.sql` files under `crates/store/migrations/`,
//! each applied once, in order, inside its own transaction together with the bump of
//! `PRAGMA user_version`, so that a crash leaves the database at one version or the next.

use rusqlite::Connection;

/// The migrations, in order. Migration `i` (1-based) brings the schema to version `i`.
/// Never edit a released migration: add the next file instead.
const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_initial.sql",
        include_str!("../migrations/0001_initial.sql"),
    ),
    (
        "0002_known_names.sql",
        include_str!("../migrations/0002_known_names.sql"),
    ),
    (
        "0003_rowid_tables.sql",
        include_str!("../migrations/0003_rowid_tables.sql"),
    ),
];

/// The first schema version with the `known_names` table: an archive upgraded from an older
/// one fills it from its stored documents.
pub const KNOWN_NAMES_VERSION: i64 = 2;

/// Schema version this build creates and understands.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// The database's schema version (`PRAGMA user_version`).
pub fn current_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |row| row.get(0))
}

/// What [`migrate`] found.
#[derive(Debug, PartialEq, Eq)]
pub enum MigrationOutcome {
    /// The schema is now at the latest version; `applied` migrations ran.
    UpToDate {
        /// How many migrations were applied now.
        applied: usize,
    },
    /// The database is newer than this build.
    TooNew {
        /// Its version.
        found: i64,
    },
}

/// Applies every migration newer than the database's version.
///
/// Foreign keys are not enforced while migrations run (a migration may rebuild a table that
/// others refer to, SQLite's documented way to change a table's shape); each migration checks
/// them all before it commits, and enforcement is restored afterwards.
pub fn migrate(conn: &mut Connection) -> rusqlite::Result<MigrationOutcome> {
    let found = current_version(conn)?;
    if found > latest_version() {
        return Ok(MigrationOutcome::TooNew { found });
    }
    if found == latest_version() {
        return Ok(MigrationOutcome::UpToDate { applied: 0 });
    }
    let enforced: bool = conn.query_row("PRAGMA foreign_keys", [], |row| row.get(0))?;
    conn.pragma_update(None, "foreign_keys", false)?;
    let outcome = apply_from(conn, found);
    conn.pragma_update(None, "foreign_keys", enforced)?;
    outcome
}

fn apply_from(conn: &mut Connection, found: i64) -> rusqlite::Result<MigrationOutcome> {
    let mut applied = 0;
    for (index, (name, sql)) in MIGRATIONS.iter().enumerate() {
        let version = index as i64 + 1;
        if version <= found {
            continue;
        }
        // IMMEDIATE takes the write lock first, so two processes opening a fresh archive at
        // once cannot both apply the same migration: the second waits, then sees the new
        // version and skips it.
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let now = current_version(&tx)?;
        if now >= version {
            continue;
        }
        tracing::info!(migration = name, version, "applying schema migration");
        tx.execute_batch(sql)?;
        let dangling: i64 =
            tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |row| {
                row.get(0)
            })?;
        if dangling > 0 {
            // Rolled back when `tx` drops: the database stays at the previous version.
            return Err(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY),
                Some(format!(
                    "migration {name} would leave {dangling} rows referring to missing rows"
                )),
            ));
        }
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
        applied += 1;
    }
    Ok(MigrationOutcome::UpToDate { applied })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_database_reaches_the_latest_version_once() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(current_version(&conn).unwrap(), 0);
        assert_eq!(
            migrate(&mut conn).unwrap(),
            MigrationOutcome::UpToDate {
                applied: MIGRATIONS.len()
            }
        );
        assert_eq!(current_version(&conn).unwrap(), latest_version());
        assert_eq!(
            migrate(&mut conn).unwrap(),
            MigrationOutcome::UpToDate { applied: 0 }
        );
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN \
                 ('articles', 'sightings', 'links', 'stories', 'story_members', 'features', \
                 'known_names')",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(tables, 7);
    }

    #[test]
    fn version_2_archives_keep_every_row_when_articles_and_features_become_rowid_tables() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        for (_, sql) in &MIGRATIONS[..2] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 2).unwrap();
        for (seq, id) in [(2, "b"), (1, "a")] {
            conn.execute(
                "INSERT INTO articles (id, seq, title, first_seen, document) \
                 VALUES (?1, ?2, 'T', '2026-01-01T00:00:00Z', x'00ff')",
                rusqlite::params![id, seq],
            )
            .unwrap();
            conn.execute(
                "INSERT INTO features (doc_id, data) VALUES (?1, x'0102')",
                [id],
            )
            .unwrap();
            conn.execute(
                "INSERT INTO sightings (doc_id, locator, ingested_at) VALUES (?1, ?1, 'now')",
                [id],
            )
            .unwrap();
        }
        assert_eq!(
            migrate(&mut conn).unwrap(),
            MigrationOutcome::UpToDate { applied: 1 }
        );
        let ids: Vec<(String, i64, Vec<u8>)> = conn
            .prepare("SELECT id, seq, document FROM articles ORDER BY rowid")
            .unwrap()
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            ids,
            [("a".into(), 1, vec![0, 255]), ("b".into(), 2, vec![0, 255])],
            "rows copied in write order"
        );
        let features: i64 = conn
            .query_row("SELECT count(*) FROM features", [], |row| row.get(0))
            .unwrap();
        assert_eq!(features, 2);
        let without_rowid: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name IN ('articles', 'features') \
                 AND sql LIKE '%WITHOUT ROWID%'",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(without_rowid, 0);
        // Enforcement is back on, and the rebuilt tables are still referred to.
        let enforced: bool = conn
            .query_row("PRAGMA foreign_keys", [], |row| row.get(0))
            .unwrap();
        assert!(enforced);
        let orphan = conn.execute(
            "INSERT INTO sightings (doc_id, locator, ingested_at) VALUES ('zz', 'p', 'now')",
            [],
        );
        assert!(
            orphan.is_err(),
            "a sighting of an unknown article is refused"
        );
        let in_use = conn.execute("DELETE FROM articles WHERE id = 'a'", []);
        assert!(
            in_use.is_err(),
            "an article with sightings cannot be deleted"
        );
    }

    #[test]
    fn newer_database_is_reported_not_touched() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", 42).unwrap();
        assert_eq!(
            migrate(&mut conn).unwrap(),
            MigrationOutcome::TooNew { found: 42 }
        );
        assert_eq!(current_version(&conn).unwrap(), 42);
    }

    #[test]
    fn a_failing_migration_leaves_the_version_unchanged() {
        let mut conn = Connection::open_in_memory().unwrap();
        // A table in the way makes migration 1 fail half-way; the transaction must roll back.
        conn.execute_batch("CREATE TABLE links (x INTEGER);")
            .unwrap();
        assert!(migrate(&mut conn).is_err());
        assert_eq!(current_version(&conn).unwrap(), 0);
        let articles: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'articles'",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(articles, 0, "the partial migration was rolled back");
    }
}
