//! `veille why A B`: every signal the linker sees between two stored documents, with scores,
//! and the link and stories that resulted. Also home of the helpers that open the archive and
//! rebuild the linker, shared with `veille provenance`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, ValueEnum};
use veille_link::{Linker, WhyReport};
use veille_store::{Archive, OpenOptions, SqliteArchive};

use super::GlobalArgs;

#[derive(Debug, Args)]
pub struct WhyArgs {
    /// First document id (or a unique prefix of it).
    pub a: String,
    /// Second document id (or a unique prefix of it).
    pub b: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = WhyFormat::Text)]
    pub format: WhyFormat,
}

/// Output formats of `veille why`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WhyFormat {
    /// Human-readable evidence.
    Text,
    /// The full report as one JSON object.
    Json,
}

/// The archive directory: `--data`, `VEILLE_DATA`, or the default.
pub(super) fn data_dir(global: &GlobalArgs) -> anyhow::Result<PathBuf> {
    global
        .data
        .clone()
        .or_else(veille_store::default_data_dir)
        .context("no archive directory: pass --data DIR or set VEILLE_DATA")
}

/// Opens the archive for reading.
pub(super) fn open_archive(global: &GlobalArgs) -> anyhow::Result<SqliteArchive> {
    let dir = data_dir(global)?;
    SqliteArchive::open(&dir, OpenOptions::read())
        .with_context(|| format!("opening the archive in {}", dir.display()))
}

/// A rebuilt linker, and the features blobs that had to be recomputed (written by another
/// version of the features) for a writable archive to store back.
pub(super) struct Rebuilt {
    pub linker: Linker,
    pub recomputed: Vec<(String, Vec<u8>)>,
}

/// Rebuilds the linker by replaying every stored features blob in write order. A blob written
/// by another version of the features is recomputed from the stored document (and returned
/// in `recomputed`); a document that cannot be read is left out with a warning.
pub(super) fn rebuild_linker_and_recompute(archive: &dyn Archive) -> anyhow::Result<Rebuilt> {
    let mut linker = Linker::default();
    let mut recomputed = Vec::new();
    let mut n_skipped = 0usize;
    let mut failure = None;
    archive
        .for_each_features(&mut |doc_id, blob| {
            let Err(err) = linker.restore(blob) else {
                return;
            };
            match archive.document(doc_id) {
                Ok(Some(document)) => {
                    let features = linker.features(&document);
                    recomputed.push((doc_id.to_string(), features.to_blob()));
                    linker.add(features);
                }
                Ok(None) => {
                    n_skipped += 1;
                    tracing::warn!(doc_id, %err, "skipping unreadable linker features");
                }
                Err(read) => failure = Some(read),
            }
        })
        .context("reading linker features from the archive")?;
    if let Some(err) = failure {
        return Err(anyhow::Error::from(err).context("recomputing linker features"));
    }
    if !recomputed.is_empty() {
        tracing::info!(
            n = recomputed.len(),
            "recomputed linker features written by another version"
        );
    }
    if n_skipped > 0 {
        tracing::warn!(n_skipped, "documents left out of the rebuilt linker");
    }
    Ok(Rebuilt { linker, recomputed })
}

/// [`rebuild_linker_and_recompute`] for readers, which cannot store recomputed features.
pub(super) fn rebuild_linker(archive: &dyn Archive) -> anyhow::Result<Linker> {
    Ok(rebuild_linker_and_recompute(archive)?.linker)
}

/// Resolves a full id or a unique prefix, with a clear error otherwise.
pub(super) fn resolve(linker: &Linker, id: &str) -> anyhow::Result<String> {
    linker
        .resolve_id(id)
        .with_context(|| format!("no single document with id or id prefix {id:?} in the archive"))
}

pub fn run(args: WhyArgs, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let archive = open_archive(global)?;
    let linker = rebuild_linker(&archive)?;
    let a = resolve(&linker, &args.a)?;
    let b = resolve(&linker, &args.b)?;
    let report = linker
        .why(&a, &b)
        .context("documents vanished while reading the archive")?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        WhyFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &crate::output::versioned(&report)?)?;
            writeln!(out)?;
        }
        WhyFormat::Text => write_text(&mut out, &report, &linker)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn write_text(out: &mut impl Write, report: &WhyReport, linker: &Linker) -> std::io::Result<()> {
    let title = |id: &str| {
        linker
            .features_of(id)
            .map(|f| f.title.clone())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| "(no title)".into())
    };
    writeln!(out, "A  {}  {}", report.a, title(&report.a))?;
    writeln!(out, "B  {}  {}", report.b, title(&report.b))?;
    let c = &report.comparison;
    match &report.copy_kind {
        Some(kind) => writeln!(out, "relation: {kind:?}")?,
        None => writeln!(out, "relation: none (not a copy or translation)")?,
    }
    writeln!(out, "story similarity: {:.3}", report.similarity)?;
    writeln!(
        out,
        "same story: {}{}",
        if report.same_story { "yes" } else { "no" },
        match (&report.story_a, &report.story_b) {
            (Some(x), Some(y)) if x != y => format!(" ({x} / {y})"),
            (Some(x), _) => format!(" ({x})"),
            _ => String::new(),
        }
    )?;
    writeln!(out, "exact text match: {}", c.exact)?;
    writeln!(
        out,
        "MinHash Jaccard estimate (word 5-shingles): {:.3}",
        c.jaccard
    )?;
    writeln!(
        out,
        "shared long paragraphs: {} (containment {:.3})",
        c.shared_paragraphs, c.containment
    )?;
    writeln!(
        out,
        "term cosine: {:.3}   name/number cosine: {:.3}",
        c.term_cosine, c.key_cosine
    )?;
    if let Some(gap) = c.day_gap {
        writeln!(out, "days apart: {gap}")?;
    }
    if let Some(t) = &c.translation {
        writeln!(
            out,
            "translation score {:.3}: names {:.2}, numbers {:.2}, order {:.2}, paragraphs {:.2}, length {:.2}, quotes {:.2}, date {:.2}",
            t.score, t.names, t.numbers, t.order, t.paragraphs, t.length, t.quotes, t.date
        )?;
        if !t.shared.is_empty() {
            writeln!(out, "  shared names and numbers: {}", t.shared.join(", "))?;
        }
    }
    if !c.shared_terms.is_empty() {
        writeln!(out, "heaviest shared terms: {}", c.shared_terms.join(", "))?;
    }
    if let Some(link) = &report.link {
        writeln!(
            out,
            "stored link: {} -> {} {:?} {:.3}",
            link.source, link.target, link.kind, link.score
        )?;
    }
    Ok(())
}
