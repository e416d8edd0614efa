//! MinHash signatures over word shingles and a banded LSH index for near-duplicate candidates.
//!
//! A shingle is `k` consecutive words joined by one space, hashed once with xxh3 (64 bits, folded
//! to a 32-bit key `x`). Each of the `n` permutations is the multiply-add-shift hash
//! `((a·x + b) mod 2^64) >> 32` with random odd 64-bit `a` and random 64-bit `b` (Dietzfelbinger's
//! strongly universal family), so one signature is one pass over the shingle keys with a tight,
//! branch-free inner loop over permutations. `a` is stored as two 32-bit halves so that
//! `a·x mod 2^64 = a_lo·x + (a_hi·x << 32)` takes two 32×32→64 multiplies, which every x86-64
//! SIMD level has (`pmuludq`): the loop vectorises even in a baseline build. The fraction of equal slots of two signatures estimates the
//! Jaccard similarity of their shingle sets, with standard error `sqrt(J(1-J)/n)`.
//!
//! [`LshIndex`] splits signatures into `bands × rows` and buckets each band; two documents become
//! candidates when one band matches, which happens with probability `1 - (1 - J^rows)^bands`.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

/// Default number of permutations.
pub const DEFAULT_PERMUTATIONS: usize = 128;
/// Default shingle length in words.
pub const DEFAULT_SHINGLE_WORDS: usize = 5;

/// Computes MinHash signatures with a fixed family of permutations.
#[derive(Debug, Clone)]
pub struct MinHasher {
    multipliers_low: Vec<u32>,
    multipliers_high: Vec<u32>,
    offsets: Vec<u64>,
    shingle_words: usize,
}

/// A MinHash signature: the minimum of each permutation over the shingle hashes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature(pub Vec<u32>);

impl Signature {
    /// Whether the signature came from an empty shingle set.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|&v| v == u32::MAX)
    }
}

/// SplitMix64: a small, well-mixed generator for the permutation parameters, so that every
/// build of veille derives the same family from the same seed.
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Default for MinHasher {
    fn default() -> Self {
        Self::new(
            DEFAULT_PERMUTATIONS,
            DEFAULT_SHINGLE_WORDS,
            0x7665_696c_6c65,
        )
    }
}

impl MinHasher {
    /// A hasher with `permutations` hash functions (at least 1) over `shingle_words`-word
    /// shingles (at least 1), derived from `seed`.
    pub fn new(permutations: usize, shingle_words: usize, seed: u64) -> Self {
        let permutations = permutations.max(1);
        let mut state = seed;
        let multipliers: Vec<u64> = (0..permutations)
            .map(|_| splitmix64(&mut state) | 1)
            .collect();
        let offsets = (0..permutations).map(|_| splitmix64(&mut state)).collect();
        Self {
            multipliers_low: multipliers.iter().map(|a| *a as u32).collect(),
            multipliers_high: multipliers.iter().map(|a| (a >> 32) as u32).collect(),
            offsets,
            shingle_words: shingle_words.max(1),
        }
    }

    /// Number of permutations.
    pub fn permutations(&self) -> usize {
        self.multipliers_low.len()
    }

    /// Hashes of the `k`-word shingles of `tokens`, sorted and deduplicated. Fewer than `k`
    /// tokens give one shingle of all of them; no token gives none.
    ///
    /// Each token is hashed once and a shingle's hash is the xxh3 of its tokens' hashes, so two
    /// shingles get the same hash exactly when they are the same words (up to 64-bit collisions)
    /// without building the joined string.
    pub fn shingle_hashes<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<u64> {
        let k = self.shingle_words;
        if tokens.is_empty() {
            return Vec::new();
        }
        let token_hashes: Vec<u64> = tokens
            .iter()
            .map(|t| xxh3_64(t.as_ref().as_bytes()))
            .collect();
        let windows = token_hashes.len().saturating_sub(k) + 1;
        let mut hashes = Vec::with_capacity(windows);
        let mut bytes = Vec::with_capacity(8 * k);
        for start in 0..windows {
            bytes.clear();
            for hash in &token_hashes[start..(start + k).min(token_hashes.len())] {
                bytes.extend_from_slice(&hash.to_le_bytes());
            }
            hashes.push(xxh3_64(&bytes));
        }
        hashes.sort_unstable();
        hashes.dedup();
        hashes
    }

    /// The signature of a set of shingle hashes. An empty set gives all `u32::MAX`.
    pub fn signature_of_hashes(&self, hashes: &[u64]) -> Signature {
        // Minima are kept in 64-bit lanes (values stay below 2^32) so that the multiply, add,
        // shift and min all work on the same lane width and the loop vectorises cleanly.
        let mut mins = vec![u64::from(u32::MAX); self.multipliers_low.len()];
        for &hash in hashes {
            let key = u64::from((hash ^ (hash >> 32)) as u32);
            for (((min, &a_low), &a_high), &b) in mins
                .iter_mut()
                .zip(&self.multipliers_low)
                .zip(&self.multipliers_high)
                .zip(&self.offsets)
            {
                let product =
                    (u64::from(a_low) * key).wrapping_add((u64::from(a_high) * key) << 32);
                let value = product.wrapping_add(b) >> 32;
                *min = (*min).min(value);
            }
        }
        Signature(mins.into_iter().map(|m| m as u32).collect())
    }

    /// The signature of already tokenised text.
    pub fn signature<S: AsRef<str>>(&self, tokens: &[S]) -> Signature {
        self.signature_of_hashes(&self.shingle_hashes(tokens))
    }
}

/// Estimated Jaccard similarity of the shingle sets behind two signatures: the fraction of
/// equal slots. Two empty signatures are not similar (0.0): there is nothing to compare.
pub fn jaccard_estimate(a: &Signature, b: &Signature) -> f32 {
    let n = a.0.len().min(b.0.len());
    if n == 0 || (a.is_empty() && b.is_empty()) {
        return 0.0;
    }
    let equal = a.0.iter().zip(&b.0).filter(|(x, y)| x == y).count();
    equal as f32 / n as f32
}

/// Exact Jaccard similarity of two sorted, deduplicated hash sets.
pub fn exact_jaccard(a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common as f32 / (a.len() + b.len() - common) as f32
}

/// Banded LSH over signatures. Items are numbered by the caller (dense indices).
#[derive(Debug, Clone)]
pub struct LshIndex {
    bands: usize,
    rows: usize,
    buckets: Vec<HashMap<u64, Vec<u32>>>,
}

impl LshIndex {
    /// An index with `bands` bands of `rows` rows each (both at least 1). Signatures shorter
    /// than `bands × rows` use the bands they fill.
    pub fn new(bands: usize, rows: usize) -> Self {
        let bands = bands.max(1);
        Self {
            bands,
            rows: rows.max(1),
            buckets: vec![HashMap::new(); bands],
        }
    }

    /// The Jaccard similarity at which a pair becomes a candidate with probability ½:
    /// approximately `(1/bands)^(1/rows)`.
    pub fn threshold(&self) -> f32 {
        (1.0 / self.bands as f32).powf(1.0 / self.rows as f32)
    }

    fn band_keys<'a>(
        &'a self,
        signature: &'a Signature,
    ) -> impl Iterator<Item = (usize, u64)> + 'a {
        signature
            .0
            .chunks_exact(self.rows)
            .take(self.bands)
            .enumerate()
            .map(|(band, rows)| {
                let mut bytes = Vec::with_capacity(rows.len() * 4);
                for value in rows {
                    bytes.extend_from_slice(&value.to_le_bytes());
                }
                (band, xxh3_64(&bytes))
            })
    }

    /// Adds an item. Empty signatures are not indexed (they would all collide).
    pub fn insert(&mut self, item: u32, signature: &Signature) {
        if signature.is_empty() {
            return;
        }
        let keys: Vec<(usize, u64)> = self.band_keys(signature).collect();
        for (band, key) in keys {
            self.buckets[band].entry(key).or_default().push(item);
        }
    }

    /// Items sharing at least one band with `signature`, sorted and deduplicated.
    pub fn candidates(&self, signature: &Signature) -> Vec<u32> {
        if signature.is_empty() {
            return Vec::new();
        }
        let mut out: Vec<u32> = self
            .band_keys(signature)
            .filter_map(|(band, key)| self.buckets[band].get(&key))
            .flatten()
            .copied()
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn tokens(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_lowercase).collect()
    }

    #[test]
    fn identical_texts_have_similarity_one() {
        let hasher = MinHasher::default();
        let text = tokens(
            "the council voted on the new budget late on tuesday evening after a long debate",
        );
        let a = hasher.signature(&text);
        assert!((jaccard_estimate(&a, &hasher.signature(&text)) - 1.0).abs() < f32::EPSILON);
    }

    #[test]
    fn unrelated_texts_have_low_similarity() {
        let hasher = MinHasher::default();
        let a = hasher.signature(&tokens(
            "one two three four five six seven eight nine ten eleven",
        ));
        let b = hasher.signature(&tokens(
            "alpha beta gamma delta epsilon zeta eta theta iota kappa",
        ));
        assert!(jaccard_estimate(&a, &b) < 0.1);
    }

    #[test]
    fn short_texts_make_one_shingle_and_empty_texts_none() {
        let hasher = MinHasher::default();
        assert_eq!(hasher.shingle_hashes(&tokens("just three words")).len(), 1);
        assert!(hasher.shingle_hashes::<String>(&[]).is_empty());
        let empty = hasher.signature::<String>(&[]);
        assert!(empty.is_empty());
        assert_eq!(jaccard_estimate(&empty, &empty), 0.0);
    }

    #[test]
    fn lsh_finds_near_duplicates_and_skips_unrelated() {
        let hasher = MinHasher::default();
        let base: Vec<String> = (0..200).map(|i| format!("w{i}")).collect();
        let mut near = base.clone();
        near[100] = "changed".into();
        let other: Vec<String> = (0..200).map(|i| format!("x{i}")).collect();
        let mut index = LshIndex::new(32, 4);
        index.insert(0, &hasher.signature(&base));
        index.insert(1, &hasher.signature(&other));
        assert_eq!(index.candidates(&hasher.signature(&near)), vec![0]);
        assert!((index.threshold() - 0.42).abs() < 0.01);
    }

    proptest! {
        #[test]
        fn similarity_is_symmetric(a in proptest::collection::vec("[a-e]{1,3}", 0..60),
                                   b in proptest::collection::vec("[a-e]{1,3}", 0..60)) {
            let hasher = MinHasher::new(64, 2, 7);
            let (sa, sb) = (hasher.signature(&a), hasher.signature(&b));
            prop_assert_eq!(jaccard_estimate(&sa, &sb), jaccard_estimate(&sb, &sa));
        }

        #[test]
        fn estimate_is_close_to_exact_jaccard(
            shared in proptest::collection::hash_set(0u64..1_000_000, 0..300),
            only_a in proptest::collection::hash_set(1_000_000u64..2_000_000, 0..300),
            only_b in proptest::collection::hash_set(2_000_000u64..3_000_000, 0..300),
        ) {
            prop_assume!(shared.len() + only_a.len() + only_b.len() > 0);
            let hasher = MinHasher::new(256, 1, 11);
            // Spread the small integers over 64 bits as real shingle hashes are.
            let mut a: Vec<u64> = shared.iter().chain(&only_a).map(|x| xxh3_64(&x.to_le_bytes())).collect();
            let mut b: Vec<u64> = shared.iter().chain(&only_b).map(|x| xxh3_64(&x.to_le_bytes())).collect();
            a.sort_unstable();
            b.sort_unstable();
            let exact = exact_jaccard(&a, &b);
            let estimate = jaccard_estimate(&hasher.signature_of_hashes(&a), &hasher.signature_of_hashes(&b));
            // 256 permutations: standard error ≤ 0.031; 5 standard errors is a safe bound.
            prop_assert!((exact - estimate).abs() <= 0.16, "exact {exact} estimate {estimate}");
        }
    }
}
