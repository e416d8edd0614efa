//! The storing stage of `ingest`: writes each linked batch in one transaction, re-anchors
//! the undated documents whose story got a date, counts what happened and writes the
//! per-document report lines. It runs on its own thread, so that SQL writes overlap the
//! linking of the next batch.

use std::io::Write;
use std::sync::mpsc::Receiver;

use serde::Serialize;
use veille_model::{ErrorRecord, SCHEMA_VERSION};
use veille_store::{Archive, IngestOutcome, SqliteArchive};

use super::linking::{LateAnchors, LinkedBatch};
use super::ArchiveFormat;

/// What the linking stage hands to the storing thread, in input order.
pub(super) enum ToStore {
    /// A batch to write.
    Batch(LinkedBatch),
    /// An input that could not be analysed.
    Failed(ErrorRecord),
}

/// Counts reported at the end.
#[derive(Debug, Default, Serialize)]
pub(super) struct Summary {
    pub(super) documents: usize,
    pub(super) new_articles: usize,
    pub(super) new_sightings: usize,
    pub(super) duplicates: usize,
    pub(super) failed: usize,
}

/// At most this many errors are kept for the JSON report; the count is always exact.
const MAX_REPORTED_ERRORS: usize = 1_000;

/// What the storing thread leaves behind.
pub(super) struct Stored {
    pub(super) summary: Summary,
    pub(super) errors: Vec<ErrorRecord>,
    /// The first write that failed: nothing after it was stored.
    pub(super) failure: Option<anyhow::Error>,
}

/// Stores everything `incoming` brings until it closes or a write fails (then it returns at
/// once, which tells the sender to stop).
pub(super) fn store_all(
    archive: &mut SqliteArchive,
    incoming: Receiver<ToStore>,
    format: ArchiveFormat,
) -> Stored {
    let mut stage = StoreStage {
        archive,
        format,
        out: std::io::stdout().lock(),
        stored: Stored {
            summary: Summary::default(),
            errors: Vec::new(),
            failure: None,
        },
    };
    for message in incoming {
        match message {
            ToStore::Batch(batch) => stage.store(batch),
            ToStore::Failed(error) => stage.failed(error),
        }
        if stage.stored.failure.is_some() {
            break;
        }
    }
    stage.stored
}

struct StoreStage<'a> {
    archive: &'a mut SqliteArchive,
    format: ArchiveFormat,
    out: std::io::StdoutLock<'static>,
    stored: Stored,
}

impl StoreStage<'_> {
    fn store(&mut self, batch: LinkedBatch) {
        let LinkedBatch {
            mut items,
            mut links,
            late,
        } = batch;
        let outcomes = match self.archive.ingest_batch(&mut items, &mut links) {
            Ok(outcomes) => outcomes,
            Err(err) => {
                self.stored.failure = Some(err.into());
                return;
            }
        };
        let summary = &mut self.stored.summary;
        for outcome in &outcomes {
            summary.documents += 1;
            match outcome {
                IngestOutcome::NewArticle => summary.new_articles += 1,
                IngestOutcome::NewSighting => summary.new_sightings += 1,
                IngestOutcome::Duplicate => summary.duplicates += 1,
            }
        }
        if self.format == ArchiveFormat::Jsonl {
            for (item, outcome) in items.iter().zip(outcomes) {
                let line = serde_json::json!({
                    "schema_version": SCHEMA_VERSION,
                    "type": "document",
                    "id": item.document.id,
                    "input": item.document.input,
                    "locator": item.sighting.locator,
                    "outcome": outcome,
                });
                self.write_line(&line);
            }
        }
        self.anchor_late_members(late);
    }

    fn failed(&mut self, error: ErrorRecord) {
        self.stored.summary.failed += 1;
        if self.format == ArchiveFormat::Jsonl {
            let mut line = serde_json::to_value(&error).unwrap_or_default();
            line["type"] = "error".into();
            self.write_line(&line);
        }
        if self.stored.errors.len() < MAX_REPORTED_ERRORS {
            self.stored.errors.push(error);
        }
    }

    /// Resolves the times of undated documents stored before their story got a date.
    fn anchor_late_members(&mut self, queued: LateAnchors) {
        if queued.is_empty() || self.stored.failure.is_some() {
            return;
        }
        let mut updates = Vec::new();
        for (id, date) in queued {
            let mut document = match self.archive.document(&id) {
                Ok(Some(document)) => document,
                Ok(None) => continue,
                Err(err) => {
                    self.stored.failure = Some(err.into());
                    return;
                }
            };
            let anchored = document.times.iter().any(|t| t.anchor == "story");
            if !anchored && veille_pipeline::reanchor::anchor_times_on_story(&mut document, &date) {
                updates.push((id, document.times));
            }
        }
        if let Err(err) = self.archive.replace_times(&updates) {
            self.stored.failure = Some(err.into());
        }
    }

    fn write_line(&mut self, value: &serde_json::Value) {
        let written = serde_json::to_writer(&mut self.out, value)
            .map_err(std::io::Error::from)
            .and_then(|()| self.out.write_all(b"\n"));
        if let Err(err) = written {
            self.stored.failure = Some(anyhow::Error::from(err).context("writing the report"));
        }
    }
}
