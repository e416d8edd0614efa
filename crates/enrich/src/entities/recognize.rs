//! Rule-based named-entity recognition: capitalised spans found with the tokenizer, typed as
//! person, organisation or location from the alias table, the gazetteer, given names, cue
//! words and the words around them. No model, no IO; linear in the text. The trained tagger
//! ([`super::tagger`]) takes this module's output as features where a language ships a model.
//!
//! The typing order matters and encodes *why* a decision is trusted: a listed alias beats a
//! gazetteer hit, a head word ("Université", "Lake") beats a given name, a given name beats the
//! fallback guesses for unknown words.

use ahash::AHashSet as HashSet;
use std::ops::Range;

use veille_model::EntityKind;

use super::identity::AliasTable;
use super::lexicon::{Cue, Lexicon};
use super::tokens::{tokenize, Token};
use crate::places::gazetteer::Gazetteer;

/// A recognised name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedSpan {
    /// Byte range of the name in the text.
    pub bytes: Range<usize>,
    /// Type.
    pub kind: EntityKind,
    /// Byte range of a title or role written next to it ("le porte-parole du Kremlin").
    pub title: Option<Range<usize>>,
}

/// Lowercase words that may sit inside a name between capitalised words
/// ("Charles de Gaulle", "Bank of England", "Ursula von der Leyen", "Alexandre le Grand").
fn is_connector(word: &str) -> bool {
    matches!(
        word,
        "de" | "du"
            | "d'"
            | "d’"
            | "la"
            | "le"
            | "of"
            | "the"
            | "von"
            | "van"
            | "der"
            | "den"
            | "del"
            | "della"
            | "di"
            | "da"
            | "dos"
            | "das"
            | "do"
            | "zu"
            | "y"
            | "al"
            | "el"
            | "bin"
            | "ben"
            | "ibn"
            | "and"
            | "&"
            | "on"
            | "upon"
            | "sur"
            | "en"
            | "lès"
    )
}

/// Connectors that only join two names when the result is a known name (they also
/// coordinate two separate names: "France and Germany", "Paris en France").
fn is_weak_connector(word: &str) -> bool {
    matches!(
        word,
        "and" | "&" | "y" | "en" | "the" | "on" | "upon" | "sur" | "lès"
    )
}

/// Prepositions that link a lowercase head to the name ("détroit de Gibraltar").
fn is_head_link(word: &str) -> bool {
    matches!(word, "de" | "du" | "d'" | "d’" | "del" | "di")
}

/// Place heads that stay part of the name when linked by "de" ("détroit de Gibraltar",
/// "comté de Broward"), unlike "île de Ré" or "église de Chamonix" where the name alone is
/// the entity under CoNLL conventions.
fn keeps_linked_head(word: &str) -> bool {
    matches!(
        word,
        "détroit"
            | "comté"
            | "golfe"
            | "baie"
            | "canal"
            | "gare"
            | "aéroport"
            | "estrecho"
            | "golfo"
            | "bahía"
    )
}

/// Languages that put the head word first and write it in lowercase ("lac Tchad",
/// "Parti socialiste"); `None` (unknown) behaves like them.
fn is_romance(lang: Option<&str>) -> bool {
    matches!(lang, None | Some("fr" | "es" | "it" | "pt" | "ca" | "ro"))
}

/// Languages where an unknown run of capitalised words is as likely a work, a team or (in
/// German, which capitalises every noun) a plain noun phrase as a person.
fn is_title_case_language(lang: Option<&str>) -> bool {
    matches!(lang, Some("en" | "de"))
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn starts_lower(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase)
}

fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    (2..=7).contains(&letters)
        && word
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '.' || c == '-' || c == '&')
}

/// Name-like token inside a span: capitalised, or a lowercase Arabic article glued to a
/// capitalised name ("al-Assad").
fn is_name_word(word: &str) -> bool {
    // A capitalised elision ("L'", "D’") opens a sentence, not a name.
    if word.ends_with('\'') || word.ends_with('’') {
        return false;
    }
    if starts_upper(word) {
        return true;
    }
    ["al-", "el-", "ad-", "as-", "ash-", "ibn-", "bin-", "ben-"]
        .iter()
        .any(|p| word.strip_prefix(p).is_some_and(starts_upper))
}

/// Demonym-shaped words (English, French, German, Spanish adjectives and nouns of nationality)
/// that are MISC under CoNLL conventions.
fn looks_like_demonym(word: &str) -> bool {
    const SUFFIXES: [&str; 14] = [
        "ian", "ians", "ese", "ish", "ean", "eans", "ais", "aise", "aises", "ois", "oise", "iens",
        "ienne", "iennes",
    ];
    word.chars().count() > 5 && SUFFIXES.iter().any(|s| word.ends_with(s))
}

/// Recognises names in `text`. `lang` (ISO 639-1) selects the function-word list and the
/// language conventions; `None` uses all lists.
///
/// Spans typed [`EntityKind::Other`] are names the rules could not type with confidence
/// (a lone unknown capitalised word, an unknown Title Case run in English).
pub fn recognize(text: &str, lang: Option<&str>) -> Vec<NamedSpan> {
    let tokens = tokenize(text);
    let lex = Lexicon::get();
    let mut lowercase_words: Option<HashSet<&str>> = None;
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let tok = &tokens[i];
        let word = tok.text(text);
        if !tok.is_word || !is_name_word(word) || lex.has_cue(word, Cue::Title) {
            i += 1;
            continue;
        }
        let next_is_name = tokens
            .get(i + 1)
            .is_some_and(|t| t.is_word && starts_upper(t.text(text)) && !t.sentence_start);
        // "European" alone is not a name; "European Commission" is.
        if lex.has_cue(word, Cue::Misc) && !next_is_name {
            i += 1;
            continue;
        }
        let lower = word.to_lowercase();
        if lex.is_stopword(&lower, lang) && !lex.has_cue(word, Cue::NamePart) {
            // "Le Monde", "Los Angeles" mid-sentence; never at a sentence start ("La France").
            if tok.sentence_start || !next_is_name {
                i += 1;
                continue;
            }
        }
        let mut end = extend_span(text, &tokens, i, lex);
        let romance = is_romance(lang);
        if romance && end == i + 1 && (lex.has_cue(word, Cue::Org) || lex.has_cue(word, Cue::Loc)) {
            end = extend_romance_head(text, &tokens, end, lex, lang);
        }
        let (start, head) = if romance {
            lowercase_head(text, &tokens, i, lex)
        } else {
            (i, None)
        };
        let span_words: Vec<&str> = tokens[i..end].iter().map(|t| t.text(text)).collect();
        let bytes = tokens[start].bytes.start..tokens[end - 1].bytes.end;
        let surface = &text[tokens[i].bytes.start..tokens[end - 1].bytes.end];
        let context = Context::new(text, &tokens, i, lex);
        let kind = head.or_else(|| {
            classify(surface, &span_words, &context, lex, lang, || {
                lowercase_words.get_or_insert_with(|| {
                    tokens
                        .iter()
                        .map(|t| t.text(text))
                        .filter(|w| starts_lower(w))
                        .collect()
                })
            })
        });
        if let Some(kind) = kind {
            let title = if kind == EntityKind::Person {
                find_title(text, &tokens, i, end, lex)
            } else {
                None
            };
            out.push(NamedSpan { bytes, kind, title });
        }
        i = end;
    }
    out
}

/// A lowercase head right before a name ("lac Tchad", "université de Lyon"): the index where
/// the full name starts and the kind the head gives.
fn lowercase_head(
    text: &str,
    tokens: &[Token],
    start: usize,
    lex: &Lexicon,
) -> (usize, Option<EntityKind>) {
    let head_kind = |t: &Token| {
        let w = t.text(text);
        if !t.is_word {
            None
        } else if lex.has_cue(w, Cue::LocHead) {
            Some(EntityKind::Location)
        } else if lex.has_cue(w, Cue::OrgHead) {
            Some(EntityKind::Organization)
        } else {
            None
        }
    };
    if start >= 1 && !tokens[start].sentence_start {
        if let Some(kind) = head_kind(&tokens[start - 1]) {
            return (start - 1, Some(kind));
        }
        if start >= 2 && is_head_link(tokens[start - 1].text(text)) {
            let head = &tokens[start - 2];
            if let Some(kind) = head_kind(head) {
                if kind == EntityKind::Organization || keeps_linked_head(head.text(text)) {
                    return (start - 2, Some(kind));
                }
            }
        }
    }
    (start, None)
}

/// Extends a capitalised Romance head ("Parti", "Ligue", "Assemblée") over the lowercase
/// words that complete it ("Parti socialiste", "Ligue majeure de baseball").
fn extend_romance_head(
    text: &str,
    tokens: &[Token],
    end: usize,
    lex: &Lexicon,
    lang: Option<&str>,
) -> usize {
    let content = |k: usize| {
        tokens.get(k).is_some_and(|t| {
            let w = t.text(text);
            t.is_word
                && !t.sentence_start
                && starts_lower(w)
                && !lex.is_stopword(&w.to_lowercase(), lang)
        })
    };
    let mut e = end;
    while e < end + 2 && content(e) {
        e += 1;
    }
    if e > end && tokens.get(e).is_some_and(|t| is_head_link(t.text(text))) {
        if content(e + 1) {
            return e + 2;
        }
        let mut k = e + 1;
        while tokens
            .get(k)
            .is_some_and(|t| t.is_word && !t.sentence_start && is_name_word(t.text(text)))
        {
            k += 1;
        }
        if k > e + 1 {
            return k;
        }
    }
    e
}

/// End (exclusive token index) of the name starting at `start`.
fn extend_span(text: &str, tokens: &[Token], start: usize, lex: &Lexicon) -> usize {
    let mut end = start + 1;
    let mut j = start + 1;
    let mut connector_groups = 0;
    while j < tokens.len() {
        let t = &tokens[j];
        if t.sentence_start || !t.is_word {
            break;
        }
        let w = t.text(text);
        if is_name_word(w) {
            j += 1;
            end = j;
            continue;
        }
        // One group of up to two connectors, then a name word. A full personal name does not
        // take a connector: "David Gilmour de Pink Floyd" is a person and a band.
        let full_person =
            end - start >= 2 && lex.is_first_name(&tokens[start].text(text).to_lowercase());
        if connector_groups >= 1 || full_person {
            break;
        }
        let mut k = j;
        let mut weak = false;
        while k < tokens.len()
            && k < j + 2
            && tokens[k].is_word
            && is_connector(tokens[k].text(text))
        {
            weak |= is_weak_connector(tokens[k].text(text));
            k += 1;
        }
        let joined = k > j
            && tokens
                .get(k)
                .is_some_and(|t| t.is_word && !t.sentence_start && is_name_word(t.text(text)));
        if !joined {
            break;
        }
        if weak {
            // Only keep a weak join when the whole is a listed name ("Bosnia and Herzegovina").
            let mut m = k + 1;
            while m < tokens.len()
                && tokens[m].is_word
                && is_name_word(tokens[m].text(text))
                && !tokens[m].sentence_start
            {
                m += 1;
            }
            let whole = &text[tokens[start].bytes.start..tokens[m - 1].bytes.end];
            if AliasTable::get().lookup(whole).is_none()
                && Gazetteer::get().lookup(whole).is_empty()
            {
                break;
            }
        }
        connector_groups += 1;
        j = k + 1;
        end = j;
    }
    end
}

/// What the words right before a span say.
struct Context {
    sentence_start: bool,
    after_determiner: bool,
    after_title: bool,
    after_loc_prep: bool,
}

impl Context {
    fn new(text: &str, tokens: &[Token], start: usize, lex: &Lexicon) -> Context {
        let prev = start.checked_sub(1).map(|p| &tokens[p]);
        let prev_word = prev.filter(|t| t.is_word).map(|t| t.text(text));
        let after_title = prev_word.is_some_and(|w| lex.has_cue(w, Cue::Title))
            || (start >= 2
                && tokens[start - 1].text(text) == "."
                && lex.has_cue(
                    &text[tokens[start - 2].bytes.start..tokens[start - 1].bytes.end],
                    Cue::Title,
                ));
        Context {
            sentence_start: tokens[start].sentence_start,
            after_determiner: prev_word.is_some_and(|w| matches!(w, "la" | "le" | "l'" | "l’")),
            after_title,
            after_loc_prep: prev_word.is_some_and(|w| lex.has_cue(w, Cue::LocPrep)),
        }
    }
}

fn classify<'a>(
    surface: &str,
    words: &[&str],
    ctx: &Context,
    lex: &Lexicon,
    lang: Option<&str>,
    lowercase_words: impl FnOnce() -> &'a HashSet<&'a str>,
) -> Option<EntityKind> {
    let gaz = Gazetteer::get();
    if let Some(known) = AliasTable::get().lookup(surface) {
        return Some(known.kind);
    }
    let first = words.first().copied().unwrap_or("");
    let last = words.last().copied().unwrap_or("");
    let multi = words.len() > 1;
    // An all-capitals line with function words is a headline or a label, not a name.
    if words.len() >= 3
        && words.iter().all(|w| !w.chars().any(char::is_lowercase))
        && words
            .iter()
            .any(|w| lex.is_stopword(&w.to_lowercase(), lang))
    {
        return None;
    }
    if multi && words.iter().any(|w| lex.has_cue(w, Cue::Event)) {
        return Some(EntityKind::Other);
    }
    if multi && is_team(words, gaz) {
        return Some(EntityKind::Organization);
    }
    if multi
        && (lex.has_cue(first, Cue::Loc) || lex.has_cue(last, Cue::Loc))
        && !lex.has_cue(first, Cue::Org)
    {
        return Some(EntityKind::Location);
    }
    if words.iter().any(|w| lex.has_cue(w, Cue::Org)) {
        return Some(EntityKind::Organization);
    }
    if ctx.after_title {
        return Some(EntityKind::Person);
    }
    let first_is_name = lex.is_first_name(&first.to_lowercase());
    if multi && first_is_name && !gaz.is_area(surface) {
        return Some(EntityKind::Person);
    }
    if gaz.is_area(surface) {
        return Some(EntityKind::Location);
    }
    // "North Vietnam", "Lower Saxony", "Nouvelle-Calédonie" style: a position word before a
    // place.
    if multi && lex.has_cue(first, Cue::NamePart) {
        let rest = &surface[first.len()..].trim_start();
        if gaz.is_area(rest) || gaz.best_city_population(rest, true).is_some() {
            return Some(EntityKind::Location);
        }
    }
    if !multi && is_acronym(first) {
        return Some(EntityKind::Organization);
    }
    if gaz.best_city_population(surface, true).is_some() {
        return Some(EntityKind::Location);
    }
    // "Ajax Amsterdam", "Dinamo Zagreb", "LOSC Lille": a club or company named with its
    // city last (persons with a listed given name were taken above).
    if multi
        && words.len() <= 3
        && words.iter().all(|w| is_name_word(w))
        && !lex.has_cue(first, Cue::NamePart)
        && gaz
            .best_city_population(last, true)
            .is_some_and(|p| p >= 50_000)
        && gaz.lookup(first).is_empty()
    {
        return Some(EntityKind::Organization);
    }
    if !multi {
        if lex.has_cue(first, Cue::Misc) || looks_like_demonym(first) {
            return None;
        }
        if lowercase_words().contains(first.to_lowercase().as_str()) {
            // The same word written in lowercase elsewhere: a common word at a sentence start
            // or in a headline, not a name.
            return None;
        }
        // A lone alternate name of a small town is weak evidence ("Iskander", the missile, is
        // also a spelling of Iskandar, Uzbekistan).
        let big_alternate = gaz
            .best_city_population(surface, false)
            .is_some_and(|p| p >= 100_000);
        if ctx.after_loc_prep || ctx.after_determiner || big_alternate {
            return Some(EntityKind::Location);
        }
        if ctx.sentence_start {
            return None;
        }
        return Some(if first_is_name {
            EntityKind::Person
        } else {
            EntityKind::Other
        });
    }
    if ctx.after_loc_prep {
        return Some(EntityKind::Location);
    }
    if is_title_case_language(lang) {
        // Title Case runs are works and teams as often as people; a short run of words that
        // are not ordinary words of the language is a personal name more often than not.
        let plain_names = words.len() <= 3
            && words
                .iter()
                .all(|w| lex.is_common_word(&w.to_lowercase(), lang) == Some(false));
        return Some(if plain_names {
            EntityKind::Person
        } else {
            EntityKind::Other
        });
    }
    if words.len() <= 3 && words.iter().all(|w| is_name_word(w)) {
        return Some(EntityKind::Person);
    }
    Some(EntityKind::Organization)
}

/// Sports-team shapes: "Mariners de Seattle" (plural name, connector, city) and "Toronto Blue
/// Jays" (city, then a plural name).
fn is_team(words: &[&str], gaz: &Gazetteer) -> bool {
    let plural = |w: &str| w.len() > 3 && w.ends_with('s');
    let is_city = |name: &str| gaz.best_city_population(name, false).is_some();
    let first = words.first().copied().unwrap_or("");
    let last = words.last().copied().unwrap_or("");
    if plural(first) && words.len() >= 3 && is_connector(words[1]) {
        let place = if words.len() >= 4 && is_connector(words[2]) {
            &words[3..]
        } else {
            &words[2..]
        };
        return place.first().is_some_and(|w| is_city(w)) || is_city(&place.join(" "));
    }
    plural(last) && (is_city(first) || (words.len() >= 3 && is_city(&words[..2].join(" "))))
}

/// Title or role next to a person: before the name ("le porte-parole du Kremlin, Dmitri
/// Peskov") or as an apposition after it ("Dmitri Peskov, porte-parole du Kremlin,").
fn find_title(
    text: &str,
    tokens: &[Token],
    start: usize,
    end: usize,
    lex: &Lexicon,
) -> Option<Range<usize>> {
    const MAX_WORDS: usize = 7;
    const DETERMINERS: [&str; 10] = [
        "le", "la", "l'", "the", "der", "die", "el", "les", "son", "sa",
    ];
    let stops = |t: &Token| !t.is_word && !matches!(t.text(text), "," | "-" | "'" | "’");
    // Before: walk back over a short run of words.
    let mut k = start;
    let mut steps = 0;
    while k > 0 && steps < MAX_WORDS {
        let t = &tokens[k - 1];
        if stops(t) {
            break;
        }
        let w = t.text(text);
        // Do not run over another person or a coordination ("le ministre X et Y").
        if t.is_word
            && (matches!(
                w,
                "et" | "and" | "und" | "y" | "ou" | "or" | "avec" | "with"
            ) || lex.is_first_name(&w.to_lowercase()))
        {
            break;
        }
        if t.is_word && lex.has_cue(w, Cue::Title) {
            let mut from = k - 1;
            if from > 0
                && DETERMINERS.contains(&tokens[from - 1].text(text).to_lowercase().as_str())
            {
                from -= 1;
            }
            let mut to = start;
            while to > from + 1 && !tokens[to - 1].is_word {
                to -= 1;
            }
            // A bare courtesy title ("M.") is not worth keeping as evidence.
            if to - from == 1 && tokens[from].text(text).ends_with('.') {
                return None;
            }
            return Some(tokens[from].bytes.start..tokens[to - 1].bytes.end);
        }
        if t.sentence_start {
            break;
        }
        k -= 1;
        steps += 1;
    }
    // After: ", [det] title ... ," apposition.
    if tokens.get(end).is_some_and(|t| t.text(text) == ",") {
        let mut from = end + 1;
        if tokens
            .get(from)
            .is_some_and(|t| DETERMINERS.contains(&t.text(text).to_lowercase().as_str()))
        {
            from += 1;
        }
        if tokens
            .get(from)
            .is_some_and(|t| t.is_word && lex.has_cue(t.text(text), Cue::Title))
        {
            let mut to = from + 1;
            while to < tokens.len()
                && to < from + MAX_WORDS
                && !stops(&tokens[to])
                && tokens[to].text(text) != ","
            {
                // "Poutine, le ministre X Sergueï Lavrov": the title introduces the next person.
                if tokens[to].is_word && lex.is_first_name(&tokens[to].text(text).to_lowercase()) {
                    return None;
                }
                to += 1;
            }
            let first = if from > end + 1 { end + 1 } else { from };
            return Some(tokens[first].bytes.start..tokens[to - 1].bytes.end);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, EntityKind)> {
        recognize(text, None)
            .into_iter()
            .map(|s| (text[s.bytes].to_string(), s.kind))
            .collect()
    }

    #[test]
    fn finds_people_places_and_organisations() {
        let found = names(
            "Hier, Vladimir Poutine a reçu Emmanuel Macron au Kremlin avant de partir pour Minsk.",
        );
        assert!(
            found.contains(&("Vladimir Poutine".into(), EntityKind::Person)),
            "{found:?}"
        );
        assert!(
            found.contains(&("Emmanuel Macron".into(), EntityKind::Person)),
            "{found:?}"
        );
        assert!(
            found.contains(&("Kremlin".into(), EntityKind::Organization)),
            "{found:?}"
        );
        assert!(
            found.contains(&("Minsk".into(), EntityKind::Location)),
            "{found:?}"
        );
    }

    #[test]
    fn head_words_and_connectors() {
        let found = names("She studied at the University of Oxford and swam in Lake Geneva with Charles de Gaulle.");
        assert!(
            found.contains(&("University of Oxford".into(), EntityKind::Organization)),
            "{found:?}"
        );
        assert!(
            found.contains(&("Lake Geneva".into(), EntityKind::Location)),
            "{found:?}"
        );
        assert!(
            found.contains(&("Charles de Gaulle".into(), EntityKind::Person)),
            "{found:?}"
        );
    }

    #[test]
    fn sentence_start_function_words_are_not_names() {
        let found = names("La France et l'Allemagne. Les Américains ont voté.");
        assert!(
            found.contains(&("France".into(), EntityKind::Location)),
            "{found:?}"
        );
        assert!(
            found.contains(&("Allemagne".into(), EntityKind::Location)),
            "{found:?}"
        );
        assert!(
            !found.iter().any(|(n, _)| n.starts_with("La")
                || n.starts_with("Les")
                || n.contains("Américains")),
            "{found:?}"
        );
    }

    #[test]
    fn keeps_titles_as_evidence() {
        let text = "Selon le porte-parole du Kremlin, Dmitri Peskov, rien n'est décidé.";
        let spans = recognize(text, Some("fr"));
        let peskov = spans
            .iter()
            .find(|s| &text[s.bytes.clone()] == "Dmitri Peskov")
            .expect("Peskov found");
        let title = peskov.title.clone().map(|r| &text[r]);
        assert_eq!(title, Some("le porte-parole du Kremlin"));
        let text = "Andrew Smith, spokesman for the ministry, declined.";
        let spans = recognize(text, Some("en"));
        let smith = spans
            .iter()
            .find(|s| &text[s.bytes.clone()] == "Andrew Smith")
            .expect("Smith found");
        assert_eq!(
            smith.title.clone().map(|r| &text[r]),
            Some("spokesman for the ministry")
        );
    }
}
