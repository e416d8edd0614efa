//! Machine-translation artefacts: bracketed fragments left in the source language, and words
//! glued across a lost space.

use ahash::{AHashMap as HashMap, AHashSet as HashSet};
use std::borrow::Cow;

use veille_model::{Flag, FlagKind};

use super::lang::WordLists;
use super::Context;

/// Longest bracketed fragment considered, in words.
const MAX_FRAGMENT_WORDS: usize = 10;
/// Shortest known name (in letters) taken as the first half of a glued word.
const MIN_NAME_LETTERS: usize = 5;
/// Shortest tail (in letters) glued to a name.
const MIN_TAIL_LETTERS: usize = 5;
/// Languages that write compounds as one word, where name + noun is normal spelling.
const COMPOUNDING: &[&str] = &["de", "nl"];

/// Language of the document: the identified one when set, otherwise a guess from function words.
fn document_language(ctx: &Context<'_>) -> Option<String> {
    if let Some(field) = &ctx.doc.language {
        return Some(field.value.clone());
    }
    WordLists::get().guess(&ctx.doc.text).map(str::to_string)
}

/// `[of Russia and Belarus]` in a French text: a bracketed fragment whose function words all
/// belong to another language than the document's.
pub fn bracket_fragments(ctx: &Context<'_>, out: &mut Vec<Flag>) {
    let Some(doc_lang) = document_language(ctx) else {
        return;
    };
    let lists = WordLists::get();
    let text = &ctx.doc.text;
    let mut search_from = 0;
    while let Some(open_rel) = text.get(search_from..).and_then(|t| t.find('[')) {
        let open = search_from + open_rel;
        let Some(close_rel) = text[open..].find(']') else {
            break;
        };
        let close = open + close_rel;
        search_from = close + 1;
        let inner = &text[open + 1..close];
        let words: Vec<&str> = super::lang::words(inner).collect();
        if words.is_empty() || words.len() > MAX_FRAGMENT_WORDS || inner.contains('[') {
            continue;
        }
        let mut foreign = 0;
        let mut native = 0;
        for word in &words {
            let langs = lists.languages_of(word);
            if langs.contains(&doc_lang.as_str()) {
                native += 1;
            } else if !langs.is_empty() {
                foreign += 1;
            }
        }
        if foreign >= 1 && native == 0 {
            out.push(ctx.flag_at(FlagKind::MtBracketFragment, open..close + 1));
        }
    }
}

/// Words glued across a lost space:
/// - a lower-case letter followed by a capital inside one token, when the capitalised part is
///   a function word (`lecteursTout`) or the token starts in lower case with a word that stands
///   alone elsewhere (`parYung`);
/// - a capitalised name that occurs alone inside a sentence elsewhere in the text (so it is a
///   proper name, not a sentence opener), directly followed by five or more lower-case letters
///   that are not a derivational ending, the whole followed by a function word of the
///   document's language (`Soledarthéâtre des combats`).
pub fn glued_words(ctx: &Context<'_>, out: &mut Vec<Flag>) {
    let text = &ctx.doc.text;
    let lists = WordLists::get();
    let tokens = tokens(text);
    let mut counts: HashMap<&str, usize> = HashMap::new();
    // Most tokens are lower case already: only the others are copied.
    let mut lower_counts: HashMap<Cow<'_, str>, usize> = HashMap::new();
    for (_, token) in &tokens {
        *counts.entry(token).or_insert(0) += 1;
        *lower_counts.entry(lowercased(token)).or_insert(0) += 1;
    }
    let names = mid_sentence_capitals(text, &tokens);
    let doc_lang = document_language(ctx);
    let compounding = doc_lang
        .as_deref()
        .is_some_and(|l| COMPOUNDING.contains(&l));
    let mut flagged: Vec<&str> = Vec::new();
    for (idx, (start, token)) in tokens.iter().enumerate() {
        if flagged.contains(token) {
            continue;
        }
        // A name glued to a common word leaves that word's phrase running on: the next token
        // is a function word of the document's language (`Soledarthéâtre des combats`).
        // Names built from parts (`Georgetown`, `Stockholders`) are followed by anything.
        let phrase_runs_on = || {
            tokens.get(idx + 1).is_some_and(|(_, next)| {
                doc_lang
                    .as_deref()
                    .is_some_and(|lang| lists.languages_of(next).contains(&lang))
                    && next.chars().all(char::is_lowercase)
            })
        };
        // Both tests need a capital letter somewhere, which most tokens lack.
        let glued = token.chars().any(char::is_uppercase)
            && (case_transition(token, lists, &lower_counts, doc_lang.as_deref())
                || (phrase_runs_on()
                    && name_with_tail(token, lists, &names, &counts, compounding)));
        if glued {
            flagged.push(token);
            out.push(ctx.flag_at(FlagKind::MtGluedWords, *start..*start + token.len()));
        }
    }
}

/// `word` in lower case, borrowed when it already is.
fn lowercased(word: &str) -> Cow<'_, str> {
    if word.chars().any(char::is_uppercase) {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

/// Tokens of `text` (runs of letters, with inner apostrophes and hyphens split off) with their
/// byte offsets.
fn tokens(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

fn case_transition(
    token: &str,
    lists: &WordLists,
    lower_counts: &HashMap<Cow<'_, str>, usize>,
    doc_lang: Option<&str>,
) -> bool {
    // Only a capital after the first letter can follow a lower-case one.
    if !token.chars().skip(1).any(char::is_uppercase) {
        return false;
    }
    let chars: Vec<char> = token.chars().collect();
    let Some(cut) =
        (1..chars.len()).find(|&i| chars[i - 1].is_lowercase() && chars[i].is_uppercase())
    else {
        return false;
    };
    let left: String = chars[..cut].iter().collect();
    let right: String = chars[cut..].iter().collect();
    // `McDonald`, `iPhone`, `eBay`: a short lower-case run before the capital is spelling.
    if left.chars().count() < 3 || right.chars().count() < 3 {
        return false;
    }
    // `YouTube`, `PayPal`: brand capitals repeat; the rest of the token must be lower-case.
    if right.chars().skip(1).any(char::is_uppercase) {
        return false;
    }
    // `BankAmerica`, `PaineWebber`: two capitalised halves are a brand or a name. A glued
    // pair either ends in a function word (`lecteursTout`) or starts in lower case with a word
    // that stands alone elsewhere (`parYung`).
    let alone = |w: &str| {
        lower_counts
            .get(lowercased(w).as_ref())
            .copied()
            .unwrap_or(0)
            > 0
    };
    let starts_lower = chars[0].is_lowercase();
    // The function word must belong to the document's language: `MidCon` is not Spanish.
    let of_doc_language = |w: &str| {
        doc_lang.map_or(lists.is_function_word(w), |l| {
            lists.languages_of(w).contains(&l)
        })
    };
    of_doc_language(&right) || (starts_lower && (of_doc_language(&left) || alone(&left)))
}

/// Capitalised tokens that occur at least once inside a sentence (not after a full stop, a
/// colon or an opening quote, and not at the start of a paragraph): proper names, not words
/// capitalised because they open a sentence.
fn mid_sentence_capitals<'a>(text: &str, tokens: &[(usize, &'a str)]) -> HashSet<&'a str> {
    tokens
        .iter()
        .filter(|(_, t)| t.chars().next().is_some_and(char::is_uppercase))
        .filter(|(start, _)| {
            let before = text[..*start].trim_end_matches([' ', '\u{a0}', '\'', '’']);
            match before.chars().last() {
                None | Some('\n' | '.' | '!' | '?' | '…' | ':' | '«' | '"' | '“' | '„' | '(') => {
                    false
                }
                Some(_) => true,
            }
        })
        .map(|(_, t)| *t)
        .collect()
}

fn name_with_tail(
    token: &str,
    lists: &WordLists,
    names: &HashSet<&str>,
    counts: &HashMap<&str, usize>,
    compounding: bool,
) -> bool {
    // German and Dutch write name + noun as one word (`Lindaufähre`): spelling, not an error.
    if compounding {
        return false;
    }
    let chars: Vec<char> = token.chars().collect();
    if !chars.first().is_some_and(|c| c.is_uppercase())
        || chars.iter().skip(1).any(|c| c.is_uppercase())
        || chars.len() < MIN_NAME_LETTERS + MIN_TAIL_LETTERS
    {
        return false;
    }
    // A word used several times is a word of the text, not an accident.
    if counts.get(token).copied().unwrap_or(0) > 1 {
        return false;
    }
    for cut in (MIN_NAME_LETTERS..=chars.len() - MIN_TAIL_LETTERS).rev() {
        let name: String = chars[..cut].iter().collect();
        let tail: String = chars[cut..].iter().collect();
        if !names.contains(name.as_str()) || lists.is_function_word(&name) {
            continue;
        }
        if lists
            .suffixes
            .iter()
            .any(|s| tail.starts_with(s.as_str()) && tail.chars().count() <= s.chars().count() + 2)
        {
            return false;
        }
        return tail.chars().any(is_vowel);
    }
    false
}

fn is_vowel(c: char) -> bool {
    matches!(
        c.to_lowercase().next().unwrap_or(c),
        'a' | 'e'
            | 'i'
            | 'o'
            | 'u'
            | 'y'
            | 'à'
            | 'â'
            | 'é'
            | 'è'
            | 'ê'
            | 'ë'
            | 'î'
            | 'ï'
            | 'ô'
            | 'ö'
            | 'ü'
            | 'û'
            | 'ù'
            | 'á'
            | 'í'
            | 'ó'
            | 'ú'
            | 'ã'
            | 'õ'
            | 'ä'
            | 'а'
            | 'е'
            | 'и'
            | 'о'
            | 'у'
            | 'ы'
            | 'э'
            | 'ю'
            | 'я'
    )
}
