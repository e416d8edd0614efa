//! A temporary directory plus a command runner for the real `veille` binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A scratch directory that disappears with the test.
pub struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("creating a temporary directory"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `bytes` to `name` inside the scratch directory and returns the full path.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("creating parent directories");
        }
        std::fs::write(&path, bytes).expect("writing a scratch file");
        path
    }
}

/// Runs `veille` with `args`, optional stdin, and returns its output.
pub fn veille(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_veille"));
    cmd.args(args)
        .env_remove("VEILLE_LOG")
        .env_remove("VEILLE_DATA")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("starting the veille binary");
    if let Some(bytes) = stdin {
        use std::io::Write;
        let mut pipe = child.stdin.take().expect("stdin is piped");
        // A child that exits early closes the pipe; that is its business, not a test failure.
        let _ = pipe.write_all(bytes);
    }
    child.wait_with_output().expect("waiting for veille")
}

/// Parses JSON Lines output into values, failing the test on a malformed line.
pub fn jsonl(output: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            serde_json::from_str(line).unwrap_or_else(|e| panic!("bad JSON line {line:?}: {e}"))
        })
        .collect()
}

/// The error records of an output, by code.
pub fn error_codes(records: &[serde_json::Value]) -> Vec<String> {
    records
        .iter()
        .filter_map(|r| r.get("error"))
        .map(|e| e["code"].as_str().unwrap_or_default().to_string())
        .collect()
}
