//! MinHash signatures over word shingles and a banded LSH index for near-duplicate candidates.
//!
//! A shingle is `k` consecutive words. Each word is hashed once with xxh3; a shingle's hash is a
//! polynomial in its words' hashes (mod 2^64) passed through a bijective mixer, so no joined
//! string is ever built, and it is folded to a 32-bit key `x`. Each of the `n` permutations is
//! `(a·x + b) mod 2^32` with a random odd `a` and a random `b`: a bijection of the 32-bit keys,
//! and since the keys are already well mixed, the minimum over a set lands on each of its
//! elements with equal probability, which is all the Jaccard estimate needs (the tests check
//! bias and spread against `sqrt(J(1-J)/n)` on many random set pairs). One permutation is one
//! 32-bit multiply, add and min, so eight run per AVX2 instruction: the loop is compiled twice,
//! portably and for AVX2, and the AVX2 copy is chosen at run time when the CPU has it, so the
//! default (portable) build gets the vector speed without `-C target-cpu`. The fraction of
//! equal slots of two signatures estimates the Jaccard similarity of their shingle sets, with
//! standard error `sqrt(J(1-J)/n)`.
//!
//! [`MinHasher::signature_of_text`] goes straight from text to signature (lower-cased,
//! whitespace-separated words: the shingles datasketch users build with
//! `text.lower().split()`), without allocating a string per word.
//!
//! [`LshIndex`] splits signatures into `bands × rows` and buckets each band; two documents become
//! candidates when one band matches, which happens with probability `1 - (1 - J^rows)^bands`.

use ahash::AHashMap;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

mod words;
use words::for_each_lowercase_word;

/// Default number of permutations.
pub const DEFAULT_PERMUTATIONS: usize = 128;
/// Default shingle length in words.
pub const DEFAULT_SHINGLE_WORDS: usize = 5;

/// Permutations computed together: their 32 minima, multipliers and offsets fit in twelve AVX2
/// registers, so the minima stay in registers while the shingle keys stream past.
const BLOCK: usize = 32;

/// Odd multiplier of the shingle polynomial (the golden-ratio constant).
const SHINGLE_MULTIPLIER: u64 = 0x9E37_79B9_7F4A_7C15;

/// Computes MinHash signatures with a fixed family of permutations.
#[derive(Debug, Clone)]
pub struct MinHasher {
    /// Odd multipliers `a`, padded with copies to a multiple of [`BLOCK`].
    multipliers: Vec<u32>,
    /// Offsets `b`, padded like the multipliers.
    offsets: Vec<u32>,
    /// Number of permutations the caller asked for (the signature length).
    permutations: usize,
    shingle_words: usize,
}

/// A MinHash signature: the minimum of each permutation over the shingle keys.
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
    mix64(*state)
}

/// SplitMix64's finaliser: a bijection of 64-bit values in which every output bit depends on
/// every input bit.
fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Hash of a shingle from the hashes of its words, in order. Changing one word always changes
/// the polynomial (the multiplier is odd, hence invertible mod 2^64), and the length is mixed in
/// so that a short document's single shingle is not confused with a window of a longer one.
fn shingle_hash(word_hashes: &[u64]) -> u64 {
    let mut h = word_hashes.len() as u64;
    for &word in word_hashes {
        h = h.wrapping_mul(SHINGLE_MULTIPLIER).wrapping_add(word);
    }
    mix64(h)
}

/// The 32-bit key a shingle hash is permuted as.
fn key_of(shingle_hash: u64) -> u32 {
    (shingle_hash ^ (shingle_hash >> 32)) as u32
}

/// Folds `keys` into the running minima of every permutation: the hot loop, written so that it
/// vectorises (fixed-size blocks, 32-bit lanes, no branches).
#[inline(always)]
fn fold_minima(keys: &[u32], multipliers: &[u32], offsets: &[u32], minima: &mut [u32]) {
    for ((mins, a), b) in minima
        .chunks_exact_mut(BLOCK)
        .zip(multipliers.chunks_exact(BLOCK))
        .zip(offsets.chunks_exact(BLOCK))
    {
        let (mut m, mut a_block, mut b_block) = ([0u32; BLOCK], [0u32; BLOCK], [0u32; BLOCK]);
        m.copy_from_slice(mins);
        a_block.copy_from_slice(a);
        b_block.copy_from_slice(b);
        for &x in keys {
            for lane in 0..BLOCK {
                let value = a_block[lane].wrapping_mul(x).wrapping_add(b_block[lane]);
                m[lane] = m[lane].min(value);
            }
        }
        mins.copy_from_slice(&m);
    }
}

/// [`fold_minima`] compiled for AVX2 (8 permutations per instruction).
///
/// # Safety
/// The CPU must support AVX2.
#[cfg(target_arch = "x86_64")]
#[allow(unsafe_code)]
#[target_feature(enable = "avx2")]
unsafe fn fold_minima_avx2(keys: &[u32], multipliers: &[u32], offsets: &[u32], minima: &mut [u32]) {
    fold_minima(keys, multipliers, offsets, minima);
}

/// [`fold_minima`] with the fastest code the running CPU supports.
fn fold_minima_dispatch(keys: &[u32], multipliers: &[u32], offsets: &[u32], minima: &mut [u32]) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        #[allow(unsafe_code)]
        // SAFETY: the CPU was just checked to support AVX2, the only requirement.
        unsafe {
            fold_minima_avx2(keys, multipliers, offsets, minima);
        }
        return;
    }
    fold_minima(keys, multipliers, offsets, minima);
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
        let mut multipliers: Vec<u32> = (0..permutations)
            .map(|_| (splitmix64(&mut state) >> 32) as u32 | 1)
            .collect();
        let mut offsets: Vec<u32> = (0..permutations)
            .map(|_| (splitmix64(&mut state) >> 32) as u32)
            .collect();
        // Pad to whole blocks with copies of the first permutation; the padding slots are
        // computed and dropped.
        let padded = permutations.div_ceil(BLOCK) * BLOCK;
        multipliers.resize(padded, multipliers[0]);
        offsets.resize(padded, offsets[0]);
        Self {
            multipliers,
            offsets,
            permutations,
            shingle_words: shingle_words.max(1),
        }
    }

    /// Number of permutations.
    pub fn permutations(&self) -> usize {
        self.permutations
    }

    /// Calls `visit` with the hash of every `k`-word window of the words behind `word_hashes`
    /// (repeats included). Fewer than `k` words make one shingle of all of them; none make none.
    fn for_each_shingle(&self, word_hashes: &[u64], mut visit: impl FnMut(u64)) {
        if word_hashes.is_empty() {
            return;
        }
        let k = self.shingle_words.min(word_hashes.len());
        for window in word_hashes.windows(k) {
            visit(shingle_hash(window));
        }
    }

    /// Hashes of the `k`-word shingles of `tokens`, sorted and deduplicated. Fewer than `k`
    /// tokens give one shingle of all of them; no token gives none.
    ///
    /// Each token is hashed once and a shingle's hash combines its tokens' hashes, so two
    /// shingles get the same hash exactly when they are the same words (up to 64-bit collisions)
    /// without building the joined string.
    pub fn shingle_hashes<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<u64> {
        let word_hashes: Vec<u64> = tokens
            .iter()
            .map(|t| xxh3_64(t.as_ref().as_bytes()))
            .collect();
        let mut hashes = Vec::with_capacity(word_hashes.len());
        self.for_each_shingle(&word_hashes, |h| hashes.push(h));
        hashes.sort_unstable();
        hashes.dedup();
        hashes
    }

    /// The signature of a set of 32-bit shingle keys (repeats do not change it).
    fn signature_of_keys(&self, keys: &[u32]) -> Signature {
        let mut minima = vec![u32::MAX; self.multipliers.len()];
        fold_minima_dispatch(keys, &self.multipliers, &self.offsets, &mut minima);
        minima.truncate(self.permutations);
        Signature(minima)
    }

    /// The signature of the shingles of the words behind `word_hashes`.
    fn signature_of_word_hashes(&self, word_hashes: &[u64]) -> Signature {
        // Repeated shingles are kept: they cannot change a minimum, and deduplicating them would
        // cost more than the few extra permutation rounds they take.
        let mut keys = Vec::with_capacity(word_hashes.len());
        self.for_each_shingle(word_hashes, |h| keys.push(key_of(h)));
        self.signature_of_keys(&keys)
    }

    /// The signature of a set of shingle hashes (as given by [`MinHasher::shingle_hashes`]).
    /// An empty set gives all `u32::MAX`.
    pub fn signature_of_hashes(&self, hashes: &[u64]) -> Signature {
        let keys: Vec<u32> = hashes.iter().map(|&h| key_of(h)).collect();
        self.signature_of_keys(&keys)
    }

    /// The signature of already tokenised text.
    pub fn signature<S: AsRef<str>>(&self, tokens: &[S]) -> Signature {
        let word_hashes: Vec<u64> = tokens
            .iter()
            .map(|t| xxh3_64(t.as_ref().as_bytes()))
            .collect();
        self.signature_of_word_hashes(&word_hashes)
    }

    /// The signature of raw text whose words are its lower-cased, white-space-separated runs:
    /// the same as `signature` of `text.to_lowercase().split_whitespace()` (white space as
    /// `char::is_whitespace` defines it), in one pass without a copy of the text or a string
    /// per word.
    pub fn signature_of_text(&self, text: &str) -> Signature {
        let mut word_hashes = Vec::with_capacity(text.len() / 5 + 1);
        for_each_lowercase_word(text, |word| word_hashes.push(xxh3_64(word)));
        self.signature_of_word_hashes(&word_hashes)
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
    /// The first item of every bucket, by bucket key (the band's hash, seeded with the band's
    /// number, so one table serves all bands). Most buckets hold one item: an inline `u32`
    /// costs a fraction of a `Vec` of its own, and the index has `bands` buckets per item.
    first: AHashMap<u64, u32>,
    /// The further items of buckets holding more than one.
    more: AHashMap<u64, Vec<u32>>,
}

impl LshIndex {
    /// An index with `bands` bands of `rows` rows each (both at least 1). Signatures shorter
    /// than `bands × rows` use the bands they fill.
    pub fn new(bands: usize, rows: usize) -> Self {
        let bands = bands.max(1);
        Self {
            bands,
            rows: rows.max(1),
            first: AHashMap::new(),
            more: AHashMap::new(),
        }
    }

    /// The Jaccard similarity at which a pair becomes a candidate with probability ½:
    /// approximately `(1/bands)^(1/rows)`.
    pub fn threshold(&self) -> f32 {
        (1.0 / self.bands as f32).powf(1.0 / self.rows as f32)
    }

    /// The bucket key of each band of `signature`: the band's rows hashed with the band's
    /// number as seed.
    fn band_keys<'a>(&'a self, signature: &'a Signature) -> impl Iterator<Item = u64> + 'a {
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
                xxh3_64_with_seed(&bytes, band as u64)
            })
    }

    /// Adds an item. Empty signatures are not indexed (they would all collide).
    pub fn insert(&mut self, item: u32, signature: &Signature) {
        if signature.is_empty() {
            return;
        }
        let keys: Vec<u64> = self.band_keys(signature).collect();
        for key in keys {
            match self.first.entry(key) {
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(item);
                }
                std::collections::hash_map::Entry::Occupied(_) => {
                    self.more.entry(key).or_default().push(item);
                }
            }
        }
    }

    /// Items sharing at least one band with `signature`, sorted and deduplicated.
    pub fn candidates(&self, signature: &Signature) -> Vec<u32> {
        if signature.is_empty() {
            return Vec::new();
        }
        let mut out: Vec<u32> = Vec::new();
        for key in self.band_keys(signature) {
            if let Some(first) = self.first.get(&key) {
                out.push(*first);
                if let Some(more) = self.more.get(&key) {
                    out.extend_from_slice(more);
                }
            }
        }
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

    /// Deterministic pseudo-random 64-bit values for the statistical tests.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            splitmix64(&mut self.0)
        }

        fn below(&mut self, bound: usize) -> usize {
            (self.next() % bound as u64) as usize
        }

        /// `count` shingle hashes never drawn before (a running counter, then mixed, as real
        /// shingle hashes are).
        fn fresh_hashes(&mut self, counter: &mut u64, count: usize) -> Vec<u64> {
            (0..count)
                .map(|_| {
                    *counter += 1;
                    xxh3_64(&counter.to_le_bytes())
                })
                .collect()
        }
    }

    fn sorted(mut hashes: Vec<u64>) -> Vec<u64> {
        hashes.sort_unstable();
        hashes
    }

    #[test]
    fn estimates_are_unbiased_with_the_spread_of_independent_permutations() {
        // Many pairs of sets with overlaps from nearly disjoint to nearly equal. With ideal
        // random permutations each of the n slots matches with probability J, independently,
        // so the error has mean 0 and standard deviation sqrt(J(1-J)/n); its mean absolute
        // value is that times sqrt(2/π). Correlated or biased permutations break one of these.
        let permutations = 128;
        let mut rng = Rng(42);
        let mut counter = 0u64;
        let (mut sum_error, mut sum_abs_error, mut sum_variance, mut sum_expected_abs) =
            (0.0f64, 0.0f64, 0.0f64, 0.0f64);
        let pairs = 600;
        for pair in 0..pairs {
            let hasher = MinHasher::new(permutations, 5, pair as u64 % 4);
            let shared = rng.below(400);
            let only_a = 1 + rng.below(400);
            let only_b = rng.below(400);
            let common = rng.fresh_hashes(&mut counter, shared);
            let a = sorted([common.clone(), rng.fresh_hashes(&mut counter, only_a)].concat());
            let b = sorted([common, rng.fresh_hashes(&mut counter, only_b)].concat());
            let exact = f64::from(exact_jaccard(&a, &b));
            let estimate = f64::from(jaccard_estimate(
                &hasher.signature_of_hashes(&a),
                &hasher.signature_of_hashes(&b),
            ));
            let variance = exact * (1.0 - exact) / permutations as f64;
            sum_error += estimate - exact;
            sum_abs_error += (estimate - exact).abs();
            sum_variance += variance;
            sum_expected_abs += variance.sqrt() * (2.0 / std::f64::consts::PI).sqrt();
        }
        let bias = sum_error / pairs as f64;
        // Standard error of the mean error: sqrt(Σ variance) / pairs.
        let bias_error = sum_variance.sqrt() / pairs as f64;
        assert!(
            bias.abs() < 4.0 * bias_error,
            "bias {bias:.5} (standard error {bias_error:.5})"
        );
        let ratio = sum_abs_error / sum_expected_abs;
        // 600 pairs: the ratio's own standard error is about 3%.
        assert!(
            (0.85..1.15).contains(&ratio),
            "mean absolute error is {ratio:.3} times what independent permutations give"
        );
    }

    #[test]
    fn unrelated_sets_almost_never_share_a_minimum() {
        let hasher = MinHasher::default();
        let mut rng = Rng(7);
        let mut counter = 0u64;
        let (mut equal_slots, mut slots) = (0usize, 0usize);
        for _ in 0..300 {
            let (len_a, len_b) = (50 + rng.below(500), 50 + rng.below(500));
            let a = rng.fresh_hashes(&mut counter, len_a);
            let b = rng.fresh_hashes(&mut counter, len_b);
            let (sa, sb) = (
                hasher.signature_of_hashes(&a),
                hasher.signature_of_hashes(&b),
            );
            equal_slots += sa.0.iter().zip(&sb.0).filter(|(x, y)| x == y).count();
            slots += sa.0.len();
        }
        // Permutations are bijections of the keys: disjoint sets share a minimum only when two
        // different shingles fold to the same 32-bit key (about 1 in 20,000 pairs of sets here).
        assert!(equal_slots * 10_000 < slots, "{equal_slots} of {slots}");
    }

    #[test]
    fn permutation_count_is_kept_whatever_the_block_size() {
        for n in [1, 7, 31, 32, 33, 100, 128, 200] {
            let hasher = MinHasher::new(n, 5, 3);
            assert_eq!(hasher.permutations(), n);
            let signature = hasher.signature(&tokens("a b c d e f g"));
            assert_eq!(signature.0.len(), n);
            assert!(!signature.is_empty());
        }
    }

    #[test]
    fn vector_and_portable_loops_agree_with_a_plain_minimum() {
        let hasher = MinHasher::new(70, 5, 13);
        let keys: Vec<u32> = (0..500u64).map(|i| key_of(mix64(i))).collect();
        let reference: Vec<u32> = hasher
            .multipliers
            .iter()
            .zip(&hasher.offsets)
            .map(|(&a, &b)| {
                keys.iter()
                    .map(|&x| a.wrapping_mul(x).wrapping_add(b))
                    .min()
                    .unwrap_or(u32::MAX)
            })
            .collect();
        let mut portable = vec![u32::MAX; hasher.multipliers.len()];
        fold_minima(&keys, &hasher.multipliers, &hasher.offsets, &mut portable);
        let mut dispatched = vec![u32::MAX; hasher.multipliers.len()];
        fold_minima_dispatch(&keys, &hasher.multipliers, &hasher.offsets, &mut dispatched);
        assert_eq!(portable, reference);
        assert_eq!(dispatched, reference);
    }

    proptest! {
        #[test]
        fn text_signature_equals_token_signature(
            text in "([a-zA-Z0-9]|[ÀÉÈÇàéèçœŒßÿ]|[ΣσςΑα]|[İıIi\u{307}]|[ \t\n\u{a0}\u{85}\u{2009}\u{202f}\u{3000}\u{1c}.'’-]){0,120}"
        ) {
            let hasher = MinHasher::new(32, 3, 5);
            let lowered = text.to_lowercase();
            let words: Vec<&str> = lowered.split_whitespace().collect();
            prop_assert_eq!(hasher.signature_of_text(&text), hasher.signature(&words));
        }

        #[test]
        fn signature_equals_signature_of_its_shingle_set(
            words in proptest::collection::vec("[a-d]{1,2}", 0..80),
        ) {
            let hasher = MinHasher::new(40, 3, 9);
            prop_assert_eq!(
                hasher.signature(&words),
                hasher.signature_of_hashes(&hasher.shingle_hashes(&words))
            );
        }

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
