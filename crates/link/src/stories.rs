//! Streaming story clustering: each arriving document joins the most similar story among a few
//! candidates, or starts a new one. No all-pairs pass.
//!
//! How it works:
//! - A story keeps, per language, the sum of its members' unit TF-IDF term vectors (a centroid)
//!   and of their lede vectors (title and first substantial paragraph), and one centroid of
//!   language-independent keys (names, numbers, entities, places).
//! - Candidates come from an inverted index from terms and keys to stories, probed with the
//!   document's heaviest terms and keys only; very common entries are skipped.
//! - The score of a candidate is `0.7·text + 0.3·cos(keys, key centroid)`, where `text` is
//!   `0.5·cos(terms) + 0.5·cos(lede)` against the centroids of the document's language, or the
//!   key cosine alone when the story has no member in that language yet. The lede matters
//!   because articles on one topic share their background paragraphs (the war, the alliance)
//!   while their opening says which event they report. A copy or translation link into a story
//!   counts as strong evidence.
//! - A time window keeps apart look-alike events: a dated document may only join a story whose
//!   dated span, widened by `window_days` on each side, contains it. Undated documents and stories
//!   are not constrained.
//! - When a document also scores above the join threshold against a second story and the two
//!   stories' centroids agree, the stories merge (the younger into the older).
//!
//! The result depends only on the order of arrival, never on hash-map iteration order.

use ahash::AHashMap as HashMap;

use serde::{Deserialize, Serialize};

mod centroid;

use centroid::Centroid;

/// Interned sparse vector: (term id, weight), sorted by id, L2-normalised.
pub type IdVector = Vec<(u32, f32)>;

/// Options of story clustering.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StoryConfig {
    /// Days a dated document may lie outside a story's dated span and still join it.
    pub window_days: i32,
    /// Minimum score to join a story.
    pub join_threshold: f32,
    /// Minimum centroid agreement to merge two stories.
    pub merge_threshold: f32,
    /// Candidate stories scored per document.
    pub max_candidates: usize,
    /// Terms and keys of the document used to find candidates.
    pub probe_terms: usize,
    /// Weight of the text (terms and lede) within a language; the key cosine gets the rest.
    pub term_weight: f32,
    /// Share of the text weight given to the lede cosine (title and first paragraph), the rest
    /// going to the whole-text term cosine. Articles on one topic share their background
    /// paragraphs; the lede says which event they report.
    pub lede_share: f32,
    /// Score given to a story holding a copy or translation of the document.
    pub copy_link_score: f32,
    /// How a document is compared with a story.
    pub linkage: Linkage,
    /// Join threshold for documents that are a headline only (no body), whose few words give
    /// lower similarities.
    pub headline_join_threshold: f32,
    /// Merge threshold when the deciding document is a headline only: centroids of headlines
    /// share fewer words, so their agreement runs lower for the same event.
    pub headline_merge_threshold: f32,
    /// Linkage for headline-only documents: the centroid suits them better, because a headline
    /// shares a few words with the story's core, not with every other headline.
    pub headline_linkage: Linkage,
}

/// How a document is compared with a story.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Linkage {
    /// Cosine with the sum of the members' vectors.
    #[default]
    Centroid,
    /// Mean cosine with the members (average linkage).
    Average,
}

impl Default for StoryConfig {
    fn default() -> Self {
        Self {
            window_days: 7,
            max_candidates: 30,
            probe_terms: 24,
            term_weight: 0.7,
            lede_share: 0.5,
            copy_link_score: 0.9,
            linkage: Linkage::Average,
            join_threshold: 0.25,
            merge_threshold: 0.4,
            headline_join_threshold: 0.1,
            headline_merge_threshold: 0.2,
            headline_linkage: Linkage::Centroid,
        }
    }
}

/// What the story book needs to know about an arriving document.
#[derive(Debug, Clone, Default)]
pub struct StoryInput {
    /// Dense document index, as numbered by the caller.
    pub doc: u32,
    /// Language code (`"?"` when unknown).
    pub language: String,
    /// Publication day (days since 1970-01-01).
    pub day: Option<i32>,
    /// Unit TF-IDF vector of content terms.
    pub terms: IdVector,
    /// Unit TF-IDF vector of names, numbers, entities and places.
    pub keys: IdVector,
    /// Unit TF-IDF vector of the title and lede terms.
    pub lede: IdVector,
    /// Documents it is a copy or translation of (already in the book).
    pub copies_of: Vec<u32>,
    /// Whether the document is a headline without body.
    pub headline_only: bool,
}

/// The decision for one document.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryDecision {
    /// Index of the story it belongs to.
    pub story: usize,
    /// Whether it started that story.
    pub created: bool,
    /// Score against the story it joined (1.0 for a new story).
    pub score: f32,
    /// Term and key cosines behind the score.
    pub term_cosine: f32,
    /// See `term_cosine`.
    pub key_cosine: f32,
    /// Whether a copy or translation link decided.
    pub by_copy_link: bool,
    /// Heaviest shared term and key ids (for explanations).
    pub shared: Vec<u32>,
    /// Best score among candidates when it started a new story.
    pub best_rejected: Option<f32>,
    /// Best score among candidates left out by the time window, when it would have been
    /// enough to join (for explanations: "a look-alike story lies outside the window").
    pub best_outside_window: Option<f32>,
    /// Stories merged into `story` because of this document.
    pub merged: Vec<usize>,
}

/// One story in the book.
#[derive(Debug, Clone, Default)]
pub struct StoryState {
    /// Member document indices, in order of joining.
    pub members: Vec<u32>,
    /// Earliest and latest member day.
    pub span: Option<(i32, i32)>,
    term_centroids: HashMap<String, Centroid>,
    lede_centroids: HashMap<String, Centroid>,
    key_centroid: Centroid,
}

/// Adds each language's centroid of `from` into the same language's centroid of `into`.
fn absorb_per_language(into: &mut HashMap<String, Centroid>, from: &HashMap<String, Centroid>) {
    for (language, centroid) in from {
        into.entry(language.clone()).or_default().absorb(centroid);
    }
}

/// Posting lists longer than this are not probed: such terms are in too many stories to help.
const MAX_POSTINGS: usize = 5_000;

/// All stories, with the inverted index used to find candidates.
#[derive(Debug, Clone, Default)]
pub struct StoryBook {
    cfg: StoryConfig,
    stories: Vec<StoryState>,
    /// Story of each document, by document index (before following merges).
    story_of_doc: HashMap<u32, usize>,
    /// Term or key id → stories that have a member with it (term ids and key ids share one
    /// id space, interned by the caller).
    postings: HashMap<u32, Vec<u32>>,
    /// Surviving story of each story (itself while live), kept flat through merges so that
    /// following a posting entry to its story is one array read, not a walk down a chain.
    survivors: Vec<u32>,
    /// Stories merged into each live story (directly or not), to re-point them on its own merge.
    absorbed: HashMap<usize, Vec<usize>>,
    /// Working memory of the candidate search, kept between documents.
    scratch: CandidateScratch,
}

/// A weight per story, valid where the story's stamp is the current search's number, and the
/// stories touched by the current search: nothing needs clearing between searches.
#[derive(Debug, Clone, Default)]
struct CandidateScratch {
    weights: Vec<f32>,
    stamps: Vec<u32>,
    search: u32,
    touched: Vec<usize>,
}

impl CandidateScratch {
    /// Starts a search over `stories` stories.
    fn start(&mut self, stories: usize) {
        self.weights.resize(stories, 0.0);
        self.stamps.resize(stories, 0);
        self.touched.clear();
        self.search = self.search.wrapping_add(1);
        if self.search == 0 {
            // After 2^32 searches the stamps wrap: forget them all once.
            self.stamps.iter_mut().for_each(|stamp| *stamp = 0);
            self.search = 1;
        }
    }
}

impl StoryBook {
    /// An empty book.
    pub fn new(cfg: StoryConfig) -> Self {
        Self {
            cfg,
            ..Self::default()
        }
    }

    /// The options in use.
    pub fn config(&self) -> &StoryConfig {
        &self.cfg
    }

    /// Follows merges to the surviving story.
    pub fn resolve(&self, story: usize) -> usize {
        self.survivors
            .get(story)
            .map_or(story, |survivor| *survivor as usize)
    }

    /// Whether `story` exists and has not been merged into another.
    pub fn is_live(&self, story: usize) -> bool {
        story < self.stories.len() && self.resolve(story) == story
    }

    /// The surviving story of a document.
    pub fn story_of(&self, doc: u32) -> Option<usize> {
        self.story_of_doc.get(&doc).map(|s| self.resolve(*s))
    }

    /// A story by index.
    pub fn get(&self, story: usize) -> Option<&StoryState> {
        self.stories.get(story)
    }

    /// Number of members of a story (0 for an unknown one).
    pub fn size(&self, story: usize) -> usize {
        self.get(story).map_or(0, |s| s.members.len())
    }

    /// Indices of the surviving stories, oldest first.
    pub fn live(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.stories.len()).filter(|s| self.is_live(*s))
    }

    fn within_window(&self, story: &StoryState, day: Option<i32>) -> bool {
        match (day, story.span) {
            (Some(day), Some((first, last))) => {
                day >= first - self.cfg.window_days && day <= last + self.cfg.window_days
            }
            _ => true,
        }
    }

    /// Term and key cosines of a document against a story, and the blended score.
    fn score(&self, story: &StoryState, input: &StoryInput) -> (f32, f32, f32) {
        let linkage = if input.headline_only {
            self.cfg.headline_linkage
        } else {
            self.cfg.linkage
        };
        let key_cosine = story.key_centroid.cosine(&input.keys, linkage);
        match story.term_centroids.get(&input.language) {
            Some(centroid) => {
                let term_cosine = centroid.cosine(&input.terms, linkage);
                let lede_cosine = story
                    .lede_centroids
                    .get(&input.language)
                    .map_or(term_cosine, |c| c.cosine(&input.lede, linkage));
                let share = self.cfg.lede_share.clamp(0.0, 1.0);
                let text_cosine = (1.0 - share) * term_cosine + share * lede_cosine;
                let w = self.cfg.term_weight;
                (
                    w * text_cosine + (1.0 - w) * key_cosine,
                    text_cosine,
                    key_cosine,
                )
            }
            None => (key_cosine, 0.0, key_cosine),
        }
    }

    /// Candidate stories: those sharing the document's heaviest terms and keys, ranked by the
    /// summed weight of what they share, plus stories holding its copies.
    fn candidates(&mut self, input: &StoryInput) -> Vec<usize> {
        let mut probes: Vec<(u32, f32)> = input.terms.clone();
        probes.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        probes.truncate(self.cfg.probe_terms);
        let mut keys = input.keys.clone();
        keys.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        keys.truncate(self.cfg.probe_terms);
        probes.extend(keys);
        // Weights accumulate in a dense array indexed by story (reused between documents):
        // long posting lists make this the linker's innermost loop, and an array slot costs
        // less than a hash map entry.
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.start(self.stories.len());
        let add = |scratch: &mut CandidateScratch, story: usize, w: f32| {
            if scratch.stamps[story] != scratch.search {
                scratch.stamps[story] = scratch.search;
                scratch.weights[story] = 0.0;
                scratch.touched.push(story);
            }
            scratch.weights[story] += w;
        };
        for (id, w) in probes {
            let Some(list) = self.postings.get(&id) else {
                continue;
            };
            if list.len() > MAX_POSTINGS {
                continue;
            }
            for story in list {
                add(&mut scratch, self.resolve(*story as usize), w);
            }
        }
        for doc in &input.copies_of {
            if let Some(story) = self.story_of(*doc) {
                add(&mut scratch, story, 10.0);
            }
        }
        let mut ranked: Vec<(usize, f32)> = scratch
            .touched
            .drain(..)
            .map(|story| (story, scratch.weights[story]))
            .collect();
        self.scratch = scratch;
        let order = |a: &(usize, f32), b: &(usize, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        if ranked.len() > self.cfg.max_candidates && self.cfg.max_candidates > 0 {
            ranked.select_nth_unstable_by(self.cfg.max_candidates - 1, order);
        }
        ranked.truncate(self.cfg.max_candidates);
        ranked.sort_by(order);
        ranked.into_iter().map(|(s, _)| s).collect()
    }

    /// Places a document into a story (existing or new) and returns the decision.
    pub fn add(&mut self, input: &StoryInput) -> StoryDecision {
        let copy_stories: Vec<usize> = input
            .copies_of
            .iter()
            .filter_map(|d| self.story_of(*d))
            .collect();
        let mut scored: Vec<(usize, f32, f32, f32, bool)> = Vec::new();
        let mut best_outside_window: Option<f32> = None;
        for story_index in self.candidates(input) {
            let story = &self.stories[story_index];
            if !self.within_window(story, input.day) {
                let (score, ..) = self.score(story, input);
                best_outside_window = Some(best_outside_window.map_or(score, |b| b.max(score)));
                continue;
            }
            let (mut score, term_cosine, key_cosine) = self.score(story, input);
            let by_copy = copy_stories.contains(&story_index);
            if by_copy {
                score = score.max(self.cfg.copy_link_score);
            }
            scored.push((story_index, score, term_cosine, key_cosine, by_copy));
        }
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let best = scored.first().copied();
        let threshold = if input.headline_only {
            self.cfg.headline_join_threshold
        } else {
            self.cfg.join_threshold
        };
        let decision = match best {
            Some((story, score, term_cosine, key_cosine, by_copy)) if score >= threshold => {
                let shared = self.shared_ids(story, input);
                StoryDecision {
                    story,
                    created: false,
                    score,
                    term_cosine,
                    key_cosine,
                    by_copy_link: by_copy,
                    shared,
                    best_rejected: None,
                    best_outside_window: None,
                    merged: Vec::new(),
                }
            }
            _ => {
                let index = u32::try_from(self.stories.len()).unwrap_or(u32::MAX);
                self.stories.push(StoryState::default());
                self.survivors.push(index);
                StoryDecision {
                    story: self.stories.len() - 1,
                    created: true,
                    score: 1.0,
                    term_cosine: 0.0,
                    key_cosine: 0.0,
                    by_copy_link: false,
                    shared: Vec::new(),
                    best_rejected: best.map(|b| b.1),
                    best_outside_window: best_outside_window.filter(|b| *b >= threshold),
                    merged: Vec::new(),
                }
            }
        };
        let mut decision = decision;
        self.insert_member(decision.story, input);
        if !decision.created {
            // Judged after the document joined, so that its evidence counts towards the merge.
            decision.merged = self.merge_candidates(decision.story, &scored[1..], input, threshold);
        }
        for other in decision.merged.clone() {
            let into = self.resolve(decision.story);
            let from = self.resolve(other);
            self.merge(into, from);
        }
        if !decision.merged.is_empty() {
            // Merges keep the oldest story; report the survivor and every story absorbed.
            let survivor = self.resolve(decision.story);
            let mut absorbed: Vec<usize> = decision
                .merged
                .iter()
                .copied()
                .chain(std::iter::once(decision.story))
                .filter(|s| *s != survivor)
                .collect();
            absorbed.sort_unstable();
            absorbed.dedup();
            decision.story = survivor;
            decision.merged = absorbed;
        }
        decision
    }

    fn shared_ids(&self, story: usize, input: &StoryInput) -> Vec<u32> {
        let state = &self.stories[story];
        let mut shared: Vec<(u32, f32)> = state.key_centroid.top_shared(&input.keys, 6);
        if let Some(centroid) = state.term_centroids.get(&input.language) {
            shared.extend(centroid.top_shared(&input.terms, 6));
        }
        shared.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        shared.dedup_by_key(|s| s.0);
        shared.into_iter().take(8).map(|(id, _)| id).collect()
    }

    /// Other stories the document also joins strongly and whose centroids agree with the
    /// chosen one.
    fn merge_candidates(
        &self,
        chosen: usize,
        others: &[(usize, f32, f32, f32, bool)],
        input: &StoryInput,
        threshold: f32,
    ) -> Vec<usize> {
        let target = &self.stories[chosen];
        let mut merged = Vec::new();
        for (other, score, ..) in others {
            if *score < threshold {
                break;
            }
            let story = &self.stories[*other];
            let terms = match (
                target.term_centroids.get(&input.language),
                story.term_centroids.get(&input.language),
            ) {
                (Some(a), Some(b)) => Some(a.cosine_with(b)),
                _ => None,
            };
            let keys = target.key_centroid.cosine_with(&story.key_centroid);
            let agreement = match terms {
                Some(t) => self.cfg.term_weight * t + (1.0 - self.cfg.term_weight) * keys,
                None => keys,
            };
            let merge_threshold = if input.headline_only {
                self.cfg.headline_merge_threshold
            } else {
                self.cfg.merge_threshold
            };
            if agreement >= merge_threshold {
                merged.push(*other);
            }
        }
        merged
    }

    fn insert_member(&mut self, story_index: usize, input: &StoryInput) {
        let story = &mut self.stories[story_index];
        story.members.push(input.doc);
        if let Some(day) = input.day {
            story.span = Some(match story.span {
                Some((first, last)) => (first.min(day), last.max(day)),
                None => (day, day),
            });
        }
        story
            .term_centroids
            .entry(input.language.clone())
            .or_default()
            .add(&input.terms);
        story
            .lede_centroids
            .entry(input.language.clone())
            .or_default()
            .add(&input.lede);
        story.key_centroid.add(&input.keys);
        self.story_of_doc.insert(input.doc, story_index);
        // Story numbers fit in u32 (they are bounded by the number of documents, which are
        // numbered in u32 too): half the memory of the largest structure of the book.
        let posted = u32::try_from(story_index).unwrap_or(u32::MAX);
        for (id, _) in input.terms.iter().chain(&input.keys) {
            let list = self.postings.entry(*id).or_default();
            if list.last() != Some(&posted) && list.len() <= MAX_POSTINGS {
                list.push(posted);
            }
        }
    }

    /// Moves every member of `from` into `into` (the older story keeps its id).
    fn merge(&mut self, into: usize, from: usize) {
        let (into, from) = (into.min(from), into.max(from));
        if into == from || !self.is_live(from) {
            return;
        }
        let absorbed = std::mem::take(&mut self.stories[from]);
        // The absorbed story keeps its member list: its id (named after its first member) must
        // stay known, so that the store can delete it.
        self.stories[from].members = absorbed.members.clone();
        let target = &mut self.stories[into];
        target.members.extend(&absorbed.members);
        target.span = match (target.span, absorbed.span) {
            (Some(a), Some(b)) => Some((a.0.min(b.0), a.1.max(b.1))),
            (a, b) => a.or(b),
        };
        absorb_per_language(&mut target.term_centroids, &absorbed.term_centroids);
        absorb_per_language(&mut target.lede_centroids, &absorbed.lede_centroids);
        target.key_centroid.absorb(&absorbed.key_centroid);
        let mut moved = self.absorbed.remove(&from).unwrap_or_default();
        moved.push(from);
        let survivor = u32::try_from(into).unwrap_or(u32::MAX);
        for story in &moved {
            if let Some(slot) = self.survivors.get_mut(*story) {
                *slot = survivor;
            }
        }
        self.absorbed.entry(into).or_default().extend(moved);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(ids: &[u32]) -> IdVector {
        let w = 1.0 / (ids.len() as f32).sqrt();
        ids.iter().map(|id| (*id, w)).collect()
    }

    fn input(
        doc: u32,
        language: &str,
        day: Option<i32>,
        terms: &[u32],
        keys: &[u32],
    ) -> StoryInput {
        StoryInput {
            doc,
            language: language.into(),
            day,
            terms: unit(terms),
            keys: unit(keys),
            lede: unit(terms),
            copies_of: Vec::new(),
            headline_only: false,
        }
    }

    #[test]
    fn similar_documents_join_and_unrelated_ones_start_stories() {
        let mut book = StoryBook::new(StoryConfig::default());
        let first = book.add(&input(0, "en", Some(100), &[1, 2, 3, 4], &[100, 101]));
        let second = book.add(&input(1, "en", Some(101), &[1, 2, 3, 5], &[100, 101]));
        let third = book.add(&input(2, "en", Some(101), &[7, 8, 9], &[200]));
        assert!(first.created && !second.created && third.created);
        assert_eq!(book.story_of(1), book.story_of(0));
        assert_ne!(book.story_of(2), book.story_of(0));
    }

    #[test]
    fn time_window_separates_look_alike_events() {
        let mut book = StoryBook::new(StoryConfig::default());
        book.add(&input(0, "en", Some(100), &[1, 2, 3, 4], &[100, 101]));
        let later = book.add(&input(1, "en", Some(200), &[1, 2, 3, 4], &[100, 101]));
        assert!(later.created);
        assert!(
            later.best_outside_window.is_some_and(|s| s > 0.9),
            "the look-alike outside the window is reported: {later:?}"
        );
        let undated = book.add(&input(2, "en", None, &[1, 2, 3, 4], &[100, 101]));
        assert!(!undated.created);
    }

    #[test]
    fn other_language_joins_on_keys_or_copy_links() {
        let mut book = StoryBook::new(StoryConfig::default());
        book.add(&input(0, "en", Some(100), &[1, 2, 3], &[100, 101, 102]));
        let fr = book.add(&input(1, "fr", Some(100), &[50, 51, 52], &[100, 101, 102]));
        assert!(!fr.created && fr.key_cosine > 0.9);
        let mut de = input(2, "de", Some(100), &[60, 61], &[300]);
        de.copies_of = vec![0];
        let decision = book.add(&de);
        assert!(decision.by_copy_link && !decision.created);
    }

    #[test]
    fn a_different_lede_keeps_apart_articles_with_the_same_background() {
        // Same background terms and names; the ledes report different events.
        let with_lede = |doc: u32, lede: &[u32]| StoryInput {
            lede: unit(lede),
            ..input(doc, "en", None, &[1, 2, 3, 4, 5, 6, 7, 8], &[100, 101])
        };
        let background_only = StoryConfig {
            lede_share: 0.0,
            join_threshold: 0.8,
            ..StoryConfig::default()
        };
        let mut book = StoryBook::new(background_only.clone());
        book.add(&with_lede(0, &[20, 21, 22]));
        assert!(!book.add(&with_lede(1, &[30, 31, 32])).created);

        let with_ledes = StoryConfig {
            lede_share: 0.5,
            ..background_only
        };
        let mut book = StoryBook::new(with_ledes);
        book.add(&with_lede(0, &[20, 21, 22]));
        assert!(book.add(&with_lede(1, &[30, 31, 32])).created);
        let same_event = book.add(&with_lede(2, &[20, 21, 23]));
        assert!(!same_event.created, "{same_event:?}");
        assert_eq!(book.story_of(2), book.story_of(0));
    }

    #[test]
    fn stories_merged_in_a_chain_resolve_to_the_last_survivor() {
        let mut book = StoryBook::new(StoryConfig::default());
        for (doc, terms) in [(0, [1, 2]), (1, [3, 4]), (2, [5, 6])] {
            assert!(book.add(&input(doc, "en", None, &terms, &[])).created);
        }
        book.merge(1, 2);
        assert_eq!(book.resolve(2), 1);
        book.merge(0, 1);
        for story in 0..3 {
            assert_eq!(book.resolve(story), 0, "story {story}");
        }
        assert_eq!(book.story_of(2), Some(0));
        assert_eq!(book.live().collect::<Vec<_>>(), vec![0]);
        assert_eq!(book.get(0).map(|s| s.members.len()), Some(3));
    }

    #[test]
    fn a_bridging_document_merges_agreeing_stories() {
        let cfg = StoryConfig {
            merge_threshold: 0.3,
            ..StoryConfig::default()
        };
        let mut book = StoryBook::new(cfg);
        book.add(&input(0, "en", None, &[1, 2, 3, 4, 5, 6], &[100]));
        book.add(&input(1, "en", None, &[6, 7, 8, 9, 10, 11], &[101]));
        assert_ne!(
            book.story_of(0),
            book.story_of(1),
            "weak overlap starts two stories"
        );
        let bridge = book.add(&input(
            2,
            "en",
            None,
            &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
            &[100, 101],
        ));
        assert_eq!(bridge.merged.len(), 1, "{bridge:?}");
        assert_eq!(book.story_of(0), book.story_of(1));
        assert_eq!(book.live().count(), 1);
        // The absorbed story still names its first member (story ids derive from it).
        let absorbed = bridge.merged[0];
        let first = book.get(absorbed).and_then(|s| s.members.first().copied());
        assert!(first.is_some(), "absorbed story lost its members");
        assert!(!book.is_live(absorbed));
    }
}
