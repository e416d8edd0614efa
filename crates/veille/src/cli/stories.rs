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
                write_disputes(&mut out, story)?;
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
    if !story.entities.is_empty() {
        let entities: Vec<String> = story
            .entities
            .iter()
            .map(|e| format!("{} ({}, {})", e.name, kind_name(e.kind), e.mentioned_in))
            .collect();
        writeln!(out, "  entities: {}", entities.join(", "))?;
    } else if !story.top_entities.is_empty() {
        writeln!(out, "  entities: {}", story.top_entities.join(", "))?;
    }
    if !story.places.is_empty() {
        let places: Vec<String> = story.places.iter().map(place_label).collect();
        writeln!(out, "  places: {}", places.join(", "))?;
    } else if !story.top_places.is_empty() {
        writeln!(out, "  places: {}", story.top_places.join(", "))?;
    }
    Ok(())
}

/// One line per quantity the outlets disagree on: each value and who gives it.
fn write_disputes(out: &mut impl Write, story: &Story) -> std::io::Result<()> {
    for dispute in &story.disputed_claims {
        let values: Vec<String> = dispute
            .values
            .iter()
            .map(|v| {
                let sources = if v.outlets.is_empty() {
                    format!("{} doc(s)", v.doc_ids.len())
                } else {
                    v.outlets.join(", ")
                };
                format!("{} [{sources}]", number(v.value))
            })
            .collect();
        writeln!(
            out,
            "  outlets disagree on {} ({}): {}",
            dispute.counted.as_deref().unwrap_or("an amount"),
            dispute.unit,
            values.join(" vs ")
        )?;
    }
    Ok(())
}

/// `Kharkiv (city, UA, 49.98 36.25; 3)`: name, kind, country, coordinates, members naming it.
fn place_label(place: &veille_model::StoryPlace) -> String {
    let mut details = vec![place.kind.clone()];
    details.extend(place.country_code.clone());
    if let (Some(lat), Some(lon)) = (place.latitude, place.longitude) {
        details.push(format!("{lat:.2} {lon:.2}"));
    }
    format!(
        "{} ({}; {})",
        place.name,
        details.join(", "),
        place.mentioned_in
    )
}

fn kind_name(kind: veille_model::EntityKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| format!("{kind:?}"))
}

/// A value without a useless fractional part: `42`, `3000000`, `12.5`.
pub(super) fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        format!("{value}")
    }
}

fn join_or_dash(items: &[String]) -> String {
    if items.is_empty() {
        "-".to_string()
    } else {
        items.join(", ")
    }
}
