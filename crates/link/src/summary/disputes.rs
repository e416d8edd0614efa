//! Claims on which a story's outlets disagree: numbers of the members grouped by unit and
//! subject, and the groups where two outlets give values with none in common.

use ahash::AHashMap as HashMap;
use std::collections::BTreeMap;

use veille_model::{ClaimEvidence, ClaimValue, DisputedClaim};

use super::TOP;
use crate::features::{ClaimNote, DocFeatures};

/// Two values closer than this share of the larger one are the same value (rounding).
const SAME_VALUE_TOLERANCE: f64 = 0.01;
/// Values further apart than this factor are taken to measure different things (a count of
/// victims next to a count of buildings), not to disagree.
const MAX_DISPUTE_RATIO: f64 = 10.0;

/// One claim of one member, with the outlet that states it.
struct Stated<'a> {
    doc: &'a DocFeatures,
    /// Site, or the document id when the site is unknown (each unknown source stands alone).
    source: String,
    note: &'a ClaimNote,
}

fn same_value(a: f64, b: f64) -> bool {
    (a - b).abs() <= SAME_VALUE_TOLERANCE * a.abs().max(b.abs())
}

/// Whether two sources' values for one quantity contradict each other: no value in common,
/// and at least one pair close enough in size to measure the same thing.
fn contradict(a: &[f64], b: &[f64]) -> bool {
    let shared = a.iter().any(|x| b.iter().any(|y| same_value(*x, *y)));
    let comparable = a.iter().any(|x| {
        b.iter().any(|y| {
            let (low, high) = (x.abs().min(y.abs()), x.abs().max(y.abs()));
            low > 0.0 && high / low <= MAX_DISPUTE_RATIO && x.signum() == y.signum()
        })
    });
    !shared && comparable
}

/// Quantities that the members' outlets state with different values.
///
/// Claims of different members are grouped when they have the same unit and share a subject
/// key (what is counted, in a language-neutral form); a group is disputed when two sources
/// give values with none in common. Cross-language groups need cognate subject words
/// ("drones"/"drone"); "blessés" and "injured" do not meet.
pub(super) fn disputed_claims(member_docs: &[&DocFeatures]) -> Vec<DisputedClaim> {
    let stated: Vec<Stated> = member_docs
        .iter()
        .flat_map(|doc| {
            let source = doc.site.clone().unwrap_or_else(|| doc.doc_id.clone());
            doc.claims
                .iter()
                .filter(|note| !note.subject.is_empty())
                .map(move |note| Stated {
                    doc,
                    source: source.clone(),
                    note,
                })
        })
        .collect();
    // Union-find over claims that share a unit and a subject key.
    let mut parent: Vec<usize> = (0..stated.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut first_with_key: HashMap<(&str, &str), usize> = HashMap::new();
    for (i, s) in stated.iter().enumerate() {
        for key in &s.note.subject {
            match first_with_key.entry((s.note.unit.as_str(), key.as_str())) {
                std::collections::hash_map::Entry::Occupied(entry) => {
                    let (a, b) = (root(&mut parent, *entry.get()), root(&mut parent, i));
                    if a != b {
                        parent[b] = a;
                    }
                }
                std::collections::hash_map::Entry::Vacant(entry) => {
                    entry.insert(i);
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..stated.len() {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let mut disputed: Vec<(usize, DisputedClaim)> = groups
        .into_values()
        .filter_map(|group| dispute_of(&stated, &group))
        .collect();
    // Disputes involving the most sources first; ties in order of appearance.
    disputed.sort_by_key(|(sources, _)| std::cmp::Reverse(*sources));
    disputed.into_iter().take(TOP).map(|(_, d)| d).collect()
}

/// The dispute within one group of claims, with the number of sources involved, when two
/// sources contradict each other.
fn dispute_of(stated: &[Stated], group: &[usize]) -> Option<(usize, DisputedClaim)> {
    let mut by_source: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    for &i in group {
        by_source
            .entry(stated[i].source.as_str())
            .or_default()
            .push(stated[i].note.value);
    }
    let sources: Vec<&Vec<f64>> = by_source.values().collect();
    let contradicted = sources
        .iter()
        .enumerate()
        .any(|(i, a)| sources[i + 1..].iter().any(|b| contradict(a, b)));
    if !contradicted {
        return None;
    }
    let mut values: Vec<ClaimValue> = Vec::new();
    let mut counted: BTreeMap<&str, usize> = BTreeMap::new();
    for &i in group {
        let s = &stated[i];
        if let Some(c) = s.note.counted.as_deref() {
            *counted.entry(c).or_default() += 1;
        }
        let position = values
            .iter()
            .position(|v| same_value(v.value, s.note.value));
        let value = match position {
            Some(p) => &mut values[p],
            None => {
                values.push(ClaimValue {
                    value: s.note.value,
                    outlets: Vec::new(),
                    doc_ids: Vec::new(),
                    evidence: Vec::new(),
                });
                values.last_mut()?
            }
        };
        if let Some(site) = &s.doc.site {
            if !value.outlets.contains(site) {
                value.outlets.push(site.clone());
            }
        }
        if !value.doc_ids.contains(&s.doc.doc_id) {
            value.doc_ids.push(s.doc.doc_id.clone());
            value.evidence.push(ClaimEvidence {
                doc_id: s.doc.doc_id.clone(),
                outlet: s.doc.site.clone(),
                text: s.note.text.clone(),
                sentence: s.note.sentence.clone(),
            });
        }
    }
    if values.len() < 2 {
        // "The same within rounding" does not chain: 1,098 and 1,112 contradict, but both
        // round to 1,106, and grouped around it they state one value. No dispute to show.
        return None;
    }
    values.sort_by(|a, b| {
        b.doc_ids
            .len()
            .cmp(&a.doc_ids.len())
            .then(a.value.total_cmp(&b.value))
    });
    let counted = counted
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map(|(c, _)| c.to_string());
    let unit = stated[*group.first()?].note.unit.clone();
    Some((
        by_source.len(),
        DisputedClaim {
            counted,
            unit,
            values,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{at_site, claim, summary_of};
    use super::*;
    use crate::test_support::document;
    use veille_model::{Claim, Document};

    #[test]
    fn outlets_giving_different_counts_of_the_same_thing_are_a_dispute() {
        let mut fr = document("fr1", "fr", "Attaque", "texte", Some("2025-03-14"));
        let fr_sentence =
            "L'armée a lancé 42 drones Shahed contre la ville, selon l'armée de l'air.";
        fr.claims.push(claim(
            "42 drones",
            42.0,
            "count",
            Some("drones"),
            fr_sentence,
        ));
        let mut en = document("en1", "en", "Attack", "text", Some("2025-03-14"));
        let en_sentence = "The army launched 35 Shahed drones at the city, the air force said.";
        en.claims.push(claim(
            "35 Shahed",
            35.0,
            "count",
            Some("Shahed"),
            en_sentence,
        ));
        let mut en2 = document("en2", "en", "Attack", "text 2", Some("2025-03-14"));
        en2.claims.push(claim(
            "35 drones",
            35.0,
            "count",
            Some("drones"),
            "Officials counted 35 drones.",
        ));
        let docs = [
            at_site(fr, "lejournal.example"),
            at_site(en, "thepaper.example"),
            at_site(en2, "wire.example"),
        ];
        let story = summary_of(&docs);
        assert_eq!(
            story.disputed_claims.len(),
            1,
            "{:?}",
            story.disputed_claims
        );
        let dispute = &story.disputed_claims[0];
        assert_eq!(dispute.unit, "count");
        let values: Vec<f64> = dispute.values.iter().map(|v| v.value).collect();
        assert_eq!(values, vec![35.0, 42.0], "most reported value first");
        assert_eq!(
            dispute.values[0].outlets,
            vec!["thepaper.example", "wire.example"]
        );
        assert_eq!(dispute.values[1].doc_ids, vec!["fr1"]);
        assert_eq!(dispute.values[1].evidence[0].sentence, fr_sentence);
        assert_eq!(dispute.values[1].evidence[0].text, "42 drones");
    }

    #[test]
    fn agreement_omission_one_outlet_and_unrelated_magnitudes_are_no_dispute() {
        let sentence = |n: &str| format!("Le bilan fait état de {n} personnes blessées.");
        let with = |id: &str, claims: Vec<Claim>| {
            let mut d = document(id, "fr", "Bilan", "texte", None);
            d.claims = claims;
            d
        };
        // Same value written differently, and one outlet also giving a second figure.
        let a = with(
            "a",
            vec![
                claim(
                    "12 personnes",
                    12.0,
                    "count",
                    Some("personnes blessées"),
                    &sentence("12"),
                ),
                claim(
                    "3 personnes",
                    3.0,
                    "count",
                    Some("personnes blessées"),
                    &sentence("3"),
                ),
            ],
        );
        let b = with(
            "b",
            vec![claim(
                "douze personnes",
                12.0,
                "count",
                Some("personnes blessées"),
                &sentence("douze"),
            )],
        );
        // The same outlet updating its figure is not outlets disagreeing.
        let c = with(
            "c",
            vec![claim(
                "15 personnes",
                15.0,
                "count",
                Some("personnes blessées"),
                &sentence("15"),
            )],
        );
        let docs = [
            at_site(a, "x.example"),
            at_site(b, "y.example"),
            at_site(c, "x.example"),
        ];
        assert!(summary_of(&docs).disputed_claims.is_empty());
        // Sizes a hundredfold apart measure different things.
        let d = with(
            "d",
            vec![claim(
                "1 200 personnes",
                1200.0,
                "count",
                Some("personnes blessées"),
                &sentence("1 200"),
            )],
        );
        let e = with(
            "e",
            vec![claim(
                "5 personnes",
                5.0,
                "count",
                Some("personnes blessées"),
                &sentence("5"),
            )],
        );
        let docs = [at_site(d, "x.example"), at_site(e, "y.example")];
        assert!(summary_of(&docs).disputed_claims.is_empty());
    }

    #[test]
    fn different_units_and_subjects_are_not_compared() {
        let mut a = document("a", "en", "A", "text", None);
        a.claims.push(claim(
            "$3 million",
            3e6,
            "USD",
            None,
            "Damage was estimated at $3 million.",
        ));
        let mut b = document("b", "en", "B", "text", None);
        b.claims.push(claim(
            "€4 million",
            4e6,
            "EUR",
            None,
            "Damage was estimated at €4 million.",
        ));
        let mut c = document("c", "en", "C", "text", None);
        c.claims.push(claim(
            "$4 million",
            4e6,
            "USD",
            None,
            "The new bridge will cost $4 million.",
        ));
        let docs = [
            at_site(a, "a.example"),
            at_site(b, "b.example"),
            at_site(c, "c.example"),
        ];
        assert!(summary_of(&docs).disputed_claims.is_empty());
        let mut d = document("d", "fr", "D", "texte", None);
        d.claims.push(claim(
            "5 millions de dollars",
            5e6,
            "USD",
            None,
            "Les dégâts sont estimés à 5 millions de dollars.",
        ));
        let docs = [at_site(d, "d.example"), docs[0].clone()];
        let story = summary_of(&docs);
        assert_eq!(
            story.disputed_claims.len(),
            1,
            "estimés/estimated meet across languages"
        );
        assert_eq!(story.disputed_claims[0].counted, None);
    }

    #[test]
    fn values_that_round_to_one_value_are_no_dispute() {
        // 1,098 and 1,112 differ by more than the rounding tolerance, but 1,106 is within it
        // of both: grouped, the three outlets state one value.
        let docs: Vec<DocFeatures> = [1106.0, 1112.0, 1098.0]
            .into_iter()
            .enumerate()
            .map(|(i, value)| {
                let mut d = document(&format!("d{i}"), "fr", "T", "texte", None);
                let text = format!("{value} drones");
                d.claims.push(claim(
                    &text,
                    value,
                    "count",
                    Some("drones"),
                    &format!("{text}."),
                ));
                at_site(d, &format!("site{i}.example"))
            })
            .collect();
        assert!(summary_of(&docs).disputed_claims.is_empty());
    }

    proptest::proptest! {
        #[test]
        fn disputes_are_well_formed_whatever_the_claims(
            claims in proptest::collection::vec(
                (0usize..4, 0usize..3, 0usize..3, -5.0f64..2000.0, "\\PC{0,30}"),
                0..24,
            )
        ) {
            let units = ["count", "USD", "km"];
            let things = ["drones", "blessés", "missiles"];
            let mut docs: Vec<Document> = (0..4)
                .map(|i| document(&format!("d{i}"), "fr", "T", "texte", None))
                .collect();
            for (doc, unit, thing, value, noise) in claims {
                let text = format!("{value} {}", things[thing]);
                let sentence = format!("{noise} {text} {noise}");
                docs[doc].claims.push(claim(&text, value, units[unit], Some(things[thing]), &sentence));
            }
            let features: Vec<DocFeatures> = docs
                .into_iter()
                .enumerate()
                .map(|(i, d)| at_site(d, &format!("site{}.example", i % 3)))
                .collect();
            let story = summary_of(&features);
            for dispute in &story.disputed_claims {
                proptest::prop_assert!(dispute.values.len() >= 2);
                for (i, a) in dispute.values.iter().enumerate() {
                    proptest::prop_assert!(!a.doc_ids.is_empty());
                    proptest::prop_assert_eq!(a.doc_ids.len(), a.evidence.len());
                    for b in &dispute.values[i + 1..] {
                        proptest::prop_assert!(!same_value(a.value, b.value));
                    }
                }
            }
        }

    }
}
