//! `veille search`: full-text search of the archive, with highlighted snippets.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use veille_model::SCHEMA_VERSION;
use veille_store::{Archive, SearchHit, SearchQuery, SqliteArchive};

use super::ingest::{data_dir, ArchiveFormat};
use super::GlobalArgs;

#[derive(Debug, Args)]
#[command(after_help = "QUERY SYNTAX:
  words            every word must match (stemmed per language: fr, en, de, es, it, pt, nl, ru)
  \"a phrase\"       the words in this order
  a OR b, -word    either word; exclude a word
  title:word       field filters: title:, text:, outlet:, lang:, entity:, place:, speaker:,
                   claim: (unit code or counted words), url:
  *                everything (combine with --since, --lang, --entity…)

  --entity, --speaker and entity: match every name of a canonical identity: \"Poutine\",
  \"Vladimir Putin\" and person:vladimir-putin find the same articles.")]
pub struct SearchArgs {
    /// The query (several arguments are joined with spaces); optional when a filter is given.
    #[arg(required_unless_present_any = ["since", "until", "language", "outlet", "entity", "place", "speaker"])]
    pub query: Vec<String>,
    /// Only articles published on or after this date (YYYY-MM-DD or RFC 3339).
    #[arg(long)]
    pub since: Option<String>,
    /// Only articles published on or before this date (a bare date includes the whole day).
    #[arg(long)]
    pub until: Option<String>,
    /// Only articles in this language (ISO 639-1 code).
    #[arg(long = "lang")]
    pub language: Option<String>,
    /// Only articles from this outlet (site name or host).
    #[arg(long)]
    pub outlet: Option<String>,
    /// Only articles naming this entity: canonical name, a name as written, or an id
    /// (`person:vladimir-putin`).
    #[arg(long)]
    pub entity: Option<String>,
    /// Only articles naming this place: gazetteer name, name as written, ISO country code or
    /// GeoNames id.
    #[arg(long)]
    pub place: Option<String>,
    /// Only articles quoting this speaker (as named, or any name of the linked entity).
    #[arg(long)]
    pub speaker: Option<String>,
    /// Number of hits.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// Hits to skip.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ArchiveFormat::Text)]
    pub format: ArchiveFormat,
}

pub fn run(args: SearchArgs, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let dir = data_dir(global)?;
    let archive = SqliteArchive::open_for_search(&dir)
        .with_context(|| format!("opening the archive in {}", dir.display()))?;
    let text = args.query.join(" ");
    let query = SearchQuery {
        since: args.since,
        until: args.until,
        language: args.language,
        outlet: args.outlet,
        entity: args.entity,
        place: args.place,
        speaker: args.speaker,
        limit: args.limit.min(10_000),
        offset: args.offset,
        ..SearchQuery::new(text.clone())
    };
    let results = archive.search(&query)?;
    for warning in &results.warnings {
        eprintln!("veille: query: {warning}");
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        ArchiveFormat::Json => {
            let value = serde_json::json!({
                "schema_version": SCHEMA_VERSION,
                "query": text,
                "total": results.total,
                "offset": query.offset,
                "hits": results.hits,
                "warnings": results.warnings,
            });
            serde_json::to_writer_pretty(&mut out, &value)?;
            writeln!(out)?;
        }
        ArchiveFormat::Jsonl => {
            for hit in &results.hits {
                serde_json::to_writer(&mut out, &crate::output::versioned(hit)?)?;
                writeln!(out)?;
            }
        }
        ArchiveFormat::Text => {
            let bold = std::io::stdout().is_terminal();
            let plural = if results.total == 1 { "" } else { "s" };
            if text.trim().is_empty() {
                writeln!(out, "{} result{plural}", results.total)?;
            } else {
                writeln!(out, "{} result{plural} for {text:?}", results.total)?;
            }
            for (rank, hit) in results.hits.iter().enumerate() {
                write_hit(&mut out, query.offset + rank + 1, hit, bold)?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn write_hit(
    out: &mut impl Write,
    rank: usize,
    hit: &SearchHit,
    bold: bool,
) -> std::io::Result<()> {
    let details: Vec<&str> = [&hit.outlet, &hit.published, &hit.language]
        .into_iter()
        .filter_map(|v| v.as_deref())
        .collect();
    writeln!(
        out,
        "\n{rank}. {}  [{}]",
        hit.title.as_deref().unwrap_or("(untitled)"),
        details.join(" · ")
    )?;
    writeln!(out, "   {}  {}", hit.id, hit.url.as_deref().unwrap_or(""))?;
    // Places are often entities too ("Kharkiv"): each name once.
    let mut named: Vec<&str> = Vec::new();
    for name in hit.entities.iter().chain(&hit.places) {
        if named.len() < 8 && !named.contains(&name.as_str()) {
            named.push(name);
        }
    }
    if !named.is_empty() {
        writeln!(out, "   names: {}", named.join(", "))?;
    }
    writeln!(out, "   {}", highlighted(&hit.snippet, bold))
}

/// The snippet with its matches marked: bold on a terminal, `**word**` otherwise. Line
/// breaks become spaces so that each snippet stays on one line.
fn highlighted(snippet: &veille_store::Snippet, bold: bool) -> String {
    let (open, close) = if bold {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("**", "**")
    };
    let mut out = String::with_capacity(snippet.fragment.len() + 16);
    let marks = |at: fn(&veille_store::Highlight) -> usize, i: usize| {
        snippet
            .highlights
            .iter()
            .any(|h| h.end > h.start && at(h) == i)
    };
    for (i, c) in snippet.fragment.chars().enumerate() {
        if marks(|h| h.start, i) {
            out.push_str(open);
        }
        out.push(if c.is_whitespace() { ' ' } else { c });
        if marks(|h| h.end, i + 1) {
            out.push_str(close);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use veille_store::{Highlight, Snippet};

    #[test]
    fn highlights_wrap_the_matched_characters() {
        let snippet = Snippet {
            fragment: "la préfecture\nde police".into(),
            highlights: vec![
                Highlight { start: 3, end: 13 },
                Highlight { start: 17, end: 23 },
            ],
        };
        assert_eq!(
            highlighted(&snippet, false),
            "la **préfecture** de **police**"
        );
    }
}
