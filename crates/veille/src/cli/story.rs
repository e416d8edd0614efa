//! `veille story ID`: one story with every member and why it belongs.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use veille_store::Archive;

use super::stories::{write_summary, StoriesFormat};
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
            for member in &story.members {
                let document = archive.document(&member.doc_id)?;
                let title = document
                    .as_ref()
                    .and_then(|d| d.title.as_ref())
                    .map_or("(no title)", |t| t.value.as_str());
                let published = document
                    .as_ref()
                    .and_then(|d| d.published.as_ref())
                    .map_or("undated", |p| p.value.as_str());
                writeln!(out, "- {}  {}  [{published}]", member.doc_id, title)?;
                writeln!(out, "    {:.2}  {}", member.score, member.explanation)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
