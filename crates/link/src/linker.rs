//! The [`Linker`]: incremental state over every document seen so far, and the one entry point
//! [`Linker::add`] that finds a new document's copies and translations and places it in a story.
//!
//! State: the features of each document (in order of arrival), running document frequencies of
//! terms and keys, an exact-hash map, a MinHash LSH index, a paragraph-fingerprint map, a key
//! index for cross-language candidates, the links found, and the [`StoryBook`]. Nothing is
//! compared all-pairs: every candidate comes from one of those indexes.
//!
//! Persistence: the linker is deterministic given the order of arrival, so a store rebuilds it
//! by replaying the stored features blobs ([`DocFeatures::to_blob`]) in ingest order.

use std::collections::{BTreeSet, VecDeque};

// Every map of the linker is hashed with aHash: interning every term of every document was a
// tenth of a replay with the default SipHash. No float sum iterates a map (replays would
// follow its random seed).
use ahash::{AHashMap as HashMap, AHashSet as HashSet};
use serde::{Deserialize, Serialize};
use veille_model::{Document, Link, LinkUpdate, Provenance, Story, StoryMember};

use crate::compare::{compare, compare_copy_signals, Comparison, CopyConfig, Idf};
use crate::features::{DocFeatures, Term};
use crate::minhash::{LshIndex, MinHasher, DEFAULT_PERMUTATIONS, DEFAULT_SHINGLE_WORDS};
use crate::stories::{StoryBook, StoryConfig, StoryInput};
use deferred::Deferred;

/// Every option of the linker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LinkConfig {
    /// Copy and translation thresholds.
    pub copies: CopyConfig,
    /// Story clustering options.
    pub stories: StoryConfig,
    /// MinHash permutations.
    pub permutations: usize,
    /// Words per shingle.
    pub shingle_words: usize,
    /// LSH bands (bands × rows ≤ permutations).
    pub lsh_bands: usize,
    /// LSH rows per band.
    pub lsh_rows: usize,
    /// Cross-language candidates scored per document.
    pub translation_candidates: usize,
}

impl Default for LinkConfig {
    fn default() -> Self {
        Self {
            copies: CopyConfig::default(),
            stories: StoryConfig::default(),
            permutations: DEFAULT_PERMUTATIONS,
            shingle_words: DEFAULT_SHINGLE_WORDS,
            lsh_bands: 32,
            lsh_rows: 4,
            translation_candidates: 20,
        }
    }
}

/// Where a document went: its story and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryAssignment {
    /// Story id.
    pub story_id: String,
    /// Whether the document started the story.
    pub created: bool,
    /// Stories merged into this one because of the document.
    pub merged_story_ids: Vec<String>,
    /// The membership record (score and explanation).
    pub member: StoryMember,
}

/// What [`Linker::add`] found for one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkOutcome {
    /// Document id.
    pub doc_id: String,
    /// Whether the id was already known (nothing changed).
    pub already_known: bool,
    /// New links between this document and earlier ones.
    pub links: Vec<Link>,
    /// Its story.
    pub story: Option<StoryAssignment>,
}

/// Posting lists of keys longer than this are not used for cross-language candidates.
const MAX_KEY_POSTINGS: usize = 2_000;

/// Incremental linker. See the module documentation.
#[derive(Debug, Clone)]
pub struct Linker {
    cfg: LinkConfig,
    hasher: MinHasher,
    docs: Vec<DocFeatures>,
    by_id: HashMap<String, u32>,
    vocabulary: HashMap<Term, u32>,
    /// One copy of every name and number key, entity id and name and place name of the
    /// documents' features (they repeat across documents and within one), handed to each
    /// document in place of its own.
    shared_text: HashSet<Term>,
    terms_by_id: Vec<Term>,
    document_frequency: Vec<u32>,
    exact: HashMap<u64, Vec<u32>>,
    lsh: LshIndex,
    paragraphs: HashMap<u64, Vec<u32>>,
    key_postings: HashMap<u32, Vec<u32>>,
    links: Vec<Link>,
    links_of_doc: HashMap<u32, Vec<usize>>,
    stories: StoryBook,
    members: HashMap<u32, StoryMember>,
    /// Language of each document as an index into `languages` plus one (0: unknown), so that
    /// the cross-language candidate search compares numbers, not strings, over long posting
    /// lists.
    doc_language: Vec<u32>,
    /// Language code → its number in `doc_language`.
    languages: HashMap<String, u32>,
    /// Stories joined since they were last summarised, when summaries are deferred
    /// ([`Linker::defer_story_summaries`]); `None` when each update carries its story.
    changed_stories: Option<Deferred>,
}

impl Idf for Linker {
    fn idf(&self, key: &str) -> f32 {
        self.idf_of(self.vocabulary.get(key).copied())
    }
}

impl Default for Linker {
    fn default() -> Self {
        Self::new(LinkConfig::default())
    }
}

impl Linker {
    /// An empty linker.
    pub fn new(cfg: LinkConfig) -> Self {
        Self {
            hasher: MinHasher::new(cfg.permutations, cfg.shingle_words, 0x7665_696c_6c65),
            lsh: LshIndex::new(cfg.lsh_bands, cfg.lsh_rows),
            stories: StoryBook::new(cfg.stories.clone()),
            cfg,
            docs: Vec::new(),
            by_id: HashMap::new(),
            vocabulary: HashMap::new(),
            shared_text: HashSet::new(),
            terms_by_id: Vec::new(),
            document_frequency: Vec::new(),
            exact: HashMap::new(),
            paragraphs: HashMap::new(),
            key_postings: HashMap::new(),
            links: Vec::new(),
            links_of_doc: HashMap::new(),
            members: HashMap::new(),
            doc_language: Vec::new(),
            languages: HashMap::new(),
            changed_stories: None,
        }
    }

    /// The options in use.
    pub fn config(&self) -> &LinkConfig {
        &self.cfg
    }

    /// Number of documents seen.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether no document was seen.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Computes a document's features with this linker's MinHash family.
    pub fn features(&self, doc: &Document) -> DocFeatures {
        DocFeatures::from_document(doc, &self.hasher)
    }

    /// This linker's MinHash family: features computed elsewhere (on other threads, ahead
    /// of linking) with `DocFeatures::from_document(doc, hasher)` are the ones
    /// [`Linker::features`] would compute.
    pub fn hasher(&self) -> &MinHasher {
        &self.hasher
    }

    /// Features of a known document.
    pub fn features_of(&self, doc_id: &str) -> Option<&DocFeatures> {
        self.by_id.get(doc_id).map(|i| &self.docs[*i as usize])
    }

    /// Every link found so far, in order of discovery.
    pub fn links(&self) -> &[Link] {
        &self.links
    }

    /// Adds a document: finds its copies and translations and places it in a story.
    pub fn add_document(&mut self, doc: &Document) -> LinkOutcome {
        let features = self.features(doc);
        self.add(features)
    }

    /// Adds a new document and returns what the store must write with it: the features blob,
    /// the new links, the story it joined (whole), and the stories merged away.
    pub fn on_new_document(&mut self, doc: &Document) -> LinkUpdate {
        self.on_new_features(self.features(doc))
    }

    /// [`Linker::on_new_document`] for features already computed with [`Linker::hasher`].
    pub fn on_new_features(&mut self, features: DocFeatures) -> LinkUpdate {
        let blob = features.to_blob();
        self.on_new_encoded(features, blob)
    }

    /// [`Linker::on_new_features`] with the features' blob too, computed ahead (on another
    /// thread): `blob` must be `features.to_blob()`, since the store keeps it for replay.
    pub fn on_new_encoded(&mut self, features: DocFeatures, blob: Vec<u8>) -> LinkUpdate {
        let (outcome, story) = self.add_placed(features);
        let mut update = LinkUpdate {
            features: Some(blob),
            links: outcome.links,
            ..LinkUpdate::default()
        };
        // The story index comes straight from the decision: looking the story up by its id
        // would cost a scan of every story per document.
        if let (Some(assignment), Some(story)) = (outcome.story, story) {
            match self.changed_stories.as_mut() {
                Some(deferred) => {
                    deferred.changed.insert(story);
                }
                None => update.stories = vec![self.summarise(story)],
            }
            update.removed_stories = assignment.merged_story_ids;
        }
        update
    }

    /// From now on, [`Linker::on_new_document`] leaves `stories` empty (merged-away stories are
    /// still reported at once) and the caller collects the summaries of the stories that
    /// changed with [`Linker::take_changed_stories`], for example once per stored batch.
    ///
    /// Why: a summary reads every member of its story, so writing it on every join costs
    /// O(members) per document, and a story of a thousand members makes ingest crawl.
    pub fn defer_story_summaries(&mut self) {
        self.changed_stories.get_or_insert_with(Deferred::default);
    }

    /// Features of every member of the story `doc_id` belongs to (the document included), in
    /// order of joining; empty for an unknown document. Cheaper than a story summary.
    pub fn story_member_features(&self, doc_id: &str) -> Vec<&DocFeatures> {
        let Some(story) = self
            .by_id
            .get(doc_id)
            .and_then(|index| self.stories.story_of(*index))
        else {
            return Vec::new();
        };
        self.stories
            .get(story)
            .map(|s| {
                s.members
                    .iter()
                    .filter_map(|m| self.docs.get(*m as usize))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Rebuilds state from a features blob stored by [`Linker::on_new_document`]. Replaying
    /// every blob in write order gives back the same links and stories, because the linker is
    /// deterministic given the order of arrival.
    pub fn restore(&mut self, blob: &[u8]) -> Result<LinkOutcome, crate::FeaturesError> {
        Ok(self.add(DocFeatures::from_blob(blob)?))
    }

    /// The full id of a known document from its id or a unique prefix of it.
    pub fn resolve_id(&self, id_or_prefix: &str) -> Option<String> {
        if self.by_id.contains_key(id_or_prefix) {
            return Some(id_or_prefix.to_string());
        }
        if id_or_prefix.is_empty() {
            return None;
        }
        let mut matches = self
            .docs
            .iter()
            .filter(|f| f.doc_id.starts_with(id_or_prefix));
        let first = matches.next()?;
        matches.next().is_none().then(|| first.doc_id.clone())
    }

    /// Adds a document by its features (computed here or read back from the store).
    pub fn add(&mut self, features: DocFeatures) -> LinkOutcome {
        self.add_placed(features).0
    }

    /// [`Linker::add`], also returning the index of the story the document joined (`None`
    /// when the document was already known).
    fn add_placed(&mut self, features: DocFeatures) -> (LinkOutcome, Option<usize>) {
        let _span = tracing::debug_span!("link", doc = %features.doc_id).entered();
        if self.by_id.contains_key(&features.doc_id) {
            let outcome = LinkOutcome {
                doc_id: features.doc_id,
                already_known: true,
                links: Vec::new(),
                story: None,
            };
            return (outcome, None);
        }
        let index = u32::try_from(self.docs.len()).unwrap_or(u32::MAX);
        let keys = features.keys();
        let mut features = features;
        let mut term_counts: Vec<(u32, f32)> = Vec::with_capacity(features.terms.len());
        for (term, count) in &mut features.terms {
            let id = self.intern(term);
            self.document_frequency[id as usize] += 1;
            // The vocabulary's copy: one allocation per distinct term, not per document.
            *term = self.terms_by_id[id as usize].clone();
            term_counts.push((id, *count));
        }
        // Sorted and distinct, as `keys()` returns them.
        let key_ids: Vec<u32> = keys
            .iter()
            .map(|key| {
                let id = self.intern(key);
                self.document_frequency[id as usize] += 1;
                id
            })
            .collect();
        // Lede terms are title or body terms, so normally interned just above; one that is not
        // (a paragraph list that differs from the body) is numbered after the keys.
        let mut lede_counts: Vec<(u32, f32)> = Vec::with_capacity(features.lede.len());
        for (term, count) in &mut features.lede {
            let id = self.intern(term);
            *term = self.terms_by_id[id as usize].clone();
            lede_counts.push((id, *count));
        }
        let details = features
            .entity_details
            .iter_mut()
            .flat_map(|note| [&mut note.id, &mut note.name]);
        for text in features
            .names
            .iter_mut()
            .chain(&mut features.numbers)
            .chain(&mut features.entities)
            .chain(&mut features.places)
            .chain(details)
        {
            match self.shared_text.get(&**text) {
                Some(shared) => *text = shared.clone(),
                None => {
                    self.shared_text.insert(text.clone());
                }
            }
        }
        self.by_id.insert(features.doc_id.clone(), index);
        let language = self.language_number(features.language.as_deref());
        self.doc_language.push(language);
        self.docs.push(shrunk(features));
        let term_vector = self.unit_id_vector(term_counts);
        let key_counts = Self::key_counts(&self.docs[index as usize], &keys, &key_ids);
        let key_vector = self.unit_id_vector(key_counts);
        let lede_vector = self.unit_id_vector(lede_counts);

        let mut new_links = Vec::new();
        let mut copies_of = Vec::new();
        for candidate in self.copy_candidates(index, &key_ids) {
            let other = &self.docs[candidate as usize];
            let signals = compare_copy_signals(other, &self.docs[index as usize], self);
            if let Some((kind, score)) = signals.copy_kind(&self.cfg.copies) {
                // The full comparison only for the evidence of links actually made.
                let comparison = compare(other, &self.docs[index as usize], self);
                copies_of.push(candidate);
                new_links.push(self.make_link(candidate, index, kind, score, &comparison));
            }
        }

        let features = &self.docs[index as usize];
        let decision = self.stories.add(&StoryInput {
            doc: index,
            language: features.language.clone().unwrap_or_else(|| "?".into()),
            day: features.day,
            terms: term_vector,
            keys: key_vector,
            lede: lede_vector,
            copies_of,
            headline_only: features.headline_only,
        });
        let explanation = if decision.created {
            let mut text = match decision.best_rejected {
                Some(best) => format!(
                    "started a new story: the closest story scored {best:.2}, below the join threshold {:.2}",
                    self.cfg.stories.join_threshold
                ),
                None => "started a new story: no earlier story shares its terms, names or numbers within the time window".to_string(),
            };
            if let Some(outside) = decision.best_outside_window {
                text.push_str(&format!(
                    "; a story scoring {outside:.2} lies more than {} days away",
                    self.cfg.stories.window_days
                ));
            }
            text
        } else {
            let shared: Vec<String> = decision
                .shared
                .iter()
                .filter_map(|id| self.term_name(*id))
                .map(display_key)
                .collect();
            let mut text = format!(
                "joined with score {:.2} (terms {:.2}, names/numbers {:.2})",
                decision.score, decision.term_cosine, decision.key_cosine
            );
            if decision.by_copy_link {
                text.push_str("; it is a copy or translation of a member");
            }
            if !shared.is_empty() {
                text.push_str(&format!("; shared: {}", shared.join(", ")));
            }
            text
        };
        let member = StoryMember {
            doc_id: self.docs[index as usize].doc_id.clone(),
            score: decision.score,
            explanation,
        };
        self.members.insert(index, member.clone());
        let story_id = self.story_id(decision.story);
        let merged_story_ids = decision.merged.iter().map(|s| self.story_id(*s)).collect();

        self.index_document(index, &key_ids);
        for link in &new_links {
            let position = self.links.len();
            self.links.push(link.clone());
            for doc in [&link.source, &link.target] {
                if let Some(i) = self.by_id.get(doc) {
                    self.links_of_doc.entry(*i).or_default().push(position);
                }
            }
        }
        let outcome = LinkOutcome {
            doc_id: member.doc_id.clone(),
            already_known: false,
            links: new_links,
            story: Some(StoryAssignment {
                story_id,
                created: decision.created,
                merged_story_ids,
                member,
            }),
        };
        (outcome, Some(decision.story))
    }

    /// Inverse document frequency of an interned term (`None`: never seen).
    fn idf_of(&self, id: Option<u32>) -> f32 {
        let df = id
            .and_then(|id| self.document_frequency.get(id as usize))
            .copied()
            .unwrap_or(0);
        let n = self.docs.len() as f32;
        ((1.0 + n) / (1.0 + df as f32)).ln() + 1.0
    }

    /// The language number of a code (0 for unknown), see `doc_language`.
    fn language_number(&mut self, code: Option<&str>) -> u32 {
        let Some(code) = code else {
            return 0;
        };
        if let Some(number) = self.languages.get(code) {
            return *number;
        }
        // Numbers start at 1; there are fewer languages than documents, so they fit in u32.
        let number = u32::try_from(self.languages.len() + 1).unwrap_or(u32::MAX);
        self.languages.insert(code.to_string(), number);
        number
    }

    fn intern(&mut self, term: &str) -> u32 {
        if let Some(id) = self.vocabulary.get(term) {
            return *id;
        }
        let id = u32::try_from(self.document_frequency.len()).unwrap_or(u32::MAX);
        let term = Term::from(term);
        self.vocabulary.insert(term.clone(), id);
        self.terms_by_id.push(term);
        self.document_frequency.push(0);
        id
    }

    fn term_name(&self, id: u32) -> Option<&str> {
        self.terms_by_id.get(id as usize).map(|term| &**term)
    }

    fn story_id(&self, story: usize) -> String {
        let first = self
            .stories
            .get(story)
            .and_then(|s| s.members.first())
            .map(|d| self.docs[*d as usize].doc_id.clone())
            .unwrap_or_default();
        format!("story-{first}")
    }

    /// Earlier documents that may be copies or translations of `index`, whose interned keys
    /// are `key_ids`.
    fn copy_candidates(&self, index: u32, key_ids: &[u32]) -> Vec<u32> {
        let features = &self.docs[index as usize];
        let mut candidates: BTreeSet<u32> = BTreeSet::new();
        candidates.extend(self.exact.get(&features.text_hash).into_iter().flatten());
        candidates.extend(self.lsh.candidates(&features.signature));
        let mut shared_paragraphs: HashMap<u32, usize> = HashMap::new();
        for hash in &features.paragraph_hashes {
            for doc in self.paragraphs.get(hash).into_iter().flatten() {
                *shared_paragraphs.entry(*doc).or_default() += 1;
            }
        }
        candidates.extend(
            shared_paragraphs
                .into_iter()
                .filter(|(_, n)| *n >= self.cfg.copies.partial_min_paragraphs.max(1))
                .map(|(doc, _)| doc),
        );
        let language = self.doc_language[index as usize];
        if language != 0 {
            let mut weight: HashMap<u32, f32> = HashMap::new();
            for &id in key_ids {
                let Some(list) = self.key_postings.get(&id) else {
                    continue;
                };
                if list.len() > MAX_KEY_POSTINGS {
                    continue;
                }
                let idf = self.idf_of(Some(id));
                for doc in list {
                    let other = self.doc_language[*doc as usize];
                    if other != 0 && other != language {
                        *weight.entry(*doc).or_default() += idf;
                    }
                }
            }
            let mut ranked: Vec<(u32, f32)> = weight.into_iter().collect();
            ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            candidates.extend(
                ranked
                    .into_iter()
                    .take(self.cfg.translation_candidates)
                    .map(|(d, _)| d),
            );
        }
        candidates.remove(&index);
        candidates.into_iter().collect()
    }

    fn index_document(&mut self, index: u32, key_ids: &[u32]) {
        let features = &self.docs[index as usize];
        if features.word_count >= 5 {
            self.exact
                .entry(features.text_hash)
                .or_default()
                .push(index);
        }
        self.lsh.insert(index, &features.signature);
        let mut seen = HashSet::new();
        for hash in &features.paragraph_hashes {
            if seen.insert(*hash) {
                self.paragraphs.entry(*hash).or_default().push(index);
            }
        }
        for &id in key_ids {
            let list = self.key_postings.entry(id).or_default();
            if list.len() <= MAX_KEY_POSTINGS {
                list.push(index);
            }
        }
    }

    /// A link oriented from the presumed original (earlier date, else earlier arrival) to the copy.
    fn make_link(
        &self,
        earlier: u32,
        later: u32,
        kind: veille_model::LinkKind,
        score: f32,
        comparison: &Comparison,
    ) -> Link {
        let (a, b) = (&self.docs[earlier as usize], &self.docs[later as usize]);
        let (source, target) = match (a.day, b.day) {
            (Some(x), Some(y)) if y < x => (b, a),
            _ => (a, b),
        };
        Link {
            source: source.doc_id.clone(),
            target: target.doc_id.clone(),
            kind,
            score,
            evidence: serde_json::to_value(comparison).unwrap_or(serde_json::Value::Null),
        }
    }

    /// Compares two known documents with the linker's current weights.
    pub fn why(&self, a: &str, b: &str) -> Option<WhyReport> {
        let (fa, fb) = (self.features_of(a)?, self.features_of(b)?);
        let comparison = compare(fa, fb, self);
        let link = self
            .links
            .iter()
            .find(|l| (l.source == a && l.target == b) || (l.source == b && l.target == a))
            .cloned();
        let story_a = self.story_of(a);
        let story_b = self.story_of(b);
        Some(WhyReport {
            a: a.to_string(),
            b: b.to_string(),
            copy_kind: comparison.copy_kind(&self.cfg.copies).map(|(k, _)| k),
            similarity: comparison.story_similarity(),
            same_story: story_a.is_some() && story_a == story_b,
            story_a,
            story_b,
            link,
            comparison,
        })
    }

    /// Story id of a document.
    pub fn story_of(&self, doc_id: &str) -> Option<String> {
        let index = self.by_id.get(doc_id)?;
        self.stories.story_of(*index).map(|s| self.story_id(s))
    }

    /// Every live story, oldest first.
    pub fn stories(&self) -> Vec<Story> {
        self.stories.live().map(|s| self.summarise(s)).collect()
    }

    /// One story by id.
    pub fn story(&self, story_id: &str) -> Option<Story> {
        self.story_index(story_id).map(|s| self.summarise(s))
    }

    /// The live story with this id, without scanning the stories: a story id names the
    /// story's first member, and merges keep the older story (whose first member stays first),
    /// so the id's document leads to its surviving story, which must still start with it.
    fn story_index(&self, story_id: &str) -> Option<usize> {
        let first = story_id.strip_prefix("story-")?;
        let doc = *self.by_id.get(first)?;
        let story = self.stories.story_of(doc)?;
        let state = self.stories.get(story)?;
        (self.stories.is_live(story) && state.members.first() == Some(&doc)).then_some(story)
    }

    fn summarise(&self, story: usize) -> Story {
        crate::summary::summarise(
            self.story_id(story),
            self.stories
                .get(story)
                .map(|s| s.members.as_slice())
                .unwrap_or(&[]),
            &self.docs,
            &self.members,
        )
    }

    /// The family of copies around a document, with its first publisher.
    pub fn provenance(&self, doc_id: &str) -> Option<Provenance> {
        let start = *self.by_id.get(doc_id)?;
        let mut seen = BTreeSet::from([start]);
        let mut queue = VecDeque::from([start]);
        while let Some(doc) = queue.pop_front() {
            for position in self.links_of_doc.get(&doc).into_iter().flatten() {
                let link = &self.links[*position];
                for id in [&link.source, &link.target] {
                    if let Some(&other) = self.by_id.get(id) {
                        if seen.insert(other) {
                            queue.push_back(other);
                        }
                    }
                }
            }
        }
        let members: Vec<&DocFeatures> = seen.iter().map(|i| &self.docs[*i as usize]).collect();
        crate::provenance::provenance(&members, &self.links)
    }
}

/// Features without spare capacity: the linker keeps every document's features for the life
/// of the process, and vectors read from JSON or built by pushing carry up to twice the room
/// they need.
fn shrunk(mut features: DocFeatures) -> DocFeatures {
    features.signature.0.shrink_to_fit();
    features.paragraph_hashes.shrink_to_fit();
    features.names.shrink_to_fit();
    features.numbers.shrink_to_fit();
    features.entities.shrink_to_fit();
    features.places.shrink_to_fit();
    features.terms.shrink_to_fit();
    features.lede.shrink_to_fit();
    features.entity_details.shrink_to_fit();
    features.place_details.shrink_to_fit();
    features.quotes.shrink_to_fit();
    features.claims.shrink_to_fit();
    features
}

/// Keys are stored with a kind prefix (`n:` name, `#:` number, `e:` entity, `p:` place);
/// explanations show them bare.
fn display_key(key: &str) -> String {
    match key.split_once(':') {
        Some(("n" | "#" | "e" | "p", rest)) => rest.to_string(),
        _ => key.to_string(),
    }
}

/// The answer of `veille why A B`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WhyReport {
    /// First document.
    pub a: String,
    /// Second document.
    pub b: String,
    /// Copy relation the signals support now, if any.
    pub copy_kind: Option<veille_model::LinkKind>,
    /// Story similarity in `[0, 1]`.
    pub similarity: f32,
    /// Whether both are in the same story.
    pub same_story: bool,
    /// Story of the first.
    pub story_a: Option<String>,
    /// Story of the second.
    pub story_b: Option<String>,
    /// The link recorded between them when they arrived, if any.
    pub link: Option<Link>,
    /// Every signal.
    pub comparison: Comparison,
}

mod deferred;
mod vectors;

#[cfg(test)]
mod tests;
