//! The linking stage of `ingest`: decides, for each analysed document, whether the archive
//! already holds it and, when not, what the linker makes of it (copies, story, features),
//! before the batch reaches the storing thread.
//!
//! The linker holds every archived document (it is rebuilt from the stored features at the
//! start of a run), so it can tell new content from known content without asking the store,
//! and linking one batch overlaps the SQL writes of the previous one.

use std::collections::{HashMap, HashSet};

use veille_link::{DocFeatures, Linker};
use veille_model::{Document, LinkUpdate, Sighting, Story};
use veille_store::{IngestItem, LinkHook};

/// Undated members of stories that have since got a dated member, with the story's date:
/// `(doc id, date)`, resolved once the batch that dated the story is stored.
pub(super) type LateAnchors = Vec<(String, String)>;

/// What the analysis threads compute for the store beside each document, so that the
/// serial stages do not: the linker's features, their blob and the document's stored
/// encoding.
pub(super) struct Prepared {
    /// The features and their blob (`DocFeatures::to_blob`).
    pub(super) features: (DocFeatures, Vec<u8>),
    /// The document as the store encodes it (`veille_store::encode_document`).
    pub(super) encoded: Vec<u8>,
}

impl Prepared {
    /// Computes what a document needs for linking and storing, with the linker's hasher.
    pub(super) fn of(document: &Document, hasher: &veille_link::minhash::MinHasher) -> Self {
        let features = DocFeatures::from_document(document, hasher);
        let blob = features.to_blob();
        Self {
            features: (features, blob),
            encoded: veille_store::encode_document(document),
        }
    }
}

/// One batch, linked and ready to be written in one transaction.
pub(super) struct LinkedBatch {
    /// The documents with their sightings, as the linker completed them.
    pub(super) items: Vec<IngestItem>,
    /// The linker's decisions for the documents new to the archive, by document id.
    pub(super) links: PrecomputedLinks,
    /// Undated members to re-anchor once the batch is stored.
    pub(super) late: LateAnchors,
}

/// The linker's decisions taken before the transaction, handed to the store as its link
/// hook: the store asks for each document it finds new, and writes the changed stories
/// before it commits.
#[derive(Default)]
pub(super) struct PrecomputedLinks {
    updates: HashMap<String, LinkUpdate>,
    stories: Vec<Story>,
}

impl PrecomputedLinks {
    /// Story records to write, with no document.
    pub(super) fn stories_only(stories: Vec<Story>) -> Self {
        Self {
            updates: HashMap::new(),
            stories,
        }
    }
}

impl LinkHook for PrecomputedLinks {
    fn on_new_document(&mut self, document: &mut Document) -> LinkUpdate {
        self.updates.remove(&document.id).unwrap_or_else(|| {
            // The linker knew it but the store did not: both are rebuilt from the same
            // archive, so this means a stored article lacks its features.
            tracing::warn!(id = %document.id, "new to the archive but known to the linker; stored without links");
            LinkUpdate::default()
        })
    }

    fn finish_batch(&mut self) -> Vec<Story> {
        std::mem::take(&mut self.stories)
    }
}

/// The linker as `ingest` uses it. A document without any date of its own that joins a
/// dated story gets its times resolved against the story's date (anchor `story`), so that
/// the stored document carries them; when a dated document joins a story whose undated
/// members came first, those are queued for re-anchoring. Story records are summarised once
/// per batch, not once per joining document: a big story would otherwise be summarised and
/// rewritten whole for every new member.
pub(super) struct ArchiveLinker {
    linker: Linker,
    /// Documents anchored or queued in this run: each is looked at once.
    settled: HashSet<String>,
    late: LateAnchors,
}

impl ArchiveLinker {
    /// Wraps a linker that holds every archived document.
    pub(super) fn new(mut linker: Linker) -> Self {
        linker.defer_story_summaries();
        Self {
            linker,
            settled: HashSet::new(),
            late: LateAnchors::new(),
        }
    }

    /// The hasher the features must be computed with.
    pub(super) fn hasher(&self) -> &veille_link::minhash::MinHasher {
        self.linker.hasher()
    }

    /// [`Prepared::of`] on the calling thread.
    pub(super) fn prepare(&self, document: &Document) -> Prepared {
        Prepared::of(document, self.linker.hasher())
    }

    /// Links a batch: every document the linker does not hold yet (the first sighting of a
    /// content, in batch order) is added, possibly completed with story-anchored times.
    pub(super) fn link_batch(
        &mut self,
        batch: Vec<(IngestItem, (DocFeatures, Vec<u8>))>,
    ) -> LinkedBatch {
        let mut links = PrecomputedLinks::default();
        let mut items = Vec::with_capacity(batch.len());
        for (mut item, (features, blob)) in batch {
            if self.linker.features_of(&item.document.id).is_none() {
                // A document the linker changed is re-encoded by the store
                // (`LinkUpdate::document_changed`).
                let update = self.link_new(&mut item.document, features, blob);
                links.updates.insert(item.document.id.clone(), update);
            }
            items.push(item);
        }
        // Large stories are summarised as they grow by a quarter, not on every batch they
        // join; `finish` writes what is still pending.
        links.stories = self.linker.take_due_stories();
        LinkedBatch {
            items,
            links,
            late: std::mem::take(&mut self.late),
        }
    }

    /// The summaries still pending at the end of the run, as a batch without documents.
    pub(super) fn finish(&mut self) -> Option<LinkedBatch> {
        let stories = self.linker.take_changed_stories();
        (!stories.is_empty()).then(|| LinkedBatch {
            items: Vec::new(),
            links: PrecomputedLinks::stories_only(stories),
            late: std::mem::take(&mut self.late),
        })
    }

    fn link_new(&mut self, doc: &mut Document, features: DocFeatures, blob: Vec<u8>) -> LinkUpdate {
        use veille_pipeline::reanchor::{anchor_times_on_story, lacks_time_anchor};
        let update = self.linker.on_new_encoded(features, blob);
        let members = self.linker.story_member_features(&doc.id);
        if members.is_empty() {
            return update;
        }
        if lacks_time_anchor(doc) {
            let others: Vec<&DocFeatures> = members
                .iter()
                .copied()
                .filter(|f| f.doc_id != doc.id)
                .collect();
            if let Some(date) = veille_link::summary::story_date(&others) {
                let mut update = update;
                update.document_changed = anchor_times_on_story(doc, &date);
                self.settled.insert(doc.id.clone());
                return update;
            }
        } else if members
            .iter()
            .any(|f| f.doc_id == doc.id && f.day.is_some())
        {
            // Undated members not anchored yet are rare: the story's date (a sort of its
            // members) is only worked out when there is one.
            let unsettled: Vec<&DocFeatures> = members
                .iter()
                .copied()
                .filter(|f| f.published.is_none() && f.doc_id != doc.id)
                .filter(|f| !self.settled.contains(&f.doc_id))
                .collect();
            if unsettled.is_empty() {
                return update;
            }
            if let Some(date) = veille_link::summary::story_date(&members) {
                for member in unsettled {
                    if self.settled.insert(member.doc_id.clone()) {
                        self.late.push((member.doc_id.clone(), date.clone()));
                    }
                }
            }
        }
        update
    }
}

/// Builds the sighting of a document: where it was seen.
pub(super) fn sighting_of(
    document: &Document,
    locator_paths: &mut HashMap<String, String>,
) -> Sighting {
    let input = &document.input;
    let locator = input
        .url
        .clone()
        .or_else(|| document.url.as_ref().map(|u| u.value.clone()))
        .unwrap_or_else(|| {
            let path = locator_paths
                .entry(input.path.clone())
                .or_insert_with(|| absolute_path(&input.path))
                .clone();
            match input.record {
                Some(record) => format!("{path}#{record}"),
                None => path,
            }
        });
    Sighting {
        doc_id: document.id.clone(),
        locator,
        site: document.site_name.as_ref().map(|s| s.value.clone()),
        published: document.published.as_ref().map(|p| p.value.clone()),
        ingested_at: veille_store::timestamp_now(),
    }
}

fn absolute_path(path: &str) -> String {
    if path == "-" {
        return "stdin".to_string();
    }
    std::fs::canonicalize(path)
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|_| path.to_string())
}
