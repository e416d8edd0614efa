//! Store: the archive behind one interface.
//!
//! [`Archive`] is everything the rest of veille may ask of stored articles: write a batch of
//! analysed documents with their sightings and the linker's decisions, read documents, links
//! and stories back, and search. [`SqliteArchive`] implements it on a data directory:
//!
//! ```text
//! DATA/veille-archive.json   layout format version
//! DATA/veille.sqlite (+-wal) ground truth: articles, sightings, links, stories, features
//! DATA/index/                tantivy full-text index, derived from SQLite
//! ```
//!
//! SQL and tantivy never leave this crate, so that another backend (PostgreSQL for many
//! workers) can implement the same trait later.
#![warn(missing_docs)]

mod codec;
mod error;
mod index;
mod layout;
mod migrations;
mod names;
mod query;
mod sqlite;

use veille_model::{Document, Link, LinkUpdate, Sighting, Story, TimeExpression};

pub use codec::compress_document as encode_document;
pub use error::{Result, StoreError};
pub use layout::default_data_dir;
pub use query::{Highlight, SearchHit, SearchQuery, SearchResults, Snippet};
pub use sqlite::{OpenOptions, SqliteArchive};

/// The current time as RFC 3339 UTC with second precision: the `ingested_at` of sightings.
pub fn timestamp_now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// One analysed document and where it was seen, ready to be stored.
#[derive(Debug, Clone)]
pub struct IngestItem {
    /// The analysed document; its `id` is the content id.
    pub document: Document,
    /// Where it was seen. `doc_id` must equal `document.id`.
    pub sighting: Sighting,
    /// `document` as [`encode_document`] stores it, when the caller encoded it ahead of time
    /// (on other threads): stored as is unless the link hook reports that it changed the
    /// document. `None`: the store encodes it.
    pub encoded: Option<Vec<u8>>,
}

/// What storing one [`IngestItem`] changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IngestOutcome {
    /// The content was new: one article and one sighting were added.
    NewArticle,
    /// The content was known, from another place: one sighting was added.
    NewSighting,
    /// The content was already known from this very place: nothing changed.
    Duplicate,
}

/// Called once for every document new to the archive, inside the write transaction and
/// before the document is written, so that the linker's decisions are stored atomically with
/// the document, and the linker may complete the document with what only the archive knows
/// (an undated document's times re-anchored on the date of the story it joins).
pub trait LinkHook {
    /// Links, story changes and features for `document`, which is about to be added; changes
    /// the hook makes to `document` are what the archive stores and indexes, provided it
    /// says so in [`LinkUpdate::document_changed`].
    fn on_new_document(&mut self, document: &mut Document) -> LinkUpdate;

    /// Story records that changed during the batch, written once each just before the batch
    /// commits (after every document's update): a hook that summarises stories once per batch
    /// rather than once per joining document returns them here. Hooks that return whole
    /// stories from [`LinkHook::on_new_document`] keep this default.
    fn finish_batch(&mut self) -> Vec<veille_model::Story> {
        Vec::new()
    }
}

/// A hook that links nothing.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoLinks;

impl LinkHook for NoLinks {
    fn on_new_document(&mut self, _document: &mut Document) -> LinkUpdate {
        LinkUpdate::default()
    }
}

impl<F: FnMut(&mut Document) -> LinkUpdate> LinkHook for F {
    fn on_new_document(&mut self, document: &mut Document) -> LinkUpdate {
        self(document)
    }
}

/// Counts of what the archive holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ArchiveStats {
    /// Distinct contents.
    pub articles: u64,
    /// Places they were seen.
    pub sightings: u64,
    /// Links between documents.
    pub links: u64,
    /// Stories.
    pub stories: u64,
    /// Documents in the full-text index.
    pub indexed: u64,
    /// Schema version of the database.
    pub schema_version: i64,
}

/// A stored document with its position in the archive's write order.
#[derive(Debug, Clone)]
pub struct StoredDocument {
    /// Write sequence number: grows with every stored or rewritten article.
    pub seq: u64,
    /// The document.
    pub document: Document,
}

/// The archive: every read and write the rest of veille needs, behind one interface.
pub trait Archive: Send {
    /// Stores a batch atomically: each document (when new), its sighting (when new) and,
    /// for every new document, the [`LinkUpdate`] returned by `hook`. Either the whole batch
    /// is stored or none of it. Returns one outcome per item, in order. New documents are
    /// left in `items` as `hook` completed them, which is how they were stored.
    fn ingest_batch(
        &mut self,
        items: &mut [IngestItem],
        hook: &mut dyn LinkHook,
    ) -> Result<Vec<IngestOutcome>>;

    /// Replaces the `times` of stored documents, given by id: an undated document's times
    /// resolved once its story got a date. Times are not indexed, and the write sequence is
    /// kept (the linker replays features in that order), so only the stored document changes.
    /// Ids the archive does not hold are skipped. One transaction; returns how many changed.
    fn replace_times(&mut self, updates: &[(String, Vec<TimeExpression>)]) -> Result<usize>;

    /// Replaces the linker features of stored documents, given by id (features recomputed
    /// after a change of their format). Ids the archive does not hold are skipped. One
    /// transaction; returns how many were written.
    fn replace_features(&mut self, features: &[(String, Vec<u8>)]) -> Result<usize>;

    /// Makes everything stored so far searchable and durable in the full-text index.
    fn commit_index(&mut self) -> Result<()>;

    /// The document with content id `id`.
    fn document(&self, id: &str) -> Result<Option<Document>>;

    /// Up to `limit` documents written after sequence number `after_seq`, in write order:
    /// page through them to rebuild derived state.
    fn documents_after(&self, after_seq: u64, limit: usize) -> Result<Vec<StoredDocument>>;

    /// Every place the document was seen, oldest first.
    fn sightings(&self, id: &str) -> Result<Vec<Sighting>>;

    /// Calls `visit` with every document's linker features, in write order.
    fn for_each_features(&self, visit: &mut dyn FnMut(&str, &[u8])) -> Result<()>;

    /// Links in which the document is the source or the target.
    fn links_of(&self, id: &str) -> Result<Vec<Link>>;

    /// Stories whose latest member is at or after `since` (ISO 8601), most recent first.
    fn stories(&self, since: Option<&str>, limit: usize) -> Result<Vec<Story>>;

    /// The story with id `id`.
    fn story(&self, id: &str) -> Result<Option<Story>>;

    /// Ids of the stories the document belongs to.
    fn stories_of(&self, doc_id: &str) -> Result<Vec<String>>;

    /// Every stored story's id with its number of members, as last written: compared with
    /// the linker's stories at the start of a run to find summaries a stopped run left
    /// behind.
    fn story_sizes(&self) -> Result<Vec<(String, u64)>>;

    /// Counts.
    fn stats(&self) -> Result<ArchiveStats>;

    /// Full-text search.
    fn search(&self, query: &SearchQuery) -> Result<SearchResults>;
}
