//! Link: which documents are copies, near copies or translations of each other, who published
//! first, and which documents tell the same story. Pure algorithms, no IO. SCAFFOLD.
