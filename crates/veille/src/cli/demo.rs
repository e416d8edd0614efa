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
/// Flat file names: the demo writes them into one temporary directory. The texts live in
/// `fixtures/demo/` (see its README).
const DEMO_FILES: &[(&str, &str)] = &[
    (
        "fr-midi-littoral-epave-sete.txt",
        include_str!("../../../../fixtures/demo/fr/midi-littoral-epave-sete.txt"),
    ),
    (
        "en-coastal-herald-shipwreck.html",
        include_str!("../../../../fixtures/demo/en/coastal-herald-shipwreck.html"),
    ),
    (
        "fr-actu-flash-epave.txt",
        include_str!("../../../../fixtures/demo/fr/actu-flash-epave.txt"),
    ),
    (
        "de-kuestenbote-wrack.html",
        include_str!("../../../../fixtures/demo/de/kuestenbote-wrack.html"),
    ),
    (
        "es-diario-costa-playas.txt",
        include_str!("../../../../fixtures/demo/es/diario-costa-playas.txt"),
    ),
    (
        "wire.jsonl",
        include_str!("../../../../fixtures/demo/feeds/wire.jsonl"),
    ),
];

pub fn run(args: DemoArgs, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let dir = std::env::temp_dir().join(format!("veille-demo-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    for (name, body) in DEMO_FILES {
        std::fs::write(dir.join(name), body)?;
    }
    let sources = veille_ingest::discover(std::slice::from_ref(&dir));
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
