//! Language identification per paragraph and per document, with ISO 639-1 codes.
//!
//! How it works: the start of the whole text is identified first, which gives the document's
//! language: from its function words when they plainly name one of the listed languages (most
//! news articles), otherwise with whatlang (character trigrams within the detected script,
//! about 70 languages); see [`identify_document`]. Each
//! paragraph is then identified on its own; a short or uncertain paragraph leans on the
//! document's language when it is written in the same script, so that a caption of four words
//! does not become Tagalog. A paragraph keeps its own language only when the identifier is sure
//! of it. Substantial paragraphs in another language raise a [`FlagKind::MixedLanguage`] flag.
//!
//! When the text is too short to say anything, the language declared by the markup or the
//! container (already in `Document::language`) is kept. Speed: linear in the text, no
//! allocation per character beyond whatlang's own.

use veille_model::{Document, Field, Flag, FlagKind};

use crate::flags::lang::{Agreement, WordLists};
use whatlang::{Info, Lang, Script};

/// Paragraphs shorter than this (in letters) take the document's language when their script
/// matches it: too little text for trigrams to be trusted.
const SHORT_PARAGRAPH_LETTERS: usize = 60;
/// Below this many letters the whole text is not identified at all.
const MIN_DOCUMENT_LETTERS: usize = 20;
/// A paragraph of at least this many letters in another language is "substantial".
const SUBSTANTIAL_LETTERS: usize = 80;
/// Only this much of a long document is read to identify its language: enough for certainty,
/// and it keeps the cost flat on very long inputs.
const MAX_DOCUMENT_SAMPLE_BYTES: usize = 1_000;
/// Most of a paragraph read to identify it: a few sentences decide as well as a whole page,
/// and identification cost grows with the length read.
const MAX_PARAGRAPH_SAMPLE_BYTES: usize = 600;
/// [`plainly_in`]: at least this many function words of the language alone…
const PLAIN_MIN_OWN_WORDS: usize = 2;
/// …at least one in this many words…
const PLAIN_WORDS_PER_OWN_WORD: usize = 10;
/// …and at least this many of them per function word of other languages only.
const PLAIN_OWN_PER_OTHER_WORD: usize = 3;
/// Confidence under which a paragraph's own reading is not trusted against the document's.
const PARAGRAPH_CONFIDENCE: f64 = 0.5;
/// [`by_function_words`] names a document's language when at least this many of its words are
/// function words of that language alone…
const DOCUMENT_MIN_OWN_WORDS: usize = 8;
/// …they are at least one word in this many…
const DOCUMENT_WORDS_PER_OWN_WORD: usize = 10;
/// …and they outnumber the function words of other languages only this many times over.
const DOCUMENT_OWN_PER_OTHER_WORD: usize = 4;

/// ISO 639-1 code of a whatlang language (Mandarin is `zh`, Western Persian `fa`).
pub fn iso_639_1(lang: Lang) -> &'static str {
    match lang {
        Lang::Afr => "af",
        Lang::Aka => "ak",
        Lang::Amh => "am",
        Lang::Ara => "ar",
        Lang::Aze => "az",
        Lang::Bel => "be",
        Lang::Ben => "bn",
        Lang::Bul => "bg",
        Lang::Cat => "ca",
        Lang::Ces => "cs",
        Lang::Cmn => "zh",
        Lang::Cym => "cy",
        Lang::Dan => "da",
        Lang::Deu => "de",
        Lang::Ell => "el",
        Lang::Eng => "en",
        Lang::Epo => "eo",
        Lang::Est => "et",
        Lang::Fin => "fi",
        Lang::Fra => "fr",
        Lang::Guj => "gu",
        Lang::Heb => "he",
        Lang::Hin => "hi",
        Lang::Hrv => "hr",
        Lang::Hun => "hu",
        Lang::Hye => "hy",
        Lang::Ind => "id",
        Lang::Ita => "it",
        Lang::Jav => "jv",
        Lang::Jpn => "ja",
        Lang::Kan => "kn",
        Lang::Kat => "ka",
        Lang::Khm => "km",
        Lang::Kor => "ko",
        Lang::Lat => "la",
        Lang::Lav => "lv",
        Lang::Lit => "lt",
        Lang::Mal => "ml",
        Lang::Mar => "mr",
        Lang::Mkd => "mk",
        Lang::Mya => "my",
        Lang::Nep => "ne",
        Lang::Nld => "nl",
        Lang::Nob => "nb",
        Lang::Ori => "or",
        Lang::Pan => "pa",
        Lang::Pes => "fa",
        Lang::Pol => "pl",
        Lang::Por => "pt",
        Lang::Ron => "ro",
        Lang::Rus => "ru",
        Lang::Sin => "si",
        Lang::Slk => "sk",
        Lang::Slv => "sl",
        Lang::Sna => "sn",
        Lang::Spa => "es",
        Lang::Srp => "sr",
        Lang::Swe => "sv",
        Lang::Tam => "ta",
        Lang::Tel => "te",
        Lang::Tgl => "tl",
        Lang::Tha => "th",
        Lang::Tuk => "tk",
        Lang::Tur => "tr",
        Lang::Ukr => "uk",
        Lang::Urd => "ur",
        Lang::Uzb => "uz",
        Lang::Vie => "vi",
        Lang::Yid => "yi",
        Lang::Zul => "zu",
    }
}

/// What the identifier says about one piece of text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Identified {
    /// The language.
    pub lang: Lang,
    /// The script it is written in.
    pub script: Script,
    /// Confidence in `[0, 1]`: whatlang's, or the share of the function words that agree.
    pub confidence: f64,
    /// Letters in the text.
    pub letters: usize,
    /// What the reading rests on.
    pub evidence: Evidence,
}

/// What a language reading rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// whatlang's character trigrams.
    Trigrams,
    /// Function words of one language alone ([`by_function_words`]).
    FunctionWords,
}

impl Identified {
    /// ISO 639-1 code.
    pub fn code(&self) -> &'static str {
        iso_639_1(self.lang)
    }

    /// The method recorded on the document's language field.
    fn method(&self) -> &'static str {
        match self.evidence {
            Evidence::Trigrams => "text:ngram",
            Evidence::FunctionWords => "text:function_words",
        }
    }
}

/// The language of a whole document, read on its first [`MAX_DOCUMENT_SAMPLE_BYTES`]: from its
/// function words when they plainly name one language, with whatlang's trigrams otherwise.
///
/// Why: whatlang compares a text with the trigram profile of every language of its script, a
/// cost that barely depends on the length read and was the largest single cost of analysing a
/// news article. Most articles name their language a dozen times over in their first lines
/// (`the`, `and`, `was`; `les`, `dans`, `est`), which the word lists check in one pass.
pub fn identify_document(text: &str) -> Option<Identified> {
    let text = sample(text, MAX_DOCUMENT_SAMPLE_BYTES);
    by_function_words(text).or_else(|| identify_text(text))
}

/// The one listed language whose function words `text` uses plainly: many words of that
/// language alone, a good share of all words, few of other languages only. `None` when no
/// language, or more than one, passes (then trigrams decide).
fn by_function_words(text: &str) -> Option<Identified> {
    let plain: Vec<(&str, Agreement)> = WordLists::get()
        .agreements(text)
        .into_iter()
        .filter(|(_, a)| {
            a.own_only >= DOCUMENT_MIN_OWN_WORDS
                && a.own_only * DOCUMENT_WORDS_PER_OWN_WORD >= a.words
                && a.others_only * DOCUMENT_OWN_PER_OTHER_WORD < a.own_only
        })
        .collect();
    let [(code, agreement)] = plain[..] else {
        return None;
    };
    let lang = Lang::all()
        .iter()
        .copied()
        .find(|l| iso_639_1(*l) == code)?;
    let script = whatlang::detect_script(text)?;
    let agreeing = agreement.own_only as f64;
    Some(Identified {
        lang,
        script,
        confidence: agreeing / (agreeing + agreement.others_only as f64),
        letters: text.chars().filter(|c| c.is_alphabetic()).count(),
        evidence: Evidence::FunctionWords,
    })
}

/// Identifies the language of `text`; `None` when there are no letters to read.
pub fn identify_text(text: &str) -> Option<Identified> {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    if letters == 0 {
        return None;
    }
    let info: Info = whatlang::detect(text)?;
    Some(Identified {
        lang: info.lang(),
        script: info.script(),
        confidence: info.confidence(),
        letters,
        evidence: Evidence::Trigrams,
    })
}

/// The start of `text`, at most `max` bytes, cut at a character boundary.
fn sample(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while end > 0 && !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Whether the function words of `text` plainly say it is in `lang`: enough words that belong
/// to `lang` alone among the listed languages, and few that belong to others only.
///
/// Why: most paragraphs are in their document's language, and reading each with trigrams
/// cost as much as the rest of the analysis together (whatlang's cost per call barely
/// depends on the length of a paragraph). A paragraph that fails this test is read as before.
fn plainly_in(text: &str, lang: &str) -> bool {
    let lists = WordLists::get();
    if !lists.knows(lang) {
        return false;
    }
    let agreement = lists.agreement(text, lang);
    agreement.own_only >= PLAIN_MIN_OWN_WORDS
        && agreement.own_only * PLAIN_WORDS_PER_OWN_WORD >= agreement.words
        && agreement.others_only * PLAIN_OWN_PER_OTHER_WORD < agreement.own_only
}

/// The language of one paragraph, given the document's: a short or uncertain paragraph in the
/// document's script takes the document's language.
pub fn paragraph_language(text: &str, document: Option<&Identified>) -> Option<&'static str> {
    let text = sample(text, MAX_PARAGRAPH_SAMPLE_BYTES);
    if let Some(doc) = document {
        // A short paragraph in the document's script takes its language whatever it reads as,
        // so there is no need to read it.
        let letters = text.chars().filter(|c| c.is_alphabetic()).count();
        if letters < SHORT_PARAGRAPH_LETTERS && whatlang::detect_script(text) == Some(doc.script) {
            return Some(doc.code());
        }
        if plainly_in(text, doc.code()) {
            return Some(doc.code());
        }
    }
    let own = identify_text(text);
    match (own, document) {
        (None, Some(doc)) => Some(doc.code()),
        (None, None) => None,
        (Some(own), None) => Some(own.code()),
        (Some(own), Some(doc)) => {
            if own.lang == doc.lang {
                return Some(doc.code());
            }
            let same_script = own.script == doc.script;
            let short = own.letters < SHORT_PARAGRAPH_LETTERS;
            if same_script && (short || own.confidence < PARAGRAPH_CONFIDENCE) {
                Some(doc.code())
            } else {
                Some(own.code())
            }
        }
    }
}

/// Sets `paragraphs[i].language` and `doc.language`, and flags substantial paragraphs in
/// another language than the document's.
pub fn identify(doc: &mut Document) {
    let document =
        identify_document(&doc.text).filter(|found| found.letters >= MIN_DOCUMENT_LETTERS);
    for paragraph in &mut doc.paragraphs {
        paragraph.language =
            paragraph_language(&paragraph.text, document.as_ref()).map(str::to_string);
    }
    if let Some(found) = &document {
        let code = found.code();
        let declared = doc.language.as_ref().map(|field| field.value.clone());
        let confidence = found.confidence as f32;
        doc.language = match declared {
            // Agreement with the declared language makes both more credible.
            Some(declared) if declared == code => Some(Field::new(
                code.to_string(),
                found.method(),
                (confidence + 0.3).min(0.99),
            )),
            // An uncertain reading does not overrule a declaration.
            Some(_) if confidence < 0.3 => doc.language.take(),
            _ => Some(Field::new(
                code.to_string(),
                found.method(),
                confidence.max(0.05),
            )),
        };
        flag_mixed_language(doc, code);
    }
}

/// Adds one [`FlagKind::MixedLanguage`] flag per other language found in substantial paragraphs.
fn flag_mixed_language(doc: &mut Document, main: &str) {
    let mut flagged: Vec<String> = Vec::new();
    let mut flags = Vec::new();
    for paragraph in &doc.paragraphs {
        let Some(lang) = paragraph.language.as_deref() else {
            continue;
        };
        let letters = paragraph.text.chars().filter(|c| c.is_alphabetic()).count();
        if lang == main || letters < SUBSTANTIAL_LETTERS || flagged.iter().any(|l| l == lang) {
            continue;
        }
        flagged.push(lang.to_string());
        let excerpt: String = paragraph.text.chars().take(100).collect();
        flags.push(Flag {
            kind: FlagKind::MixedLanguage,
            evidence: format!("{lang} paragraph in a {main} document: {excerpt}"),
            span: Some(paragraph.span),
        });
    }
    doc.flags.extend(flags);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use veille_model::{BlockKind, CharOffsets, InputRef, Paragraph, SourceFormat};

    /// Sentences written for this test, two per language, news-like.
    const SAMPLES: &[(&str, &str)] = &[
        ("fr", "Le conseil municipal a voté hier soir la rénovation complète de la piscine du quartier nord."),
        ("fr", "Selon la préfecture, les routes resteront fermées jusqu'à la fin de la semaine à cause des inondations."),
        ("en", "The city council voted last night to rebuild the old swimming pool in the northern district."),
        ("en", "Officials said the roads would stay closed until the end of the week because of the floods."),
        ("de", "Der Stadtrat hat gestern Abend beschlossen, das alte Schwimmbad im Norden vollständig zu sanieren."),
        ("de", "Nach Angaben der Behörden bleiben die Straßen wegen des Hochwassers bis zum Wochenende gesperrt."),
        ("es", "El ayuntamiento aprobó anoche la reforma completa de la piscina municipal del barrio norte."),
        ("es", "Según las autoridades, las carreteras seguirán cerradas hasta el final de la semana por las inundaciones."),
        ("it", "Il consiglio comunale ha approvato ieri sera la ristrutturazione completa della piscina del quartiere nord."),
        ("it", "Secondo la prefettura, le strade resteranno chiuse fino alla fine della settimana a causa delle alluvioni."),
        ("pt", "A câmara municipal aprovou ontem à noite a reforma completa da piscina do bairro norte."),
        ("pt", "Segundo as autoridades, as estradas vão continuar fechadas até ao fim da semana por causa das cheias."),
        ("nl", "De gemeenteraad heeft gisteravond besloten het oude zwembad in de noordelijke wijk volledig te renoveren."),
        ("nl", "Volgens de autoriteiten blijven de wegen tot het einde van de week afgesloten vanwege de overstromingen."),
        ("ru", "Городской совет вчера вечером проголосовал за полную реконструкцию бассейна в северном районе."),
        ("ru", "По словам властей, дороги останутся закрытыми до конца недели из-за наводнения."),
        ("uk", "Міська рада вчора ввечері проголосувала за повну реконструкцію басейну в північному районі."),
        ("uk", "За словами влади, дороги залишаться закритими до кінця тижня через повінь."),
        ("pl", "Rada miejska zagłosowała wczoraj wieczorem za całkowitą przebudową basenu w północnej dzielnicy."),
        ("pl", "Według władz drogi pozostaną zamknięte do końca tygodnia z powodu powodzi."),
        ("ar", "صوت المجلس البلدي مساء أمس على إعادة بناء المسبح القديم في الحي الشمالي بالكامل."),
        ("ar", "وقالت السلطات إن الطرق ستبقى مغلقة حتى نهاية الأسبوع بسبب الفيضانات."),
        ("zh", "市议会昨晚投票决定全面翻修北区的旧游泳池。"),
        ("zh", "当局表示，由于洪水，道路将关闭到本周末。"),
    ];

    fn document(paragraphs: &[&str], declared: Option<&str>) -> Document {
        let text = paragraphs.join("\n\n");
        let offsets = CharOffsets::new(&text);
        let mut start = 0;
        let paragraphs = paragraphs
            .iter()
            .map(|p| {
                let span = offsets.span(start..start + p.len());
                start += p.len() + 2;
                Paragraph {
                    text: p.to_string(),
                    span,
                    kind: BlockKind::Paragraph,
                    language: None,
                }
            })
            .collect();
        Document {
            language: declared.map(|d| Field::new(d.to_string(), "html:lang", 0.7)),
            paragraphs,
            ..Document::new(String::new(), InputRef::default(), SourceFormat::Text, text)
        }
    }

    #[test]
    fn identifies_each_required_language() {
        let mut wrong = Vec::new();
        for (expected, sentence) in SAMPLES {
            let got = identify_text(sentence).map(|i| i.code());
            if got != Some(*expected) {
                wrong.push(format!("{expected} read as {got:?}: {sentence}"));
            }
        }
        // One sentence each is short for trigrams; allow one miss in the 24.
        assert!(wrong.len() <= 1, "misidentified: {wrong:#?}");
    }

    #[test]
    fn whole_documents_in_each_language_are_identified() {
        for pair in SAMPLES.chunks(2) {
            let expected = pair[0].0;
            let mut doc = document(&[pair[0].1, pair[1].1], None);
            identify(&mut doc);
            let language = doc
                .language
                .as_ref()
                .map(|f| (f.value.as_str(), f.source.as_str()));
            let (value, method) = language.expect("a language");
            assert_eq!(value, expected, "{}", pair[0].1);
            assert!(
                ["text:ngram", "text:function_words"].contains(&method),
                "{method}"
            );
            assert!(doc.flags.is_empty(), "{expected}: {:?}", doc.flags);
        }
    }

    #[test]
    fn function_words_name_a_listed_language_and_trigrams_the_others() {
        let english = "The council said on Tuesday that the work on the bridge would start in \
            the spring and that it was expected to last for two years, after which the old road \
            would be closed to lorries. Residents of the district have asked for this for a decade.";
        let found = identify_document(english).expect("english");
        assert_eq!(
            (found.code(), found.evidence),
            ("en", Evidence::FunctionWords)
        );
        assert!(found.confidence > 0.5, "{found:?}");
        // Catalan shares `de`, `la`, `el`, `una` with listed languages but has no list of its
        // own: it must not pass for Spanish or French.
        let catalan = "El consell municipal va aprovar ahir a la nit la reconstrucció de la \
            piscina vella del barri nord. Les obres començaran a la primavera i costaran uns dos \
            milions d'euros, segons va explicar l'alcaldessa als periodistes. Els veïns havien \
            demanat aquesta inversió durant molts anys.";
        let found = identify_document(catalan).expect("catalan");
        assert_eq!((found.code(), found.evidence), ("ca", Evidence::Trigrams));
    }

    #[test]
    fn short_paragraphs_lean_on_the_document() {
        let mut doc = document(
            &[
                "Le conseil municipal a voté hier soir la rénovation complète de la piscine du quartier nord, attendue depuis des années.",
                "Photo : archives",
                "Selon la préfecture, les routes resteront fermées jusqu'à la fin de la semaine à cause des inondations.",
            ],
            None,
        );
        identify(&mut doc);
        let langs: Vec<Option<&str>> = doc
            .paragraphs
            .iter()
            .map(|p| p.language.as_deref())
            .collect();
        assert_eq!(langs, vec![Some("fr"), Some("fr"), Some("fr")]);
    }

    #[test]
    fn mixed_pages_are_visible_and_flagged() {
        let mut doc = document(
            &[
                "Le conseil municipal a voté hier soir la rénovation complète de la piscine du quartier nord, attendue depuis des années par les habitants.",
                "Selon la préfecture, les routes resteront fermées jusqu'à la fin de la semaine à cause des inondations qui ont touché la vallée.",
                "The city council also said that the new pool would open next summer, and that the cost would be shared with the regional government.",
                "Le maire a promis une réunion publique dans les prochains jours pour présenter le calendrier des travaux aux riverains.",
            ],
            Some("fr"),
        );
        identify(&mut doc);
        assert_eq!(doc.language.as_ref().map(|f| f.value.as_str()), Some("fr"));
        assert_eq!(doc.paragraphs[2].language.as_deref(), Some("en"));
        let mixed: Vec<&Flag> = doc
            .flags
            .iter()
            .filter(|f| f.kind == FlagKind::MixedLanguage)
            .collect();
        assert_eq!(mixed.len(), 1);
        assert_eq!(mixed[0].span, Some(doc.paragraphs[2].span));
    }

    #[test]
    fn keeps_the_declared_language_when_the_text_is_too_short() {
        let mut doc = document(&["Oui."], Some("fr"));
        identify(&mut doc);
        assert_eq!(
            doc.language
                .as_ref()
                .map(|f| (f.value.as_str(), f.source.as_str())),
            Some(("fr", "html:lang"))
        );
        let mut empty = document(&[], None);
        identify(&mut empty);
        assert!(empty.language.is_none());
    }

    proptest! {
        #[test]
        fn never_panics_and_sets_every_paragraph_consistently(paragraphs in prop::collection::vec("\\PC{0,80}", 0..6)) {
            let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
            let mut doc = document(&refs, None);
            identify(&mut doc);
            if let Some(language) = &doc.language {
                prop_assert!((0.0..=1.0).contains(&language.confidence));
                prop_assert_eq!(language.value.len(), 2);
            }
        }
    }
}
