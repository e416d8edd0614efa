//! Cross-document boilerplate: short blocks that a site repeats in many of its articles
//! (its slogan, its newsletter prompt, its legal line) are furniture, whatever their wording.
//!
//! [`SiteBoilerplate`] is opt-in: the caller [`observe`](SiteBoilerplate::observe)s the blocks
//! of each document of a site, then [`apply`](SiteBoilerplate::apply) removes from a document
//! the blocks seen in at least `min_docs` documents of that site. Blocks are compared by their
//! lexicon match form (case, punctuation and spacing ignored). Memory is bounded: at most
//! [`MAX_SITES`] sites and [`MAX_BLOCKS_PER_SITE`] distinct blocks per site are tracked.

use ahash::{AHashMap as HashMap, AHashSet as HashSet};

use veille_model::{RemovalReason, Removed};

use super::lexicon::match_form;
use crate::Block;

/// Most sites tracked; later sites are not counted.
pub const MAX_SITES: usize = 10_000;
/// Most distinct blocks tracked per site; later new blocks are not counted.
pub const MAX_BLOCKS_PER_SITE: usize = 20_000;
/// Longest block (in words) considered: boilerplate is short, article paragraphs are unique.
const MAX_WORDS: usize = 40;

#[derive(Debug, Default, Clone)]
struct SiteCounts {
    documents: usize,
    blocks: HashMap<String, usize>,
}

/// Counts short blocks across the documents of each site.
#[derive(Debug, Clone)]
pub struct SiteBoilerplate {
    min_docs: usize,
    sites: HashMap<String, SiteCounts>,
}

impl SiteBoilerplate {
    /// A counter that calls a block boilerplate once it is seen in `min_docs` documents of the
    /// same site (at least 2).
    pub fn new(min_docs: usize) -> Self {
        SiteBoilerplate {
            min_docs: min_docs.max(2),
            sites: HashMap::new(),
        }
    }

    /// Counts the short blocks of one document of `site` (each distinct block once).
    pub fn observe(&mut self, site: &str, blocks: &[Block]) {
        if !self.sites.contains_key(site) && self.sites.len() >= MAX_SITES {
            return;
        }
        let counts = self.sites.entry(site.to_string()).or_default();
        counts.documents += 1;
        let mut seen = HashSet::new();
        for block in blocks {
            let Some(key) = key(&block.text) else {
                continue;
            };
            if !seen.insert(key.clone()) {
                continue;
            }
            if let Some(n) = counts.blocks.get_mut(&key) {
                *n += 1;
            } else if counts.blocks.len() < MAX_BLOCKS_PER_SITE {
                counts.blocks.insert(key, 1);
            }
        }
    }

    /// Number of documents of `site` observed so far.
    pub fn documents(&self, site: &str) -> usize {
        self.sites.get(site).map_or(0, |c| c.documents)
    }

    /// Number of documents of `site` in which `text` was seen.
    pub fn occurrences(&self, site: &str, text: &str) -> usize {
        let Some(key) = key(text) else {
            return 0;
        };
        self.sites
            .get(site)
            .and_then(|c| c.blocks.get(&key).copied())
            .unwrap_or(0)
    }

    /// Whether `text` was seen in at least `min_docs` documents of `site`.
    pub fn is_boilerplate(&self, site: &str, text: &str) -> bool {
        self.occurrences(site, text) >= self.min_docs
    }

    /// Removes from `blocks` every block that is boilerplate for `site`, returning them with
    /// reason [`RemovalReason::SiteBoilerplate`].
    pub fn apply(&self, site: &str, blocks: &mut Vec<Block>) -> Vec<Removed> {
        let mut removed = Vec::new();
        blocks.retain(|block| {
            let n = self.occurrences(site, &block.text);
            if n < self.min_docs {
                return true;
            }
            removed.push(Removed {
                text: block.text.clone(),
                reason: RemovalReason::SiteBoilerplate,
                detail: Some(format!(
                    "repeated in {n} of {} documents of {site}",
                    self.documents(site)
                )),
            });
            false
        });
        removed
    }
}

/// Comparison key of a block, `None` for blocks too long or empty to be boilerplate.
fn key(text: &str) -> Option<String> {
    if text.split_whitespace().count() > MAX_WORDS {
        return None;
    }
    let form = match_form(text).trim().to_string();
    (!form.is_empty()).then_some(form)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(lines: &[&str]) -> Vec<Block> {
        lines.iter().map(|l| Block::paragraph(*l)).collect()
    }

    #[test]
    fn blocks_repeated_across_documents_are_removed() {
        let mut site = SiteBoilerplate::new(3);
        let docs = [
            doc(&[
                "Harbour rates rise",
                "Port news, every morning.",
                "Rates rose by 4%.",
            ]),
            doc(&[
                "Ferry strike ends",
                "PORT NEWS — every morning",
                "The strike ended.",
            ]),
            doc(&[
                "New crane arrives",
                "Port news, every morning.",
                "A crane arrived.",
            ]),
        ];
        for d in &docs {
            site.observe("portnews.example", d);
        }
        assert_eq!(site.documents("portnews.example"), 3);
        let mut blocks = docs[1].clone();
        let removed = site.apply("portnews.example", &mut blocks);
        assert_eq!(removed.len(), 1);
        assert_eq!(removed[0].reason, RemovalReason::SiteBoilerplate);
        assert_eq!(blocks.len(), 2);
        // Another site is unaffected.
        let mut other = docs[1].clone();
        assert!(site.apply("elsewhere.example", &mut other).is_empty());
    }

    #[test]
    fn repetition_inside_one_document_counts_once() {
        let mut site = SiteBoilerplate::new(2);
        site.observe("a.example", &doc(&["Advertisement", "Advertisement"]));
        assert!(!site.is_boilerplate("a.example", "Advertisement"));
        site.observe("a.example", &doc(&["Advertisement"]));
        assert!(site.is_boilerplate("a.example", "advertisement"));
    }
}
