//! Links quote speakers to the document's entities (read from `Document::entities`, whatever
//! recogniser filled them).
//!
//! * A person mention that ends the speaker's words gives `speaker_id`, and narrows the speaker
//!   to the name when a title was left before it ("US envoy Ann Lee" → "Ann Lee"); a person
//!   named as a complement ("les avocats de Paul Ferrand") or first in longer words
//!   ("Harris and Quill Ltd") is not the speaker.
//! * An organisation mention that makes up most of the speaker's words gives `speaker_id`
//!   ("la mairie"), but not one that only complements a head noun ("le porte-parole de la mairie").
//! * A speaker named only by a title ("le président ukrainien") resolves to the person that
//!   title was written next to, the nearest before it (the entity mention's `title`).

use veille_model::{Entity, EntityKind, Mention, Quote, Span};

/// Words that open a noun phrase and do not count when titles are compared.
const DETERMINERS: [&str; 16] = [
    "le", "la", "les", "l'", "l’", "the", "der", "die", "das", "el", "los", "las", "un", "une",
    "a", "an",
];

/// Links every quote's speaker.
pub(super) fn link_speakers(entities: &[Entity], quotes: &mut [Quote]) {
    for quote in quotes {
        link_one(entities, quote);
    }
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

fn mentions_of(entities: &[Entity], kind: EntityKind) -> impl Iterator<Item = (&Entity, &Mention)> {
    entities
        .iter()
        .filter(move |e| e.kind == kind)
        .flat_map(|e| e.mentions.iter().map(move |m| (e, m)))
}

fn link_one(entities: &[Entity], quote: &mut Quote) {
    let (Some(span), Some(speaker)) = (quote.speaker_span, quote.speaker.clone()) else {
        return;
    };
    let person = mentions_of(entities, EntityKind::Person)
        .filter(|(_, m)| overlaps(m.span, span))
        .max_by_key(|(_, m)| {
            m.span
                .end
                .min(span.end)
                .saturating_sub(m.span.start.max(span.start))
        });
    if let Some((entity, mention)) = person {
        // "les avocats de Paul Ferrand": the person is a complement, not the speaker; and a
        // person named first in longer words ("Harris and Quill Ltd") is not the speaker either,
        // as titles come before names.
        if is_complement(&speaker, span, mention.span) || mention.span.end < span.end {
            return;
        }
        quote.speaker_id = Some(entity.id.clone());
        let inside = mention.span.start >= span.start && mention.span.end <= span.end;
        if inside && mention.span != span {
            quote.speaker = Some(mention.text.clone());
            quote.speaker_span = Some(mention.span);
        }
        return;
    }
    let organisation = mentions_of(entities, EntityKind::Organization).find(|(_, m)| {
        let shared = m
            .span
            .end
            .min(span.end)
            .saturating_sub(m.span.start.max(span.start));
        shared > 0 && 2 * shared >= span.end.saturating_sub(span.start)
    });
    if let Some((entity, _)) = organisation {
        quote.speaker_id = Some(entity.id.clone());
        return;
    }
    let wanted = normalise_title(&speaker);
    if wanted.is_empty() || !reads_as_title(&speaker) {
        return;
    }
    let titled = mentions_of(entities, EntityKind::Person)
        .filter(|(_, m)| m.span.end <= span.start)
        .filter(|(_, m)| {
            m.title
                .as_deref()
                .is_some_and(|t| normalise_title(t) == wanted)
        })
        .max_by_key(|(_, m)| m.span.end);
    if let Some((entity, mention)) = titled {
        quote.speaker_id = Some(entity.id.clone());
        quote.speaker = Some(mention.text.clone());
        quote.speaker_span = Some(mention.span);
    }
}

/// Words that join a head noun to a complement naming someone else.
const OF_WORDS: [&str; 11] = [
    "de", "du", "des", "d'", "of", "von", "vom", "der", "del", "de la", "of the",
];

/// Whether the mention at `mention` inside the speaker's words (at `span`) follows a word
/// like "de" or "of", that is, complements another head noun.
fn is_complement(speaker: &str, span: Span, mention: Span) -> bool {
    let Some(offset) = mention.start.checked_sub(span.start) else {
        return false;
    };
    let before: String = speaker.chars().take(offset).collect();
    let before = before.trim_end().to_lowercase().replace('’', "'");
    if before.ends_with("d'") {
        return true;
    }
    before
        .rsplit(' ')
        .next()
        .is_some_and(|last| OF_WORDS.contains(&last))
}

/// Whether a speaker is a common noun phrase (a determiner or a lowercase word first).
fn reads_as_title(speaker: &str) -> bool {
    let first = speaker.split_whitespace().next().unwrap_or("");
    let lower = first.to_lowercase().replace('’', "'");
    DETERMINERS.contains(&lower.as_str())
        || lower.starts_with("l'")
        || first.chars().next().is_some_and(char::is_lowercase)
}

/// A title in lowercase without its determiner, words joined by single spaces.
fn normalise_title(title: &str) -> String {
    let lower = title.to_lowercase().replace('’', "'");
    let mut words: Vec<&str> = lower.split_whitespace().collect();
    if let Some(first) = words.first().copied() {
        if DETERMINERS.contains(&first) {
            words.remove(0);
        } else if let Some(rest) = first.strip_prefix("l'") {
            words[0] = rest;
        }
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: &str, text: &str, start: usize, title: Option<&str>) -> Entity {
        Entity {
            id: id.to_string(),
            kind: EntityKind::Person,
            canonical: text.to_string(),
            known: false,
            aliases: vec![text.to_string()],
            mentions: vec![Mention {
                text: text.to_string(),
                span: Span {
                    start,
                    end: start + text.chars().count(),
                },
                title: title.map(str::to_string),
            }],
        }
    }

    fn quote(speaker: &str, start: usize) -> Quote {
        Quote {
            text: "words".to_string(),
            span: Span { start: 0, end: 5 },
            direct: true,
            speaker: Some(speaker.to_string()),
            speaker_id: None,
            speaker_span: Some(Span {
                start,
                end: start + speaker.chars().count(),
            }),
            verb: None,
        }
    }

    #[test]
    fn a_title_resolves_to_the_person_it_was_written_with() {
        let entities = [person(
            "person:ana-gil",
            "Ana Gil",
            20,
            Some("La présidente ukrainienne"),
        )];
        let mut quotes = [quote("La présidente ukrainienne", 200)];
        link_speakers(&entities, &mut quotes);
        assert_eq!(quotes[0].speaker_id.as_deref(), Some("person:ana-gil"));
        assert_eq!(quotes[0].speaker.as_deref(), Some("Ana Gil"));
    }

    #[test]
    fn a_person_inside_the_speaker_narrows_it() {
        let entities = [person("person:ann-lee", "Ann Lee", 9, None)];
        let mut quotes = [quote("US envoy Ann Lee", 0)];
        link_speakers(&entities, &mut quotes);
        assert_eq!(quotes[0].speaker.as_deref(), Some("Ann Lee"));
        assert_eq!(quotes[0].speaker_span, Some(Span { start: 9, end: 16 }));
    }

    #[test]
    fn a_person_complementing_the_speaker_is_not_the_speaker() {
        let entities = [person("person:ana-gil", "Ana Gil", 14, None)];
        let mut quotes = [quote("les avocats de Ana Gil", 0)];
        link_speakers(&entities, &mut quotes);
        assert_eq!(quotes[0].speaker.as_deref(), Some("les avocats de Ana Gil"));
        assert_eq!(quotes[0].speaker_id, None);
    }

    #[test]
    fn a_person_opening_longer_words_is_not_the_speaker() {
        let entities = [person("person:harris", "Harris", 0, None)];
        let mut quotes = [quote("Harris and Quill", 0)];
        link_speakers(&entities, &mut quotes);
        assert_eq!(quotes[0].speaker.as_deref(), Some("Harris and Quill"));
        assert_eq!(quotes[0].speaker_id, None);
    }

    #[test]
    fn an_unrelated_title_links_nothing() {
        let entities = [person("person:ana-gil", "Ana Gil", 20, Some("la ministre"))];
        let mut quotes = [quote("le porte-parole", 200)];
        link_speakers(&entities, &mut quotes);
        assert_eq!(quotes[0].speaker_id, None);
    }
}
