//! `veille stories`: the stories of the archive, most recently active first.

use std::io::Write;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use veille_model::Story;
use veille_store::Archive;

use super::why::open_archive;
use super::GlobalArgs;

#[derive(Debug, Args)]
pub struct StoriesArgs {
    /// Only stories active on or after this date (ISO 8601, e.g. 2024-05-01).
    #[arg(long)]
    pub since: Option<String>,
    /// At most this many stories.
    #[arg(long, default_value_t = 100)]
    pub limit: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = StoriesFormat::Text)]
    pub format: StoriesFormat,
}

/// Output formats of `veille stories` and `veille story`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StoriesFormat {
    /// Human-readable summary.
    Text,
    /// JSON: `{"schema_version", "stories": [...]}` (one story object for `veille story`).
    Json,
}

pub fn run(args: StoriesArgs, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    if let Some(since) = &args.since {
        anyhow::ensure!(
            veille_link::features::day_number(since).is_some(),
            "--since expects an ISO 8601 date such as 2024-05-01, got {since:?}"
        );
    }
    let archive = open_archive(global)?;
    let stories = archive.stories(args.since.as_deref(), args.limit)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        StoriesFormat::Json => {
            let value = serde_json::json!({
                "schema_version": veille_model::SCHEMA_VERSION,
                "stories": stories,
            });
            serde_json::to_writer(&mut out, &value)?;
            writeln!(out)?;
        }
        StoriesFormat::Text => {
            for story in &stories {
                write_summary(&mut out, story)?;
            }
            if stories.is_empty() {
                writeln!(out, "no stories")?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The header lines of a story, shared with `veille story`.
pub(super) fn write_summary(out: &mut impl Write, story: &Story) -> std::io::Result<()> {
    writeln!(out, "{}  {}", story.id, story.title)?;
    let span = match (&story.first_seen, &story.last_seen) {
        (Some(first), Some(last)) if first != last => format!("{first} .. {last}"),
        (Some(first), _) => first.clone(),
        _ => "undated".to_string(),
    };
    writeln!(
        out,
        "  {} member(s), {span}, languages: {}, outlets: {}",
        story.members.len(),
        join_or_dash(&story.languages),
        join_or_dash(&story.outlets)
    )?;
    if !story.top_entities.is_empty() {
        writeln!(out, "  entities: {}", story.top_entities.join(", "))?;
    }
    if !story.top_places.is_empty() {
        writeln!(out, "  places: {}", story.top_places.join(", "))?;
    }
    Ok(())
}

fn join_or_dash(items: &[String]) -> String {
    if items.is_empty() {
        "-".to_string()
    } else {
        items.join(", ")
    }
}
