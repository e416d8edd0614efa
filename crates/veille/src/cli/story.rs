//! `veille story ID`: one story with every member and why it belongs.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use veille_store::Archive;

use super::stories::{number, write_summary, StoriesFormat};
use super::why::open_archive;
use super::GlobalArgs;

#[derive(Debug, Args)]
pub struct StoryArgs {
    /// Story id, as printed by `veille stories`.
    pub id: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = StoriesFormat::Text)]
    pub format: StoriesFormat,
}

pub fn run(args: StoryArgs, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let archive = open_archive(global)?;
    let story = archive.story(&args.id)?.with_context(|| {
        format!(
            "no story {:?} in the archive (see `veille stories`)",
            args.id
        )
    })?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        StoriesFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &crate::output::versioned(&story)?)?;
            writeln!(out)?;
        }
        StoriesFormat::Text => {
            write_summary(&mut out, &story)?;
            write_quotes_and_disputes(&mut out, &story)?;
            for member in &story.members {
                let document = archive.document(&member.doc_id)?;
                let title = document
                    .as_ref()
                    .and_then(|d| d.title.as_ref())
                    .map_or("(no title)", |t| t.value.as_str());
                let story_anchored = document
                    .as_ref()
                    .is_some_and(|d| d.times.iter().any(|t| t.anchor == "story"));
                let published = document.as_ref().and_then(|d| d.published.as_ref()).map_or(
                    if story_anchored {
                        "undated; times resolved on the story date"
                    } else {
                        "undated"
                    },
                    |p| p.value.as_str(),
                );
                writeln!(out, "- {}  {}  [{published}]", member.doc_id, title)?;
                writeln!(out, "    {:.2}  {}", member.score, member.explanation)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The quotations the most outlets carry, and each disputed quantity with the sentence every
/// document states it in.
fn write_quotes_and_disputes(
    out: &mut impl Write,
    story: &veille_model::Story,
) -> std::io::Result<()> {
    if !story.quotes.is_empty() {
        writeln!(out, "quotes:")?;
    }
    for quote in &story.quotes {
        let speaker = quote.speaker.as_deref().unwrap_or("unknown speaker");
        let (open, close) = if quote.direct {
            ("\u{201c}", "\u{201d}")
        } else {
            ("", "")
        };
        writeln!(
            out,
            "  {open}{}{close} ({speaker}; {} outlet(s), {} document(s))",
            quote.text,
            quote.outlets.len(),
            quote.doc_ids.len()
        )?;
    }
    for dispute in &story.disputed_claims {
        writeln!(
            out,
            "disputed: {} ({})",
            dispute.counted.as_deref().unwrap_or("an amount"),
            dispute.unit
        )?;
        for value in &dispute.values {
            writeln!(out, "  {}:", number(value.value))?;
            for evidence in &value.evidence {
                writeln!(
                    out,
                    "    {} {}: \u{201c}{}\u{201d} ({})",
                    evidence.outlet.as_deref().unwrap_or("-"),
                    evidence.doc_id,
                    evidence.sentence,
                    evidence.text
                )?;
            }
        }
    }
    Ok(())
}
