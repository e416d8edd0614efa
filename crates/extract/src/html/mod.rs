//! HTML: parse a page, find its main content, and collect head metadata into a [`HtmlPage`].
//!
//! How it works, in one pass each:
//! 1. `tokenizer` reads the bytes with `memchr`, skipping comments and the bodies of
//!    `<script>`, `<style>`, `<svg>`, `<template>`, `<iframe>` (`<noscript>` is read as markup:
//!    some sites, forum engines among them, serve their text there for script-less readers);
//! 2. `tree` builds a light arena tree (bounded depth) and gathers `<html lang>`, `<title>`,
//!    `<meta>`, `<link>`/`<a rel>`, JSON-LD, `<h1>`, `<time>` and byline elements;
//! 3. `scoring` measures text, link text and commas per node and picks the main content
//!    readability-style, keeping navigation, comments and teasers out of the vote;
//! 4. `blocks` writes the content as typed blocks, drops furniture inside it with a
//!    [`veille_model::RemovalReason`], and moves captions aside.
//!
//! It never panics and never fails: broken markup gives a best-effort tree, and a page
//! without content gives no blocks. What it does not do: run scripts, apply CSS beyond inline
//! `display:none`, or judge text by its words beyond a short list of teaser and prompt openers
//! (the `clean` step does that on the blocks afterwards).

mod blocks;
mod classes;
mod entities;
mod scoring;
mod tags;
mod tokenizer;
mod tree;

use crate::{ExtractConfig, HtmlPage};

/// Longest text kept for a byline, an `<h1>` or a `<time>`, in characters.
const MAX_META_TEXT: usize = 300;

/// Parses a page and extracts its main content and head metadata.
pub fn parse_page(html: &str, cfg: &ExtractConfig) -> HtmlPage {
    let tree = tree::build(html);
    let analysis = scoring::analyse(&tree);
    let selection = scoring::select(&tree, &analysis);
    let output = blocks::write(&tree, &analysis, &selection, cfg);

    let text_of = |node: u32| blocks::subtree_text(&tree, &analysis, node, MAX_META_TEXT);
    let h1 = tree
        .h1
        .iter()
        .map(|&n| text_of(n))
        .filter(|t| !t.is_empty())
        .collect();
    let times = tree
        .times
        .iter()
        .map(|(datetime, node)| (datetime.clone(), text_of(*node)))
        .collect();
    let mut bylines: Vec<String> = Vec::new();
    for &node in &tree.bylines {
        let text = text_of(node);
        if !text.is_empty() && text.chars().count() < MAX_META_TEXT && !bylines.contains(&text) {
            bylines.push(text);
        }
    }
    HtmlPage {
        html_lang: tree.html_lang.clone(),
        title_tag: tree.title.clone(),
        meta: tree.meta.clone(),
        links: tree.links.clone(),
        json_ld: tree.json_ld.clone(),
        h1,
        times,
        bylines,
        blocks: output.blocks,
        captions: output.captions,
        removed: output.removed,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use veille_model::{BlockKind, RemovalReason};

    use super::*;

    const FR: &str = include_str!("../../../../fixtures/html/fr_article.html");
    const EN: &str = include_str!("../../../../fixtures/html/en_article.html");
    const DE: &str = include_str!("../../../../fixtures/html/de_article.html");

    fn parse(html: &str) -> HtmlPage {
        parse_page(html, &ExtractConfig::default())
    }

    fn body(page: &HtmlPage) -> String {
        page.blocks
            .iter()
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Checks that the body holds every `present` snippet and none of the `absent` ones.
    fn check(page: &HtmlPage, present: &[&str], absent: &[&str]) {
        let text = body(page);
        for snippet in present {
            assert!(text.contains(snippet), "missing {snippet:?} in:\n{text}");
        }
        for snippet in absent {
            assert!(
                !text.contains(snippet),
                "unexpected {snippet:?} in:\n{text}"
            );
        }
    }

    fn removed_with(page: &HtmlPage, reason: RemovalReason, snippet: &str) -> bool {
        page.removed
            .iter()
            .any(|r| r.reason == reason && r.text.contains(snippet))
    }

    #[test]
    fn french_article_keeps_body_and_drops_furniture() {
        let page = parse(FR);
        check(
            &page,
            &[
                "la première rame ne circulera pas avant 2031",
                "212 millions d'euros",
                "Des travaux préparatoires dès cet automne",
                "Longueur de la ligne : 7,4 km",
                "trois réunions publiques",
            ],
            &[
                "Lire aussi",
                "Le bus gratuit le samedi",
                "Partager sur Facebook",
                "cookies",
                "Abonnez-vous",
                "contribuables",
                "Accueil",
                "Publicité",
                "Mentions légales",
                "pas du texte",
                "Le tramway de Quimperlé attendra 2031",
            ],
        );
        assert!(removed_with(
            &page,
            RemovalReason::RelatedTeaser,
            "Lire aussi"
        ));
        assert!(removed_with(
            &page,
            RemovalReason::SharePrompt,
            "Partager sur Facebook"
        ));
        assert!(removed_with(
            &page,
            RemovalReason::Comments,
            "contribuables"
        ));
    }

    #[test]
    fn french_article_block_kinds_and_caption() {
        let page = parse(FR);
        let heading = page
            .blocks
            .iter()
            .find(|b| b.text.starts_with("Des travaux"));
        assert_eq!(heading.map(|b| b.kind), Some(BlockKind::Heading));
        let item = page
            .blocks
            .iter()
            .find(|b| b.text.starts_with("Fréquence prévue"));
        assert_eq!(item.map(|b| b.kind), Some(BlockKind::ListItem));
        assert_eq!(page.captions.len(), 1);
        assert_eq!(
            page.captions[0].text,
            "Le futur dépôt du tramway, au bord de la Laïta."
        );
        assert_eq!(
            page.captions[0].credit.as_deref(),
            Some("Photo : Yann Le Goff")
        );
        assert!(!body(&page).contains("bord de la Laïta"));
    }

    #[test]
    fn french_article_head_metadata() {
        let page = parse(FR);
        assert_eq!(page.html_lang.as_deref(), Some("fr"));
        assert_eq!(
            page.title_tag.as_deref(),
            Some("Le tramway de Quimperlé attendra 2031 | Le Courrier de l'Ouest-Intérieur")
        );
        assert!(page
            .meta
            .iter()
            .any(|m| m.key == "og:title" && m.content == "Le tramway de Quimperlé attendra 2031"));
        assert!(page.links.iter().any(|l| l.rel == "canonical"));
        assert!(page
            .links
            .iter()
            .any(|l| l.rel == "author" && l.href == "/auteurs/mkerouedan"));
        assert_eq!(page.json_ld.len(), 1);
        assert_eq!(
            page.h1,
            vec!["Le tramway de Quimperlé attendra 2031".to_string()]
        );
        assert_eq!(page.times.len(), 1);
        assert_eq!(
            page.times[0].0.as_deref(),
            Some("2025-03-14T08:12:00+01:00")
        );
        assert_eq!(page.times[0].1, "le 14 mars 2025 à 8 h 12");
        assert!(page.bylines.iter().any(|b| b.contains("Maëlle Kerouédan")));
    }

    #[test]
    fn comments_come_back_when_asked_for() {
        let cfg = ExtractConfig {
            include_comments: true,
        };
        let page = parse_page(EN, &cfg);
        assert!(body(&page).contains("About time."));
        assert!(!body(&parse(EN)).contains("About time."));
    }

    #[test]
    fn english_article_keeps_tables_quotes_and_drops_teasers() {
        let page = parse(EN);
        check(
            &page,
            &[
                "nine to four on Tuesday",
                "£1.8m",
                "“We cannot keep sandbagging",
                "Objections from the sailing club",
                "residents will be able to comment online",
            ],
            &[
                "Read more",
                "Why the 2023 flood",
                "Share this article",
                "Most read",
                "Advertisement",
                "Daniel Okafor",
                "Sign in",
            ],
        );
        let row = page
            .blocks
            .iter()
            .find(|b| b.kind == BlockKind::TableRow && b.text.starts_with("Sector gate"));
        assert_eq!(row.map(|b| b.text.as_str()), Some("Sector gate\t£74m"));
        let quote = page.blocks.iter().find(|b| b.kind == BlockKind::Blockquote);
        assert!(quote.is_some_and(|q| q.text.starts_with("The harbour is the reason")));
        assert_eq!(page.captions.len(), 1);
        assert_eq!(
            page.captions[0].credit.as_deref(),
            Some("AP Photo/Jane Smith")
        );
    }

    #[test]
    fn german_article_drops_lesen_sie_auch_and_consent() {
        let page = parse(DE);
        check(
            &page,
            &[
                "Nach zweieinhalb Jahren Bauzeit",
                "9,6 Millionen Euro",
                "Nisthilfen anzubringen",
            ],
            &[
                "Lesen Sie auch",
                "Radweg an der B 80",
                "Cookies",
                "Hochwasser",
                "Teilen",
                "Impressum",
                "Startseite",
            ],
        );
        assert!(removed_with(
            &page,
            RemovalReason::RelatedTeaser,
            "Lesen Sie auch"
        ));
    }

    #[test]
    fn a_forum_thread_keeps_its_replies() {
        let reply = |who: &str| {
            format!(
                "<div class=\"comment\"><p>{who} answers: I had the same problem with the router, and \
                 resetting the firmware, then waiting ten minutes before plugging it back, fixed it for good.</p></div>"
            )
        };
        let html = format!(
            "<html><body><nav><a href=/>Forums</a> <a href=/new>New posts</a></nav><div class=\"thread\">\
             <div class=\"first-post\"><p>My router drops the connection every evening, any idea why, please?</p></div>\
             <div class=\"comments\">{}{}{}</div></div></body></html>",
            reply("Ana"),
            reply("Bo"),
            reply("Cy")
        );
        let page = parse(&html);
        check(
            &page,
            &["My router drops", "Ana answers", "Cy answers"],
            &["New posts"],
        );
    }

    #[test]
    fn article_comments_stay_out_by_default() {
        let html = format!(
            "<html><body><article><div class=\"story-body\">{}</div><div id=\"comments\">\
             <p>First! Great read, thanks for writing this, really.</p></div></article></body></html>",
            "<p>The river rose by two metres overnight, flooding the lower town, and the mayor ordered an evacuation.</p>"
                .repeat(12)
        );
        let page = parse(&html);
        check(&page, &["The river rose"], &["First! Great read"]);
        assert!(removed_with(
            &page,
            RemovalReason::Comments,
            "First! Great read"
        ));
    }

    #[test]
    fn br_splits_paragraphs_and_entities_are_decoded() {
        let html = "<html><body><div class=\"article-body\"><p>Premi&egrave;re ligne, assez longue pour compter, avec des virgules, \
                    et encore.<br>Seconde ligne &#8212; elle aussi assez longue, avec une virgule, et un point.</p></div></body></html>";
        let page = parse(html);
        assert_eq!(page.blocks.len(), 2, "{:?}", page.blocks);
        assert!(page.blocks[0].text.starts_with("Première ligne"));
        assert!(page.blocks[1].text.starts_with("Seconde ligne — elle"));
    }

    #[test]
    fn pages_without_paragraph_tags_still_give_text() {
        let html = format!(
            "<html><body><div class=\"menu\"><a href=/>Home</a></div><div>{}</div></body></html>",
            "This text sits straight in a div, with commas, clauses, and full stops. ".repeat(8)
        );
        let page = parse(&html);
        assert!(body(&page).contains("sits straight in a div"));
    }

    #[test]
    fn broken_markup_does_not_lose_the_text() {
        let html = "<html><body><div class=content><p>Unclosed paragraph with enough words, commas, and so on to be content\
                    <p>Second one, with a <b>stray</b></i> end tag and <a href=x>a link</p></span></div><p>Tail text here, \
                    long enough, with commas";
        let page = parse(html);
        check(
            &page,
            &[
                "Unclosed paragraph",
                "Second one, with a stray end tag and a link",
            ],
            &[],
        );
    }

    #[test]
    fn hostile_inputs_do_not_panic() {
        let deep =
            "<div>".repeat(100_000) + "deep text, with commas, here" + &"</div>".repeat(50_000);
        let page = parse(&deep);
        assert!(body(&page).contains("deep text"));
        for html in [
            "",
            "<",
            "<<<>>>",
            "</",
            "<!--",
            "<a href='",
            "&#x;&#99999999999;&",
            "\0<p>\0x\0</p>",
            "<svg><p>after svg",
        ] {
            let _ = parse(html);
        }
    }

    fn tag_soup() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("<div class=\"content\">".to_string()),
            Just("<p>".to_string()),
            Just("</p>".to_string()),
            Just("</div>".to_string()),
            Just("<br>".to_string()),
            Just("<a href=x>".to_string()),
            Just("</a>".to_string()),
            Just("<script>".to_string()),
            Just("<table><tr><td>".to_string()),
            Just("<pre>".to_string()),
            Just("<figure><figcaption>".to_string()),
            Just("<li>".to_string()),
            Just("<!--".to_string()),
            Just("&amp;&#233;&eacute".to_string()),
            "[a-zé ,.]{0,40}",
        ];
        proptest::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #[test]
        fn any_string_parses_without_panic(input in any::<String>()) {
            let page = parse(&input);
            for block in &page.blocks {
                prop_assert!(!block.text.trim().is_empty());
            }
        }

        #[test]
        fn tag_soup_parses_without_panic_and_blocks_are_trimmed(input in tag_soup()) {
            let page = parse(&input);
            for block in &page.blocks {
                prop_assert!(!block.text.is_empty());
                if block.kind != BlockKind::Preformatted {
                    prop_assert_eq!(block.text.trim(), block.text.as_str());
                    prop_assert!(!block.text.contains("  "));
                }
            }
        }
    }
}
