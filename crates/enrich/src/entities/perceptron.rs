//! A greedy left-to-right averaged perceptron over BIO tags with hashed features: the
//! statistical half of the entity recogniser.
//!
//! Owns the label set, the weight table (feature hashing into `2^bits` buckets, one weight per
//! bucket and label), decoding under the BIO constraint, training, and the compact file format
//! the shipped weights use. Features themselves are computed by [`super::features`].
//!
//! File format (all integers little-endian):
//! `b"VNER"`, format version `u8` (1), label count `u8`, bucket bits `u8`, weight scale `f32`,
//! then a zlib stream of `2^bits × labels` `i16` weights (`weight = i16 × scale`). Most
//! buckets are zero, so the stream compresses well.

use std::io::{Read, Write};

use flate2::read::ZlibDecoder;
use flate2::write::ZlibEncoder;
use flate2::Compression;
use veille_model::EntityKind;

/// BIO labels, in weight-table order.
pub const LABELS: [&str; 9] = [
    "O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC",
];

/// Number of labels.
pub const LABEL_COUNT: usize = LABELS.len();

const MAGIC: &[u8; 4] = b"VNER";
const FORMAT_VERSION: u8 = 1;
/// Bucket bits accepted when loading: bounds the memory a (corrupt) file can ask for.
const BITS_RANGE: std::ops::RangeInclusive<u8> = 10..=24;

/// Why a weight file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// The bytes do not start with the expected header.
    #[error("not a veille NER model (bad header)")]
    BadHeader,
    /// A header field has a value this build does not support.
    #[error("unsupported NER model: {0}")]
    Unsupported(String),
    /// The compressed weights are damaged or of the wrong length.
    #[error("damaged NER model weights: {0}")]
    Damaged(String),
}

/// Label index of `O`.
pub const OUTSIDE: usize = 0;

/// The entity type of a label index (`None` for `O`).
pub fn label_kind(label: usize) -> Option<EntityKind> {
    match label {
        1 | 2 => Some(EntityKind::Person),
        3 | 4 => Some(EntityKind::Location),
        5 | 6 => Some(EntityKind::Organization),
        7 | 8 => Some(EntityKind::Other),
        _ => None,
    }
}

/// Whether the label opens an entity (`B-`).
pub fn is_begin(label: usize) -> bool {
    matches!(label, 1 | 3 | 5 | 7)
}

/// The label index of a tag string (`"B-PER"`); unknown types map to MISC, unknown shapes to
/// `O`.
pub fn label_index(tag: &str) -> usize {
    let (prefix, kind) = match tag.split_once('-') {
        Some(parts) => parts,
        None => return OUTSIDE,
    };
    let base = match kind {
        "PER" => 1,
        "LOC" => 3,
        "ORG" => 5,
        _ => 7,
    };
    match prefix {
        "B" => base,
        "I" => base + 1,
        _ => OUTSIDE,
    }
}

/// Whether `label` may follow `prev` under BIO: `I-X` only continues `B-X` or `I-X`.
pub fn allowed(prev: usize, label: usize) -> bool {
    if label == OUTSIDE || is_begin(label) {
        return true;
    }
    prev != OUTSIDE && (prev == label || prev + 1 == label)
}

/// Hashes feature strings into buckets: FNV-1a, fed piecewise so that callers need not build
/// strings.
#[derive(Debug, Clone, Copy)]
pub struct FeatureHash(u64);

impl FeatureHash {
    /// Starts a feature of template `template`.
    pub fn new(template: u8) -> FeatureHash {
        FeatureHash(0xcbf2_9ce4_8422_2325).byte(template)
    }

    /// Adds one byte.
    pub fn byte(self, b: u8) -> FeatureHash {
        FeatureHash((self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
    }

    /// Adds a string, with a separator so that ("ab","c") and ("a","bc") differ.
    pub fn str(self, s: &str) -> FeatureHash {
        s.bytes().fold(self, FeatureHash::byte).byte(0xff)
    }

    /// The bucket among `2^bits`.
    pub fn bucket(self, bits: u8) -> u32 {
        // Fold the high bits in: FNV's low bits alone mix poorly.
        let h = self.0 ^ (self.0 >> 29) ^ (self.0 >> 47);
        (h & ((1u64 << bits) - 1)) as u32
    }
}

/// Bucket features of the previous labels, added to a token's static features at decode time.
pub fn history_features(bits: u8, prev: usize, prev2: usize, shape: u32, word: u32) -> [u32; 4] {
    // Labels are < 16, so a byte each.
    let p = prev as u8;
    [
        FeatureHash::new(200).byte(p).bucket(bits),
        FeatureHash::new(201).byte(p).byte(prev2 as u8).bucket(bits),
        FeatureHash::new(202)
            .byte(p)
            .byte(shape as u8)
            .byte((shape >> 8) as u8)
            .bucket(bits),
        FeatureHash::new(203)
            .byte(p)
            .byte(word as u8)
            .byte((word >> 8) as u8)
            .byte((word >> 16) as u8)
            .byte((word >> 24) as u8)
            .bucket(bits),
    ]
}

/// One token's features: static buckets plus the two small ids history features combine with.
#[derive(Debug, Clone, Default)]
pub struct TokenFeatures {
    /// Buckets of the features that do not depend on predicted labels.
    pub buckets: Vec<u32>,
    /// A small id of the token's shape.
    pub shape_id: u32,
    /// A hash of the lowercase word.
    pub word_id: u32,
    /// Whether a line break separates the token from the previous one: no name continues
    /// across it (table rows, headlines, list items), so `I-` labels are not allowed there.
    pub after_line_break: bool,
}

/// Trained weights, quantised.
#[derive(Debug, Clone)]
pub struct Model {
    bits: u8,
    scale: f32,
    /// `bucket * LABEL_COUNT + label`.
    weights: Vec<i16>,
}

impl Model {
    /// Quantises `weights` (`2^bits × LABEL_COUNT` of them, as [`Trainer::averaged_weights`]
    /// gives) to `i16`; a table of another length is padded or cut to that length.
    pub fn quantise(bits: u8, weights: &[f32]) -> Model {
        let bits = bits.clamp(*BITS_RANGE.start(), *BITS_RANGE.end());
        let size = (1usize << bits) * LABEL_COUNT;
        let max = weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 && max.is_finite() {
            max / 32767.0
        } else {
            1.0
        };
        let weights = (0..size)
            .map(|i| {
                let w = weights.get(i).copied().unwrap_or(0.0);
                (w / scale).round().clamp(-32767.0, 32767.0) as i16
            })
            .collect();
        Model {
            bits,
            scale,
            weights,
        }
    }

    /// Bucket bits of the table.
    pub fn bits(&self) -> u8 {
        self.bits
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let header = bytes.get(..11).ok_or(ModelError::BadHeader)?;
        if &header[..4] != MAGIC {
            return Err(ModelError::BadHeader);
        }
        if header[4] != FORMAT_VERSION {
            return Err(ModelError::Unsupported(format!(
                "format version {}",
                header[4]
            )));
        }
        if usize::from(header[5]) != LABEL_COUNT {
            return Err(ModelError::Unsupported(format!("{} labels", header[5])));
        }
        let bits = header[6];
        if !BITS_RANGE.contains(&bits) {
            return Err(ModelError::Unsupported(format!("{bits} bucket bits")));
        }
        let scale = f32::from_le_bytes([header[7], header[8], header[9], header[10]]);
        if !scale.is_finite() || scale <= 0.0 {
            return Err(ModelError::Damaged(format!("weight scale {scale}")));
        }
        let expected = (1usize << bits) * LABEL_COUNT * 2;
        let mut raw = Vec::with_capacity(expected);
        // Read one byte past the expected size to detect overlong streams without reading
        // unbounded data.
        ZlibDecoder::new(&bytes[11..])
            .take(expected as u64 + 1)
            .read_to_end(&mut raw)
            .map_err(|e| ModelError::Damaged(e.to_string()))?;
        if raw.len() != expected {
            return Err(ModelError::Damaged(format!(
                "{} weight bytes, expected {expected}",
                raw.len()
            )));
        }
        let weights = raw
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();
        Ok(Model {
            bits,
            scale,
            weights,
        })
    }

    /// Writes the model in the format [`Model::from_bytes`] reads.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.push(FORMAT_VERSION);
        out.push(LABEL_COUNT as u8);
        out.push(self.bits);
        out.extend_from_slice(&self.scale.to_le_bytes());
        let mut encoder = ZlibEncoder::new(out, Compression::best());
        let raw: Vec<u8> = self.weights.iter().flat_map(|w| w.to_le_bytes()).collect();
        // Writing into a Vec cannot fail.
        let _ = encoder.write_all(&raw);
        encoder.finish().unwrap_or_default()
    }

    fn add_scores(&self, scores: &mut [f32; LABEL_COUNT], bucket: u32) {
        let base = bucket as usize * LABEL_COUNT;
        if let Some(row) = self.weights.get(base..base + LABEL_COUNT) {
            for (s, &w) in scores.iter_mut().zip(row) {
                *s += f32::from(w);
            }
        }
    }

    /// Best label sequence for one sentence, greedily left to right under the BIO constraint.
    pub fn decode(&self, tokens: &[TokenFeatures]) -> Vec<usize> {
        let mut labels = Vec::with_capacity(tokens.len());
        let (mut prev, mut prev2) = (OUTSIDE, OUTSIDE);
        for tok in tokens {
            let mut scores = [0f32; LABEL_COUNT];
            for &b in &tok.buckets {
                self.add_scores(&mut scores, b);
            }
            for b in history_features(self.bits, prev, prev2, tok.shape_id, tok.word_id) {
                self.add_scores(&mut scores, b);
            }
            let best = best_allowed(&scores, prev, tok.after_line_break);
            labels.push(best);
            prev2 = prev;
            prev = best;
        }
        labels
    }
}

fn best_allowed(scores: &[f32; LABEL_COUNT], prev: usize, after_line_break: bool) -> usize {
    let mut best = OUTSIDE;
    let mut best_score = f32::NEG_INFINITY;
    for (label, &score) in scores.iter().enumerate() {
        let continues = label != OUTSIDE && !is_begin(label);
        if allowed(prev, label) && !(after_line_break && continues) && score > best_score {
            best = label;
            best_score = score;
        }
    }
    best
}

/// One training sentence: features and gold labels, token for token.
#[derive(Debug, Clone)]
pub struct Example {
    /// Token features.
    pub tokens: Vec<TokenFeatures>,
    /// Gold label indices.
    pub gold: Vec<usize>,
}

/// Averaged-perceptron trainer (weights averaged lazily with timestamps).
#[derive(Debug)]
pub struct Trainer {
    bits: u8,
    weights: Vec<f32>,
    totals: Vec<f64>,
    stamps: Vec<u64>,
    step: u64,
}

impl Trainer {
    /// A trainer with `2^bits` buckets (`bits` is clamped to the loadable range).
    pub fn new(bits: u8) -> Trainer {
        let bits = bits.clamp(*BITS_RANGE.start(), *BITS_RANGE.end());
        let size = (1usize << bits) * LABEL_COUNT;
        Trainer {
            bits,
            weights: vec![0.0; size],
            totals: vec![0.0; size],
            stamps: vec![0; size],
            step: 0,
        }
    }

    /// Bucket bits.
    pub fn bits(&self) -> u8 {
        self.bits
    }

    fn update(&mut self, bucket: u32, label: usize, delta: f32) {
        let i = bucket as usize * LABEL_COUNT + label;
        let Some(w) = self.weights.get_mut(i) else {
            return;
        };
        self.totals[i] += f64::from(*w) * (self.step - self.stamps[i]) as f64;
        self.stamps[i] = self.step;
        *w += delta;
    }

    fn scores(&self, buckets: impl Iterator<Item = u32>) -> [f32; LABEL_COUNT] {
        let mut scores = [0f32; LABEL_COUNT];
        for b in buckets {
            let base = b as usize * LABEL_COUNT;
            if let Some(row) = self.weights.get(base..base + LABEL_COUNT) {
                for (s, w) in scores.iter_mut().zip(row) {
                    *s += w;
                }
            }
        }
        scores
    }

    /// Trains on one sentence, decoding with the model's own previous labels (as at run
    /// time) and updating every token it gets wrong. Returns the number of wrong tokens.
    pub fn train_sentence(&mut self, example: &Example) -> usize {
        let (mut prev, mut prev2) = (OUTSIDE, OUTSIDE);
        let mut errors = 0;
        for (tok, &gold) in example.tokens.iter().zip(&example.gold) {
            self.step += 1;
            // An `I-` the decoder could never output here (after `O`, or across a line break)
            // is learnt as the `B-` it amounts to.
            let continues = gold != OUTSIDE && !is_begin(gold);
            let gold = if continues && (tok.after_line_break || !allowed(prev, gold)) {
                gold - 1
            } else {
                gold
            };
            let history = history_features(self.bits, prev, prev2, tok.shape_id, tok.word_id);
            let all = || tok.buckets.iter().copied().chain(history);
            let guess = best_allowed(&self.scores(all()), prev, tok.after_line_break);
            if guess != gold {
                errors += 1;
                for b in all() {
                    self.update(b, gold, 1.0);
                    self.update(b, guess, -1.0);
                }
            }
            // Continue from the gold label, so one error does not derail the rest of the
            // sentence's updates.
            prev2 = prev;
            prev = gold;
        }
        errors
    }

    /// The averaged weights, unquantised (`bucket * LABEL_COUNT + label`).
    pub fn averaged_weights(&self) -> Vec<f32> {
        let step = self.step.max(1);
        self.weights
            .iter()
            .zip(&self.totals)
            .zip(&self.stamps)
            .map(|((&w, &t), &s)| ((t + f64::from(w) * (step - s) as f64) / step as f64) as f32)
            .collect()
    }

    /// The averaged, quantised model.
    pub fn finish(&self) -> Model {
        Model::quantise(self.bits, &self.averaged_weights())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy(word: u32, shape: u32, bits: u8) -> TokenFeatures {
        TokenFeatures {
            buckets: vec![
                FeatureHash::new(1).bucket(bits),
                FeatureHash::new(2).byte(word as u8).bucket(bits),
            ],
            shape_id: shape,
            word_id: word,
            after_line_break: false,
        }
    }

    #[test]
    fn labels_round_trip_and_follow_bio() {
        for (i, tag) in LABELS.iter().enumerate() {
            assert_eq!(label_index(tag), i);
        }
        assert_eq!(label_index("I-EVENT"), 8);
        assert!(!allowed(OUTSIDE, label_index("I-PER")));
        assert!(allowed(label_index("B-PER"), label_index("I-PER")));
        assert!(!allowed(label_index("B-LOC"), label_index("I-PER")));
        assert_eq!(
            label_kind(label_index("I-ORG")),
            Some(EntityKind::Organization)
        );
    }

    #[test]
    fn learns_a_toy_pattern_and_survives_serialisation() {
        // Word 7 starts a person, word 8 continues it, everything else is outside.
        let bits = 12;
        let sentences = [
            vec![1, 7, 8, 2],
            vec![7, 8, 3, 4],
            vec![5, 6, 7, 8],
            vec![1, 2, 3],
        ];
        let examples: Vec<Example> = sentences
            .iter()
            .map(|words| Example {
                tokens: words.iter().map(|&w| toy(w, 0, bits)).collect(),
                gold: words
                    .iter()
                    .map(|&w| match w {
                        7 => 1,
                        8 => 2,
                        _ => 0,
                    })
                    .collect(),
            })
            .collect();
        let mut trainer = Trainer::new(bits);
        for _ in 0..5 {
            for e in &examples {
                trainer.train_sentence(e);
            }
        }
        let model = Model::from_bytes(&trainer.finish().to_bytes()).expect("round trip");
        let unseen: Vec<TokenFeatures> = [4, 7, 8, 1].iter().map(|&w| toy(w, 0, bits)).collect();
        assert_eq!(model.decode(&unseen), vec![0, 1, 2, 0]);
    }

    #[test]
    fn corrupt_files_are_errors_not_panics() {
        let good = Trainer::new(10).finish().to_bytes();
        assert!(Model::from_bytes(&good).is_ok());
        assert!(matches!(
            Model::from_bytes(b"VN"),
            Err(ModelError::BadHeader)
        ));
        assert!(matches!(
            Model::from_bytes(b"XXXX\x01\x09\x0a\0\0\x80\x3f"),
            Err(ModelError::BadHeader)
        ));
        let mut wrong_bits = good.clone();
        wrong_bits[6] = 40;
        assert!(matches!(
            Model::from_bytes(&wrong_bits),
            Err(ModelError::Unsupported(_))
        ));
        let truncated = &good[..good.len() - 5];
        assert!(Model::from_bytes(truncated).is_err());
        let mut flipped = good.clone();
        let last = flipped.len() - 3;
        flipped[last] ^= 0x5a;
        assert!(Model::from_bytes(&flipped).is_err());
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..64)) {
            let mut data = b"VNER\x01\x09\x0a".to_vec();
            data.extend_from_slice(&bytes);
            let _ = Model::from_bytes(&data);
            let _ = Model::from_bytes(&bytes);
        }
    }
}
