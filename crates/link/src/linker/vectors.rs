//! A new document's story vectors (terms, lede, keys) by interned id.
//!
//! The string-keyed vectors of [`crate::compare`] serve the comparisons `veille why` shows;
//! the story book wants ids. Built from the ids the linker has just interned, a vector costs
//! one vocabulary lookup per term instead of three (weight, interning, and a `String` per
//! term in between). Weights, and the order their squares are summed in for the norm, are
//! those of [`crate::compare::term_vector`], [`crate::compare::lede_vector`] and
//! [`crate::compare::key_vector`], so the story book gets the same vectors to the last bit.

use crate::compare::{normalise, tf_idf_weight};
use crate::features::{DocFeatures, Term};
use crate::stories::IdVector;

use super::Linker;

impl Linker {
    /// Unit vector of sublinear term frequency times IDF over `(id, count)` pairs, given in
    /// the order of the terms' strings (the order the norm is summed in), sorted by id.
    pub(super) fn unit_id_vector(&self, counts: Vec<(u32, f32)>) -> IdVector {
        let weighted = counts
            .into_iter()
            .map(|(id, count)| (id, tf_idf_weight(count, self.idf_of(Some(id)))))
            .collect();
        let mut vector: IdVector = normalise(weighted);
        vector.sort_by_key(|(id, _)| *id);
        vector
    }

    /// How often each of `keys` (sorted and distinct, as [`DocFeatures::keys`] gives them)
    /// occurs among the document's names, numbers, entities and places, paired with its id.
    pub(super) fn key_counts(
        features: &DocFeatures,
        keys: &[String],
        key_ids: &[u32],
    ) -> Vec<(u32, f32)> {
        let mut counts = vec![0.0f32; keys.len()];
        let mut key = String::new();
        let lists: [(&str, &[Term]); 4] = [
            ("n:", &features.names),
            ("#:", &features.numbers),
            ("e:", &features.entities),
            ("p:", &features.places),
        ];
        for (prefix, list) in lists {
            for item in list {
                key.clear();
                key.push_str(prefix);
                key.push_str(item);
                if let Ok(i) = keys.binary_search_by(|k| k.as_str().cmp(key.as_str())) {
                    counts[i] += 1.0;
                }
            }
        }
        key_ids.iter().copied().zip(counts).collect()
    }
}
