//! Pipeline: chains the stages, `ingest → extract → enrich`, into [`Document`]s.
//!
//! [`analyze`] turns one [`RawDocument`] into a [`Document`]; [`analyze_sources`] streams many
//! sources through a bounded rayon pool and hands records to a sink in input order.
//! The CLI and (later) the server both go through this crate, so that every entry point
//! produces the same documents.

use veille_enrich::EnrichConfig;
use veille_extract::clean::SiteBoilerplate;
use veille_extract::{ExtractConfig, Extracted};
use veille_ingest::{IngestConfig, IngestError, IngestFailure, Source};
use veille_model::{
    AnalysisRecord, CharOffsets, Document, ErrorInfo, ErrorRecord, Paragraph, RawDocument,
    SCHEMA_VERSION,
};

pub mod reanchor;

/// Options of every stage.
#[derive(Debug, Clone)]
pub struct PipelineConfig {
    /// Reading limits.
    pub ingest: IngestConfig,
    /// Extraction options.
    pub extract: ExtractConfig,
    /// Enrichment options.
    pub enrich: EnrichConfig,
    /// Remove short blocks repeated verbatim in at least this many documents of the same site
    /// (opt-in: near-duplicate wire updates share sub-headings, so it is off by default).
    pub site_boilerplate_min_docs: Option<usize>,
    /// Largest decoded body analysed, in bytes. News pages weigh a few megabytes at most; a
    /// larger record is refused with a `too_large` error record instead of holding a worker
    /// for minutes.
    pub max_document_bytes: usize,
}

impl Default for PipelineConfig {
    fn default() -> Self {
        Self {
            ingest: IngestConfig::default(),
            extract: ExtractConfig::default(),
            enrich: EnrichConfig::default(),
            site_boilerplate_min_docs: None,
            max_document_bytes: 16 * 1024 * 1024,
        }
    }
}

/// Analyses one raw document.
pub fn analyze(raw: &RawDocument, cfg: &PipelineConfig) -> Document {
    let _span = tracing::debug_span!("analyze", input = %raw.input).entered();
    analyze_extracted(raw, veille_extract::extract(raw, &cfg.extract), cfg)
}

/// Builds and enriches the [`Document`] of a raw document whose extraction is done.
pub fn analyze_extracted(
    raw: &RawDocument,
    extracted: Extracted,
    cfg: &PipelineConfig,
) -> Document {
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
    let id = content_id(&text, meta.title.as_ref().map(|t| t.value.as_str()));
    let mut doc = Document {
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
        paragraphs,
        captions: extracted.captions,
        removed: extracted.removed,
        flags,
        warnings,
        ..Document::new(id, raw.input.clone(), raw.format, text)
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

/// Documents analysed together: large enough to keep every worker busy, small enough to keep
/// memory bounded.
const BATCH: usize = 256;

/// Batches waiting between two stages. One in the queue plus one being worked on lets each
/// stage run while its neighbours do, without letting memory grow.
const QUEUED_BATCHES: usize = 1;

type RawBatch = Vec<Result<RawDocument, IngestFailure>>;

/// Reads and analyses every source, using up to `jobs` threads, and calls `sink` with each
/// record in input order. Memory stays bounded: documents are analysed in batches.
///
/// Three stages run at the same time: a reader thread (decompression, parsing), the analysis
/// pool (`jobs` threads) and the calling thread, which runs `sink` (for `ingest`, storing and
/// linking). So the sink of one batch never leaves the cores idle while it works, and reading
/// the next batch overlaps the analysis of the current one.
pub fn analyze_sources(
    sources: Vec<Result<Source, IngestFailure>>,
    cfg: &PipelineConfig,
    jobs: usize,
    mut sink: impl FnMut(AnalysisRecord),
) {
    analyze_sources_with(sources, cfg, jobs, |_| (), |record, _| sink(record));
}

/// [`analyze_sources`], also running `prepare` on each analysed document on the analysis
/// pool and handing its result to `sink` beside the record (`None` for error records).
///
/// For work a consumer would otherwise do on its own thread for every document (`ingest`
/// computes the linker's features this way), so that it runs in parallel.
pub fn analyze_sources_with<T: Send>(
    sources: Vec<Result<Source, IngestFailure>>,
    cfg: &PipelineConfig,
    jobs: usize,
    prepare: impl Fn(&Document) -> T + Sync,
    mut sink: impl FnMut(AnalysisRecord, Option<T>),
) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .start_handler(|_| yield_to_the_sink())
        .build()
        .expect("building a thread pool with a positive thread count");
    let (raw_tx, raw_rx) = std::sync::mpsc::sync_channel::<RawBatch>(QUEUED_BATCHES);
    let (done_tx, done_rx) =
        std::sync::mpsc::sync_channel::<Vec<(AnalysisRecord, Option<T>)>>(QUEUED_BATCHES);
    let prepare = &prepare;
    std::thread::scope(|scope| {
        scope.spawn(move || read_batches(sources, cfg, &raw_tx));
        scope.spawn(move || {
            let mut boilerplate = cfg.site_boilerplate_min_docs.map(SiteBoilerplate::new);
            for mut batch in raw_rx {
                let records =
                    pool.install(|| analyze_batch(&mut batch, boilerplate.as_mut(), cfg, prepare));
                if done_tx.send(records).is_err() {
                    // The sink side is gone (it panicked): stop analysing.
                    break;
                }
            }
        });
        for records in done_rx {
            for (record, prepared) in records {
                sink(record, prepared);
            }
        }
    });
}

/// Lowers the calling analysis thread's scheduling priority a little below the sink's.
///
/// The sink is the one serial stage (for `ingest`, storing and linking): with as many analysis
/// threads as cores, an equal share would leave it two thirds of a core and make it the
/// bottleneck while analysis races ahead only to wait on a full queue. Only on Linux, where
/// each thread has its own nice value; a refusal (some sandboxes) is harmless.
fn yield_to_the_sink() {
    #[cfg(target_os = "linux")]
    {
        /// How many nice levels below the sink analysis threads run.
        const ANALYSIS_NICENESS: libc::c_int = 5;
        // SAFETY: plain system calls on the calling thread, with no memory passed.
        #[allow(unsafe_code)]
        unsafe {
            let thread = libc::syscall(libc::SYS_gettid) as libc::id_t;
            let current = libc::getpriority(libc::PRIO_PROCESS, thread);
            libc::setpriority(libc::PRIO_PROCESS, thread, current + ANALYSIS_NICENESS);
        }
    }
}

/// The reader stage: every record of every source, in order, in batches of [`BATCH`].
fn read_batches(
    sources: Vec<Result<Source, IngestFailure>>,
    cfg: &PipelineConfig,
    out: &std::sync::mpsc::SyncSender<RawBatch>,
) {
    let mut batch: RawBatch = Vec::with_capacity(BATCH);
    for source in sources {
        match source {
            Ok(source) => {
                for item in veille_ingest::read(&source, &cfg.ingest) {
                    batch.push(item);
                    if batch.len() >= BATCH {
                        let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                        if out.send(full).is_err() {
                            return;
                        }
                    }
                }
            }
            Err(failure) => batch.push(Err(failure)),
        }
    }
    if !batch.is_empty() {
        // A send error means the consumers are gone; nothing is left to do either way.
        let _ = out.send(batch);
    }
}

/// Analyses one batch on the current rayon pool, keeping input order.
fn analyze_batch<T: Send>(
    batch: &mut RawBatch,
    boilerplate: Option<&mut SiteBoilerplate>,
    cfg: &PipelineConfig,
    prepare: &(impl Fn(&Document) -> T + Sync),
) -> Vec<(AnalysisRecord, Option<T>)> {
    use rayon::prelude::*;
    refuse_oversized(batch, cfg.max_document_bytes);
    // `prepare` runs in the same parallel pass as the analysis: no barrier before it.
    let finish = |document: Document| {
        let prepared = prepare(&document);
        (AnalysisRecord::Document(Box::new(document)), Some(prepared))
    };
    let failed = |failure: IngestFailure| (AnalysisRecord::Error(error_record(failure)), None);
    let Some(boilerplate) = boilerplate else {
        // One parallel pass, extraction and enrichment together: no barrier between them.
        return batch
            .par_drain(..)
            .map(|item| match item {
                Ok(raw) => finish(analyze(&raw, cfg)),
                Err(failure) => failed(failure),
            })
            .collect();
    };
    // Site boilerplate needs every extraction of the batch before any is enriched.
    let mut extracted: Vec<Option<Extracted>> = batch
        .par_iter()
        .map(|item| {
            item.as_ref()
                .ok()
                .map(|raw| veille_extract::extract(raw, &cfg.extract))
        })
        .collect();
    remove_site_boilerplate(boilerplate, batch, &mut extracted);
    batch
        .par_drain(..)
        .zip(extracted.into_par_iter())
        .map(|(item, extracted)| match (item, extracted) {
            (Ok(raw), Some(extracted)) => finish(analyze_extracted(&raw, extracted, cfg)),
            (Ok(raw), None) => finish(analyze(&raw, cfg)),
            (Err(failure), _) => failed(failure),
        })
        .collect()
}

/// Turns documents over the analysis limit into `too_large` failures.
fn refuse_oversized(batch: &mut [Result<RawDocument, IngestFailure>], max_bytes: usize) {
    for item in batch.iter_mut() {
        let size = match item {
            Ok(raw) if raw.body.len() > max_bytes => raw.body.len(),
            _ => continue,
        };
        if let Ok(raw) = item {
            let input = raw.input.clone();
            let error = IngestError::TooLarge {
                at: format!("{input} (decoded body of {size} bytes, analysis limit)"),
                limit: max_bytes as u64,
            };
            *item = Err(IngestFailure { input, error });
        }
    }
}

/// Counts the batch's blocks per site first, then removes those repeated across documents,
/// so every document of the batch benefits from all the others (and from earlier batches).
fn remove_site_boilerplate(
    boilerplate: &mut SiteBoilerplate,
    batch: &[Result<RawDocument, IngestFailure>],
    extracted: &mut [Option<Extracted>],
) {
    let sites: Vec<Option<String>> = batch
        .iter()
        .zip(extracted.iter())
        .map(|(item, ex)| match (item, ex) {
            (Ok(raw), Some(ex)) => site_key(raw, ex),
            _ => None,
        })
        .collect();
    for (site, ex) in sites.iter().zip(extracted.iter()) {
        if let (Some(site), Some(ex)) = (site, ex) {
            boilerplate.observe(site, &ex.blocks);
        }
    }
    for (site, ex) in sites.iter().zip(extracted.iter_mut()) {
        if let (Some(site), Some(ex)) = (site, ex) {
            let removed = boilerplate.apply(site, &mut ex.blocks);
            ex.removed.extend(removed);
        }
    }
}

/// The host a document was published on (from its container URL or canonical URL), without `www.`.
fn site_key(raw: &RawDocument, extracted: &Extracted) -> Option<String> {
    let url = raw.input.url.as_deref().or(extracted
        .metadata
        .url
        .as_ref()
        .map(|f| f.value.as_str()))?;
    let host = url.split("://").nth(1)?.split(['/', '?', '#']).next()?;
    let host = host.trim_start_matches("www.").to_ascii_lowercase();
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;
    use veille_model::{BodyKind, Hints, InputRef, SourceFormat};

    fn raw(url: &str, body: &str) -> RawDocument {
        RawDocument {
            input: InputRef {
                path: "test".into(),
                url: Some(url.into()),
                ..Default::default()
            },
            format: SourceFormat::Text,
            body_kind: BodyKind::Text,
            body: body.into(),
            encoding: "utf-8".into(),
            hints: Hints::default(),
            warnings: Vec::new(),
        }
    }

    /// Records come out in input order, across batches and sources, with failures in place.
    #[test]
    fn analyze_sources_keeps_input_order_across_batches_with_prepared_values() {
        let dir =
            std::env::temp_dir().join(format!("veille-pipeline-order-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let n = BATCH * 2 + 17;
        let mut lines = String::new();
        for i in 0..n {
            lines.push_str(&format!(
                "{{\"url\": \"https://site.example/{i}\", \"title\": \"Dépêche {i}\", \
                 \"text\": \"Le conseil municipal numéro {i} a voté le budget des écoles.\"}}\n"
            ));
        }
        let first = dir.join("a.jsonl");
        let second = dir.join("b.jsonl");
        std::fs::write(&first, &lines).expect("write");
        std::fs::write(
            &second,
            "{\"url\": \"https://site.example/last\", \"text\": \"Fin de la série.\"}\n",
        )
        .expect("write");
        let sources = vec![
            Ok(Source::File(first)),
            Ok(Source::File(dir.join("missing.jsonl"))),
            Ok(Source::File(second)),
        ];
        let mut seen = Vec::new();
        // What `prepare` computes on the pool comes back beside its own document.
        let prepare = |doc: &Document| doc.title.as_ref().map(|t| t.value.clone());
        analyze_sources_with(
            sources,
            &PipelineConfig::default(),
            2,
            prepare,
            |record, title| {
                seen.push(match record {
                    AnalysisRecord::Document(doc) => {
                        let own = doc.title.as_ref().map(|t| t.value.clone());
                        assert_eq!(title, Some(own), "prepared for another document");
                        doc.input.url.unwrap_or_default()
                    }
                    AnalysisRecord::Error(error) => {
                        assert!(title.is_none(), "nothing is prepared for an error");
                        format!("error {}", error.input.path)
                    }
                });
            },
        );
        std::fs::remove_dir_all(&dir).ok();
        let mut expected: Vec<String> = (0..n)
            .map(|i| format!("https://site.example/{i}"))
            .collect();
        assert_eq!(seen.len(), n + 2, "{:?}", &seen[n..]);
        assert_eq!(&seen[..n], &expected[..]);
        assert!(seen[n].starts_with("error ") && seen[n].contains("missing.jsonl"));
        expected.push("https://site.example/last".into());
        assert_eq!(seen[n + 1], expected[n]);
    }

    #[test]
    fn site_key_strips_scheme_www_and_path() {
        let r = raw("https://www.Example.org/news/1?x=2", "x");
        let ex = Extracted::default();
        assert_eq!(site_key(&r, &ex).as_deref(), Some("example.org"));
        let r = raw("not a url", "x");
        assert_eq!(site_key(&r, &ex), None);
    }

    #[test]
    fn content_id_ignores_case_spacing_and_punctuation() {
        let a = content_id("Le maire a parlé.\n\nFin.", None);
        let b = content_id("le  MAIRE a parlé\n\n\nfin", None);
        assert_eq!(a, b);
        assert_ne!(a, content_id("Le maire a menti.", None));
        assert_eq!(a.len(), 32);
    }

    #[test]
    fn site_boilerplate_removes_blocks_repeated_across_a_site() {
        let promo = "Recevez notre lettre chaque matin dans votre boîte";
        let bodies = [
            "Le conseil a voté le budget des écoles lundi soir après un long débat.",
            "Les pompiers ont maîtrisé un incendie dans un entrepôt du port mardi.",
            "La ligne de tramway sera prolongée de deux stations en septembre prochain.",
        ];
        let cfg = PipelineConfig {
            site_boilerplate_min_docs: Some(3),
            ..Default::default()
        };
        let mut boiler = SiteBoilerplate::new(3);
        let docs: Vec<RawDocument> = bodies
            .iter()
            .enumerate()
            .map(|(i, body)| {
                raw(
                    &format!("https://site.example/{i}"),
                    &format!("{body}\n\n{promo}\n"),
                )
            })
            .collect();
        let batch: Vec<Result<RawDocument, IngestFailure>> = docs.into_iter().map(Ok).collect();
        let mut extracted: Vec<Option<Extracted>> = batch
            .iter()
            .map(|item| {
                item.as_ref()
                    .ok()
                    .map(|r| veille_extract::extract(r, &cfg.extract))
            })
            .collect();
        remove_site_boilerplate(&mut boiler, &batch, &mut extracted);
        for (ex, body) in extracted.iter().zip(bodies) {
            let ex = ex.as_ref().unwrap();
            let texts: Vec<&str> = ex.blocks.iter().map(|b| b.text.as_str()).collect();
            assert!(!texts.contains(&promo), "{texts:?}");
            assert!(
                texts.contains(&body),
                "the article paragraph stays: {texts:?}"
            );
        }
    }
}
