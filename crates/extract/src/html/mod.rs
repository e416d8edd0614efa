//! HTML: parse a page, find the main content. SCAFFOLD — replaced by the real extractor.

use crate::{ExtractConfig, HtmlPage};

/// Parses a page and extracts its main content and head metadata.
pub fn parse_page(html: &str, _cfg: &ExtractConfig) -> HtmlPage {
    let _ = html;
    HtmlPage::default()
}
