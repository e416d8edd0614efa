//! Cleaning: classify blocks and drop furniture. SCAFFOLD — replaced by the real classifier.

use veille_model::{BodyKind, Caption, Flag, Removed};

use crate::Block;

/// What cleaning removed and noticed.
#[derive(Debug, Default)]
pub struct Cleaned {
    /// Removed blocks (or parts of blocks) with reasons.
    pub removed: Vec<Removed>,
    /// Flags raised.
    pub flags: Vec<Flag>,
    /// Captions found glued into text blocks and moved out of the body.
    pub captions: Vec<Caption>,
}

/// Cleans `blocks` in place.
pub fn clean_blocks(blocks: &mut Vec<Block>, _kind: BodyKind) -> Cleaned {
    let _ = blocks;
    Cleaned::default()
}
