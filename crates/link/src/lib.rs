//! Link: which documents are copies, near copies or translations of each other, who published
//! first, and which documents tell the same story. Pure algorithms, no IO.
//!
//! Data flow: a [`Document`](veille_model::Document) becomes [`DocFeatures`] (normalised hash,
//! MinHash signature, paragraph fingerprints, names, numbers, stemmed terms; serialisable as the
//! store's features blob). [`Linker::add`] compares it with candidates from its indexes (exact
//! hash, MinHash LSH, paragraph fingerprints, rare names and numbers across languages), records
//! [`Link`](veille_model::Link)s with their evidence, and places it in a story through the
//! [`StoryBook`]. [`Linker::why`] explains any pair, [`Linker::provenance`] builds the family of
//! copies around a document, and [`to_dot`] draws it.
//!
//! The crate does not read files, talk to a database or download anything; the store persists
//! what the linker returns and replays features to rebuild it.
//!
//! ```
//! use veille_link::{minhash::{jaccard_estimate, MinHasher}, text::normalised_words};
//! let hasher = MinHasher::default();
//! let a = hasher.signature(&normalised_words("The council approved the new budget on Tuesday after a debate."));
//! let b = hasher.signature(&normalised_words("The council approved the new budget on Tuesday, after a debate!"));
//! assert_eq!(jaccard_estimate(&a, &b), 1.0);
//! ```
#![warn(missing_docs)]

pub mod compare;
pub mod features;
pub mod linker;
pub mod minhash;
pub mod provenance;
pub mod stories;
pub mod summary;
pub mod text;

pub use compare::{compare, Comparison, CopyConfig, Idf, TranslationSignals, UniformIdf};
pub use features::{DocFeatures, FeaturesError, FEATURES_VERSION};
pub use linker::{LinkConfig, LinkOutcome, Linker, StoryAssignment, WhyReport};
pub use provenance::{provenance, to_dot};
pub use stories::{StoryBook, StoryConfig};

#[cfg(test)]
pub(crate) mod test_support {
    use veille_model::{Document, Field, InputRef, SourceFormat};

    /// A bare document with a title, body, language and date, the way the pipeline fills one.
    pub(crate) fn document(
        id: &str,
        lang: &str,
        title: &str,
        text: &str,
        published: Option<&str>,
    ) -> Document {
        Document {
            title: Some(Field::new(title.to_string(), "test", 0.9)),
            published: published.map(|p| Field::new(p.to_string(), "test", 0.9)),
            language: Some(Field::new(lang.to_string(), "test", 0.9)),
            ..Document::new(
                id.to_string(),
                InputRef::default(),
                SourceFormat::Text,
                text.to_string(),
            )
        }
    }
}
