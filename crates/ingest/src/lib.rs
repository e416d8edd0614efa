//! Ingest: turns paths, directories and stdin into decoded [`RawDocument`]s.
//!
//! SCAFFOLD — replaced by the real implementation (format sniffing, containers, encodings).

use std::path::{Path, PathBuf};

use veille_model::{BodyKind, Hints, InputRef, RawDocument, SourceFormat};

/// Errors met while reading one input.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The file could not be read.
    #[error("reading {path}: {source}")]
    Io {
        /// Path.
        path: String,
        /// Cause.
        source: std::io::Error,
    },
}

impl IngestError {
    /// Stable error code for [`veille_model::ErrorInfo::code`].
    pub fn code(&self) -> &'static str {
        match self {
            IngestError::Io { .. } => "io",
        }
    }
}

/// A per-input failure: which input, and what went wrong.
#[derive(Debug)]
pub struct IngestFailure {
    /// The input.
    pub input: InputRef,
    /// The error.
    pub error: IngestError,
}

/// Limits and options for reading.
#[derive(Debug, Clone)]
pub struct IngestConfig {
    /// Largest input accepted after decompression, in bytes.
    pub max_bytes: u64,
}

impl Default for IngestConfig {
    fn default() -> Self {
        Self {
            max_bytes: 256 * 1024 * 1024,
        }
    }
}

/// One thing to read: a file or stdin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file on disk.
    File(PathBuf),
    /// Standard input.
    Stdin,
}

/// Expands command-line arguments into sources: directories are walked recursively
/// (sorted, hidden files skipped), `-` is stdin.
pub fn discover(args: &[PathBuf]) -> Vec<Result<Source, IngestFailure>> {
    let mut out = Vec::new();
    for arg in args {
        if arg.as_os_str() == "-" {
            out.push(Ok(Source::Stdin));
        } else if arg.is_dir() {
            walk(arg, &mut out);
        } else {
            out.push(Ok(Source::File(arg.clone())));
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<Result<Source, IngestFailure>>) {
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(source) => {
            out.push(Err(IngestFailure {
                input: InputRef {
                    path: dir.display().to_string(),
                    ..Default::default()
                },
                error: IngestError::Io {
                    path: dir.display().to_string(),
                    source,
                },
            }));
            return;
        }
    };
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, out);
        } else {
            out.push(Ok(Source::File(path)));
        }
    }
}

/// Reads one source and yields its documents (several for containers).
pub fn read(
    source: &Source,
    _cfg: &IngestConfig,
) -> Box<dyn Iterator<Item = Result<RawDocument, IngestFailure>> + Send> {
    let (path, bytes) = match source {
        Source::File(p) => (p.display().to_string(), std::fs::read(p)),
        Source::Stdin => {
            let mut buf = Vec::new();
            let r = std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf).map(|_| buf);
            ("-".to_string(), r)
        }
    };
    let input = InputRef {
        path: path.clone(),
        ..Default::default()
    };
    let item = match bytes {
        Ok(bytes) => Ok(RawDocument {
            input,
            format: SourceFormat::Text,
            body_kind: BodyKind::Text,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            encoding: "utf-8".into(),
            hints: Hints::default(),
            warnings: Vec::new(),
        }),
        Err(source) => Err(IngestFailure {
            input,
            error: IngestError::Io { path, source },
        }),
    };
    Box::new(std::iter::once(item))
}
