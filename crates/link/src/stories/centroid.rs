//! A story's centroid: the sum of its members' vectors with its squared norm, for the cosine
//! between a story and a document or between two stories.

use ahash::AHashMap;

use super::{IdVector, Linkage};

/// Sums with more entries than this are kept in a hash map, smaller ones as a sorted list.
const SORTED_MAX_ENTRIES: usize = 512;

/// The sum of the vectors of a story's members.
#[derive(Debug, Clone, Default)]
pub(super) struct Centroid {
    sum: Sum,
    norm_squared: f32,
    pub(super) count: usize,
}

/// Weight per id. Most stories have one member: a sorted list of a few hundred entries takes
/// half the memory of a hash map and is searched as fast; a large story's sum is a hash map,
/// since it grows with every member and is probed for every candidate document.
#[derive(Debug, Clone)]
enum Sum {
    Sorted(Vec<(u32, f32)>),
    Map(AHashMap<u32, f32>),
}

impl Default for Sum {
    fn default() -> Self {
        Sum::Sorted(Vec::new())
    }
}

impl Sum {
    fn get(&self, id: u32) -> Option<f32> {
        match self {
            Sum::Sorted(entries) => entries
                .binary_search_by_key(&id, |(other, _)| *other)
                .ok()
                .map(|at| entries[at].1),
            Sum::Map(map) => map.get(&id).copied(),
        }
    }

    fn len(&self) -> usize {
        match self {
            Sum::Sorted(entries) => entries.len(),
            Sum::Map(map) => map.len(),
        }
    }

    /// Adds each entry's weight to its id's, in their order. A list that outgrows
    /// [`SORTED_MAX_ENTRIES`] becomes a map and takes the rest of the entries there: each
    /// id's weight is still the same running sum.
    fn add_all<'a>(&mut self, entries: impl Iterator<Item = &'a (u32, f32)>) {
        for &(id, w) in entries {
            match self {
                Sum::Sorted(sorted) => {
                    match sorted.binary_search_by_key(&id, |(other, _)| *other) {
                        Ok(at) => sorted[at].1 += w,
                        Err(at) => sorted.insert(at, (id, w)),
                    }
                    if sorted.len() > SORTED_MAX_ENTRIES {
                        *self = Sum::Map(sorted.drain(..).collect());
                    }
                }
                Sum::Map(map) => *map.entry(id).or_default() += w,
            }
        }
        if let Sum::Sorted(sorted) = self {
            sorted.shrink_to_fit();
        }
    }

    /// The entries in id order: float sums over a hash map would follow its random seed, and
    /// a replay must reach the same decisions as the live run.
    fn sorted(&self) -> Vec<(u32, f32)> {
        match self {
            Sum::Sorted(entries) => entries.clone(),
            Sum::Map(map) => {
                let mut entries: Vec<(u32, f32)> = map.iter().map(|(id, w)| (*id, *w)).collect();
                entries.sort_unstable_by_key(|(id, _)| *id);
                entries
            }
        }
    }
}

impl Centroid {
    /// Dot product of the sum with `vector`, summed in `vector`'s order.
    ///
    /// This is the story book's innermost loop (three cosines per candidate story per
    /// document). Document vectors are sorted by id, so a list sum is walked beside them
    /// instead of searched for every id; both ways add the same products in the same order
    /// (skipping an absent id only skips adding zero).
    fn dot(&self, vector: &[(u32, f32)]) -> f32 {
        match &self.sum {
            Sum::Sorted(entries) if vector.is_sorted_by_key(|(id, _)| *id) => {
                let mut total = 0.0;
                let mut rest = entries.as_slice();
                for &(id, w) in vector {
                    while let Some(((other, _), tail)) = rest.split_first() {
                        if *other >= id {
                            break;
                        }
                        rest = tail;
                    }
                    match rest.first() {
                        Some(&(other, sum)) if other == id => total += sum * w,
                        Some(_) => {}
                        None => break,
                    }
                }
                total
            }
            _ => vector
                .iter()
                .map(|(id, w)| self.sum.get(*id).unwrap_or(0.0) * w)
                .sum(),
        }
    }

    pub(super) fn add(&mut self, vector: &IdVector) {
        let dot = self.dot(vector);
        let own: f32 = vector.iter().map(|(_, w)| w * w).sum();
        self.norm_squared += 2.0 * dot + own;
        self.count += 1;
        self.sum.add_all(vector.iter());
    }

    pub(super) fn absorb(&mut self, other: &Centroid) {
        let entries = other.sum.sorted();
        let dot = self.dot(&entries);
        self.norm_squared += 2.0 * dot + other.norm_squared;
        self.count += other.count;
        self.sum.add_all(entries.iter());
    }

    pub(super) fn cosine(&self, vector: &IdVector, linkage: Linkage) -> f32 {
        if self.norm_squared <= 0.0 || self.count == 0 {
            return 0.0;
        }
        let dot = self.dot(vector);
        let denominator = match linkage {
            Linkage::Centroid => self.norm_squared.sqrt(),
            // The dot product with a sum of unit vectors over their count is the mean cosine.
            Linkage::Average => self.count as f32,
        };
        (dot / denominator).clamp(0.0, 1.0)
    }

    pub(super) fn cosine_with(&self, other: &Centroid) -> f32 {
        if self.norm_squared <= 0.0 || other.norm_squared <= 0.0 {
            return 0.0;
        }
        let (small, large) = if self.sum.len() <= other.sum.len() {
            (self, other)
        } else {
            (other, self)
        };
        let dot = large.dot(&small.sum.sorted());
        (dot / (self.norm_squared.sqrt() * other.norm_squared.sqrt())).clamp(0.0, 1.0)
    }

    /// Ids contributing most to the dot product with `vector`.
    pub(super) fn top_shared(&self, vector: &IdVector, limit: usize) -> Vec<(u32, f32)> {
        let mut shared: Vec<(u32, f32)> = vector
            .iter()
            .filter_map(|(id, w)| self.sum.get(*id).map(|c| (*id, c * w)))
            .collect();
        shared.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        shared.truncate(limit);
        shared
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    fn vector(max_id: u32) -> impl Strategy<Value = Vec<(u32, f32)>> {
        proptest::collection::vec((0..max_id, 0.01f32..2.0), 0..300)
    }

    fn entries(map: &BTreeMap<u32, f32>) -> Vec<(u32, f32)> {
        map.iter().map(|(id, w)| (*id, *w)).collect()
    }

    proptest! {
        /// Whichever form the sum takes (ids up to 2,000 push it past the list's limit), it
        /// holds the same floats as a running sum in a map, and dot products agree.
        #[test]
        fn sums_match_a_running_map_in_either_form(
            max_id in prop_oneof![Just(60u32), Just(2_000u32)],
            vectors in proptest::collection::vec(vector(2_000), 1..6),
            probe in vector(2_000),
        ) {
            let clip = |v: &Vec<(u32, f32)>| -> Vec<(u32, f32)> {
                v.iter().map(|(id, w)| (id % max_id, *w)).collect()
            };
            let mut centroid = Centroid::default();
            let mut reference: BTreeMap<u32, f32> = BTreeMap::new();
            for v in vectors.iter().map(clip) {
                centroid.add(&v);
                for (id, w) in &v {
                    *reference.entry(*id).or_default() += w;
                }
            }
            prop_assert_eq!(centroid.sum.sorted(), entries(&reference));
            let probe = clip(&probe);
            let reference_dot = |probe: &[(u32, f32)]| -> f32 {
                probe
                    .iter()
                    .map(|(id, w)| reference.get(id).copied().unwrap_or(0.0) * w)
                    .sum()
            };
            prop_assert_eq!(centroid.dot(&probe), reference_dot(&probe));
            // Sorted probes (document vectors) take the walk beside a list sum.
            let mut sorted_probe = probe.clone();
            sorted_probe.sort_by_key(|(id, _)| *id);
            prop_assert_eq!(centroid.dot(&sorted_probe), reference_dot(&sorted_probe));
            let mut other = Centroid::default();
            other.add(&probe);
            centroid.absorb(&other);
            for (id, w) in other.sum.sorted() {
                *reference.entry(id).or_default() += w;
            }
            prop_assert_eq!(centroid.sum.sorted(), entries(&reference));
            prop_assert_eq!(centroid.count, vectors.len() + 1);
        }
    }
}
