//! Where the archive lives: the default data directory and the files inside it, with the
//! layout format version that guards against opening a foreign or newer directory.

use std::path::{Path, PathBuf};

use crate::{Result, StoreError};

/// Layout format this build writes and reads.
pub const FORMAT_VERSION: i64 = 1;

/// File holding the layout format version.
pub const FORMAT_FILE: &str = "veille-archive.json";
/// The SQLite database.
pub const DATABASE_FILE: &str = "veille.sqlite";
/// The tantivy index directory.
pub const INDEX_DIR: &str = "index";

/// The default data directory: `$XDG_DATA_HOME/veille`, else `~/.local/share/veille`.
/// `None` when neither variable is set. (`$VEILLE_DATA` and `--data` are read by the CLI.)
pub fn default_data_dir() -> Option<PathBuf> {
    let non_empty = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(xdg) = non_empty("XDG_DATA_HOME") {
        return Some(PathBuf::from(xdg).join("veille"));
    }
    non_empty("HOME").map(|home| PathBuf::from(home).join(".local/share/veille"))
}

/// Checks that `dir` is a veille archive, creating one when `create` is set and the directory
/// is missing or empty. Never writes into a non-empty directory that is not an archive.
pub fn prepare(dir: &Path, create: bool) -> Result<()> {
    let io = |source| StoreError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let format_path = dir.join(FORMAT_FILE);
    if format_path.exists() {
        return check_format(dir, &format_path);
    }
    let is_empty = match std::fs::read_dir(dir) {
        Ok(mut entries) => entries.next().is_none(),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            if !create {
                return Err(StoreError::Missing(dir.to_path_buf()));
            }
            std::fs::create_dir_all(dir).map_err(io)?;
            true
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotADirectory => {
            return Err(StoreError::NotAnArchive {
                path: dir.to_path_buf(),
                reason: "it is a file, not a directory".into(),
            })
        }
        Err(err) => return Err(io(err)),
    };
    // A crash between creating the database and writing the format file leaves a database
    // alone: adopt it, the database checks its own schema version.
    let has_database = dir.join(DATABASE_FILE).exists();
    if !is_empty && !has_database {
        return Err(StoreError::NotAnArchive {
            path: dir.to_path_buf(),
            reason: format!("the directory is not empty and has no {FORMAT_FILE}"),
        });
    }
    if !create && !has_database {
        return Err(StoreError::Missing(dir.to_path_buf()));
    }
    write_format(&format_path)
}

fn check_format(dir: &Path, format_path: &Path) -> Result<()> {
    let text = std::fs::read_to_string(format_path).map_err(|source| StoreError::Io {
        path: format_path.to_path_buf(),
        source,
    })?;
    let not_archive = |reason: String| StoreError::NotAnArchive {
        path: dir.to_path_buf(),
        reason,
    };
    let value: serde_json::Value = serde_json::from_str(&text)
        .map_err(|err| not_archive(format!("{FORMAT_FILE} is not valid JSON ({err})")))?;
    let format = value
        .get("format")
        .and_then(serde_json::Value::as_i64)
        .ok_or_else(|| not_archive(format!("{FORMAT_FILE} has no \"format\" number")))?;
    if format > FORMAT_VERSION {
        return Err(StoreError::TooNew {
            path: dir.to_path_buf(),
            what: "format",
            found: format,
            supported: FORMAT_VERSION,
        });
    }
    Ok(())
}

/// Writes the format file atomically (temporary file, then rename) so that a crash never
/// leaves it half written.
fn write_format(format_path: &Path) -> Result<()> {
    let body = format!(
        "{{\"format\": {FORMAT_VERSION}, \"database\": \"{DATABASE_FILE}\", \"index\": \"{INDEX_DIR}\"}}\n"
    );
    let tmp = format_path.with_extension("json.tmp");
    let io = |source| StoreError::Io {
        path: format_path.to_path_buf(),
        source,
    };
    std::fs::write(&tmp, body).map_err(io)?;
    std::fs::rename(&tmp, format_path).map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_a_missing_directory_and_accepts_it_again() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("a/b");
        prepare(&dir, true).unwrap();
        assert!(dir.join(FORMAT_FILE).exists());
        prepare(&dir, false).unwrap();
    }

    #[test]
    fn refuses_a_missing_directory_without_create() {
        let tmp = tempfile::tempdir().unwrap();
        let err = prepare(&tmp.path().join("nope"), false).unwrap_err();
        assert!(matches!(err, StoreError::Missing(_)), "{err}");
    }

    #[test]
    fn refuses_a_foreign_non_empty_directory() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("thesis.tex"), "x").unwrap();
        let err = prepare(tmp.path(), true).unwrap_err();
        assert!(matches!(err, StoreError::NotAnArchive { .. }), "{err}");
        assert!(!tmp.path().join(FORMAT_FILE).exists());
    }

    #[test]
    fn refuses_a_file_and_a_newer_or_garbled_format() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("file");
        std::fs::write(&file, "x").unwrap();
        assert!(matches!(
            prepare(&file, true).unwrap_err(),
            StoreError::NotAnArchive { .. }
        ));
        std::fs::write(tmp.path().join(FORMAT_FILE), "{\"format\": 99}").unwrap();
        assert!(matches!(
            prepare(tmp.path(), true).unwrap_err(),
            StoreError::TooNew { found: 99, .. }
        ));
        std::fs::write(tmp.path().join(FORMAT_FILE), "\u{0}garbage").unwrap();
        assert!(matches!(
            prepare(tmp.path(), true).unwrap_err(),
            StoreError::NotAnArchive { .. }
        ));
    }
}
