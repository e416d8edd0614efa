//! Command-line definition: one module per subcommand, each with its args and `run`.

mod analyze;
mod demo;
mod ingest;
mod provenance;
mod search;
mod stories;
mod story;
mod why;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// veille: news-event intelligence from messy article feeds.
#[derive(Debug, Parser)]
#[command(name = "veille", version, about, long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags shared by every subcommand.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Archive directory (created when missing).
    #[arg(long, global = true, env = "VEILLE_DATA")]
    pub data: Option<PathBuf>,
    /// More logging on stderr (-v info, -vv debug, -vvv trace). VEILLE_LOG overrides.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Only errors on stderr, no progress bar.
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Analyse articles: clean text, metadata with provenance, flags.
    Analyze(analyze::AnalyzeArgs),
    /// Analyse the built-in demo corpus (self-written articles with real-world noise).
    Demo(demo::DemoArgs),
    /// Analyse articles and store them in the archive (SQLite + full-text index).
    Ingest(ingest::IngestArgs),
    /// Search the archive: words, "phrases", field filters, date ranges.
    Search(search::SearchArgs),
    /// List the stories of the archive (documents about the same event, across languages).
    Stories(stories::StoriesArgs),
    /// Show one story, its members and why each belongs.
    Story(story::StoryArgs),
    /// Explain how two stored documents relate: copy, translation, story similarity, evidence.
    Why(why::WhyArgs),
    /// Show the family of copies of a document: first publisher, copies, translations.
    Provenance(provenance::ProvenanceArgs),
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// Human-readable summary.
    #[default]
    Text,
    /// One JSON document: `{"schema_version", "documents": [...]}`.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// One CSV row per document (main fields only).
    Csv,
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Analyze(args) => analyze::run(args, &cli.global),
        Command::Demo(args) => demo::run(args, &cli.global),
        Command::Stories(args) => stories::run(args, &cli.global),
        Command::Story(args) => story::run(args, &cli.global),
        Command::Why(args) => why::run(args, &cli.global),
        Command::Provenance(args) => provenance::run(args, &cli.global),
        Command::Ingest(args) => ingest::run(args, &cli.global),
        Command::Search(args) => search::run(args, &cli.global),
    }
}
