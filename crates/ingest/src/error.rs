//! Errors of the ingest stage: what can go wrong with one input or one record, and the stable
//! code each failure carries into [`veille_model::ErrorInfo::code`].
//!
//! Every variant names where it happened (`at`: a path, with a line or record number when the
//! input is a container), so that the message alone tells a user which input to look at.
//! A failure of one record never stops the rest of its container from being read.

use veille_model::InputRef;

/// What went wrong while reading one input or one record of a container.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The file or stdin could not be read.
    #[error("cannot read {at}: {source}")]
    Io {
        /// Path (and record) that failed.
        at: String,
        /// Cause.
        source: std::io::Error,
    },
    /// The input or record is larger than the configured limit.
    #[error("{at} is too large: more than {limit} bytes")]
    TooLarge {
        /// Path (and record) that failed.
        at: String,
        /// The limit that was exceeded, in bytes.
        limit: u64,
    },
    /// Decompression produced far more bytes than a real document would.
    #[error("{at} looks like a decompression bomb: {detail}")]
    DecompressionBomb {
        /// Path that failed.
        at: String,
        /// What tripped the guard.
        detail: String,
    },
    /// The content is binary, not text.
    #[error("{at} is binary, not text: {detail}")]
    Binary {
        /// Path (and record) that failed.
        at: String,
        /// Why it was judged binary.
        detail: String,
    },
    /// The content could not be parsed in the format it claims to be.
    #[error("malformed input in {at}: {detail}")]
    Malformed {
        /// Path, with line or record number and offset when known.
        at: String,
        /// What was wrong.
        detail: String,
    },
    /// The input holds no text at all.
    #[error("{at} is empty")]
    Empty {
        /// Path (and record) that failed.
        at: String,
    },
    /// The content is a known format that veille does not read (PDF, ZIP, unknown XML…).
    #[error("{at} is not a supported format: {detail}")]
    Unsupported {
        /// Path that failed.
        at: String,
        /// The format that was recognised.
        detail: String,
    },
}

impl IngestError {
    /// Stable error code for [`veille_model::ErrorInfo::code`]: `io`, `too_large`,
    /// `decompression_bomb`, `binary`, `malformed`, `empty` or `unsupported`.
    pub fn code(&self) -> &'static str {
        match self {
            IngestError::Io { .. } => "io",
            IngestError::TooLarge { .. } => "too_large",
            IngestError::DecompressionBomb { .. } => "decompression_bomb",
            IngestError::Binary { .. } => "binary",
            IngestError::Malformed { .. } => "malformed",
            IngestError::Empty { .. } => "empty",
            IngestError::Unsupported { .. } => "unsupported",
        }
    }
}

/// A per-input failure: which input, and what went wrong.
#[derive(Debug)]
pub struct IngestFailure {
    /// The input (with its record number when one record of a container failed).
    pub input: InputRef,
    /// The error.
    pub error: IngestError,
}

impl IngestFailure {
    /// Pairs an error with the input it belongs to.
    pub fn new(input: InputRef, error: IngestError) -> Self {
        Self { input, error }
    }
}

impl std::fmt::Display for IngestFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.error.fmt(f)
    }
}

impl std::error::Error for IngestFailure {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

/// Describes a location for error messages: `path`, `path line 3`, `path record 2`.
pub(crate) fn location(path: &str, unit: &str, index: Option<u64>) -> String {
    match index {
        Some(i) => format!("{path} {unit} {}", i + 1),
        None => path.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_the_documented_stable_strings() {
        let at = "x".to_string();
        let errors = [
            (
                IngestError::Io {
                    at: at.clone(),
                    source: std::io::Error::other("boom"),
                },
                "io",
            ),
            (
                IngestError::TooLarge {
                    at: at.clone(),
                    limit: 1,
                },
                "too_large",
            ),
            (
                IngestError::DecompressionBomb {
                    at: at.clone(),
                    detail: String::new(),
                },
                "decompression_bomb",
            ),
            (
                IngestError::Binary {
                    at: at.clone(),
                    detail: String::new(),
                },
                "binary",
            ),
            (
                IngestError::Malformed {
                    at: at.clone(),
                    detail: String::new(),
                },
                "malformed",
            ),
            (IngestError::Empty { at: at.clone() }, "empty"),
            (
                IngestError::Unsupported {
                    at,
                    detail: String::new(),
                },
                "unsupported",
            ),
        ];
        for (error, code) in errors {
            assert_eq!(error.code(), code);
        }
    }

    #[test]
    fn location_counts_lines_from_one() {
        assert_eq!(location("a.jsonl", "line", Some(0)), "a.jsonl line 1");
        assert_eq!(location("a.html", "line", None), "a.html");
    }

    #[test]
    fn messages_name_the_input() {
        let error = IngestError::Malformed {
            at: "feed.xml record 3".into(),
            detail: "unexpected end".into(),
        };
        assert_eq!(
            error.to_string(),
            "malformed input in feed.xml record 3: unexpected end"
        );
    }
}
