//! The tantivy full-text index, derived from SQLite.
//!
//! Each article's title and body go into the pair of fields of its language (`title_fr`,
//! `text_fr`…), analysed with that language's stemmer, so that a query is stemmed once per
//! language and matches inflected forms in every language at once. Documents whose
//! language has no stemmer go to `title_other`/`text_other` (lowercased, accents folded).
//!
//! SQLite is the ground truth: every commit records in its payload the last SQLite write
//! sequence it contains, and opening the archive re-indexes anything newer. Adding a document
//! first deletes its id term, so a document indexed twice is still one hit.

use std::path::{Path, PathBuf};

use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, Schema, TextFieldIndexing,
    TextOptions, STORED, STRING,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer,
    Stemmer, TextAnalyzer,
};
use tantivy::{DateTime, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};
use veille_model::Document;

use crate::{Result, StoreError};

/// Version of the index schema and analysers; an index built with another version is rebuilt.
pub const INDEX_SCHEMA_VERSION: u64 = 2;

/// Languages with a stemmer: ISO 639-1 code and tantivy language.
pub const STEMMED_LANGUAGES: &[(&str, Language)] = &[
    ("fr", Language::French),
    ("en", Language::English),
    ("de", Language::German),
    ("es", Language::Spanish),
    ("it", Language::Italian),
    ("pt", Language::Portuguese),
    ("nl", Language::Dutch),
    ("ru", Language::Russian),
];

/// Key of the field pair for languages without a stemmer.
pub const OTHER_LANGUAGE: &str = "other";

/// Analyser for short names: words lowercased with accents folded.
const PLAIN_ANALYZER: &str = "veille_plain";
/// Analyser for codes and URLs: the whole value, lowercased.
const KEYWORD_ANALYZER: &str = "veille_keyword";

/// Tokens longer than this are noise (base64, glued URLs) and are dropped.
const MAX_TOKEN_BYTES: usize = 60;

/// Handles on every field of the schema.
#[derive(Debug, Clone)]
pub struct Fields {
    /// Content id, stored.
    pub id: Field,
    /// Key of the language field pair the document went to, stored.
    pub analyzer: Field,
    /// Title fields, one per language key.
    pub titles: Vec<(&'static str, Field)>,
    /// Body fields, one per language key.
    pub texts: Vec<(&'static str, Field)>,
    /// Site name and host.
    pub outlet: Field,
    /// Language code.
    pub lang: Field,
    /// Canonical entity names, their surface forms in the document, and their ids.
    pub entity: Field,
    /// Places: gazetteer names, country codes and GeoNames ids.
    pub place: Field,
    /// Quote speakers: as named, and the canonical name and aliases of the linked entity.
    pub speaker: Field,
    /// Numeric claims: unit code and what is counted.
    pub claim: Field,
    /// Canonical entity ids, whole (`person:vladimir-putin`).
    pub entity_id: Field,
    /// Place keys, whole ([`place_key`]).
    pub place_id: Field,
    /// Entity ids of quote speakers, whole.
    pub speaker_id: Field,
    /// URL.
    pub url: Field,
    /// Publication date (the time first seen when unknown).
    pub published: Field,
}

impl Fields {
    /// The body field for a language key.
    pub fn text_field(&self, key: &str) -> Option<Field> {
        self.texts.iter().find(|(k, _)| *k == key).map(|(_, f)| *f)
    }
}

fn language_keys() -> impl Iterator<Item = &'static str> {
    STEMMED_LANGUAGES
        .iter()
        .map(|(code, _)| *code)
        .chain(std::iter::once(OTHER_LANGUAGE))
}

fn analyzer_name(key: &str) -> String {
    format!("veille_{key}")
}

fn text_options(analyzer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

/// Builds the schema and the field handles.
pub fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let id = builder.add_text_field("id", STRING | STORED);
    let analyzer = builder.add_text_field("analyzer", STORED);
    let mut titles = Vec::new();
    let mut texts = Vec::new();
    for key in language_keys() {
        let options = text_options(&analyzer_name(key));
        titles.push((
            key,
            builder.add_text_field(&format!("title_{key}"), options.clone()),
        ));
        texts.push((key, builder.add_text_field(&format!("text_{key}"), options)));
    }
    let outlet = builder.add_text_field("outlet", text_options(PLAIN_ANALYZER));
    let lang = builder.add_text_field("lang", text_options(KEYWORD_ANALYZER));
    let entity = builder.add_text_field("entity", text_options(PLAIN_ANALYZER));
    let place = builder.add_text_field("place", text_options(PLAIN_ANALYZER));
    let speaker = builder.add_text_field("speaker", text_options(PLAIN_ANALYZER));
    let claim = builder.add_text_field("claim", text_options(PLAIN_ANALYZER));
    let entity_id = builder.add_text_field("entity_id", text_options(KEYWORD_ANALYZER));
    let place_id = builder.add_text_field("place_id", text_options(KEYWORD_ANALYZER));
    let speaker_id = builder.add_text_field("speaker_id", text_options(KEYWORD_ANALYZER));
    let url = builder.add_text_field("url", text_options(KEYWORD_ANALYZER));
    let published = builder.add_date_field(
        "published",
        DateOptions::default()
            .set_indexed()
            .set_fast()
            .set_precision(DateTimePrecision::Seconds),
    );
    let fields = Fields {
        id,
        analyzer,
        titles,
        texts,
        outlet,
        lang,
        entity,
        place,
        speaker,
        claim,
        entity_id,
        place_id,
        speaker_id,
        url,
        published,
    };
    (builder.build(), fields)
}

/// Words lowercased with accents folded.
pub(crate) fn plain_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

fn register_analyzers(index: &Index) {
    let manager = index.tokenizers();
    for (code, language) in STEMMED_LANGUAGES {
        // Fold accents after stemming: the stemmers expect accented words, and folding then
        // lets "election" find "élection".
        let analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
            .filter(LowerCaser)
            .filter(Stemmer::new(*language))
            .filter(AsciiFoldingFilter)
            .build();
        manager.register(&analyzer_name(code), analyzer);
    }
    manager.register(&analyzer_name(OTHER_LANGUAGE), plain_analyzer());
    manager.register(PLAIN_ANALYZER, plain_analyzer());
    manager.register(
        KEYWORD_ANALYZER,
        TextAnalyzer::builder(RawTokenizer::default())
            .filter(LowerCaser)
            .build(),
    );
}

/// The commit payload: which SQLite writes the index holds.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Payload {
    seq: u64,
    schema: u64,
}

/// The full-text index of one archive.
pub struct FullTextIndex {
    path: PathBuf,
    index: Index,
    reader: IndexReader,
    writer: Option<IndexWriter>,
    fields: Fields,
    /// Last SQLite sequence number in the committed index.
    committed_seq: u64,
    /// Last SQLite sequence number added, committed or not.
    added_seq: u64,
}

impl FullTextIndex {
    /// Opens (or creates, when `writable`) the index in `path`. With `writable`, an index
    /// that cannot be read or was built by another schema version is moved aside and
    /// recreated empty: it is derived data, rebuilt from SQLite by the caller.
    pub fn open(path: &Path, writable: bool) -> Result<Self> {
        let err = |source| StoreError::Index {
            path: path.to_path_buf(),
            source,
        };
        let (schema, fields) = schema();
        let existing = if path.join("meta.json").exists() {
            match open_existing(path, &schema) {
                Ok(index) => Some(index),
                Err(reason) if !writable => {
                    return Err(StoreError::NotAnArchive {
                        path: path.to_path_buf(),
                        reason: format!(
                            "the full-text index is unusable ({reason}); run `veille ingest` to rebuild it"
                        ),
                    })
                }
                Err(reason) => {
                    tracing::warn!(path = %path.display(), %reason, "full-text index unusable, rebuilding it from the database");
                    set_aside(path)?;
                    None
                }
            }
        } else {
            None
        };
        let index = match existing {
            Some(index) => index,
            None if writable => {
                std::fs::create_dir_all(path).map_err(|source| StoreError::Io {
                    path: path.to_path_buf(),
                    source,
                })?;
                Index::create_in_dir(path, schema).map_err(err)?
            }
            None => {
                return Err(StoreError::NotAnArchive {
                    path: path.to_path_buf(),
                    reason: "the full-text index is missing; run `veille ingest` to rebuild it"
                        .into(),
                })
            }
        };
        register_analyzers(&index);
        let writer = if writable {
            match index.writer_with_num_threads(1, 64 * 1024 * 1024) {
                Ok(writer) => Some(writer),
                Err(tantivy::TantivyError::LockFailure(..)) => {
                    return Err(StoreError::Busy(path.to_path_buf()))
                }
                Err(e) => return Err(err(e)),
            }
        } else {
            None
        };
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(err)?;
        let committed_seq = read_payload(&index).map_err(err)?.map_or(0, |p| p.seq);
        Ok(Self {
            path: path.to_path_buf(),
            index,
            reader,
            writer,
            fields,
            committed_seq,
            added_seq: committed_seq,
        })
    }

    fn err(&self, source: tantivy::TantivyError) -> StoreError {
        StoreError::Index {
            path: self.path.clone(),
            source,
        }
    }

    /// Forgets what was added since the last commit, as a crash would.
    pub fn rollback(&mut self) -> Result<()> {
        if let Some(writer) = self.writer.as_mut() {
            writer.rollback().map_err(|e| StoreError::Index {
                path: self.path.clone(),
                source: e,
            })?;
        }
        self.added_seq = self.committed_seq;
        Ok(())
    }

    /// Last SQLite sequence number the committed index holds.
    pub fn committed_seq(&self) -> u64 {
        self.committed_seq
    }

    /// Last SQLite sequence number added (committed or not).
    pub fn added_seq(&self) -> u64 {
        self.added_seq
    }

    /// Field handles.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// The tantivy index (for query parsing).
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// The reader.
    pub fn reader(&self) -> &IndexReader {
        &self.reader
    }

    /// Drops every document (before a full rebuild).
    pub fn clear(&mut self) -> Result<()> {
        let writer = self.writer.as_mut().ok_or(StoreError::ReadOnly)?;
        writer
            .delete_all_documents()
            .map_err(|e| StoreError::Index {
                path: self.path.clone(),
                source: e,
            })?;
        self.committed_seq = 0;
        self.added_seq = 0;
        Ok(())
    }

    /// Adds (or replaces) a document written to SQLite with sequence number `seq`.
    pub fn add(&mut self, seq: u64, doc: &Document, first_seen: &str) -> Result<()> {
        let tantivy_doc = self.to_tantivy(doc, first_seen);
        let id_term = Term::from_field_text(self.fields.id, &doc.id);
        let writer = self.writer.as_mut().ok_or(StoreError::ReadOnly)?;
        writer.delete_term(id_term);
        writer
            .add_document(tantivy_doc)
            .map_err(|e| StoreError::Index {
                path: self.path.clone(),
                source: e,
            })?;
        self.added_seq = self.added_seq.max(seq);
        Ok(())
    }

    /// Commits what was added, recording the last sequence number in the payload, and
    /// refreshes the reader.
    pub fn commit(&mut self) -> Result<()> {
        let Some(writer) = self.writer.as_mut() else {
            return Ok(());
        };
        let payload = serde_json::to_string(&Payload {
            seq: self.added_seq,
            schema: INDEX_SCHEMA_VERSION,
        })
        .unwrap_or_default();
        let mut prepared = writer.prepare_commit().map_err(|e| StoreError::Index {
            path: self.path.clone(),
            source: e,
        })?;
        prepared.set_payload(&payload);
        prepared.commit().map_err(|e| self.err(e))?;
        self.committed_seq = self.added_seq;
        self.reader.reload().map_err(|e| self.err(e))
    }

    /// Number of documents in the committed index.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    fn to_tantivy(&self, doc: &Document, first_seen: &str) -> TantivyDocument {
        let f = &self.fields;
        let key = analyzer_key(doc);
        let mut out = TantivyDocument::default();
        out.add_text(f.id, &doc.id);
        out.add_text(f.analyzer, key);
        if let Some((_, field)) = f.titles.iter().find(|(k, _)| *k == key) {
            if let Some(title) = &doc.title {
                out.add_text(*field, &title.value);
            }
        }
        if let Some(field) = f.text_field(key) {
            out.add_text(field, &doc.text);
        }
        for outlet in outlets(doc) {
            out.add_text(f.outlet, outlet);
        }
        if let Some(language) = language_code(doc) {
            out.add_text(f.lang, language);
        }
        add_understanding(&mut out, f, doc);
        if let Some(url) = document_url(doc) {
            out.add_text(f.url, url);
        }
        let date = doc
            .published
            .as_ref()
            .and_then(|p| parse_date(&p.value))
            .or_else(|| parse_date(first_seen));
        if let Some(date) = date {
            out.add_date(f.published, date);
        }
        out
    }
}

/// Entities, places, speakers and claims of a document, so that filters find them. Each
/// distinct value is indexed once: repeats would only inflate term frequencies.
fn add_understanding(out: &mut TantivyDocument, f: &Fields, doc: &Document) {
    let mut add_distinct = |field: Field, values: &mut dyn Iterator<Item = &str>| {
        let mut seen = std::collections::HashSet::new();
        for value in values {
            let value = value.trim();
            if !value.is_empty() && seen.insert(value.to_lowercase()) {
                out.add_text(field, value);
            }
        }
    };
    add_distinct(
        f.entity,
        &mut doc.entities.iter().flat_map(|e| {
            std::iter::once(e.canonical.as_str())
                .chain(e.aliases.iter().map(String::as_str))
                .chain(std::iter::once(e.id.as_str()))
        }),
    );
    let geonames: Vec<String> = doc
        .places
        .iter()
        .filter_map(|p| p.geonames_id.map(|id| id.to_string()))
        .collect();
    add_distinct(
        f.place,
        &mut doc
            .places
            .iter()
            .flat_map(|p| {
                std::iter::once(p.name.as_str())
                    .chain(p.mentions.iter().map(|m| m.text.as_str()))
                    .chain(p.country_code.as_deref())
            })
            .chain(geonames.iter().map(String::as_str)),
    );
    // A speaker linked to an entity is found under every name of that entity ("Poutine" and
    // "Vladimir Putin").
    add_distinct(
        f.speaker,
        &mut doc.quotes.iter().flat_map(|q| {
            let entity = q
                .speaker_id
                .as_deref()
                .and_then(|id| doc.entities.iter().find(|e| e.id == id));
            q.speaker
                .as_deref()
                .into_iter()
                .chain(entity.map(|e| e.canonical.as_str()))
                .chain(
                    entity
                        .into_iter()
                        .flat_map(|e| e.aliases.iter().map(String::as_str)),
                )
        }),
    );
    add_distinct(f.entity_id, &mut doc.entities.iter().map(|e| e.id.as_str()));
    let place_keys: Vec<String> = doc.places.iter().map(place_key).collect();
    add_distinct(f.place_id, &mut place_keys.iter().map(String::as_str));
    add_distinct(
        f.speaker_id,
        &mut doc.quotes.iter().filter_map(|q| q.speaker_id.as_deref()),
    );
    add_distinct(
        f.claim,
        &mut doc.claims.iter().flat_map(|c| {
            std::iter::once(c.unit.as_str())
                .chain(c.metric.as_ref().map(|m| m.unit.as_str()))
                .chain(c.counted.as_deref())
        }),
    );
}

/// The key of a place across documents: its GeoNames id when known, else its gazetteer name.
pub fn place_key(place: &veille_model::Place) -> String {
    match place.geonames_id {
        Some(id) => format!("geonames:{id}"),
        None => format!("name:{}", place.name.trim().to_lowercase()),
    }
}

fn read_payload(index: &Index) -> tantivy::Result<Option<Payload>> {
    let metas = index.load_metas()?;
    Ok(metas
        .payload
        .as_deref()
        .and_then(|text| serde_json::from_str::<Payload>(text).ok()))
}

/// Opens an existing index, or says why it cannot be used.
fn open_existing(path: &Path, expected: &Schema) -> Result<Index, String> {
    let index = Index::open_in_dir(path).map_err(|e| e.to_string())?;
    if index.schema() != *expected {
        return Err("built with another schema".into());
    }
    match read_payload(&index).map_err(|e| e.to_string())? {
        Some(payload) if payload.schema != INDEX_SCHEMA_VERSION => Err(format!(
            "built with index schema version {}",
            payload.schema
        )),
        _ => Ok(index),
    }
}

/// Moves an unusable index out of the way rather than deleting it.
fn set_aside(path: &Path) -> Result<()> {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S");
    let aside = path.with_file_name(format!("index.unusable-{stamp}"));
    std::fs::rename(path, &aside).map_err(|source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// The document's declared language, as a lowercase ISO 639-1 code.
pub fn language_code(doc: &Document) -> Option<String> {
    let value = doc.language.as_ref()?.value.trim();
    let code: String = value
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase();
    (!code.is_empty()).then_some(code)
}

/// Which language field pair the document goes to: its declared language when it has a
/// stemmer, else the language detected in its text when the detection is reliable.
pub fn analyzer_key(doc: &Document) -> &'static str {
    let stemmed = |code: &str| {
        STEMMED_LANGUAGES
            .iter()
            .map(|(c, _)| *c)
            .find(|c| *c == code)
    };
    if let Some(code) = language_code(doc) {
        return stemmed(&code).unwrap_or(OTHER_LANGUAGE);
    }
    // Detection on a bounded prefix keeps the cost flat for very long documents.
    let sample: String = doc.text.chars().take(2000).collect();
    whatlang::detect(&sample)
        .filter(whatlang::Info::is_reliable)
        .and_then(|info| stemmed(iso639_1(info.lang())))
        .unwrap_or(OTHER_LANGUAGE)
}

fn iso639_1(lang: whatlang::Lang) -> &'static str {
    use whatlang::Lang;
    match lang {
        Lang::Fra => "fr",
        Lang::Eng => "en",
        Lang::Deu => "de",
        Lang::Spa => "es",
        Lang::Ita => "it",
        Lang::Por => "pt",
        Lang::Nld => "nl",
        Lang::Rus => "ru",
        _ => "",
    }
}

/// The document's URL: the canonical one, else the one the container gave.
pub fn document_url(doc: &Document) -> Option<&str> {
    doc.url
        .as_ref()
        .map(|u| u.value.as_str())
        .or(doc.input.url.as_deref())
}

/// Host of a URL, without `www.`.
pub fn host_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty() && host.contains('.')).then_some(host)
}

/// Names of the outlet: the site name and the URL's host.
pub fn outlets(doc: &Document) -> Vec<&str> {
    let mut out = Vec::new();
    if let Some(site) = &doc.site_name {
        out.push(site.value.as_str());
    }
    if let Some(host) = document_url(doc).and_then(host_of) {
        out.push(host);
    }
    out
}

/// Parses an ISO 8601 date or datetime (offset optional) into a tantivy date.
pub fn parse_date(value: &str) -> Option<DateTime> {
    let value = value.trim();
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(value) {
        return Some(DateTime::from_timestamp_secs(dt.timestamp()));
    }
    for pattern in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S"] {
        if let Ok(dt) = chrono::NaiveDateTime::parse_from_str(value, pattern) {
            return Some(DateTime::from_timestamp_secs(dt.and_utc().timestamp()));
        }
    }
    let date_part = value.get(..10).unwrap_or(value);
    chrono::NaiveDate::parse_from_str(date_part, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|dt| DateTime::from_timestamp_secs(dt.and_utc().timestamp()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_common_shapes_parse_to_the_same_instant() {
        let a = parse_date("2021-03-04T10:00:00+01:00").unwrap();
        let b = parse_date("2021-03-04T09:00:00Z").unwrap();
        assert_eq!(a, b);
        assert_eq!(
            parse_date("2021-03-04").unwrap(),
            parse_date("2021-03-04T00:00:00").unwrap()
        );
        assert!(parse_date("yesterday").is_none());
        assert!(parse_date("2021-13-45").is_none());
        assert!(parse_date("é").is_none());
    }

    #[test]
    fn hosts_are_read_from_urls() {
        assert_eq!(
            host_of("https://www.example.org/a/b?c"),
            Some("example.org")
        );
        assert_eq!(
            host_of("http://user@news.example.com:8080/"),
            Some("news.example.com")
        );
        assert_eq!(host_of("not a url"), None);
    }
}
