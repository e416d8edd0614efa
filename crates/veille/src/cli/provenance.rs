//! `veille provenance ID`: the family of copies around a stored document: its first publisher,
//! copies, translations and scraper republications, as JSON or Graphviz DOT.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, ValueEnum};

use super::why::{open_archive, rebuild_linker, resolve};
use super::GlobalArgs;

#[derive(Debug, Args)]
pub struct ProvenanceArgs {
    /// Document id (or a unique prefix of it).
    pub id: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ProvenanceFormat::Json)]
    pub format: ProvenanceFormat,
}

/// Output formats of `veille provenance`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProvenanceFormat {
    /// One JSON object.
    Json,
    /// A Graphviz digraph (`| dot -Tsvg`).
    Dot,
}

pub fn run(args: ProvenanceArgs, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let archive = open_archive(global)?;
    let linker = rebuild_linker(&archive)?;
    let id = resolve(&linker, &args.id)?;
    let family = linker
        .provenance(&id)
        .context("document vanished while reading the archive")?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        ProvenanceFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &crate::output::versioned(&family)?)?;
            writeln!(out)?;
        }
        ProvenanceFormat::Dot => out.write_all(veille_link::to_dot(&family).as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}
