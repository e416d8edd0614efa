//! HTML: parse a page, find its main content, and collect head metadata into a [`HtmlPage`].
//!
//! How it works, in one pass each:
//! 1. [`tokenizer`] reads the bytes with `memchr`, skipping comments and the bodies of
//!    `<script>`, `<style>`, `<noscript>`, `<svg>`, `<template>`;
//! 2. [`tree`] builds a light arena tree (bounded depth) and gathers `<html lang>`, `<title>`,
//!    `<meta>`, `<link>`/`<a rel>`, JSON-LD, `<h1>`, `<time>` and byline elements;
//! 3. [`scoring`] measures text, link text and commas per node and picks the main content
//!    readability-style, keeping navigation, comments and teasers out of the vote;
//! 4. [`blocks`] writes the content as typed blocks, drops furniture inside it with a
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
    let h1 = tree.h1.iter().map(|&n| text_of(n)).filter(|t| !t.is_empty()).collect();
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
