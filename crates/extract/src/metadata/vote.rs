//! Choosing one value among the candidates several signals offer for a field.
//!
//! Each candidate carries the confidence its signal deserves on its own. Candidates that agree
//! (by a field-specific notion of "same") back each other up: their confidences combine as
//! independent evidence, `1 - Π(1 - cᵢ)`, capped below 1. The value and the `source` of the
//! winning group come from its most trusted member, so `source` names the signal that won.

use veille_model::Field;

/// Highest confidence a combination of signals may reach.
const MAX_CONFIDENCE: f32 = 0.99;

/// One signal's proposal for a field.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Candidate<T> {
    /// Proposed value.
    pub value: T,
    /// Signal identifier (`meta:og:title`).
    pub source: String,
    /// Confidence of that signal alone.
    pub confidence: f32,
}

impl<T> Candidate<T> {
    /// A candidate.
    pub fn new(value: T, source: impl Into<String>, confidence: f32) -> Self {
        Self {
            value,
            source: source.into(),
            confidence,
        }
    }
}

/// Picks the best-supported candidate. `same` says whether two values agree.
pub(crate) fn pick<T: Clone>(
    candidates: &[Candidate<T>],
    same: impl Fn(&T, &T) -> bool,
) -> Option<Field<T>> {
    let mut best: Option<(f32, f32, usize)> = None;
    for (index, candidate) in candidates.iter().enumerate() {
        let mut doubt = 1.0 - candidate.confidence.clamp(0.0, 1.0);
        let mut seen_sources = vec![candidate.source.as_str()];
        for other in candidates {
            if seen_sources.contains(&other.source.as_str())
                || !same(&candidate.value, &other.value)
            {
                continue;
            }
            // Discounted: signals on one page are not fully independent.
            doubt *= 1.0 - other.confidence.clamp(0.0, 1.0) * 0.7;
            seen_sources.push(other.source.as_str());
        }
        let combined = (1.0 - doubt).min(MAX_CONFIDENCE);
        let key = (combined, candidate.confidence, index);
        let better = match best {
            None => true,
            Some((best_combined, best_own, _)) => {
                combined > best_combined + f32::EPSILON
                    || ((combined - best_combined).abs() <= f32::EPSILON
                        && candidate.confidence > best_own)
            }
        };
        if better {
            best = Some(key);
        }
    }
    let (combined, _, index) = best?;
    let winner = candidates.get(index)?;
    Some(Field::new(
        winner.value.clone(),
        winner.source.clone(),
        combined.max(winner.confidence.min(MAX_CONFIDENCE)),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agreement_raises_confidence_and_keeps_the_strongest_source() {
        let candidates = vec![
            Candidate::new("A".to_string(), "title-tag", 0.6),
            Candidate::new("B".to_string(), "meta:og:title", 0.8),
            Candidate::new("A".to_string(), "html:h1", 0.7),
        ];
        let field = pick(&candidates, |a, b| a == b).expect("a winner");
        assert_eq!(field.value, "A");
        assert_eq!(field.source, "html:h1");
        assert!(field.confidence > 0.8);
        assert!(field.confidence <= MAX_CONFIDENCE);
    }

    #[test]
    fn a_lone_strong_signal_wins() {
        let candidates = vec![
            Candidate::new(1, "json-ld:datePublished", 0.9),
            Candidate::new(2, "url:path", 0.5),
        ];
        let field = pick(&candidates, |a, b| a == b).expect("a winner");
        assert_eq!(
            (field.value, field.source.as_str()),
            (1, "json-ld:datePublished")
        );
        assert!((field.confidence - 0.9).abs() < 1e-6);
    }

    #[test]
    fn the_same_signal_twice_is_not_agreement() {
        let candidates = vec![
            Candidate::new(1, "text:body", 0.3),
            Candidate::new(1, "text:body", 0.3),
        ];
        let field = pick(&candidates, |a, b| a == b).expect("a winner");
        assert!((field.confidence - 0.3).abs() < 1e-6);
        assert!(pick::<i32>(&[], |a, b| a == b).is_none());
    }
}
