//! Pipeline: chains the stages, `ingest → extract → enrich`, into [`Document`]s.
//!
//! [`analyze`] turns one [`RawDocument`] into a [`Document`]; [`analyze_sources`] streams many
//! sources through a bounded rayon pool and hands records to a sink in input order.
//! The CLI and (later) the server both go through this crate, so that every entry point
//! produces the same documents.

use veille_enrich::EnrichConfig;
use veille_extract::ExtractConfig;
use veille_ingest::{IngestConfig, IngestFailure, Source};
use veille_model::{
    AnalysisRecord, CharOffsets, Document, ErrorInfo, ErrorRecord, Paragraph, RawDocument,
    SCHEMA_VERSION,
};

/// Options of every stage.
#[derive(Debug, Clone, Default)]
pub struct PipelineConfig {
    /// Reading limits.
    pub ingest: IngestConfig,
    /// Extraction options.
    pub extract: ExtractConfig,
    /// Enrichment options.
    pub enrich: EnrichConfig,
}

/// Analyses one raw document.
pub fn analyze(raw: &RawDocument, cfg: &PipelineConfig) -> Document {
    let _span = tracing::debug_span!("analyze", input = %raw.input).entered();
    let extracted = veille_extract::extract(raw, &cfg.extract);
    let mut text = String::new();
    let mut byte_ranges = Vec::with_capacity(extracted.blocks.len());
    for block in &extracted.blocks {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(&block.text);
        byte_ranges.push(start..text.len());
    }
    let offsets = CharOffsets::new(&text);
    let paragraphs = extracted
        .blocks
        .iter()
        .zip(byte_ranges)
        .map(|(block, range)| Paragraph {
            text: block.text.clone(),
            span: offsets.span(range),
            kind: block.kind,
            language: None,
        })
        .collect();
    let meta = extracted.metadata;
    let mut flags = extracted.flags;
    flags.extend(meta.flags);
    let mut warnings = raw.warnings.clone();
    warnings.extend(extracted.warnings);
    let mut doc = Document {
        schema_version: SCHEMA_VERSION,
        id: content_id(&text, meta.title.as_ref().map(|t| t.value.as_str())),
        input: raw.input.clone(),
        format: raw.format,
        encoding: raw.encoding.clone(),
        title: meta.title,
        subtitle: meta.subtitle,
        published: meta.published,
        modified: meta.modified,
        authors: meta.authors,
        site_name: meta.site_name,
        url: meta.url,
        original_source: meta.original_source,
        language: meta.declared_language,
        date_candidates: meta.date_candidates,
        text,
        paragraphs,
        captions: extracted.captions,
        removed: extracted.removed,
        flags,
        warnings,
        entities: Vec::new(),
        times: Vec::new(),
        quotes: Vec::new(),
        claims: Vec::new(),
        places: Vec::new(),
    };
    veille_enrich::enrich(&mut doc, &cfg.enrich);
    doc
}

/// Stable content id: 128 bits of BLAKE3 over the case-folded words of the clean text
/// (the title when the body is empty), so that whitespace, punctuation and case changes
/// do not change it.
pub fn content_id(text: &str, title: Option<&str>) -> String {
    let basis = if text.trim().is_empty() {
        title.unwrap_or("")
    } else {
        text
    };
    let mut hasher = blake3::Hasher::new();
    for word in basis
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        hasher.update(word.to_lowercase().as_bytes());
        hasher.update(b" ");
    }
    let hash = hasher.finalize();
    hash.to_hex()[..32].to_string()
}

/// Turns an ingest failure into an output record.
pub fn error_record(failure: IngestFailure) -> ErrorRecord {
    ErrorRecord {
        schema_version: SCHEMA_VERSION,
        error: ErrorInfo {
            code: failure.error.code().to_string(),
            message: failure.error.to_string(),
        },
        input: failure.input,
    }
}

/// Reads and analyses every source, using up to `jobs` threads, and calls `sink` with each
/// record in input order. Memory stays bounded: documents are analysed in batches.
pub fn analyze_sources(
    sources: Vec<Result<Source, IngestFailure>>,
    cfg: &PipelineConfig,
    jobs: usize,
    mut sink: impl FnMut(AnalysisRecord),
) {
    const BATCH: usize = 256;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .build()
        .expect("building a thread pool with a positive thread count");
    let mut batch: Vec<Result<RawDocument, IngestFailure>> = Vec::with_capacity(BATCH);
    let mut flush = |batch: &mut Vec<Result<RawDocument, IngestFailure>>| {
        use rayon::prelude::*;
        let records: Vec<AnalysisRecord> = pool.install(|| {
            batch
                .par_drain(..)
                .map(|item| match item {
                    Ok(raw) => AnalysisRecord::Document(Box::new(analyze(&raw, cfg))),
                    Err(failure) => AnalysisRecord::Error(error_record(failure)),
                })
                .collect()
        });
        records.into_iter().for_each(&mut sink);
    };
    for source in sources {
        match source {
            Ok(source) => {
                for item in veille_ingest::read(&source, &cfg.ingest) {
                    batch.push(item);
                    if batch.len() >= BATCH {
                        flush(&mut batch);
                    }
                }
            }
            Err(failure) => batch.push(Err(failure)),
        }
    }
    flush(&mut batch);
}
