//! End-to-end tests of the `veille` binary, compiled into one test binary (faster to link).
//!
//! One module per area; each test runs the real binary in a temporary directory.

mod analyze;
mod contract;
mod hostile;
mod understanding;
mod util;
