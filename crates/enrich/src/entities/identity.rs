//! Canonical identities: name folding, Cyrillic romanisation, transliteration keys, slugs,
//! and the alias table of people and organisations frequent in the news.
//!
//! Two spellings name the same entity when their *folded* forms are equal (case, accents,
//! hyphens) or, failing that, when their *matching keys* are equal: the key romanises
//! Cyrillic and folds the usual en/fr/de/es transliteration variants with the ordered rules of
//! `data/aliases/translit.tsv` ("Loukachenko", "Lukaschenko", "Лукашенко" → `lukasenko`).

use ahash::AHashMap as HashMap;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;
use veille_model::EntityKind;

const ALIASES: &str = include_str!("../../data/aliases/entities.tsv");
const TRANSLIT: &str = include_str!("../../data/aliases/translit.tsv");

/// Lowercase, accents stripped, hyphens and apostrophes unified, spaces collapsed.
pub fn fold(text: &str) -> String {
    // Fast path for plain ASCII (most gazetteer names): no decomposition needed.
    if text.is_ascii() {
        let mut out = String::with_capacity(text.len());
        for word in text
            .split(|c: char| c.is_ascii_whitespace() || c == '-' || c == '_')
            .filter(|w| !w.is_empty())
        {
            if !out.is_empty() {
                out.push(' ');
            }
            for c in word.chars() {
                out.push(if c == '`' {
                    '\''
                } else {
                    c.to_ascii_lowercase()
                });
            }
        }
        return out;
    }
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        let c = match c {
            '-' | '‐' | '–' | '—' | '_' => ' ',
            '’' | 'ʼ' | '`' | '´' => '\'',
            'ß' => {
                push_word_char(&mut out, &mut pending_space, 's');
                's'
            }
            'æ' | 'Æ' => {
                push_word_char(&mut out, &mut pending_space, 'a');
                'e'
            }
            'ø' | 'Ø' => 'o',
            'ł' | 'Ł' => 'l',
            'đ' | 'Đ' => 'd',
            c => c,
        };
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        for lower in c.to_lowercase() {
            push_word_char(&mut out, &mut pending_space, lower);
        }
    }
    out
}

fn push_word_char(out: &mut String, pending_space: &mut bool, c: char) {
    if *pending_space {
        out.push(' ');
        *pending_space = false;
    }
    out.push(c);
}

/// Romanises Cyrillic letters (Russian, Ukrainian, Belarusian) with a simple, BGN-like table;
/// other characters pass through. Expects folded (lowercase) input.
pub fn romanize(folded: &str) -> String {
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        let r = match c {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'ґ' => "g",
            'д' => "d",
            'е' => "e",
            'ё' => "yo",
            'є' => "ye",
            'ж' => "zh",
            'з' => "z",
            'и' => "i",
            'і' => "i",
            'ї' => "yi",
            'й' => "y",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ў' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ъ' | 'ь' => "",
            'ы' => "y",
            'э' => "e",
            'ю' => "yu",
            'я' => "ya",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(r);
    }
    out
}

/// One transliteration rule.
#[derive(Debug)]
struct Rule {
    from: String,
    to: String,
    at_end: bool,
}

fn rules() -> &'static [Rule] {
    static RULES: OnceLock<Vec<Rule>> = OnceLock::new();
    RULES.get_or_init(|| {
        TRANSLIT
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let (from, to) = l.split_once('\t')?;
                let (from, at_end) = match from.strip_suffix('$') {
                    Some(f) => (f, true),
                    None => (from, false),
                };
                (!from.is_empty()).then(|| Rule {
                    from: from.to_string(),
                    to: to.trim().to_string(),
                    at_end,
                })
            })
            .collect()
    })
}

/// Matching key of a name: folded, romanised, transliteration variants merged, one word per
/// space-separated item, apostrophes and dots dropped.
pub fn match_key(name: &str) -> String {
    let romanized = romanize(&fold(name));
    let mut words = Vec::new();
    for word in romanized.split(' ') {
        let mut w: String = word.chars().filter(|c| c.is_alphanumeric()).collect();
        for rule in rules() {
            if rule.at_end {
                if w.len() > rule.from.len() + 1 && w.ends_with(&rule.from) {
                    w.truncate(w.len() - rule.from.len());
                    w.push_str(&rule.to);
                }
            } else if w.contains(&rule.from) {
                w = w.replace(&rule.from, &rule.to);
            }
        }
        if !w.is_empty() {
            words.push(w);
        }
    }
    words.join(" ")
}

/// URL-safe slug: romanised, lowercase ASCII letters and digits joined by `-`.
pub fn slug(name: &str) -> String {
    let romanized = romanize(&fold(name));
    let mut out = String::with_capacity(romanized.len());
    for c in romanized.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push_str("unnamed");
    }
    out
}

/// The id prefix of a kind.
pub fn kind_prefix(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "person",
        EntityKind::Organization => "organization",
        EntityKind::Location => "location",
        EntityKind::Other => "other",
    }
}

/// A known entity of the alias table.
#[derive(Debug, Clone)]
pub struct KnownEntity {
    /// `kind:slug`.
    pub id: String,
    /// Type.
    pub kind: EntityKind,
    /// Canonical (English) name.
    pub canonical: String,
}

/// The alias table, indexed by folded form and by matching key.
#[derive(Debug, Default)]
pub struct AliasTable {
    entries: Vec<KnownEntity>,
    by_form: HashMap<String, usize>,
    by_key: HashMap<String, Vec<usize>>,
}

impl AliasTable {
    /// The shared table, parsed on first use.
    pub fn get() -> &'static AliasTable {
        static TABLE: OnceLock<AliasTable> = OnceLock::new();
        TABLE.get_or_init(|| AliasTable::parse(ALIASES))
    }

    /// Parses `kind \t canonical \t aliases` lines.
    pub fn parse(data: &str) -> AliasTable {
        let mut table = AliasTable::default();
        for line in data.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(kind), Some(canonical)) = (cols.next(), cols.next()) else {
                continue;
            };
            let kind = match kind {
                "person" => EntityKind::Person,
                "organization" => EntityKind::Organization,
                "location" => EntityKind::Location,
                _ => EntityKind::Other,
            };
            let canonical = canonical.trim().to_string();
            let index = table.entries.len();
            table.entries.push(KnownEntity {
                id: format!("{}:{}", kind_prefix(kind), slug(&canonical)),
                kind,
                canonical: canonical.clone(),
            });
            let aliases = cols.next().unwrap_or("");
            for alias in std::iter::once(canonical.as_str()).chain(aliases.split('|')) {
                let alias = alias.trim();
                if alias.is_empty() {
                    continue;
                }
                table.by_form.entry(fold(alias)).or_insert(index);
                let key = match_key(alias);
                let slot = table.by_key.entry(key).or_default();
                if !slot.contains(&index) {
                    slot.push(index);
                }
            }
        }
        table
    }

    /// The known entity a surface form names, by folded form first, then by matching key when
    /// the key is unambiguous.
    pub fn lookup(&self, surface: &str) -> Option<&KnownEntity> {
        if let Some(&i) = self.by_form.get(&fold(surface)) {
            return self.entries.get(i);
        }
        match self.by_key.get(&match_key(surface)).map(Vec::as_slice) {
            Some([i]) => self.entries.get(*i),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_strips_case_accents_and_hyphens() {
        assert_eq!(fold("Biélorussie"), "bielorussie");
        assert_eq!(fold("Jean-Pierre  Élysée"), "jean pierre elysee");
        assert_eq!(fold("l’Ukraine"), "l'ukraine");
        // The ASCII fast path and the general path agree.
        assert_eq!(fold(" Saint-Louis  du_Sud "), "saint louis du sud");
        assert_eq!(
            fold(" Saint-Louis  du_Sud é").trim_end_matches(" e"),
            "saint louis du sud"
        );
    }

    #[test]
    fn transliterations_share_a_key() {
        let k = match_key("Lukashenko");
        assert_eq!(match_key("Loukachenko"), k);
        assert_eq!(match_key("Lukaschenko"), k);
        assert_eq!(match_key("Лукашенко"), k);
        let z = match_key("Zelensky");
        for variant in [
            "Zelenskyy",
            "Zelenskiy",
            "Zelenski",
            "Selenskyj",
            "Зеленский",
            "Зеленський",
        ] {
            assert_eq!(match_key(variant), z, "{variant}");
        }
        assert_eq!(match_key("Poutine"), match_key("Путин"));
        assert_ne!(match_key("Putin"), match_key("Peskov"));
    }

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(slug("Vladimir Putin"), "vladimir-putin");
        assert_eq!(slug("Élysée"), "elysee");
        assert_eq!(slug("Путин"), "putin");
        assert_eq!(slug("!!!"), "unnamed");
    }

    #[test]
    fn alias_table_merges_languages() {
        let table = AliasTable::get();
        let putin = table.lookup("Poutine").map(|e| e.id.clone());
        assert_eq!(putin.as_deref(), Some("person:vladimir-putin"));
        assert_eq!(
            table.lookup("Путин").map(|e| e.id.as_str()),
            putin.as_deref()
        );
        assert_eq!(
            table.lookup("Wladimir Putin").map(|e| e.id.as_str()),
            putin.as_deref()
        );
        assert_eq!(
            table.lookup("Zelenskyy").map(|e| e.canonical.as_str()),
            Some("Volodymyr Zelensky")
        );
        assert_eq!(
            table.lookup("OTAN").map(|e| e.kind),
            Some(EntityKind::Organization)
        );
        assert!(table.lookup("Jean Dupont").is_none());
    }
}
