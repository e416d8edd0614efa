//! Splitting already-scraped plain text into blocks.

use crate::Block;

/// Splits plain text into blocks: one per non-empty line, whitespace collapsed.
/// SCAFFOLD — the cleaning owner refines paragraph reconstruction.
pub fn split_blocks(text: &str) -> Vec<Block> {
    text.lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .map(Block::paragraph)
        .collect()
}
