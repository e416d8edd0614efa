//! `veille analyze`: read inputs, analyse, print one record per document.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use veille_model::AnalysisRecord;
use veille_pipeline::PipelineConfig;

use super::{Format, GlobalArgs};
use crate::output::RecordWriter;
use crate::progress::Progress;

#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// Files or directories (walked recursively); `-` reads stdin. Defaults to stdin.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,
    /// Exit non-zero when any input fails (default: only when every input fails).
    #[arg(long)]
    pub strict: bool,
    /// Also remove short blocks repeated verbatim in at least N documents of the same site
    /// (sites are told apart by URL host; useful on crawls of a few sites).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(2..))]
    pub site_boilerplate: Option<u16>,
}

pub fn run(args: AnalyzeArgs, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.paths
    };
    let sources = veille_ingest::discover(&paths);
    let cfg = PipelineConfig {
        site_boilerplate_min_docs: args.site_boilerplate.map(usize::from),
        ..PipelineConfig::default()
    };
    analyze_and_print(sources, &cfg, args.format, args.jobs, args.strict, global)
}

/// Shared by `analyze` and `demo`: runs the pipeline and writes records to stdout.
pub fn analyze_and_print(
    sources: Vec<Result<veille_ingest::Source, veille_ingest::IngestFailure>>,
    cfg: &PipelineConfig,
    format: Format,
    jobs: Option<usize>,
    strict: bool,
    global: &GlobalArgs,
) -> anyhow::Result<ExitCode> {
    let jobs = jobs.unwrap_or_else(default_jobs);
    let progress = Progress::new("analyze", global.quiet);
    let stdout = std::io::stdout();
    let mut writer = RecordWriter::new(stdout.lock(), format)?;
    let (mut n_ok, mut n_failed) = (0usize, 0usize);
    let mut write_error: Option<std::io::Error> = None;
    veille_pipeline::analyze_sources(sources, cfg, jobs, |record| {
        match &record {
            AnalysisRecord::Document(_) => n_ok += 1,
            AnalysisRecord::Error(_) => n_failed += 1,
        }
        progress.inc();
        if write_error.is_none() {
            if let Err(err) = writer.write(&record) {
                write_error = Some(err);
            }
        }
    });
    progress.finish();
    if let Some(err) = write_error {
        return Err(err.into());
    }
    writer.finish()?;
    tracing::info!(n_ok, n_failed, "analysis done");
    let failed = n_failed > 0 && (n_ok == 0 || strict);
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn default_jobs() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}
