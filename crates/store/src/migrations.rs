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
pub fn migrate(conn: &mut Connection) -> rusqlite::Result<MigrationOutcome> {
    let found = current_version(conn)?;
    if found > latest_version() {
        return Ok(MigrationOutcome::TooNew { found });
    }
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
