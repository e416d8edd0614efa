//! Flags of the trade: properties of a document that tell how it was made, each with the
//! evidence that triggered it and, when the evidence is in the clean body, its character span.
//!
//! - Machine-translation artefacts ([`mt`]): bracketed fragments left in another language
//!   (`[of Russia and Belarus]` in a French text), words glued across a lost space
//!   (`Soledarthéâtre`, `lecteursTout`).
//! - Unbalanced quote marks per paragraph ([`quotes`]).
//! - Republication and page markers ([`trade`]): scraper markers and accounts and paywall
//!   prompts found among the removed blocks, an article that stops mid-sentence.
//!
//! Flags already raised by extraction are kept; a flag of the same kind with the same evidence is
//! never listed twice.
//! Everything here is heuristic and language-aware only through small word lists; it never
//! rewrites the text.

pub(crate) mod lang;
mod mt;
mod quotes;
mod trade;

use veille_model::{CharOffsets, Document, Flag, FlagKind, Span};

/// Appends flags to `doc.flags`.
pub fn detect(doc: &mut Document) {
    let _span = tracing::debug_span!("flags").entered();
    let offsets = CharOffsets::new(&doc.text);
    let ctx = Context {
        doc,
        offsets: &offsets,
    };
    let mut found = Vec::new();
    mt::bracket_fragments(&ctx, &mut found);
    mt::glued_words(&ctx, &mut found);
    quotes::unbalanced(&ctx, &mut found);
    trade::from_removed(&ctx, &mut found);
    trade::truncated(&ctx, &mut found);
    // Extraction steps may each have raised the same flag (the cleaner and the metadata step
    // both see a scraper byline): keep one flag per kind and evidence.
    let mut all = std::mem::take(&mut doc.flags);
    all.extend(found);
    for flag in all {
        let known = doc
            .flags
            .iter()
            .any(|f| f.kind == flag.kind && f.evidence == flag.evidence);
        if !known {
            doc.flags.push(flag);
        }
    }
}

/// What every detector reads.
struct Context<'a> {
    doc: &'a Document,
    offsets: &'a CharOffsets,
}

impl Context<'_> {
    /// A flag whose evidence is `doc.text[bytes]`.
    fn flag_at(&self, kind: FlagKind, bytes: std::ops::Range<usize>) -> Flag {
        let evidence = self
            .doc
            .text
            .get(bytes.clone())
            .unwrap_or_default()
            .to_string();
        Flag {
            kind,
            evidence,
            span: Some(self.offsets.span(bytes)),
        }
    }

    /// Byte ranges of the paragraphs in `doc.text`, recomputed from their character spans.
    fn paragraph_ranges(&self) -> Vec<(usize, std::ops::Range<usize>)> {
        let text = &self.doc.text;
        let char_starts: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(text.len()))
            .collect();
        self.doc
            .paragraphs
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let Span { start, end } = p.span;
                let range = *char_starts.get(start)?..*char_starts.get(end)?;
                Some((i, range))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
