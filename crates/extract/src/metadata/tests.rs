//! End-to-end tests of [`super::collect`] on pages and texts written for these tests.
