//! Expanding command-line arguments into sources: `-` is stdin, files are taken as given,
//! directories are walked recursively in sorted order.
//!
//! While walking, hidden entries (names starting with `.`) and special files (sockets, FIFOs,
//! devices, which could block a read forever) are skipped. Symbolic links are followed, but each
//! directory is entered at most once (by canonical path) and the walk stops at
//! [`MAX_DEPTH`] levels, so a symlink loop cannot make it run forever. An unreadable
//! directory or a broken link becomes an `io` failure in the list; the walk goes on.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use veille_model::InputRef;

use crate::error::{IngestError, IngestFailure};
use crate::Source;

/// Deepest directory nesting walked.
pub const MAX_DEPTH: usize = 64;

fn io_failure(path: &Path, source: std::io::Error) -> IngestFailure {
    let path = path.display().to_string();
    IngestFailure::new(
        InputRef {
            path: path.clone(),
            ..Default::default()
        },
        IngestError::Io { at: path, source },
    )
}

/// Expands command-line arguments into sources: directories are walked recursively (sorted,
/// hidden entries skipped, symlinked directories entered once), `-` is stdin. A path that
/// cannot be read becomes a failure in the list.
pub fn discover(args: &[PathBuf]) -> Vec<Result<Source, IngestFailure>> {
    let mut out = Vec::new();
    let mut visited = HashSet::new();
    for arg in args {
        if arg.as_os_str() == "-" {
            out.push(Ok(Source::Stdin));
            continue;
        }
        match fs::metadata(arg) {
            Ok(meta) if meta.is_dir() => walk(arg, 0, &mut visited, &mut out),
            Ok(_) => out.push(Ok(Source::File(arg.clone()))),
            Err(error) => out.push(Err(io_failure(arg, error))),
        }
    }
    out
}

fn walk(
    dir: &Path,
    depth: usize,
    visited: &mut HashSet<PathBuf>,
    out: &mut Vec<Result<Source, IngestFailure>>,
) {
    match fs::canonicalize(dir) {
        Ok(canonical) => {
            if !visited.insert(canonical) {
                tracing::warn!(path = %dir.display(), "directory already walked (symlink loop?), skipping");
                return;
            }
        }
        Err(error) => {
            out.push(Err(io_failure(dir, error)));
            return;
        }
    }
    if depth >= MAX_DEPTH {
        tracing::warn!(path = %dir.display(), "directories nested deeper than {MAX_DEPTH}, skipping");
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => {
            out.push(Err(io_failure(dir, error)));
            return;
        }
    };
    let mut children = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => children.push(entry),
            Err(error) => out.push(Err(io_failure(dir, error))),
        }
    }
    children.sort_by_key(|entry| entry.file_name());
    for entry in children {
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        // `fs::metadata` follows symlinks: a link to a directory is walked (once), a broken
        // link is reported.
        let meta = match fs::metadata(&path) {
            Ok(meta) => meta,
            Err(error) => {
                out.push(Err(io_failure(&path, error)));
                continue;
            }
        };
        if meta.is_dir() {
            walk(&path, depth + 1, visited, out);
        } else if meta.is_file() {
            out.push(Ok(Source::File(path)));
        } else {
            tracing::warn!(path = %path.display(), "not a regular file, skipping");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(results: &[Result<Source, IngestFailure>], root: &Path) -> Vec<String> {
        results
            .iter()
            .filter_map(|r| match r {
                Ok(Source::File(p)) => Some(p.strip_prefix(root).unwrap().display().to_string()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn walks_sorted_and_skips_hidden_entries() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("b/c")).unwrap();
        fs::create_dir_all(root.join(".git")).unwrap();
        for name in ["z.txt", "a.html", "b/c/d.jsonl", ".hidden", ".git/config"] {
            fs::write(root.join(name), "x").unwrap();
        }
        let results = discover(&[root.to_path_buf()]);
        assert_eq!(
            files(&results, root),
            vec!["a.html", "b/c/d.jsonl", "z.txt"]
        );
    }

    #[test]
    fn stdin_and_missing_paths() {
        let results = discover(&[PathBuf::from("-"), PathBuf::from("/nonexistent/veille")]);
        assert_eq!(results[0].as_ref().unwrap(), &Source::Stdin);
        let failure = results[1].as_ref().unwrap_err();
        assert_eq!(failure.error.code(), "io");
        assert_eq!(failure.input.path, "/nonexistent/veille");
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_terminate_and_broken_links_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("sub")).unwrap();
        fs::write(root.join("sub/page.html"), "x").unwrap();
        std::os::unix::fs::symlink(root, root.join("sub/loop")).unwrap();
        std::os::unix::fs::symlink(root.join("missing"), root.join("broken")).unwrap();
        let results = discover(&[root.to_path_buf()]);
        assert_eq!(files(&results, root), vec!["sub/page.html"]);
        let failures: Vec<_> = results.iter().filter_map(|r| r.as_ref().err()).collect();
        assert_eq!(failures.len(), 1);
        assert!(failures[0].input.path.ends_with("broken"));
    }
}
