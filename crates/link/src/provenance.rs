//! Provenance of a family of copies: who published first, who copied, translated or scraped.
//!
//! A family is a connected component of copy links (exact, near duplicate, partial copy,
//! translation). The first publisher is chosen by, in order:
//! 1. explicit attribution: a member whose URL, host or site a copy names as its original
//!    ("initialement publié dans…", a cross-domain canonical link);
//! 2. members that do not themselves claim to come from elsewhere;
//! 3. the earliest trustworthy publication date, then the earliest date of any confidence;
//! 4. members without scraper markers;
//! 5. order of arrival.
//!
//! Every other member gets its role from the link that ties it to the family along the
//! shortest path from the original, and a reason string naming the evidence.

use std::collections::{BTreeMap, HashMap, VecDeque};

use veille_model::{Link, LinkKind, Provenance, ProvenanceMember, ProvenanceRole};

use crate::features::{host_of, DocFeatures};
use crate::text::fold;

/// Builds the provenance of a family. `members` are in order of arrival; `links` may include
/// links outside the family, which are ignored. Returns `None` for an empty family.
pub fn provenance(members: &[&DocFeatures], links: &[Link]) -> Option<Provenance> {
    if members.is_empty() {
        return None;
    }
    let index: HashMap<&str, usize> = members
        .iter()
        .enumerate()
        .map(|(i, f)| (f.doc_id.as_str(), i))
        .collect();
    let family_links: Vec<&Link> = links
        .iter()
        .filter(|l| index.contains_key(l.source.as_str()) && index.contains_key(l.target.as_str()))
        .collect();

    let attributed = attributed_originals(members);
    let claims_elsewhere = |f: &DocFeatures| f.original_source.is_some();
    let mut ranked: Vec<usize> = (0..members.len()).collect();
    ranked.sort_by_key(|&i| {
        let f = members[i];
        (
            !attributed.contains_key(&i),
            claims_elsewhere(f),
            !(f.date_trusted && f.day.is_some()),
            f.day.unwrap_or(i32::MAX),
            f.scraper_markers,
            i,
        )
    });
    let original_index = ranked.first().copied().unwrap_or(0);
    let original = members[original_index];
    let original_reason = if let Some(by) = attributed.get(&original_index) {
        format!("named as the original by {by}")
    } else if original.date_trusted && original.day.is_some() {
        format!(
            "earliest trustworthy publication date ({})",
            original.published.as_deref().unwrap_or("?")
        )
    } else if original.day.is_some() {
        format!(
            "earliest publication date ({}, low confidence)",
            original.published.as_deref().unwrap_or("?")
        )
    } else if members.len() == 1 {
        "only member".to_string()
    } else {
        "first seen (no dates or attribution to tell)".to_string()
    };

    // Shortest paths from the original over the links, undirected; ties broken by link order.
    let mut adjacency: BTreeMap<usize, Vec<(usize, &Link)>> = BTreeMap::new();
    for link in &family_links {
        let (Some(&a), Some(&b)) = (
            index.get(link.source.as_str()),
            index.get(link.target.as_str()),
        ) else {
            continue;
        };
        adjacency.entry(a).or_default().push((b, link));
        adjacency.entry(b).or_default().push((a, link));
    }
    let mut parent: HashMap<usize, (usize, &Link)> = HashMap::new();
    let mut seen = vec![false; members.len()];
    seen[original_index] = true;
    let mut queue = VecDeque::from([original_index]);
    while let Some(node) = queue.pop_front() {
        for (next, link) in adjacency.get(&node).into_iter().flatten() {
            if !seen[*next] {
                seen[*next] = true;
                parent.insert(*next, (node, *link));
                queue.push_back(*next);
            }
        }
    }

    let mut out = Vec::with_capacity(members.len());
    for i in
        std::iter::once(original_index).chain((0..members.len()).filter(|&i| i != original_index))
    {
        let f = members[i];
        let (role, derived_from, reason) = if i == original_index {
            (ProvenanceRole::Original, None, original_reason.clone())
        } else if let Some((from, link)) = parent.get(&i) {
            let role = match link.kind {
                LinkKind::Translation => ProvenanceRole::Translation,
                _ if f.scraper_markers => ProvenanceRole::ScraperRepublication,
                LinkKind::PartialCopy => ProvenanceRole::PartialCopy,
                LinkKind::Exact | LinkKind::NearDuplicate => ProvenanceRole::Copy,
            };
            let mut reason = format!(
                "{} of {} (score {:.2})",
                kind_name(link.kind),
                members[*from].doc_id,
                link.score
            );
            if f.scraper_markers {
                reason.push_str("; scraper markers");
            }
            if let Some(source) = &f.original_source {
                reason.push_str(&format!(
                    "; says it comes from elsewhere: \"{}\"",
                    source.evidence
                ));
            }
            (role, Some(members[*from].doc_id.clone()), reason)
        } else {
            (
                ProvenanceRole::Copy,
                None,
                "listed with the family but not linked".to_string(),
            )
        };
        out.push(ProvenanceMember {
            doc_id: f.doc_id.clone(),
            role,
            title: (!f.title.is_empty()).then(|| f.title.clone()),
            site: f.site.clone(),
            url: f.url.clone(),
            published: f.published.clone(),
            language: f.language.clone(),
            derived_from,
            reason,
        });
    }
    Some(Provenance {
        family_id: format!("family-{}", original.doc_id),
        original: original.doc_id.clone(),
        original_reason,
        members: out,
        links: family_links.into_iter().cloned().collect(),
    })
}

/// Members that another member names as its original, with the naming member's id.
fn attributed_originals(members: &[&DocFeatures]) -> HashMap<usize, String> {
    let mut out = HashMap::new();
    for claimant in members {
        let Some(source) = &claimant.original_source else {
            continue;
        };
        let source_host = source.url.as_deref().and_then(host_of);
        let source_name = source.name.as_deref().map(fold);
        for (i, candidate) in members.iter().enumerate() {
            if candidate.doc_id == claimant.doc_id {
                continue;
            }
            let same_url = matches!((&source.url, &candidate.url), (Some(a), Some(b)) if a == b);
            let candidate_host = candidate.url.as_deref().and_then(host_of);
            let same_host = source_host.is_some() && source_host == candidate_host;
            let same_name = match (&source_name, &candidate.site) {
                (Some(name), Some(site)) => !name.is_empty() && fold(site).contains(name.as_str()),
                _ => false,
            };
            if same_url || same_host || same_name {
                out.entry(i).or_insert_with(|| claimant.doc_id.clone());
            }
        }
    }
    out
}

fn kind_name(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::Exact => "exact copy",
        LinkKind::NearDuplicate => "near duplicate",
        LinkKind::PartialCopy => "partial copy",
        LinkKind::Translation => "translation",
    }
}

/// Escapes a string for a double-quoted Graphviz label.
fn dot_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// Renders a family as a Graphviz DOT digraph: one node per member (site, date, language, role),
/// one edge from each member to the member it derives from's copy, labelled with kind and score.
pub fn to_dot(family: &Provenance) -> String {
    let mut out = String::from(
        "digraph provenance {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n",
    );
    for member in &family.members {
        let title: String = member
            .title
            .as_deref()
            .unwrap_or("")
            .chars()
            .take(60)
            .collect();
        let label = format!(
            "{}\n{}\n{} {}\n{:?}",
            title,
            member.site.as_deref().unwrap_or("?"),
            member.published.as_deref().unwrap_or("undated"),
            member.language.as_deref().unwrap_or("?"),
            member.role,
        );
        let style = if member.role == ProvenanceRole::Original {
            ", style=bold"
        } else {
            ""
        };
        out.push_str(&format!(
            "  \"{}\" [label=\"{}\"{}];\n",
            dot_escape(&member.doc_id),
            dot_escape(&label),
            style
        ));
    }
    for member in &family.members {
        let Some(from) = &member.derived_from else {
            continue;
        };
        let link = family.links.iter().find(|l| {
            (l.source == *from && l.target == member.doc_id)
                || (l.target == *from && l.source == member.doc_id)
        });
        let label = link.map_or(String::new(), |l| {
            format!("{} {:.2}", kind_name(l.kind), l.score)
        });
        out.push_str(&format!(
            "  \"{}\" -> \"{}\" [label=\"{}\"];\n",
            dot_escape(from),
            dot_escape(&member.doc_id),
            dot_escape(&label)
        ));
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::OriginalRef;
    use crate::minhash::MinHasher;
    use crate::test_support::document;

    fn member(id: &str, lang: &str, date: Option<&str>, site: &str) -> DocFeatures {
        let mut f = DocFeatures::from_document(
            &document(id, lang, "Title", "Some body text here.", date),
            &MinHasher::default(),
        );
        f.site = Some(site.to_string());
        f.url = Some(format!("https://{site}/{id}"));
        f.date_trusted = date.is_some();
        f
    }

    fn link(source: &str, target: &str, kind: LinkKind) -> Link {
        Link {
            source: source.into(),
            target: target.into(),
            kind,
            score: 0.8,
            evidence: serde_json::json!({}),
        }
    }

    #[test]
    fn earliest_trusted_date_wins_and_roles_follow_links() {
        let a = member("a", "en", Some("2024-01-02"), "wire.example");
        let b = member("b", "en", Some("2024-01-01"), "first.example");
        let mut c = member("c", "fr", Some("2024-01-03"), "traduction.example");
        c.scraper_markers = true;
        let links = vec![
            link("b", "a", LinkKind::NearDuplicate),
            link("a", "c", LinkKind::Translation),
        ];
        let family = provenance(&[&a, &b, &c], &links).expect("family");
        assert_eq!(family.original, "b");
        let role = |id: &str| {
            family
                .members
                .iter()
                .find(|m| m.doc_id == id)
                .map(|m| m.role)
        };
        assert_eq!(role("a"), Some(ProvenanceRole::Copy));
        assert_eq!(role("c"), Some(ProvenanceRole::Translation));
        let dot = to_dot(&family);
        assert!(
            dot.starts_with("digraph") && dot.contains("\"a\" -> \"c\""),
            "{dot}"
        );
    }

    #[test]
    fn explicit_attribution_beats_dates() {
        let early_copy = member("copy", "fr", Some("2024-01-01"), "agregateur.example");
        let mut claimant = early_copy.clone();
        claimant.doc_id = "claimant".into();
        claimant.original_source = Some(OriginalRef {
            name: Some("Le Quotidien".into()),
            url: Some("https://lequotidien.example/article".into()),
            evidence: "initialement publié dans Le Quotidien".into(),
        });
        let mut original = member("orig", "fr", Some("2024-01-05"), "lequotidien.example");
        original.site = Some("Le Quotidien".into());
        let links = vec![
            link("copy", "orig", LinkKind::NearDuplicate),
            link("claimant", "orig", LinkKind::NearDuplicate),
        ];
        let family = provenance(&[&early_copy, &claimant, &original], &links).expect("family");
        assert_eq!(family.original, "orig", "{}", family.original_reason);
        assert!(family.original_reason.contains("claimant"));
    }

    #[test]
    fn dot_labels_are_escaped() {
        assert_eq!(dot_escape("a \"b\"\\\n"), "a \\\"b\\\"\\\\\\n");
        assert!(provenance(&[], &[]).is_none());
    }
}
