//! Splitting blocks that glue furniture to text: markup debris (`< /chiffre>`), teaser markers
//! (`Must Read |headline`, `A lire aussi | headline`) and photo captions with their credit
//! (`… in Minsk. (Pool Photo via AP)`).
//!
//! A block comes out as a sequence of [`Piece`]s in reading order, so that the removal trail
//! keeps the document's order.

use std::sync::OnceLock;

use regex::Regex;
use veille_model::{BlockKind, BodyKind, Caption, RemovalReason, Removed};

use super::lexicon::{Class, Lexicons};
use super::shape::Shape;
use super::vocab::Vocabulary;

/// Overlap with the document above which text glued before a marker is kept as article text.
const KEEP_OVERLAP: f32 = 0.3;
/// Longest teaser block (in words) removed whole when it opens with a teaser marker.
const MAX_TEASER_WORDS: usize = 60;
/// Longest caption, in words.
const MAX_CAPTION_WORDS: usize = 60;
/// Longest `Photo : …` line, in words.
const MAX_CREDIT_LINE_WORDS: usize = 16;

/// One piece of a split block.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    /// Text that stays in the body.
    Keep(String),
    /// Text removed from the body.
    Remove(Removed),
    /// A caption moved out of the body.
    Caption(Caption),
}

/// Splits one block; a block with nothing glued in comes back as a single [`Piece::Keep`].
pub fn split(
    text: &str,
    kind: BlockKind,
    body: BodyKind,
    lex: &Lexicons,
    vocab: &Vocabulary,
) -> Vec<Piece> {
    let mut pieces = Vec::new();
    // Tags left in text taken out of HTML were written as text on the page (a code sample);
    // only plain text inherits stray markup from a scraper or a translation.
    let text = match body {
        BodyKind::Text => strip_markup_debris(text, &mut pieces),
        BodyKind::Html => text.trim().to_string(),
    };
    if text.is_empty() {
        return pieces;
    }
    if kind != BlockKind::Paragraph {
        pieces.push(Piece::Keep(text));
        return pieces;
    }
    match find_teaser_marker(&text, lex) {
        Some(marker) => split_at_marker(&text, &marker, lex, vocab, &mut pieces),
        None => split_caption(&text, lex, &mut pieces),
    }
    pieces
}

/// Removes stray tags such as `< /chiffre>` or `<br/>` left by a scraper or a translation of
/// markup, recording them.
fn strip_markup_debris(text: &str, pieces: &mut Vec<Piece>) -> String {
    // Closing and self-closing tags (`</figure>`, `< /chiffre>`, `<br/>`) are markup whatever
    // their name; an opening tag must be a lower-case HTML element name, so that the angle
    // brackets news wires put around tickers (`<BP>`, `<Acme Corp>`) stay in the text.
    static TAG: OnceLock<Regex> = OnceLock::new();
    if !text.contains('<') {
        // Every tag opens with `<`: nothing to strip (the common case).
        return text.trim().to_string();
    }
    let re = TAG.get_or_init(|| {
        Regex::new(
            r"<\s*/\s*\p{L}[\p{L}\d-]{0,20}\s*>|<\s*\p{L}[\p{L}\d-]{0,20}(?:\s[^<>]{0,80})?/\s*>|<(?:p|br|div|span|figure|figcaption|img|a|em|strong|b|i|u|li|ul|ol|h[1-6]|table|tr|td|section|article|blockquote|sup|sub|iframe|script|style)(?:\s[^<>]{0,80})?>",
        )
        .expect("static regex")
    });
    let mut debris = Vec::new();
    let cleaned = re.replace_all(text, |caps: &regex::Captures<'_>| {
        debris.push(caps[0].to_string());
        " "
    });
    if debris.is_empty() {
        return text.trim().to_string();
    }
    pieces.push(Piece::Remove(Removed {
        text: debris.join(" "),
        reason: RemovalReason::Fragment,
        detail: Some("markup debris inside text".into()),
    }));
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A teaser marker inside a block: `[start, separator_end)` covers the marker phrase and its
/// separator.
#[derive(Debug, Clone, PartialEq)]
struct Marker {
    start: usize,
    end: usize,
    phrase: String,
}

/// Finds the first teaser marker: a related-story phrase (`must read`, `lire aussi`,
/// `lesen Sie auch`) directly followed by `|`, or opening the block and followed by `:` or `|`.
fn find_teaser_marker(text: &str, lex: &Lexicons) -> Option<Marker> {
    for (sep_idx, sep) in text.char_indices().filter(|(_, c)| matches!(c, '|' | ':')) {
        let before = &text[..sep_idx];
        let word_starts: Vec<usize> = word_starts(before);
        // The marker phrase is at most five words long and ends right before the separator.
        for &start in word_starts.iter().rev().take(5).rev() {
            let candidate = &before[start..];
            let Some(hits) = lex.scan_class(candidate, Class::Related) else {
                continue;
            };
            let opens_block = before[..start].trim().is_empty();
            if hits.coverage > 0.99 && (sep == '|' || opens_block) {
                return Some(Marker {
                    start,
                    end: sep_idx + sep.len_utf8(),
                    phrase: candidate.trim().to_string(),
                });
            }
        }
    }
    None
}

fn word_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut prev_space = true;
    for (i, c) in text.char_indices() {
        if !c.is_whitespace() && prev_space {
            starts.push(i);
        }
        prev_space = c.is_whitespace();
    }
    starts
}

fn split_at_marker(
    text: &str,
    marker: &Marker,
    lex: &Lexicons,
    vocab: &Vocabulary,
    pieces: &mut Vec<Piece>,
) {
    let before = text[..marker.start].trim();
    let after = text[marker.end..].trim();
    if before.is_empty() && after.split_whitespace().count() <= MAX_TEASER_WORDS {
        pieces.push(Piece::Remove(Removed {
            text: text.to_string(),
            reason: RemovalReason::RelatedTeaser,
            detail: Some(format!("opens with teaser marker \"{}\"", marker.phrase)),
        }));
        return;
    }
    if !before.is_empty() {
        let overlap = vocab.overlap(before, lex).unwrap_or(0.0);
        if Shape::of(before).sentence_like() && overlap >= KEEP_OVERLAP {
            split_caption(before, lex, pieces);
        } else {
            pieces.push(Piece::Remove(Removed {
                text: before.to_string(),
                reason: RemovalReason::GluedHeadline,
                detail: Some(format!(
                    "glued before teaser marker \"{}\"; not sentence-shaped or overlap {overlap:.2}",
                    marker.phrase
                )),
            }));
        }
    }
    if after.is_empty() {
        pieces.push(Piece::Remove(Removed {
            text: text[marker.start..marker.end].trim().to_string(),
            reason: RemovalReason::RelatedTeaser,
            detail: Some("teaser marker with nothing after it".into()),
        }));
        return;
    }
    let cut = glued_boundary(after, lex).unwrap_or(after.len());
    let headline = after[..cut].trim();
    pieces.push(Piece::Remove(Removed {
        text: format!("{} {}", text[marker.start..marker.end].trim(), headline),
        reason: RemovalReason::GluedHeadline,
        detail: Some(format!(
            "headline after teaser marker \"{}\", cut at a lost sentence boundary",
            marker.phrase
        )),
    }));
    let rest = after[cut..].trim();
    if !rest.is_empty() {
        split_caption(rest, lex, pieces);
    }
}

/// Byte offset of the first lost sentence boundary: a sentence end (`. ` + capital), or a
/// lower-case word directly followed by a capitalised sentence opener and another word
/// (`… ukrainiennes Le président …`), which prose never writes without punctuation.
fn glued_boundary(text: &str, lex: &Lexicons) -> Option<usize> {
    let starts = word_starts(text);
    let word_at = |i: usize| -> &str {
        let start = starts[i];
        let end = starts.get(i + 1).copied().unwrap_or(text.len());
        text[start..end].trim_end()
    };
    for i in 1..starts.len() {
        let prev = word_at(i - 1);
        let word = word_at(i);
        let prev_last = prev.chars().last();
        if matches!(prev_last, Some('.' | '!' | '?' | '…'))
            && word.chars().next().is_some_and(char::is_uppercase)
        {
            return Some(starts[i]);
        }
        // German capitalises nouns, so the word after the opener may be capitalised too; an
        // opener alone at the end is not a sentence.
        let next_is_word = i + 1 < starts.len()
            && word_at(i + 1)
                .chars()
                .next()
                .is_some_and(char::is_alphabetic);
        if prev_last.is_some_and(char::is_lowercase)
            && lex.sentence_starters.contains(word)
            && next_is_word
        {
            return Some(starts[i]);
        }
    }
    None
}

/// Moves a trailing `sentence. (credit)` caption out of the text; what precedes it stays.
fn split_caption(text: &str, lex: &Lexicons, pieces: &mut Vec<Piece>) {
    match find_caption(text, lex) {
        Some((keep, caption)) => {
            if !keep.is_empty() {
                pieces.push(Piece::Keep(keep.to_string()));
            }
            pieces.push(Piece::Caption(caption));
        }
        None => pieces.push(Piece::Keep(text.to_string())),
    }
}

/// A caption at the end of `text`: the last sentence before a parenthesised credit that names a
/// photo agency or the word "photo", or a short `Photo: …` / `© …` credit line.
fn find_caption<'a>(text: &'a str, lex: &Lexicons) -> Option<(&'a str, Caption)> {
    let trimmed = text.trim();
    let credit_start_line = credit_line(trimmed, lex);
    if credit_start_line.is_some() {
        return credit_start_line.map(|caption| ("", caption));
    }
    let body = trimmed.strip_suffix(')')?;
    let open = body.rfind('(')?;
    let credit = body[open + 1..].trim();
    if credit.is_empty() || credit.split_whitespace().count() > 12 || credit.contains(')') {
        return None;
    }
    let hits = lex.scan_class(credit, Class::PhotoCredit)?;
    if hits.coverage < 0.2 {
        return None;
    }
    let before = body[..open].trim_end();
    if before.is_empty() {
        return None;
    }
    // The caption is the last sentence before the credit.
    let sentence_start = last_sentence_start(before);
    let caption_text = before[sentence_start..].trim();
    if caption_text.split_whitespace().count() > MAX_CAPTION_WORDS || caption_text.is_empty() {
        return None;
    }
    Some((
        before[..sentence_start].trim(),
        Caption {
            text: caption_text.to_string(),
            credit: Some(credit.to_string()),
        },
    ))
}

/// `Photo : Jane Roe / Agence`, `Crédit photo : TVR`, `© AFP`: a short line naming a credit,
/// or `Photo : the new model at the motor show`: a short line describing a photo.
fn credit_line(text: &str, lex: &Lexicons) -> Option<Caption> {
    if text.split_whitespace().count() > MAX_CREDIT_LINE_WORDS {
        return None;
    }
    if let Some(rest) = text.strip_prefix('©') {
        return (!rest.trim().is_empty()).then(|| Caption {
            text: String::new(),
            credit: Some(text.to_string()),
        });
    }
    let (label, rest) = text.split_once(':')?;
    let hits = lex.scan_class(label, Class::PhotoCredit)?;
    if hits.coverage < 0.99 || rest.trim().is_empty() {
        return None;
    }
    // A credit names who took the picture: the label says "credit", or the rest names an
    // agency or is written `Name / Agency`. Otherwise the line describes the picture.
    let label_is_credit = hits
        .phrases
        .iter()
        .any(|p| p.contains("crédit") || p.contains("credit"));
    let rest_is_credit = rest.contains('/') || lex.scan_class(rest, Class::PhotoCredit).is_some();
    Some(if label_is_credit || rest_is_credit {
        Caption {
            text: String::new(),
            credit: Some(text.to_string()),
        }
    } else {
        Caption {
            text: rest.trim().to_string(),
            credit: None,
        }
    })
}

/// Byte offset where the last sentence of `text` starts.
fn last_sentence_start(text: &str) -> usize {
    let body = text.trim_end_matches(['.', '!', '?', '…']);
    let starts = word_starts(body);
    for i in (1..starts.len()).rev() {
        let prev = body[starts[i - 1]..starts[i]].trim_end();
        let opens = body[starts[i]..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        if opens && matches!(prev.chars().last(), Some('.' | '!' | '?' | '…')) {
            // Initials (`E.`) and one-letter abbreviations do not end a sentence.
            if prev.chars().filter(|c| c.is_alphabetic()).count() > 1 {
                return starts[i];
            }
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str, context: &[&str]) -> Vec<Piece> {
        let lex = Lexicons::get();
        let mut all: Vec<&str> = context.to_vec();
        all.push(text);
        let vocab = Vocabulary::of(all, lex);
        split(text, BlockKind::Paragraph, BodyKind::Text, lex, &vocab)
    }

    #[test]
    fn plain_paragraph_is_one_piece() {
        let text = "The mayor opened the new library on Monday. (It had been closed since May.)";
        assert_eq!(pieces(text, &[]), vec![Piece::Keep(text.to_string())]);
    }

    #[test]
    fn block_opening_with_marker_is_a_teaser() {
        let got = pieces(
            "Lesen Sie auch | Neue Regeln für Fahrräder in der Altstadt",
            &[],
        );
        assert!(matches!(&got[..], [Piece::Remove(r)] if r.reason == RemovalReason::RelatedTeaser));
        let got = pieces("Lee también: El precio del aceite sube otra vez", &[]);
        assert!(matches!(&got[..], [Piece::Remove(r)] if r.reason == RemovalReason::RelatedTeaser));
    }

    #[test]
    fn glued_junk_headline_and_caption_are_separated() {
        let context = [
            "Der Bürgermeister von Talheim hat am Montag die neue Brücke über den Neckar eröffnet.",
            "Die Brücke ersetzt einen alten Übergang, der seit dem Hochwasser gesperrt war.",
        ];
        let glued = "<figure/>Gewinnspiel: Jetzt mitmachen Rabattcode SOMMER10 Must Read |Neue Steuerpläne sorgen für Streit in Berlin Der Bürgermeister von Talheim eröffnet die neue Brücke über den Neckar am Montag. (Foto: Anna Kurz/dpa)";
        let got = pieces(glued, &context);
        let reasons: Vec<_> = got
            .iter()
            .map(|p| match p {
                Piece::Keep(_) => "keep",
                Piece::Remove(r) if r.reason == RemovalReason::Fragment => "debris",
                Piece::Remove(r) if r.reason == RemovalReason::GluedHeadline => "glued",
                Piece::Remove(_) => "other",
                Piece::Caption(_) => "caption",
            })
            .collect();
        assert_eq!(
            reasons,
            vec!["debris", "glued", "glued", "caption"],
            "{got:?}"
        );
        let Piece::Caption(caption) = &got[3] else {
            unreachable!()
        };
        assert!(caption
            .text
            .starts_with("Der Bürgermeister von Talheim eröffnet"));
        assert_eq!(caption.credit.as_deref(), Some("Foto: Anna Kurz/dpa"));
        let Piece::Remove(headline) = &got[2] else {
            unreachable!()
        };
        assert!(
            headline.text.ends_with("Streit in Berlin"),
            "{}",
            headline.text
        );
    }

    #[test]
    fn caption_at_end_of_paragraph_leaves_the_paragraph() {
        let text = "Los bomberos trabajaron toda la noche. El alcalde visitó la zona. Vecinos observan el incendio desde la colina. (Foto: EFE/Pool)";
        let got = pieces(text, &[]);
        assert_eq!(
            got[0],
            Piece::Keep("Los bomberos trabajaron toda la noche. El alcalde visitó la zona.".into())
        );
        assert!(
            matches!(&got[1], Piece::Caption(c) if c.text == "Vecinos observan el incendio desde la colina.")
        );
    }

    #[test]
    fn ticker_brackets_are_not_markup() {
        let text = "Shares of <BP> and <Acme Corp> rose, while <I> was unchanged.";
        assert_eq!(pieces(text, &[]), vec![Piece::Keep(text.to_string())]);
        let got = pieces("Le maire a parlé.<br/> Il est parti.</p>", &[]);
        assert!(
            matches!(&got[0], Piece::Remove(r) if r.text == "<br/> </p>"),
            "{got:?}"
        );
    }

    #[test]
    fn credit_lines_become_captions() {
        let got = pieces("Photo : Julien Marchand / AFP", &[]);
        assert!(
            matches!(&got[..], [Piece::Caption(c)] if c.credit.as_deref() == Some("Photo : Julien Marchand / AFP") && c.text.is_empty()),
            "{got:?}"
        );
        let got = pieces(
            "Foto: el nuevo tranvía de Zaragoza en la plaza de España",
            &[],
        );
        assert!(
            matches!(&got[..], [Piece::Caption(c)] if c.text == "el nuevo tranvía de Zaragoza en la plaza de España" && c.credit.is_none()),
            "{got:?}"
        );
    }

    #[test]
    fn parenthesis_without_credit_words_is_not_a_caption() {
        let text = "Le conseil municipal a voté le budget. (Le vote a eu lieu à main levée.)";
        assert_eq!(pieces(text, &[]), vec![Piece::Keep(text.to_string())]);
    }
}
