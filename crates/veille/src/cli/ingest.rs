//! `veille ingest`: analyse inputs and store them in the archive, with their sightings.
//!
//! Documents are written in batches, one transaction each: a crash loses at most the batches
//! in flight, and rerunning the same command stores them without doubling anything (the
//! content id makes articles idempotent, the sighting's locator makes sightings idempotent).
//!
//! After the pipeline's reading and analysis, two serial stages overlap: linking
//! ([`linking`], on the pipeline's sink thread) and writing ([`storing`], on its own thread),
//! with one linked batch queued between them.

mod linking;
mod storing;

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::SyncSender;

use anyhow::Context;
use clap::{Args, ValueEnum};
use veille_model::{AnalysisRecord, Document, ErrorRecord, SCHEMA_VERSION};
use veille_pipeline::PipelineConfig;
use veille_store::{Archive, ArchiveStats, IngestItem, OpenOptions, SqliteArchive};

use self::linking::{ArchiveLinker, Prepared};
use self::storing::{Stored, Summary, ToStore};
use super::GlobalArgs;
use crate::progress::Progress;

/// Output formats of `ingest` and `search`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ArchiveFormat {
    /// Human-readable summary.
    #[default]
    Text,
    /// One JSON object.
    Json,
    /// One JSON object per line.
    Jsonl,
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files or directories (walked recursively); `-` reads stdin. Defaults to stdin.
    pub paths: Vec<PathBuf>,
    /// Output format of the report.
    #[arg(long, value_enum, default_value_t = ArchiveFormat::Text)]
    pub format: ArchiveFormat,
    /// Worker threads for analysis (default: all cores).
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,
    /// Exit non-zero when any input fails (default: only when every input fails).
    #[arg(long)]
    pub strict: bool,
    /// Documents per transaction (a crash loses at most the batches in flight; larger batches
    /// write and summarise stories less often).
    #[arg(long, default_value_t = 512, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub batch: u32,
}

/// The archive directory: `--data` / `$VEILLE_DATA`, else the platform default.
pub fn data_dir(global: &GlobalArgs) -> anyhow::Result<PathBuf> {
    global
        .data
        .clone()
        .or_else(veille_store::default_data_dir)
        .context("no data directory: pass --data DIR or set VEILLE_DATA (or HOME)")
}

/// The sink side of the pipeline: gathers analysed documents into batches, links each batch
/// and hands it to the storing thread.
struct LinkStage {
    linker: ArchiveLinker,
    batch: Vec<(IngestItem, (veille_link::DocFeatures, Vec<u8>))>,
    batch_size: usize,
    locator_paths: HashMap<String, String>,
    to_store: SyncSender<ToStore>,
    /// The storing thread stopped (a write failed): nothing more is linked.
    stopped: bool,
}

impl LinkStage {
    fn accept(&mut self, record: AnalysisRecord, prepared: Option<Prepared>) {
        if self.stopped {
            return;
        }
        let (document, prepared) = match (record, prepared) {
            (AnalysisRecord::Document(document), prepared) => (document, prepared),
            (AnalysisRecord::Error(error), _) => return self.send(ToStore::Failed(error)),
        };
        // The pipeline prepares every document; should one come without, prepare it here.
        let Prepared { features, encoded } =
            prepared.unwrap_or_else(|| self.linker.prepare(&document));
        let sighting = linking::sighting_of(&document, &mut self.locator_paths);
        let item = IngestItem {
            document: *document,
            sighting,
            encoded: Some(encoded),
        };
        self.batch.push((item, features));
        if self.batch.len() >= self.batch_size {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if self.batch.is_empty() || self.stopped {
            return;
        }
        let batch = std::mem::take(&mut self.batch);
        let linked = self.linker.link_batch(batch);
        self.send(ToStore::Batch(linked));
    }

    /// Links the last batch and hands over the story summaries still pending; dropping the
    /// stage then closes the channel, which ends the storing thread once it has written all.
    fn finish(mut self) {
        self.flush();
        if self.stopped {
            return;
        }
        if let Some(pending) = self.linker.finish() {
            self.send(ToStore::Batch(pending));
        }
    }

    fn send(&mut self, message: ToStore) {
        if self.to_store.send(message).is_err() {
            self.stopped = true;
        }
    }
}

pub fn run(args: IngestArgs, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let dir = data_dir(global)?;
    let mut archive = SqliteArchive::open(&dir, OpenOptions::write())
        .with_context(|| format!("opening the archive in {}", dir.display()))?;
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.paths
    };
    let sources = veille_ingest::discover(&paths);
    let jobs = args.jobs.unwrap_or_else(default_jobs);
    let linker = rebuild_linker(&mut archive)?;
    bring_stories_up_to_date(&mut archive, &linker)?;
    let linker = ArchiveLinker::new(linker);
    let progress = Progress::new("ingest", global.quiet);
    let hasher = linker.hasher().clone();
    let prepare = |document: &Document| Prepared::of(document, &hasher);
    let cfg = PipelineConfig::default();
    let format = args.format;
    // This thread links (the pipeline's sink); a second one writes (SQLite, then the
    // full-text index), so that the two overlap.
    let (to_store, incoming) = std::sync::mpsc::sync_channel(QUEUED_BATCHES);
    let stored = std::thread::scope(|scope| {
        let storing = std::thread::Builder::new()
            .name("veille-store".into())
            .spawn_scoped(scope, || storing::store_all(&mut archive, incoming, format))
            .context("starting the storing thread")?;
        let mut stage = LinkStage {
            linker,
            batch: Vec::new(),
            batch_size: args.batch as usize,
            locator_paths: HashMap::new(),
            to_store,
            stopped: false,
        };
        veille_pipeline::analyze_sources_with(sources, &cfg, jobs, prepare, |record, prepared| {
            progress.inc();
            stage.accept(record, prepared);
        });
        stage.finish();
        storing
            .join()
            .map_err(|_| anyhow::anyhow!("the storing thread panicked"))
    })?;
    progress.finish();
    let Stored {
        summary,
        errors,
        failure,
    } = stored;
    if let Some(err) = failure {
        return Err(err.context(format!("storing into {}", dir.display())));
    }
    archive.commit_index()?;
    let stats = archive.stats()?;
    let mut out = std::io::stdout().lock();
    report(&mut out, args.format, &dir, &summary, &errors, &stats)?;
    tracing::info!(?summary, "ingest done");
    let ok = summary.documents;
    let failed = summary.failed > 0 && (ok == 0 || args.strict);
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The linker holding every archived document, rebuilt by replaying the stored features in
/// write order (deterministic). Features of an older format are recomputed from the stored
/// documents and stored, so that the next run replays them directly.
fn rebuild_linker(archive: &mut SqliteArchive) -> anyhow::Result<veille_link::Linker> {
    let rebuilt = super::why::rebuild_linker_and_recompute(archive)?;
    archive
        .replace_features(&rebuilt.recomputed)
        .context("storing recomputed linker features")?;
    Ok(rebuilt.linker)
}

/// Writes the summaries of the stories whose stored record is behind the linker's: a run
/// stopped (killed) before writing the summaries it had deferred leaves such stories.
fn bring_stories_up_to_date(
    archive: &mut SqliteArchive,
    linker: &veille_link::Linker,
) -> anyhow::Result<()> {
    let stored: ahash::AHashMap<String, u64> = archive
        .story_sizes()
        .context("reading the stored stories")?
        .into_iter()
        .collect();
    let stale = linker.stale_stories(&stored);
    if stale.is_empty() {
        return Ok(());
    }
    tracing::info!(
        stories = stale.len(),
        "bringing stored story summaries up to date"
    );
    let mut hook = linking::PrecomputedLinks::stories_only(stale);
    archive
        .ingest_batch(&mut [], &mut hook)
        .context("writing story summaries")?;
    Ok(())
}

/// Linked batches waiting for the storing thread: one queued while one is written.
const QUEUED_BATCHES: usize = 1;

fn report(
    out: &mut impl Write,
    format: ArchiveFormat,
    dir: &Path,
    summary: &Summary,
    errors: &[ErrorRecord],
    stats: &ArchiveStats,
) -> anyhow::Result<()> {
    match format {
        ArchiveFormat::Json | ArchiveFormat::Jsonl => {
            let mut value = serde_json::json!({
                "schema_version": SCHEMA_VERSION,
                "data_dir": dir,
                "documents": summary.documents,
                "new_articles": summary.new_articles,
                "new_sightings": summary.new_sightings,
                "duplicates": summary.duplicates,
                "failed": summary.failed,
                "archive": stats,
            });
            if format == ArchiveFormat::Json {
                value["errors"] = serde_json::to_value(errors)?;
                value["errors_truncated"] = (summary.failed > errors.len()).into();
                serde_json::to_writer_pretty(&mut *out, &value)?;
            } else {
                value["type"] = "summary".into();
                serde_json::to_writer(&mut *out, &value)?;
            }
            writeln!(out)?;
        }
        ArchiveFormat::Text => {
            writeln!(
                out,
                "ingested {} documents: {} new articles, {} new sightings, {} already known, {} failed",
                summary.documents,
                summary.new_articles,
                summary.new_sightings,
                summary.duplicates,
                summary.failed
            )?;
            writeln!(
                out,
                "archive {}: {} articles, {} sightings, {} links, {} stories",
                dir.display(),
                stats.articles,
                stats.sightings,
                stats.links,
                stats.stories
            )?;
        }
    }
    out.flush()?;
    // Errors go to stderr whatever the format, a few of them, then a count.
    const SHOWN: usize = 20;
    for error in errors.iter().take(SHOWN) {
        eprintln!(
            "veille: {}: {} ({})",
            error.input, error.error.message, error.error.code
        );
    }
    if summary.failed > SHOWN {
        eprintln!(
            "veille: … and {} more failed inputs",
            summary.failed - SHOWN
        );
    }
    Ok(())
}

fn default_jobs() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}
