//! Features of the statistical tagger: for every token of a text, the hashed buckets of its
//! word, shape, affixes, neighbours, the rule recogniser's decision around it, and its
//! membership in our lexicons (given names, function words, cue words, the alias table, the
//! gazetteer).
//!
//! The rule decision is a feature, not a constraint: the model learns where the rules are
//! right, and the lexicons keep working for names the training data never saw.

use ahash::AHashSet as HashSet;

use super::identity::AliasTable;
use super::lexicon::{Cue, Lexicon};
use super::perceptron::{FeatureHash, TokenFeatures, OUTSIDE};
use super::recognize::NamedSpan;
use super::tokens::Token;
use crate::places::gazetteer::Gazetteer;
use veille_model::EntityKind;

const CUES: [Cue; 9] = [
    Cue::Org,
    Cue::Loc,
    Cue::Title,
    Cue::Misc,
    Cue::LocPrep,
    Cue::NamePart,
    Cue::LocHead,
    Cue::OrgHead,
    Cue::Event,
];

/// Label index (as in [`super::perceptron::LABELS`]) the rules give each token.
pub fn rule_labels(tokens: &[Token], spans: &[NamedSpan]) -> Vec<usize> {
    let mut labels = vec![OUTSIDE; tokens.len()];
    let mut t = 0;
    for span in spans {
        let base = match span.kind {
            EntityKind::Person => 1,
            EntityKind::Location => 3,
            EntityKind::Organization => 5,
            EntityKind::Other => 7,
        };
        while t < tokens.len() && tokens[t].bytes.end <= span.bytes.start {
            t += 1;
        }
        let mut first = true;
        let mut k = t;
        while k < tokens.len() && tokens[k].bytes.start < span.bytes.end {
            labels[k] = if first { base } else { base + 1 };
            first = false;
            k += 1;
        }
    }
    labels
}

/// Word shape with runs collapsed: "Kyiv" → "Xx", "NATO" → "X", "G7" → "Xd", "l'" → "x'".
fn shape(word: &str) -> String {
    let mut out = String::with_capacity(8);
    let mut last = '\0';
    for c in word.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if s != last {
            out.push(s);
            last = s;
        }
        if out.len() >= 6 {
            break;
        }
    }
    out
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// First `n` chars of `word`.
fn prefix(word: &str, n: usize) -> &str {
    match word.char_indices().nth(n) {
        Some((i, _)) => &word[..i],
        None => word,
    }
}

/// Last `n` chars of `word`.
fn suffix(word: &str, n: usize) -> &str {
    let count = word.chars().count();
    if count <= n {
        return word;
    }
    match word.char_indices().nth(count - n) {
        Some((i, _)) => &word[i..],
        None => word,
    }
}

/// Static features of every token of `text`.
pub fn token_features(
    text: &str,
    tokens: &[Token],
    rules: &[usize],
    lang: Option<&str>,
    bits: u8,
) -> Vec<TokenFeatures> {
    let lex = Lexicon::get();
    let aliases = AliasTable::get();
    let gazetteer = Gazetteer::get();
    let words: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
    let lowers: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let shapes: Vec<String> = words.iter().map(|w| shape(w)).collect();
    // Words written in lowercase somewhere in the text: a capitalised form of one of them is
    // more likely a sentence-initial common word than a name.
    let lowercase_seen: HashSet<&str> = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .copied()
        .collect();
    let pad = "<s>";
    let word_at = |i: isize| -> &str {
        usize::try_from(i)
            .ok()
            .and_then(|i| lowers.get(i))
            .map_or(pad, String::as_str)
    };
    let shape_at = |i: isize| -> &str {
        usize::try_from(i)
            .ok()
            .and_then(|i| shapes.get(i))
            .map_or(pad, String::as_str)
    };
    let rule_at = |i: isize| -> u8 {
        usize::try_from(i)
            .ok()
            .and_then(|i| rules.get(i))
            .map_or(15, |&l| l as u8)
    };

    let mut out = Vec::with_capacity(tokens.len());
    for (i, tok) in tokens.iter().enumerate() {
        let at = i as isize;
        let word = words[i];
        let lower = lowers[i].as_str();
        let shape0 = shapes[i].as_str();
        let mut b: Vec<u32> = Vec::with_capacity(48);
        let mut add = |h: FeatureHash| b.push(h.bucket(bits));
        add(FeatureHash::new(0));
        add(FeatureHash::new(1).str(lower));
        add(FeatureHash::new(2).str(word));
        add(FeatureHash::new(3).str(word_at(at - 1)));
        add(FeatureHash::new(4).str(word_at(at + 1)));
        add(FeatureHash::new(5).str(word_at(at - 2)));
        add(FeatureHash::new(6).str(word_at(at + 2)));
        add(FeatureHash::new(7).str(shape0));
        add(FeatureHash::new(8).str(shape_at(at - 1)));
        add(FeatureHash::new(9).str(shape_at(at + 1)));
        add(FeatureHash::new(10).str(shape_at(at - 1)).str(shape0));
        add(FeatureHash::new(11).str(shape0).str(shape_at(at + 1)));
        for n in 1..=4 {
            add(FeatureHash::new(12).byte(n as u8).str(suffix(lower, n)));
        }
        for n in 1..=3 {
            add(FeatureHash::new(13).byte(n as u8).str(prefix(lower, n)));
        }
        add(FeatureHash::new(14)
            .byte(u8::from(tok.sentence_start))
            .str(shape0));
        add(FeatureHash::new(15).str(word_at(at - 1)).str(lower));
        add(FeatureHash::new(16).str(lower).str(word_at(at + 1)));
        add(FeatureHash::new(17).str(word_at(at - 1)).str(shape0));
        add(FeatureHash::new(18).str(shape0).str(word_at(at + 1)));
        let r0 = rule_at(at);
        add(FeatureHash::new(20).byte(r0));
        add(FeatureHash::new(21).byte(rule_at(at - 1)));
        add(FeatureHash::new(22).byte(rule_at(at + 1)));
        add(FeatureHash::new(23).byte(r0).str(shape0));
        add(FeatureHash::new(24)
            .byte(rule_at(at - 1))
            .byte(r0)
            .byte(rule_at(at + 1)));
        add(FeatureHash::new(25).byte(r0).str(lower));
        add(FeatureHash::new(26)
            .byte(r0)
            .byte(u8::from(tok.sentence_start)));
        add(FeatureHash::new(28).byte(r0).str(word_at(at - 1)));
        add(FeatureHash::new(29).byte(r0).str(word_at(at + 1)));
        let len = word.chars().count().min(12) as u8;
        add(FeatureHash::new(27).byte(len));
        if lex.is_first_name(lower) {
            add(FeatureHash::new(30).str(shape0));
        }
        if lex.is_stopword(lower, lang) {
            add(FeatureHash::new(31).str(shape0));
        }
        match lex.is_common_word(lower, lang) {
            Some(true) => add(FeatureHash::new(32).str(shape0)),
            Some(false) => add(FeatureHash::new(33).str(shape0)),
            None => {}
        }
        for (c, cue) in CUES.iter().enumerate() {
            if lex.has_cue(word, *cue) {
                add(FeatureHash::new(34).byte(c as u8));
            }
            if i > 0 && lex.has_cue(words[i - 1], *cue) {
                add(FeatureHash::new(35).byte(c as u8));
            }
            if i + 1 < words.len() && lex.has_cue(words[i + 1], *cue) {
                add(FeatureHash::new(36).byte(c as u8));
            }
        }
        if starts_upper(word) {
            if lowercase_seen.contains(lower) {
                add(FeatureHash::new(37).byte(u8::from(tok.sentence_start)));
            }
            if let Some(known) = aliases.lookup(word) {
                add(FeatureHash::new(38).byte(known.kind as u8));
            }
            if !gazetteer.lookup(word).is_empty() {
                add(FeatureHash::new(39).byte(u8::from(gazetteer.is_area(word))));
            }
        }
        let shape_id = FeatureHash::new(90).str(shape0).bucket(16);
        let word_id = FeatureHash::new(91).str(lower).bucket(24);
        out.push(TokenFeatures {
            buckets: b,
            shape_id,
            word_id,
            after_line_break: i > 0
                && text
                    .get(tokens[i - 1].bytes.end..tok.bytes.start)
                    .is_some_and(|gap| gap.contains('\n')),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::tokens::tokenize;

    #[test]
    fn shapes_collapse_runs() {
        assert_eq!(shape("Kyiv"), "Xx");
        assert_eq!(shape("NATO"), "X");
        assert_eq!(shape("G7"), "Xd");
        assert_eq!(shape("l'"), "x'");
    }

    #[test]
    fn affixes_respect_char_boundaries() {
        assert_eq!(suffix("Zelensky", 4), "nsky");
        assert_eq!(suffix("Київ", 2), "їв");
        assert_eq!(prefix("Élysée", 2), "Él");
        assert_eq!(suffix("a", 4), "a");
    }

    #[test]
    fn rule_spans_become_bio_labels() {
        let text = "Le président Emmanuel Macron à Paris";
        let tokens = tokenize(text);
        let start = text.find("Emmanuel").unwrap_or(0);
        let spans = vec![NamedSpan {
            bytes: start..start + "Emmanuel Macron".len(),
            kind: EntityKind::Person,
            title: None,
        }];
        let labels = rule_labels(&tokens, &spans);
        assert_eq!(labels, vec![0, 0, 1, 2, 0, 0]);
    }

    #[test]
    fn every_token_gets_features() {
        let text = "Die Bundesregierung in Berlin lehnte ab.";
        let tokens = tokenize(text);
        let feats = token_features(text, &tokens, &vec![0; tokens.len()], Some("de"), 16);
        assert_eq!(feats.len(), tokens.len());
        assert!(feats
            .iter()
            .all(|f| f.buckets.len() > 20 && f.buckets.iter().all(|&b| b < 1 << 16)));
    }
}
