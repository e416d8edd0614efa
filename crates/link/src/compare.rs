//! Pairwise comparison of two documents: every signal the linker uses, in one explainable
//! [`Comparison`], and the decision of which [`LinkKind`] (if any) it supports.
//!
//! Signals: exact text hash; MinHash Jaccard estimate; paragraph containment (shared long
//! paragraphs over the shorter document's); translation score from signals that survive
//! translation (names, numbers, their order, paragraph count, length ratio, quote count, date);
//! TF-IDF cosine of content terms (meaningful within a language) and of language-independent
//! keys (names, numbers, entities, places). Weights come from an [`Idf`] table supplied by the
//! caller (the linker keeps running document frequencies).

use ahash::{AHashMap as HashMap, AHashSet as HashSet};

use serde::{Deserialize, Serialize};
use veille_model::LinkKind;

use crate::features::{DocFeatures, Term};
use crate::minhash::jaccard_estimate;

/// Inverse document frequencies of terms and keys.
pub trait Idf {
    /// The weight of a term or key: high for rare ones.
    fn idf(&self, key: &str) -> f32;
}

/// Every term weighs the same: for comparisons without a corpus.
#[derive(Debug, Clone, Copy, Default)]
pub struct UniformIdf;

impl Idf for UniformIdf {
    fn idf(&self, _key: &str) -> f32 {
        1.0
    }
}

/// Thresholds of the copy and translation decisions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CopyConfig {
    /// Minimum MinHash Jaccard estimate for a near duplicate.
    pub near_duplicate_jaccard: f32,
    /// Minimum share of the smaller document's long paragraphs found in the other.
    pub partial_containment: f32,
    /// Minimum number of shared long paragraphs for a partial copy.
    pub partial_min_paragraphs: usize,
    /// Minimum translation score.
    pub translation_score: f32,
    /// Minimum number of shared names and numbers for a translation.
    pub translation_min_shared_keys: usize,
}

impl Default for CopyConfig {
    fn default() -> Self {
        Self {
            near_duplicate_jaccard: 0.5,
            partial_containment: 0.5,
            partial_min_paragraphs: 2,
            translation_score: 0.65,
            translation_min_shared_keys: 3,
        }
    }
}

/// Sub-scores of the translation test.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TranslationSignals {
    /// IDF-weighted Jaccard of the name sets.
    pub names: f32,
    /// IDF-weighted Jaccard of the number sets.
    pub numbers: f32,
    /// Share of the shared names and numbers that appear in the same order in both.
    pub order: f32,
    /// Smaller over larger paragraph count.
    pub paragraphs: f32,
    /// Smaller over larger length in characters.
    pub length: f32,
    /// Smaller over larger quote count (1 when neither quotes).
    pub quotes: f32,
    /// 1 on the same day or unknown dates, falling with the gap.
    pub date: f32,
    /// The shared names and numbers, in the first document's order (at most 20).
    pub shared: Vec<String>,
    /// Weighted combination.
    pub score: f32,
}

/// Everything known about how two documents relate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Same normalised text.
    pub exact: bool,
    /// MinHash Jaccard estimate of the word 5-shingles.
    pub jaccard: f32,
    /// Number of long paragraphs both contain.
    pub shared_paragraphs: usize,
    /// Shared paragraphs over the long paragraphs of the document that has fewer.
    pub containment: f32,
    /// Whether the two documents are in different known languages.
    pub cross_language: bool,
    /// Translation signals (computed for cross-language pairs only).
    pub translation: Option<TranslationSignals>,
    /// TF-IDF cosine of content terms.
    pub term_cosine: f32,
    /// TF-IDF cosine of names, numbers, entities and places.
    pub key_cosine: f32,
    /// Days between the publication dates, when both are known.
    pub day_gap: Option<i32>,
    /// The most weighty shared terms and keys, for explanations.
    pub shared_terms: Vec<String>,
}

impl Comparison {
    /// The strongest copy relation the signals support, with its score.
    pub fn copy_kind(&self, cfg: &CopyConfig) -> Option<(LinkKind, f32)> {
        if self.exact {
            return Some((LinkKind::Exact, 1.0));
        }
        if self.jaccard >= cfg.near_duplicate_jaccard {
            return Some((LinkKind::NearDuplicate, self.jaccard));
        }
        if self.shared_paragraphs >= cfg.partial_min_paragraphs
            && self.containment >= cfg.partial_containment
        {
            return Some((LinkKind::PartialCopy, self.containment));
        }
        if let Some(t) = &self.translation {
            if t.score >= cfg.translation_score && t.shared.len() >= cfg.translation_min_shared_keys
            {
                return Some((LinkKind::Translation, t.score));
            }
        }
        None
    }

    /// Similarity for story clustering in `[0, 1]`: term cosine within a language blended
    /// with key cosine, key cosine (and translation score) across languages.
    pub fn story_similarity(&self) -> f32 {
        if self.exact {
            return 1.0;
        }
        let copy = self.jaccard.max(self.containment);
        let base = if self.cross_language {
            // Names, numbers and words spelled alike (acronyms, proper nouns) carry across
            // languages; the translation score counts only once it passes the translation
            // test, because its length and layout ratios say nothing about unrelated texts.
            let translation = self
                .translation
                .as_ref()
                .filter(|t| t.score >= CopyConfig::default().translation_score)
                .map_or(0.0, |t| t.score);
            (0.5 * self.key_cosine + 0.5 * self.term_cosine).max(translation)
        } else {
            0.7 * self.term_cosine + 0.3 * self.key_cosine
        };
        base.max(copy).clamp(0.0, 1.0)
    }
}

/// A sparse vector sorted by key, L2-normalised.
pub type SparseVector = Vec<(String, f32)>;

/// TF-IDF vector of a document's content terms (sublinear term frequency).
pub fn term_vector(features: &DocFeatures, idf: &dyn Idf) -> SparseVector {
    tf_idf(&features.terms, idf)
}

/// Unit TF-IDF vector of a document's title and lede terms (see [`DocFeatures::lede`]).
pub fn lede_vector(features: &DocFeatures, idf: &dyn Idf) -> SparseVector {
    tf_idf(&features.lede, idf)
}

/// Unit vector of sublinear term frequency times IDF, in the order of `counts`.
fn tf_idf<T: AsRef<str>>(counts: &[(T, f32)], idf: &dyn Idf) -> SparseVector {
    normalise(
        counts
            .iter()
            .map(|(term, count)| {
                let term = term.as_ref();
                (term.to_string(), tf_idf_weight(*count, idf.idf(term)))
            })
            .collect(),
    )
}

/// TF-IDF vector of a document's language-independent keys.
pub fn key_vector(features: &DocFeatures, idf: &dyn Idf) -> SparseVector {
    let mut counts: HashMap<String, f32> = HashMap::new();
    for name in &features.names {
        *counts.entry(format!("n:{name}")).or_default() += 1.0;
    }
    for number in &features.numbers {
        *counts.entry(format!("#:{number}")).or_default() += 1.0;
    }
    for entity in &features.entities {
        *counts.entry(format!("e:{entity}")).or_default() += 1.0;
    }
    for place in &features.places {
        *counts.entry(format!("p:{place}")).or_default() += 1.0;
    }
    let mut vector: SparseVector = counts
        .into_iter()
        .map(|(key, count)| {
            let weight = tf_idf_weight(count, idf.idf(&key));
            (key, weight)
        })
        .collect();
    vector.sort_by(|a, b| a.0.cmp(&b.0));
    normalise(vector)
}

/// Sublinear term frequency times IDF: the weight of a term in every TF-IDF vector here and
/// in the linker's id vectors.
pub(crate) fn tf_idf_weight(count: f32, idf: f32) -> f32 {
    (1.0 + count.ln()) * idf
}

/// `vector` scaled to unit length, its squares summed in its order (the order is part of the
/// result's last bits, which replays must reproduce).
pub(crate) fn normalise<K>(mut vector: Vec<(K, f32)>) -> Vec<(K, f32)> {
    let norm = vector.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        for (_, w) in &mut vector {
            *w /= norm;
        }
    }
    vector
}

/// Dot product of two sorted sparse vectors (their cosine when both are normalised).
pub fn cosine(a: &[(String, f32)], b: &[(String, f32)]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0f32);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum.clamp(0.0, 1.0)
}

/// The heaviest shared entries of two vectors, by product of weights.
fn top_shared(a: &[(String, f32)], b: &[(String, f32)], limit: usize) -> Vec<(String, f32)> {
    let lookup: HashMap<&str, f32> = b.iter().map(|(k, w)| (k.as_str(), *w)).collect();
    let mut shared: Vec<(String, f32)> = a
        .iter()
        .filter_map(|(k, w)| lookup.get(k.as_str()).map(|v| (k.clone(), w * v)))
        .collect();
    shared.sort_by(|x, y| y.1.total_cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
    shared.truncate(limit);
    shared
}

/// Compares two documents.
pub fn compare(a: &DocFeatures, b: &DocFeatures, idf: &dyn Idf) -> Comparison {
    compare_with(a, b, idf, true)
}

/// Only the copy and translation signals (no TF-IDF cosines or shared terms): enough for
/// [`Comparison::copy_kind`], and several times cheaper than [`compare`] on long documents.
pub fn compare_copy_signals(a: &DocFeatures, b: &DocFeatures, idf: &dyn Idf) -> Comparison {
    compare_with(a, b, idf, false)
}

fn compare_with(a: &DocFeatures, b: &DocFeatures, idf: &dyn Idf, with_cosines: bool) -> Comparison {
    let exact = a.text_hash == b.text_hash && a.word_count >= 5;
    let jaccard = jaccard_estimate(&a.signature, &b.signature);
    let paragraphs_b: HashSet<u64> = b.paragraph_hashes.iter().copied().collect();
    let paragraphs_a: HashSet<u64> = a.paragraph_hashes.iter().copied().collect();
    let shared_paragraphs = paragraphs_a.intersection(&paragraphs_b).count();
    let smaller = paragraphs_a.len().min(paragraphs_b.len());
    let containment = if smaller == 0 {
        0.0
    } else {
        shared_paragraphs as f32 / smaller as f32
    };
    let cross_language = match (&a.language, &b.language) {
        (Some(x), Some(y)) => x != y,
        _ => false,
    };
    let day_gap = a.day.zip(b.day).map(|(x, y)| (x - y).abs());
    let translation = cross_language.then(|| translation_signals(a, b, idf, day_gap));
    if !with_cosines {
        return Comparison {
            exact,
            jaccard,
            shared_paragraphs,
            containment,
            cross_language,
            translation,
            term_cosine: 0.0,
            key_cosine: 0.0,
            day_gap,
            shared_terms: Vec::new(),
        };
    }
    let (terms_a, terms_b) = (term_vector(a, idf), term_vector(b, idf));
    let (keys_a, keys_b) = (key_vector(a, idf), key_vector(b, idf));
    // Across languages the shared terms are mostly names and loanwords: still informative.
    let term_cosine = cosine(&terms_a, &terms_b);
    let key_cosine = cosine(&keys_a, &keys_b);
    let mut shared: Vec<(String, f32)> = top_shared(&keys_a, &keys_b, 8);
    if !cross_language {
        shared.extend(top_shared(&terms_a, &terms_b, 8));
    }
    shared.sort_by(|x, y| y.1.total_cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
    Comparison {
        exact,
        jaccard,
        shared_paragraphs,
        containment,
        cross_language,
        translation,
        term_cosine,
        key_cosine,
        day_gap,
        shared_terms: shared.into_iter().take(10).map(|(k, _)| k).collect(),
    }
}

fn ratio(x: u32, y: u32) -> f32 {
    match (x, y) {
        (0, 0) => 1.0,
        (x, y) => x.min(y) as f32 / x.max(y) as f32,
    }
}

/// IDF-weighted Jaccard of two sorted, deduplicated key lists, and the keys they share (in
/// order). One merge walk looks each key's weight up once. The sums run in key order, never in
/// a hasher's order: float sums must not depend on a random seed, or a replay could decide a
/// threshold differently from the live run.
fn weighted_jaccard<'a>(
    a: &[&'a str],
    b: &[&'a str],
    prefix: &str,
    idf: &dyn Idf,
) -> (f32, Vec<&'a str>) {
    let mut key = String::with_capacity(prefix.len() + 32);
    let mut weight = |k: &str| {
        key.clear();
        key.push_str(prefix);
        key.push_str(k);
        idf.idf(&key)
    };
    let (mut shared, mut union) = (0.0f32, 0.0f32);
    let mut common = Vec::new();
    let (mut i, mut j) = (0, 0);
    loop {
        let next = match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) => match x.cmp(y) {
                std::cmp::Ordering::Less => {
                    i += 1;
                    x
                }
                std::cmp::Ordering::Greater => {
                    j += 1;
                    y
                }
                std::cmp::Ordering::Equal => {
                    i += 1;
                    j += 1;
                    let w = weight(x);
                    shared += w;
                    union += w;
                    common.push(*x);
                    continue;
                }
            },
            (Some(x), None) => {
                i += 1;
                x
            }
            (None, Some(y)) => {
                j += 1;
                y
            }
            (None, None) => break,
        };
        union += weight(next);
    }
    let score = if union > 0.0 { shared / union } else { 0.0 };
    (score, common)
}

/// The distinct keys of `keys`, sorted.
fn sorted_keys<'a>(keys: impl Iterator<Item = &'a Term>) -> Vec<&'a str> {
    let mut out: Vec<&str> = keys.map(|k| &**k).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Length of the longest common subsequence, for the order signal (inputs are short: at most
/// the distinct shared keys, capped by the caller).
fn lcs_len(a: &[&str], b: &[&str]) -> usize {
    let mut previous = vec![0usize; b.len() + 1];
    let mut current = vec![0usize; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            current[j + 1] = if x == y {
                previous[j] + 1
            } else {
                previous[j + 1].max(current[j])
            };
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// First occurrences of the keys in `shared`, in text order.
fn first_order<'a>(sequence: impl Iterator<Item = &'a Term>, shared: &[&str]) -> Vec<&'a str> {
    let mut seen = HashSet::new();
    sequence
        .map(|key| &**key)
        .filter(|k| shared.binary_search(k).is_ok() && seen.insert(*k))
        .collect()
}

/// Translation signals of a cross-language pair.
pub fn translation_signals(
    a: &DocFeatures,
    b: &DocFeatures,
    idf: &dyn Idf,
    day_gap: Option<i32>,
) -> TranslationSignals {
    // Single-word names only: multi-word runs differ across languages ("Stati Uniti").
    let names_a = sorted_keys(a.names.iter().filter(|n| !n.contains(' ')));
    let names_b = sorted_keys(b.names.iter().filter(|n| !n.contains(' ')));
    let numbers_a = sorted_keys(a.numbers.iter());
    let numbers_b = sorted_keys(b.numbers.iter());
    let (names, shared_names) = weighted_jaccard(&names_a, &names_b, "n:", idf);
    let (numbers, shared_numbers) = weighted_jaccard(&numbers_a, &numbers_b, "#:", idf);
    let mut shared_set = shared_names;
    shared_set.extend(shared_numbers);
    shared_set.sort_unstable();
    // Quadratic LCS: 64 keys bound it to 4,096 steps per pair.
    const MAX_ORDER_KEYS: usize = 64;
    let order_a: Vec<&str> = interleave(&a.names, &a.numbers, &shared_set, MAX_ORDER_KEYS);
    let order_b: Vec<&str> = interleave(&b.names, &b.numbers, &shared_set, MAX_ORDER_KEYS);
    let order = if order_a.len() < 2 {
        0.0
    } else {
        lcs_len(&order_a, &order_b) as f32 / order_a.len().min(order_b.len()).max(1) as f32
    };
    let paragraphs = ratio(a.paragraph_count, b.paragraph_count);
    let length = ratio(a.char_count, b.char_count);
    let quotes = ratio(a.quote_count, b.quote_count);
    let date = match day_gap {
        None => 1.0,
        Some(gap) => 1.0 / (1.0 + gap as f32 / 3.0),
    };
    let key_overlap = if numbers_a.is_empty() && numbers_b.is_empty() {
        names
    } else {
        0.6 * names + 0.4 * numbers
    };
    let score = 0.45 * key_overlap
        + 0.15 * order
        + 0.15 * paragraphs
        + 0.1 * length
        + 0.05 * quotes
        + 0.1 * date;
    TranslationSignals {
        names,
        numbers,
        order,
        paragraphs,
        length,
        quotes,
        date,
        shared: order_a.iter().take(20).map(|k| k.to_string()).collect(),
        score,
    }
}

/// Names and numbers of one document that are in `shared`, by first occurrence. Names come
/// before numbers of the same position is unknowable here (they are separate lists), so order
/// is judged within each list and the two are concatenated.
fn interleave<'a>(
    names: &'a [Term],
    numbers: &'a [Term],
    shared: &[&str],
    cap: usize,
) -> Vec<&'a str> {
    let mut out = first_order(names.iter(), shared);
    out.extend(first_order(numbers.iter(), shared));
    out.truncate(cap);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::minhash::MinHasher;
    use crate::test_support::document;
    use std::collections::BTreeSet;

    fn features(lang: &str, title: &str, text: &str, date: &str) -> DocFeatures {
        DocFeatures::from_document(
            &document(title, lang, title, text, Some(date)),
            &MinHasher::default(),
        )
    }

    const EN: &str = "Carmaker Nordwind said on Tuesday it would cut 1,200 jobs at its Malmberg plant by 2025.\n\n\
        Chief executive Ingrid Halvorsen told reporters in Oslo that sales fell 14.5 percent last year.\n\n\
        \"We have no other choice,\" Halvorsen said, adding that the Tromsdal site would stay open.\n\n\
        Unions in Malmberg called a strike for March 3.";
    const FR: &str = "Le constructeur Nordwind a annoncé mardi qu'il supprimerait 1 200 emplois dans son usine de Malmberg d'ici 2025.\n\n\
        La directrice générale Ingrid Halvorsen a déclaré à Oslo que les ventes avaient chuté de 14,5 % l'an dernier.\n\n\
        « Nous n'avons pas d'autre choix », a affirmé Halvorsen, ajoutant que le site de Tromsdal resterait ouvert.\n\n\
        Les syndicats de Malmberg ont appelé à la grève le 3 mars.";
    const OTHER_FR: &str = "Le club de Montverre a remporté samedi la finale de la coupe régionale face à Saint-Aubin.\n\n\
        L'entraîneur Paul Mercier a salué « une victoire collective » devant 3 000 supporters.\n\n\
        Le capitaine Hugo Lenoir a marqué deux buts en seconde période.\n\n\
        La prochaine saison commencera en août.";

    #[test]
    fn detects_a_translation_and_rejects_an_unrelated_article() {
        let en = features("en", "Nordwind to cut 1,200 jobs", EN, "2024-02-20");
        let fr = features(
            "fr",
            "Nordwind va supprimer 1 200 emplois",
            FR,
            "2024-02-20",
        );
        let other = features("fr", "Montverre remporte la coupe", OTHER_FR, "2024-02-20");
        let cfg = CopyConfig::default();
        let pair = compare(&en, &fr, &UniformIdf);
        let signals = pair.translation.clone().expect("cross-language pair");
        assert!(
            signals.shared.contains(&"halvorsen".to_string()),
            "{signals:?}"
        );
        assert!(signals.shared.contains(&"1200".to_string()), "{signals:?}");
        assert_eq!(
            pair.copy_kind(&cfg).map(|k| k.0),
            Some(LinkKind::Translation),
            "{signals:?}"
        );
        let unrelated = compare(&en, &other, &UniformIdf);
        assert_eq!(unrelated.copy_kind(&cfg), None, "{unrelated:?}");
        assert!(pair.story_similarity() > unrelated.story_similarity());
    }

    #[test]
    fn near_duplicate_and_partial_copy() {
        let original = features("en", "Nordwind cuts jobs", EN, "2024-02-20");
        let edited = features(
            "en",
            "Nordwind cuts jobs",
            &EN.replace("Tuesday", "Wednesday"),
            "2024-02-21",
        );
        let scraped_text = format!("Read our other stories about football and weather in the region today.\n\n{}\n\nSource link", EN.split("\n\n").take(3).collect::<Vec<_>>().join("\n\n"));
        let scraped = features("en", "Nordwind", &scraped_text, "2024-02-22");
        let cfg = CopyConfig::default();
        let near = compare(&original, &edited, &UniformIdf);
        assert_eq!(
            near.copy_kind(&cfg).map(|k| k.0),
            Some(LinkKind::NearDuplicate)
        );
        let partial = compare(&original, &scraped, &UniformIdf);
        assert!(partial.shared_paragraphs >= 2, "{partial:?}");
        assert!(matches!(
            partial.copy_kind(&cfg).map(|k| k.0),
            Some(LinkKind::PartialCopy | LinkKind::NearDuplicate)
        ));
        let same = compare(&original, &original.clone(), &UniformIdf);
        assert_eq!(same.copy_kind(&cfg), Some((LinkKind::Exact, 1.0)));
    }

    #[test]
    fn cosine_of_normalised_vectors_is_bounded() {
        let a = features("en", "a", EN, "2024-02-20");
        let v = term_vector(&a, &UniformIdf);
        assert!((cosine(&v, &v) - 1.0).abs() < 1e-4);
        assert_eq!(cosine(&v, &[]), 0.0);
        assert_eq!(lcs_len(&["a", "b", "c"], &["a", "c", "b"]), 2);
    }

    /// Weights keys by their length, so that a key counted twice or missed shows in the sum.
    struct LengthIdf;

    impl Idf for LengthIdf {
        fn idf(&self, key: &str) -> f32 {
            key.len() as f32
        }
    }

    proptest::proptest! {
        #[test]
        fn merge_walk_jaccard_is_the_weighted_set_jaccard(
            a in proptest::collection::vec("[a-e]{1,2}", 0..12),
            b in proptest::collection::vec("[a-e]{1,2}", 0..12),
        ) {
            let terms = |keys: &[String]| -> Vec<Term> { keys.iter().map(|k| Term::from(k.as_str())).collect() };
            let (ta, tb) = (terms(&a), terms(&b));
            let (sa, sb) = (sorted_keys(ta.iter()), sorted_keys(tb.iter()));
            let (score, common) = weighted_jaccard(&sa, &sb, "n:", &LengthIdf);
            let set_a: BTreeSet<&str> = a.iter().map(String::as_str).collect();
            let set_b: BTreeSet<&str> = b.iter().map(String::as_str).collect();
            let weight = |k: &&str| (k.len() + 2) as f32;
            let shared: f32 = set_a.intersection(&set_b).map(weight).sum();
            let union: f32 = set_a.union(&set_b).map(weight).sum();
            let expected = if union > 0.0 { shared / union } else { 0.0 };
            proptest::prop_assert!((score - expected).abs() < 1e-6, "{score} vs {expected}");
            let expected_common: Vec<&str> = set_a.intersection(&set_b).copied().collect();
            proptest::prop_assert_eq!(common, expected_common);
        }
    }
}
