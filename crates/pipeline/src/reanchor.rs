//! Story-anchored times: a document with no publication date and no date to infer from its
//! own text leaves its relative expressions unresolved (`lundi` stays `XXXX-WXX-1`, anchor
//! `none`). Once the archive places it in a story whose members are dated, the story's date is
//! the best estimate of when it was written; its times are resolved again against that date
//! and say so with anchor `story`.

use veille_enrich::time::{self, Anchor, AnchorKind, Date};
use veille_model::Document;

/// Whether the document's times were resolved without any anchor: it has no publication date,
/// no date candidate and no full date in its text or captions, and some time expression.
pub fn lacks_time_anchor(doc: &Document) -> bool {
    if doc.times.is_empty() || doc.published.is_some() {
        return false;
    }
    time::infer_anchor(doc, language(doc)).0.is_none()
}

/// Resolves the document's time expressions again against `story_date` (ISO 8601) when it
/// lacks an anchor of its own; returns whether its times were rewritten.
pub fn anchor_times_on_story(doc: &mut Document, story_date: &str) -> bool {
    let Some(date) = Date::parse_iso(story_date) else {
        tracing::warn!(
            story_date,
            "story date is not an ISO 8601 date; times left as they are"
        );
        return false;
    };
    if !lacks_time_anchor(doc) {
        return false;
    }
    let lang = language(doc).to_string();
    let (_, year_hint) = time::infer_anchor(doc, &lang);
    let anchor = Anchor {
        date,
        kind: AnchorKind::Story,
    };
    doc.times = time::find_with_hint(&doc.text, Some(anchor), year_hint, &lang);
    true
}

fn language(doc: &Document) -> &str {
    doc.language.as_ref().map_or("", |f| f.value.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use veille_model::{Field, InputRef, SourceFormat};

    fn undated(text: &str) -> Document {
        let mut doc = Document::new("id", InputRef::default(), SourceFormat::Text, text);
        doc.language = Some(Field::new("fr".to_string(), "test", 0.9));
        veille_enrich::time::extract(&mut doc);
        doc
    }

    #[test]
    fn weekdays_of_an_undated_document_resolve_against_the_story_date() {
        let mut doc =
            undated("Le conseil municipal a voté le budget lundi, après trois heures de débat.");
        let monday = doc
            .times
            .iter()
            .find(|t| t.text == "lundi")
            .expect("lundi is found");
        assert_eq!(monday.anchor, "none");
        assert!(lacks_time_anchor(&doc));
        // 2025-03-14 is a Friday: the Monday before it, in a past-tense clause, is the 10th.
        assert!(anchor_times_on_story(&mut doc, "2025-03-14T09:00:00+01:00"));
        let monday = doc
            .times
            .iter()
            .find(|t| t.text == "lundi")
            .expect("still found");
        assert_eq!(monday.value, "2025-03-10");
        assert_eq!(monday.anchor, "story");
    }

    #[test]
    fn documents_with_a_date_of_their_own_keep_their_times() {
        let mut dated = undated("Le 3 mars 2025, le conseil a voté le budget lundi.");
        let before = dated.times.clone();
        assert!(
            !lacks_time_anchor(&dated),
            "the full date in the text is an anchor"
        );
        assert!(!anchor_times_on_story(&mut dated, "2025-03-14"));
        assert_eq!(dated.times, before);
        let mut published = undated("Le conseil a voté le budget lundi.");
        published.published = Some(Field::new("2025-03-12".to_string(), "test", 0.9));
        assert!(!anchor_times_on_story(&mut published, "2025-03-14"));
        let mut doc = undated("Le conseil a voté le budget lundi.");
        assert!(!anchor_times_on_story(&mut doc, "not a date"));
    }
}
