//! `veille ingest`: analyse inputs and store them in the archive, with their sightings.
//!
//! Documents are written in batches, one transaction each: a crash loses at most the batch
//! in flight, and rerunning the same command stores it without doubling anything (the
//! content id makes articles idempotent, the sighting's locator makes sightings idempotent).

use std::collections::{HashMap, HashSet, VecDeque};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use anyhow::Context;
use clap::{Args, ValueEnum};
use serde::Serialize;
use veille_model::{AnalysisRecord, Document, ErrorRecord, Sighting, SCHEMA_VERSION};
use veille_pipeline::PipelineConfig;
use veille_store::{
    Archive, ArchiveStats, IngestItem, IngestOutcome, LinkHook, OpenOptions, SqliteArchive,
};

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
    /// Documents per transaction.
    #[arg(long, default_value_t = 256, value_parser = clap::value_parser!(u32).range(1..=100_000))]
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

/// Undated members of stories that have since got a dated member, with the story's date:
/// `(doc id, date)`, queued by the link hook and resolved after each batch is stored.
type LateAnchors = Arc<Mutex<Vec<(String, String)>>>;

/// The linker's entry point into ingest: called once per document new to the archive,
/// inside the transaction that stores it and before it is written. A document without any
/// date of its own that joins a dated story gets its times resolved against the story's date
/// (anchor `story`), so that the stored document carries them; when a dated document joins a
/// story whose undated members came first, those are queued in `late`. Story records are
/// summarised once per batch ([`LinkHook::finish_batch`]), not once per joining document: a
/// big story would otherwise be summarised and rewritten whole for every new member.
struct ArchiveLinker {
    linker: veille_link::Linker,
    /// Features computed on the analysis pool ([`veille_pipeline::analyze_sources_with`]),
    /// by document id in batch order, for the batch being stored: the same content seen
    /// twice in a batch (two URLs, two dates) has features for each sighting, and the first
    /// one stored is the one linked. A document without them is handled as usual.
    prepared: HashMap<String, VecDeque<(veille_link::DocFeatures, Vec<u8>)>>,
    /// Documents anchored or queued in this run: each is looked at once.
    settled: HashSet<String>,
    late: LateAnchors,
}

fn link_hook(archive: &mut SqliteArchive, late: LateAnchors) -> anyhow::Result<ArchiveLinker> {
    // The linker is rebuilt by replaying the stored features in write order (deterministic).
    let rebuilt = super::why::rebuild_linker_and_recompute(archive)?;
    // Features of another format were recomputed from the stored documents: store them, so
    // that the next run replays them directly.
    archive
        .replace_features(&rebuilt.recomputed)
        .context("storing recomputed linker features")?;
    let mut linker = rebuilt.linker;
    linker.defer_story_summaries();
    Ok(ArchiveLinker {
        linker,
        prepared: HashMap::new(),
        settled: HashSet::new(),
        late,
    })
}

impl LinkHook for ArchiveLinker {
    fn on_new_document(&mut self, doc: &mut veille_model::Document) -> veille_model::LinkUpdate {
        use veille_pipeline::reanchor::{anchor_times_on_story, lacks_time_anchor};
        let prepared = self.prepared.get_mut(&doc.id).and_then(VecDeque::pop_front);
        let update = match prepared {
            Some((features, blob)) => self.linker.on_new_encoded(features, blob),
            None => self.linker.on_new_document(doc),
        };
        let members = self.linker.story_member_features(&doc.id);
        if members.is_empty() {
            return update;
        }
        if lacks_time_anchor(doc) {
            let others: Vec<&veille_link::DocFeatures> = members
                .iter()
                .copied()
                .filter(|f| f.doc_id != doc.id)
                .collect();
            if let Some(date) = veille_link::summary::story_date(&others) {
                let mut update = update;
                update.document_changed = anchor_times_on_story(doc, &date);
                self.settled.insert(doc.id.clone());
                return update;
            }
        } else if members
            .iter()
            .any(|f| f.doc_id == doc.id && f.day.is_some())
        {
            if let Some(date) = veille_link::summary::story_date(&members) {
                let undated = members
                    .iter()
                    .filter(|f| f.published.is_none() && f.doc_id != doc.id);
                let mut queue = self
                    .late
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
                for member in undated {
                    if self.settled.insert(member.doc_id.clone()) {
                        queue.push((member.doc_id.clone(), date.clone()));
                    }
                }
            }
        }
        update
    }

    fn finish_batch(&mut self) -> Vec<veille_model::Story> {
        self.linker.take_changed_stories()
    }
}

/// What the analysis threads compute for the store beside each document, so that the
/// storing thread (the pipeline's bottleneck) does not: the linker's features and the
/// document's stored encoding.
struct Prepared {
    /// The features and their blob (`DocFeatures::to_blob`).
    features: (veille_link::DocFeatures, Vec<u8>),
    encoded: Vec<u8>,
}

/// Counts reported at the end.
#[derive(Debug, Default, Serialize)]
struct Summary {
    documents: usize,
    new_articles: usize,
    new_sightings: usize,
    duplicates: usize,
    failed: usize,
}

/// At most this many errors are kept for the JSON report; the count is always exact.
const MAX_REPORTED_ERRORS: usize = 1_000;

/// State of one ingest run, fed by the pipeline's sink.
struct Run<'a> {
    archive: &'a mut SqliteArchive,
    hook: ArchiveLinker,
    late_anchors: LateAnchors,
    batch: Vec<IngestItem>,
    batch_size: usize,
    summary: Summary,
    errors: Vec<ErrorRecord>,
    store_failure: Option<anyhow::Error>,
    locator_paths: HashMap<String, String>,
    format: ArchiveFormat,
    out: std::io::StdoutLock<'static>,
}

impl Run<'_> {
    fn accept(&mut self, record: AnalysisRecord, prepared: Option<Prepared>) {
        if self.store_failure.is_some() {
            return;
        }
        match record {
            AnalysisRecord::Document(document) => {
                let encoded = prepared.map(|Prepared { features, encoded }| {
                    let queue = self.hook.prepared.entry(document.id.clone()).or_default();
                    queue.push_back(features);
                    encoded
                });
                let sighting = self.sighting(&document);
                self.batch.push(IngestItem {
                    document: *document,
                    sighting,
                    encoded,
                });
                if self.batch.len() >= self.batch_size {
                    self.flush();
                }
            }
            AnalysisRecord::Error(error) => {
                self.summary.failed += 1;
                if self.format == ArchiveFormat::Jsonl {
                    let mut line = serde_json::to_value(&error).unwrap_or_default();
                    line["type"] = "error".into();
                    self.write_line(&line);
                }
                if self.errors.len() < MAX_REPORTED_ERRORS {
                    self.errors.push(error);
                }
            }
        }
    }

    fn flush(&mut self) {
        if self.batch.is_empty() || self.store_failure.is_some() {
            return;
        }
        let mut batch = std::mem::take(&mut self.batch);
        let stored = self.archive.ingest_batch(&mut batch, &mut self.hook);
        // Features of documents already known were not needed.
        self.hook.prepared.clear();
        match stored {
            Ok(outcomes) => {
                for (item, outcome) in batch.iter().zip(outcomes) {
                    self.summary.documents += 1;
                    match outcome {
                        IngestOutcome::NewArticle => self.summary.new_articles += 1,
                        IngestOutcome::NewSighting => self.summary.new_sightings += 1,
                        IngestOutcome::Duplicate => self.summary.duplicates += 1,
                    }
                    if self.format == ArchiveFormat::Jsonl {
                        let line = serde_json::json!({
                            "schema_version": SCHEMA_VERSION,
                            "type": "document",
                            "id": item.document.id,
                            "input": item.document.input,
                            "locator": item.sighting.locator,
                            "outcome": outcome,
                        });
                        self.write_line(&line);
                    }
                }
            }
            Err(err) => self.store_failure = Some(err.into()),
        }
        self.anchor_late_members();
    }

    /// Resolves the times of undated documents stored before their story got a date.
    fn anchor_late_members(&mut self) {
        let queued = std::mem::take(
            &mut *self
                .late_anchors
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        );
        if queued.is_empty() || self.store_failure.is_some() {
            return;
        }
        let mut updates = Vec::new();
        for (id, date) in queued {
            let mut document = match self.archive.document(&id) {
                Ok(Some(document)) => document,
                Ok(None) => continue,
                Err(err) => {
                    self.store_failure = Some(err.into());
                    return;
                }
            };
            let anchored = document.times.iter().any(|t| t.anchor == "story");
            if !anchored && veille_pipeline::reanchor::anchor_times_on_story(&mut document, &date) {
                updates.push((id, document.times));
            }
        }
        if let Err(err) = self.archive.replace_times(&updates) {
            self.store_failure = Some(err.into());
        }
    }

    fn write_line(&mut self, value: &serde_json::Value) {
        let written = serde_json::to_writer(&mut self.out, value)
            .map_err(std::io::Error::from)
            .and_then(|()| self.out.write_all(b"\n"));
        if let Err(err) = written {
            self.store_failure = Some(anyhow::Error::from(err).context("writing the report"));
        }
    }

    /// Where the document was seen: the URL the container gave, else the page's canonical
    /// URL, else the absolute path and record number (so that `./a.jsonl` and `a.jsonl` are
    /// the same place).
    fn sighting(&mut self, document: &Document) -> Sighting {
        let input = &document.input;
        let locator = input
            .url
            .clone()
            .or_else(|| document.url.as_ref().map(|u| u.value.clone()))
            .unwrap_or_else(|| {
                let path = self
                    .locator_paths
                    .entry(input.path.clone())
                    .or_insert_with(|| absolute_path(&input.path))
                    .clone();
                match input.record {
                    Some(record) => format!("{path}#{record}"),
                    None => path,
                }
            });
        Sighting {
            doc_id: document.id.clone(),
            locator,
            site: document.site_name.as_ref().map(|s| s.value.clone()),
            published: document.published.as_ref().map(|p| p.value.clone()),
            ingested_at: veille_store::timestamp_now(),
        }
    }
}

fn absolute_path(path: &str) -> String {
    if path == "-" {
        return "stdin".to_string();
    }
    std::fs::canonicalize(path)
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|_| path.to_string())
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
    let late_anchors = LateAnchors::default();
    let hook = link_hook(&mut archive, Arc::clone(&late_anchors))?;
    let progress = Progress::new("ingest", global.quiet);
    let mut run = Run {
        archive: &mut archive,
        hook,
        late_anchors,
        batch: Vec::new(),
        batch_size: args.batch as usize,
        summary: Summary::default(),
        errors: Vec::new(),
        store_failure: None,
        locator_paths: HashMap::new(),
        format: args.format,
        out: std::io::stdout().lock(),
    };
    let hasher = run.hook.linker.hasher().clone();
    let prepare = |document: &Document| {
        let features = veille_link::DocFeatures::from_document(document, &hasher);
        let blob = features.to_blob();
        Prepared {
            features: (features, blob),
            encoded: veille_store::encode_document(document),
        }
    };
    let cfg = PipelineConfig::default();
    veille_pipeline::analyze_sources_with(sources, &cfg, jobs, prepare, |record, prepared| {
        progress.inc();
        run.accept(record, prepared);
    });
    run.flush();
    progress.finish();
    let Run {
        summary,
        errors,
        store_failure,
        mut out,
        ..
    } = run;
    if let Some(err) = store_failure {
        return Err(err.context(format!("storing into {}", dir.display())));
    }
    archive.commit_index()?;
    let stats = archive.stats()?;
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
