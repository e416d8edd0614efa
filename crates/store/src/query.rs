//! Search: the query a user writes, how it maps onto the index's per-language fields, and
//! the hits with highlighted snippets.
//!
//! The syntax is tantivy's: words (all required), `"phrases"`, `-excluded`, `a OR b`,
//! `prefix*`, and field filters. User-facing field names (`title:`, `text:`, `outlet:`,
//! `lang:`, `entity:`, `place:`, `speaker:`, `claim:`, `url:`, `date:`) are rewritten on the
//! parsed query into the index's fields; `title:` and `text:` expand to every language's field,
//! so that each language's stemmer analyses the query words. `entity:` matches canonical
//! names, surface forms and ids, so "Poutine" and "Vladimir Putin" find the same documents.

use std::ops::Bound;

use serde::Serialize;
use tantivy::query::{
    AllQuery, BooleanQuery, EmptyQuery, Occur, Query, QueryParser, QueryParserError, RangeQuery,
};
use tantivy::query_grammar::{Delimiter, UserInputAst, UserInputLeaf, UserInputLiteral};
use tantivy::schema::{Field, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{collector::Count, collector::TopDocs, Searcher, TantivyDocument};

use crate::index::{parse_date, FullTextIndex};
use crate::{Result, StoreError};

/// A search request.
#[derive(Debug, Clone)]
pub struct SearchQuery {
    /// Query text (see the module documentation for the syntax). Empty or `*` matches all.
    pub text: String,
    /// Only documents published at or after this date (ISO 8601).
    pub since: Option<String>,
    /// Only documents published on or before this date (ISO 8601; a bare date includes
    /// the whole day).
    pub until: Option<String>,
    /// Only documents in this language (ISO 639-1).
    pub language: Option<String>,
    /// Only documents from this outlet (site name or host words).
    pub outlet: Option<String>,
    /// Only documents naming this entity (canonical name, a surface form, or an id such as
    /// `person:vladimir-putin`).
    pub entity: Option<String>,
    /// Only documents naming this place (gazetteer name, name as written, country code or
    /// GeoNames id).
    pub place: Option<String>,
    /// Only documents quoting this speaker (as named, or any name of the linked entity).
    pub speaker: Option<String>,
    /// Hits to return.
    pub limit: usize,
    /// Hits to skip (paging).
    pub offset: usize,
    /// Snippet length in characters.
    pub snippet_chars: usize,
}

impl SearchQuery {
    /// A query for `text` with the default limits (20 hits, 200-character snippets).
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            since: None,
            until: None,
            language: None,
            outlet: None,
            entity: None,
            place: None,
            speaker: None,
            limit: 20,
            offset: 0,
            snippet_chars: 200,
        }
    }
}

/// A highlighted range of a snippet, in characters from the start of the fragment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Highlight {
    /// First character, inclusive.
    pub start: usize,
    /// Last character, exclusive.
    pub end: usize,
}

/// An excerpt of the body around the matches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Snippet {
    /// The excerpt.
    pub fragment: String,
    /// The matched words in it.
    pub highlights: Vec<Highlight>,
}

/// One matching article.
#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    /// Content id.
    pub id: String,
    /// Relevance score (BM25).
    pub score: f32,
    /// Headline.
    pub title: Option<String>,
    /// Publication date (ISO 8601).
    pub published: Option<String>,
    /// Site name or host.
    pub outlet: Option<String>,
    /// Language code.
    pub language: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Excerpt with the matches.
    pub snippet: Snippet,
    /// Canonical names of the entities the document names.
    pub entities: Vec<String>,
    /// Gazetteer names of the places it names.
    pub places: Vec<String>,
}

/// The answer to a [`SearchQuery`].
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// Matching documents in all.
    pub total: usize,
    /// The requested page of hits, best first.
    pub hits: Vec<SearchHit>,
    /// Parts of the query that could not be understood and were skipped.
    pub warnings: Vec<String>,
}

/// Identities a filter's name stands for, looked up in the archive's `known_names`: a filter
/// matches documents naming it as written, or naming any of these identities.
#[derive(Debug, Clone, Default)]
pub struct Expansions {
    /// Entity ids for `entity`.
    pub entity_ids: Vec<String>,
    /// Place keys for `place`.
    pub place_ids: Vec<String>,
    /// Entity ids for `speaker`.
    pub speaker_ids: Vec<String>,
}

/// A hit as the index knows it, before the database fills in the rest.
pub struct RawHit {
    pub id: String,
    pub score: f32,
    pub analyzer_key: String,
}

/// An executed query: its hits and what is needed to cut snippets.
pub struct Execution {
    searcher: Searcher,
    query: Box<dyn Query>,
    pub total: usize,
    pub hits: Vec<RawHit>,
    pub warnings: Vec<String>,
}

/// Where a user-facing field name points in the index.
enum Target {
    One(&'static str),
    Many(Vec<String>),
}

fn resolve_field(index: &FullTextIndex, name: &str) -> Result<Target> {
    let f = index.fields();
    let names = |fields: &[(&'static str, Field)], prefix: &str| {
        fields
            .iter()
            .map(|(key, _)| format!("{prefix}_{key}"))
            .collect::<Vec<_>>()
    };
    Ok(match name.to_ascii_lowercase().as_str() {
        "title" | "headline" => Target::Many(names(&f.titles, "title")),
        "text" | "body" => Target::Many(names(&f.texts, "text")),
        "outlet" | "site" | "source" => Target::One("outlet"),
        "lang" | "language" => Target::One("lang"),
        "entity" | "entities" => Target::One("entity"),
        "place" | "places" => Target::One("place"),
        "speaker" => Target::One("speaker"),
        "claim" | "claims" | "unit" => Target::One("claim"),
        "url" => Target::One("url"),
        "id" => Target::One("id"),
        "date" | "published" => Target::One("published"),
        other => {
            return Err(StoreError::Query(format!(
                "unknown field `{other}:`; use title:, text:, outlet:, lang:, entity:, place:, \
                 speaker:, claim:, url:, date: or quote the words"
            )))
        }
    })
}

fn leaf_field(leaf: &UserInputLeaf) -> Option<&str> {
    match leaf {
        UserInputLeaf::Literal(literal) => literal.field_name.as_deref(),
        UserInputLeaf::Range { field, .. }
        | UserInputLeaf::Set { field, .. }
        | UserInputLeaf::Regex { field, .. } => field.as_deref(),
        UserInputLeaf::Exists { field } => Some(field),
        UserInputLeaf::All => None,
    }
}

fn with_field(leaf: &UserInputLeaf, name: &str) -> UserInputLeaf {
    let mut leaf = leaf.clone();
    match &mut leaf {
        UserInputLeaf::Literal(literal) => literal.field_name = Some(name.to_string()),
        UserInputLeaf::Range { field, .. }
        | UserInputLeaf::Set { field, .. }
        | UserInputLeaf::Regex { field, .. } => *field = Some(name.to_string()),
        UserInputLeaf::Exists { field } => *field = name.to_string(),
        UserInputLeaf::All => {}
    }
    leaf
}

/// Rewrites user-facing field names into index fields. Recursion follows the parsed query,
/// whose depth the grammar bounds by the query's length.
fn rewrite(index: &FullTextIndex, ast: UserInputAst) -> Result<UserInputAst> {
    Ok(match ast {
        UserInputAst::Clause(clauses) => UserInputAst::Clause(
            clauses
                .into_iter()
                .map(|(occur, sub)| Ok((occur, rewrite(index, sub)?)))
                .collect::<Result<_>>()?,
        ),
        UserInputAst::Boost(sub, boost) => {
            UserInputAst::Boost(Box::new(rewrite(index, *sub)?), boost)
        }
        UserInputAst::Leaf(leaf) => match leaf_field(&leaf) {
            None => UserInputAst::Leaf(leaf),
            Some(name) => match resolve_field(index, name)? {
                Target::One(field) => UserInputAst::Leaf(Box::new(with_field(&leaf, field))),
                Target::Many(fields) => UserInputAst::Clause(
                    fields
                        .iter()
                        .map(|field| {
                            (
                                Some(Occur::Should),
                                UserInputAst::Leaf(Box::new(with_field(&leaf, field))),
                            )
                        })
                        .collect(),
                ),
            },
        },
    })
}

fn phrase_filter(field: &str, value: &str) -> UserInputAst {
    UserInputAst::Leaf(Box::new(UserInputLeaf::Literal(UserInputLiteral {
        field_name: Some(field.to_string()),
        phrase: value.to_string(),
        delimiter: Delimiter::DoubleQuotes,
        slop: 0,
        prefix: false,
    })))
}

fn date_bound(
    value: Option<&str>,
    end_of_day: bool,
    flag: &str,
) -> Result<Bound<tantivy::DateTime>> {
    let Some(value) = value else {
        return Ok(Bound::Unbounded);
    };
    let date = parse_date(value).ok_or_else(|| {
        StoreError::Query(format!(
            "{flag} {value:?} is not a date (use YYYY-MM-DD or RFC 3339)"
        ))
    })?;
    let is_bare_date = value.trim().len() == 10;
    Ok(if end_of_day && is_bare_date {
        Bound::Excluded(tantivy::DateTime::from_timestamp_secs(
            date.into_timestamp_secs() + 86_400,
        ))
    } else {
        Bound::Included(date)
    })
}

/// Parses and runs a query against the committed index.
pub fn execute(
    index: &FullTextIndex,
    request: &SearchQuery,
    expansions: &Expansions,
) -> Result<Execution> {
    let fields = index.fields();
    let default_fields: Vec<Field> = fields
        .titles
        .iter()
        .chain(&fields.texts)
        .map(|(_, f)| *f)
        .collect();
    let mut parser = QueryParser::for_index(index.index(), default_fields);
    parser.set_conjunction_by_default();
    for (_, title) in &fields.titles {
        parser.set_field_boost(*title, 2.0);
    }
    let mut warnings = Vec::new();
    let text = request.text.trim();
    // (is a filter, part): a filter value without a searchable word matches nothing; query text
    // without one ("-word" alone) is an error worth reporting.
    let mut clauses: Vec<(bool, UserInputAst)> = Vec::new();
    if !text.is_empty() && text != "*" {
        let (ast, errors) = tantivy::query_grammar::parse_query_lenient(text);
        warnings.extend(
            errors
                .into_iter()
                .map(|e| format!("at character {}: {}", e.pos, e.message)),
        );
        clauses.push((false, rewrite(index, ast)?));
    }
    if let Some(language) = &request.language {
        clauses.push((true, phrase_filter("lang", language)));
    }
    if let Some(outlet) = &request.outlet {
        clauses.push((true, phrase_filter("outlet", outlet)));
    }
    let filters = [
        (
            "entity",
            &request.entity,
            "entity_id",
            &expansions.entity_ids,
        ),
        ("place", &request.place, "place_id", &expansions.place_ids),
        (
            "speaker",
            &request.speaker,
            "speaker_id",
            &expansions.speaker_ids,
        ),
    ];
    for (field, value, id_field, ids) in filters {
        if let Some(value) = value {
            let alternatives = std::iter::once(phrase_filter(field, value))
                .chain(ids.iter().map(|id| phrase_filter(id_field, id)))
                .map(|ast| (Some(Occur::Should), ast))
                .collect();
            clauses.push((true, UserInputAst::Clause(alternatives)));
        }
    }
    // Each part is built on its own, so that a filter value without a single searchable word
    // (punctuation only) matches nothing rather than failing the whole query.
    let mut parts: Vec<(Occur, Box<dyn Query>)> = Vec::with_capacity(clauses.len());
    for (is_filter, ast) in clauses {
        let part: Box<dyn Query> = match parser.build_query_from_user_input_ast(ast) {
            Ok(part) => part,
            Err(QueryParserError::AllButQueryForbidden) if is_filter => {
                warnings.push("a filter value has no searchable word: it matches nothing".into());
                Box::new(EmptyQuery)
            }
            Err(e) => return Err(StoreError::Query(e.to_string())),
        };
        parts.push((Occur::Must, part));
    }
    let mut query: Box<dyn Query> = if parts.is_empty() {
        Box::new(AllQuery)
    } else {
        Box::new(BooleanQuery::new(parts))
    };
    let lower = date_bound(request.since.as_deref(), false, "--since")?;
    let upper = date_bound(request.until.as_deref(), true, "--until")?;
    if !matches!((&lower, &upper), (Bound::Unbounded, Bound::Unbounded)) {
        let term = |d: tantivy::DateTime| tantivy::Term::from_field_date(fields.published, d);
        let range = RangeQuery::new(lower.map(term), upper.map(term));
        query = Box::new(BooleanQuery::new(vec![
            (Occur::Must, query),
            (Occur::Must, Box::new(range)),
        ]));
    }
    let searcher = index.reader().searcher();
    let collector = (
        TopDocs::with_limit(request.limit.max(1))
            .and_offset(request.offset)
            .order_by_score(),
        Count,
    );
    let index_err = |source| StoreError::Index {
        path: std::path::PathBuf::from("index"),
        source,
    };
    let (top, total) = searcher.search(&query, &collector).map_err(index_err)?;
    let mut hits = Vec::with_capacity(top.len());
    for (score, address) in top {
        let doc: TantivyDocument = searcher.doc(address).map_err(index_err)?;
        let text_of = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        hits.push(RawHit {
            id: text_of(fields.id),
            score,
            analyzer_key: text_of(fields.analyzer),
        });
    }
    if request.limit == 0 {
        hits.clear();
    }
    Ok(Execution {
        searcher,
        query,
        total,
        hits,
        warnings,
    })
}

impl Execution {
    /// Cuts a snippet of `text` (the body of a hit indexed under `analyzer_key`) around the
    /// query's words; the start of the text when no word of the body matched.
    pub fn snippet(
        &self,
        index: &FullTextIndex,
        analyzer_key: &str,
        text: &str,
        max_chars: usize,
    ) -> Snippet {
        let generated = index
            .fields()
            .text_field(analyzer_key)
            .and_then(|field| SnippetGenerator::create(&self.searcher, &*self.query, field).ok())
            .map(|mut generator| {
                generator.set_max_num_chars(max_chars.max(20));
                generator.snippet(text)
            });
        match generated {
            Some(snippet) if !snippet.is_empty() => {
                let fragment = snippet.fragment();
                let offsets = veille_model::CharOffsets::new(fragment);
                Snippet {
                    fragment: fragment.to_string(),
                    highlights: snippet
                        .highlighted()
                        .iter()
                        .map(|range| {
                            let span = offsets.span(range.clone());
                            Highlight {
                                start: span.start,
                                end: span.end,
                            }
                        })
                        .collect(),
                }
            }
            _ => Snippet {
                fragment: leading_words(text, max_chars),
                highlights: Vec::new(),
            },
        }
    }
}

/// The first `max_chars` characters of `text`, cut at a word boundary.
fn leading_words(text: &str, max_chars: usize) -> String {
    let text = text.trim();
    match text.char_indices().nth(max_chars) {
        None => text.to_string(),
        Some((cut, _)) => {
            let head = &text[..cut];
            let head = head
                .rsplit_once(char::is_whitespace)
                .map_or(head, |(h, _)| h);
            format!("{}…", head.trim_end())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_words_cut_at_a_word_boundary_and_respect_characters() {
        assert_eq!(leading_words("été à Paris", 100), "été à Paris");
        assert_eq!(leading_words("été à Paris", 7), "été à…");
        assert_eq!(leading_words("ééééé", 2), "éé…");
    }
}
