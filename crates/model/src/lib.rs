//! The veille data model and JSON contract.
//!
//! This crate owns every type that crosses a stage boundary or leaves the program as JSON:
//! [`RawDocument`] (what ingest hands to extract), [`Document`] (what analysis produces),
//! [`Field`] (a metadata value with the signal it came from and a confidence),
//! [`Flag`], [`Removed`], [`ErrorRecord`] and [`SCHEMA_VERSION`].
//!
//! It is an **API boundary**: within one `schema_version` the serialised shape only grows
//! (new optional fields, new enum values), it never renames or removes anything.
//! `docs/json-contract.md` documents every field and must be updated with this crate.
//!
//! The crate does no IO and holds no logic beyond small constructors and helpers, and
//! [`packed`], the deflated JSON in which the archive keeps documents and linker features.
#![warn(missing_docs)]

mod archive;
mod document;
pub mod packed;
mod raw;
mod understanding;

pub use archive::*;
pub use document::*;
pub use raw::*;
pub use understanding::*;

/// Version of the JSON contract. Bumped only for a breaking change.
pub const SCHEMA_VERSION: u32 = 1;
