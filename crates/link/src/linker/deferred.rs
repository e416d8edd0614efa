//! Deferred story summaries: which changed stories to summarise now, and which stored ones
//! are out of date.
//!
//! A summary reads every member of its story, so summarising each changed story once per
//! stored batch still costs O(members) per batch for a story that keeps growing: at a million
//! articles, stories of thousands of members join nearly every batch. [`Linker::take_due_stories`]
//! summarises a small story whenever it changes and a large one when it has grown by a
//! quarter since its last summary, so each story is summarised O(log members) times in all;
//! [`Linker::take_changed_stories`] then brings every pending story up to date (at the end of
//! a run). A run killed in between leaves some stored summaries behind their stories;
//! [`Linker::stale_stories`] finds them when the next run starts.

use std::collections::BTreeSet;

use ahash::AHashMap;
use veille_model::Story;

use super::Linker;

/// Stories with fewer members than this are summarised whenever they change.
const ALWAYS_BELOW: usize = 64;

/// Stories that changed since their summary, and each story's size when it was summarised.
#[derive(Debug, Clone, Default)]
pub(super) struct Deferred {
    pub(super) changed: BTreeSet<usize>,
    summarised_at: AHashMap<usize, usize>,
}

impl Deferred {
    fn is_due(&self, story: usize, members: usize) -> bool {
        members < ALWAYS_BELOW
            || self
                .summarised_at
                .get(&story)
                .is_none_or(|&last| members >= last + last / 4)
    }
}

impl Linker {
    /// Summaries of the changed stories that are due (deferred mode; nothing otherwise):
    /// every changed story under 64 members, and larger ones that grew by a quarter since
    /// their last summary. The others stay pending for a later call or for
    /// [`Linker::take_changed_stories`]. Oldest first, each once.
    pub fn take_due_stories(&mut self) -> Vec<Story> {
        self.take_stories(false)
    }

    /// Summaries of the live stories joined since they were last summarised (in deferred
    /// mode; nothing otherwise), oldest first, each once. A story merged into another since
    /// it changed is given as the story that absorbed it.
    pub fn take_changed_stories(&mut self) -> Vec<Story> {
        self.take_stories(true)
    }

    fn take_stories(&mut self, all: bool) -> Vec<Story> {
        let Some(deferred) = self.changed_stories.as_mut() else {
            return Vec::new();
        };
        let changed = std::mem::take(&mut deferred.changed);
        let live: BTreeSet<usize> = changed
            .into_iter()
            .map(|story| self.stories.resolve(story))
            .collect();
        let mut due = Vec::new();
        for story in live {
            let members = self.stories.size(story);
            if all || deferred.is_due(story, members) {
                deferred.summarised_at.insert(story, members);
                due.push(story);
            } else {
                deferred.changed.insert(story);
            }
        }
        due.into_iter().map(|story| self.summarise(story)).collect()
    }

    /// Summaries of the live stories whose stored member count (`stored`: story id → members,
    /// as the archive holds them) differs from the linker's, or that the archive lacks:
    /// stories a run stopped before summarising. Oldest first.
    pub fn stale_stories(&self, stored: &AHashMap<String, u64>) -> Vec<Story> {
        self.stories
            .live()
            .filter(|&story| {
                let members = self.stories.size(story);
                stored.get(&self.story_id(story)).copied() != Some(members as u64)
            })
            .map(|story| self.summarise(story))
            .collect()
    }
}
