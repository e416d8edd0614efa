//! Writing analysis records to stdout in the chosen format, streaming (memory stays bounded).

use std::io::Write;

use veille_model::{AnalysisRecord, Document, SCHEMA_VERSION};

use crate::cli::Format;

/// Writes records one at a time.
pub struct RecordWriter<W: Write> {
    out: W,
    format: Format,
    n_written: usize,
}

const CSV_HEADER: [&str; 13] = [
    "id",
    "input",
    "record",
    "title",
    "published",
    "language",
    "site_name",
    "url",
    "original_source",
    "n_paragraphs",
    "n_removed",
    "n_flags",
    "error",
];

impl<W: Write> RecordWriter<W> {
    /// Starts the output (JSON opening, CSV header).
    pub fn new(mut out: W, format: Format) -> std::io::Result<Self> {
        match format {
            Format::Json => write!(out, "{{\"schema_version\":{SCHEMA_VERSION},\"documents\":[")?,
            Format::Csv => write_csv_row(&mut out, CSV_HEADER)?,
            Format::Jsonl | Format::Text => {}
        }
        Ok(Self {
            out,
            format,
            n_written: 0,
        })
    }

    /// Writes one record.
    pub fn write(&mut self, record: &AnalysisRecord) -> std::io::Result<()> {
        match self.format {
            Format::Json => {
                if self.n_written > 0 {
                    self.out.write_all(b",")?;
                }
                self.out.write_all(b"\n")?;
                serde_json::to_writer_pretty(&mut self.out, record)?;
            }
            Format::Jsonl => {
                serde_json::to_writer(&mut self.out, record)?;
                self.out.write_all(b"\n")?;
            }
            Format::Text => write_text(&mut self.out, record)?,
            Format::Csv => write_csv_row(&mut self.out, csv_row(record))?,
        }
        self.n_written += 1;
        Ok(())
    }

    /// Ends the output (JSON closing) and flushes.
    pub fn finish(mut self) -> std::io::Result<()> {
        if self.format == Format::Json {
            self.out.write_all(b"\n]}\n")?;
        }
        self.out.flush()
    }
}

fn write_csv_row<I, T>(out: &mut impl Write, row: I) -> std::io::Result<()>
where
    I: IntoIterator<Item = T>,
    T: AsRef<[u8]>,
{
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(row).map_err(std::io::Error::other)?;
    let bytes = writer
        .into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    out.write_all(&bytes)
}

fn csv_row(record: &AnalysisRecord) -> Vec<String> {
    match record {
        AnalysisRecord::Document(doc) => {
            let field = |f: &Option<veille_model::Field<String>>| {
                f.as_ref().map(|f| f.value.clone()).unwrap_or_default()
            };
            vec![
                doc.id.clone(),
                doc.input.path.clone(),
                doc.input.record.map(|r| r.to_string()).unwrap_or_default(),
                field(&doc.title),
                field(&doc.published),
                field(&doc.language),
                field(&doc.site_name),
                field(&doc.url),
                doc.original_source
                    .as_ref()
                    .and_then(|f| f.value.name.clone())
                    .unwrap_or_default(),
                doc.paragraphs.len().to_string(),
                doc.removed.len().to_string(),
                doc.flags.len().to_string(),
                String::new(),
            ]
        }
        AnalysisRecord::Error(err) => {
            let mut row = vec![String::new(); CSV_HEADER.len()];
            row[1] = err.input.path.clone();
            row[2] = err.input.record.map(|r| r.to_string()).unwrap_or_default();
            row[12] = format!("{}: {}", err.error.code, err.error.message);
            row
        }
    }
}

fn write_text(out: &mut impl Write, record: &AnalysisRecord) -> std::io::Result<()> {
    match record {
        AnalysisRecord::Error(err) => writeln!(
            out,
            "== {} ==\nerror ({}): {}\n",
            err.input, err.error.code, err.error.message
        ),
        AnalysisRecord::Document(doc) => write_document_text(out, doc),
    }
}

fn write_document_text(out: &mut impl Write, doc: &Document) -> std::io::Result<()> {
    writeln!(out, "== {} ==", doc.input)?;
    let show = |name: &str, value: Option<String>, out: &mut dyn Write| match value {
        Some(v) => writeln!(out, "{name:<16}{v}"),
        None => Ok(()),
    };
    let fmt = |f: &Option<veille_model::Field<String>>| {
        f.as_ref()
            .map(|f| format!("{}  [{} {:.2}]", f.value, f.source, f.confidence))
    };
    show("id", Some(doc.id.clone()), out)?;
    show("title", fmt(&doc.title), out)?;
    show("subtitle", fmt(&doc.subtitle), out)?;
    show("published", fmt(&doc.published), out)?;
    show("modified", fmt(&doc.modified), out)?;
    for candidate in &doc.date_candidates {
        let line = format!(
            "{}  [{} {:.2}] «{}»",
            candidate.value, candidate.source, candidate.confidence, candidate.evidence
        );
        show("date candidate", Some(line), out)?;
    }
    show("language", fmt(&doc.language), out)?;
    show("site", fmt(&doc.site_name), out)?;
    show("url", fmt(&doc.url), out)?;
    if let Some(authors) = &doc.authors {
        show("authors", Some(authors.value.join(", ")), out)?;
    }
    if let Some(orig) = &doc.original_source {
        let name = orig
            .value
            .name
            .as_deref()
            .or(orig.value.url.as_deref())
            .unwrap_or("?");
        let line = format!(
            "{name}  [{} {:.2}] «{}»",
            orig.source, orig.confidence, orig.value.evidence
        );
        show("original source", Some(line), out)?;
    }
    for entity in &doc.entities {
        let kind = serde_json::to_value(entity.kind).unwrap_or_default();
        let line = format!(
            "{} ({}, {} mentions)",
            entity.canonical,
            kind.as_str().unwrap_or("?"),
            entity.mentions.len()
        );
        show("entity", Some(line), out)?;
    }
    for place in &doc.places {
        let at = match (place.latitude, place.longitude) {
            (Some(lat), Some(lon)) => format!(" at {lat:.3},{lon:.3}"),
            _ => String::new(),
        };
        let country = place.country_code.as_deref().unwrap_or("?");
        show(
            "place",
            Some(format!("{} ({country}){at}", place.name)),
            out,
        )?;
    }
    for time in &doc.times {
        show(
            "time",
            Some(format!("{} = {} [{}]", time.text, time.value, time.anchor)),
            out,
        )?;
    }
    for quote in &doc.quotes {
        let speaker = quote.speaker.as_deref().unwrap_or("?");
        let text: String = quote.text.chars().take(60).collect();
        show("quote", Some(format!("{speaker}: «{text}»")), out)?;
    }
    for claim in &doc.claims {
        let counted = claim.counted.as_deref().unwrap_or("");
        let line = format!("{} = {} {} {counted}", claim.text, claim.value, claim.unit);
        show("claim", Some(line), out)?;
    }
    for flag in &doc.flags {
        let kind = serde_json::to_value(flag.kind).unwrap_or_default();
        writeln!(
            out,
            "{:<16}{}: {}",
            "flag",
            kind.as_str().unwrap_or("?"),
            flag.evidence
        )?;
    }
    for removed in &doc.removed {
        let reason = serde_json::to_value(removed.reason).unwrap_or_default();
        let text: String = removed.text.chars().take(70).collect();
        writeln!(
            out,
            "{:<16}{}: {}",
            "removed",
            reason.as_str().unwrap_or("?"),
            text
        )?;
    }
    writeln!(out, "\n{}\n", doc.text)
}

/// `value` serialised as a JSON object with `"schema_version"` added, for commands that print
/// one record (`story`, `why`, `provenance`).
pub fn versioned<T: serde::Serialize>(value: &T) -> serde_json::Result<serde_json::Value> {
    let mut json = serde_json::to_value(value)?;
    if let serde_json::Value::Object(map) = &mut json {
        map.insert("schema_version".into(), SCHEMA_VERSION.into());
    }
    Ok(json)
}
