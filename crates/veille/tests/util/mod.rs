//! Helpers for the end-to-end archive tests: running the real binary against a temporary
//! data directory, and generating articles written for these tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The `veille` binary with a clean environment for the archive in `data`.
pub fn veille(data: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_veille"));
    cmd.env_remove("VEILLE_DATA")
        .env_remove("VEILLE_LOG")
        .arg("--data")
        .arg(data);
    cmd
}

/// Runs `veille` with `args` and returns its output.
pub fn run(data: &Path, args: &[&str]) -> Output {
    veille(data).args(args).output().expect("running veille")
}

/// Runs `veille … --format json` and parses stdout, failing with stderr when it is not JSON.
pub fn run_json(data: &Path, args: &[&str]) -> (Output, serde_json::Value) {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--format", "json"]);
    let output = run(data, &all);
    let value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "veille {args:?} did not print JSON ({e}); stderr:\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (output, value)
}

/// A small deterministic pseudo-random generator (xorshift64*), so that failures replay.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const SUBJECTS: &[&str] = &[
    "Le conseil municipal",
    "La coopérative laitière",
    "Le syndicat des cheminots",
    "L'association des riverains",
    "La direction de l'hôpital",
    "Le club de football",
];
const ACTIONS: &[&str] = &[
    "a voté une hausse du budget consacré aux écoles",
    "a présenté un plan de rénovation des logements",
    "réclame une réunion avec la préfecture",
    "annonce la fermeture provisoire du site",
    "conteste la décision du tribunal administratif",
];
const DETAILS: &[&str] = &[
    "Les travaux doivent commencer au printemps, selon un communiqué publié mardi.",
    "Plusieurs élus de l'opposition ont dénoncé un calendrier trop serré.",
    "Une pétition a recueilli plus de deux mille signatures en une semaine.",
    "La mairie promet une consultation des habitants avant l'été.",
];

/// One generated article: unique text (it carries `ticket{n}`), title and URL.
pub fn article(n: usize, rng: &mut Rng) -> serde_json::Value {
    let pick = |list: &[&'static str], rng: &mut Rng| list[rng.below(list.len() as u64) as usize];
    let subject = pick(SUBJECTS, rng);
    let action = pick(ACTIONS, rng);
    let text = format!(
        "{subject} {action}, a-t-on appris lundi (dossier ticket{n:05}).\n\n{}\n\n{} \
         Le dossier sera examiné lors de la prochaine séance publique de l'archive communale.",
        pick(DETAILS, rng),
        pick(DETAILS, rng),
    );
    serde_json::json!({
        "url": format!("https://journal-local.example/articles/{n}"),
        "title": format!("{subject} {action} ({n})"),
        "published": format!("2024-{:02}-{:02}T08:00:00+01:00", 1 + n % 12, 1 + n % 28),
        "language": "fr",
        "text": text,
    })
}

/// Writes records as a JSON Lines file.
pub fn write_jsonl(path: &Path, records: &[serde_json::Value]) -> PathBuf {
    let mut body = String::new();
    for record in records {
        body.push_str(&record.to_string());
        body.push('\n');
    }
    std::fs::write(path, body).expect("writing fixture");
    path.to_path_buf()
}
