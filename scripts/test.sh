#!/usr/bin/env bash
# The project's test command (see README.md): every crate's unit, property and integration tests.
# Tests that need ../shared or optional tools skip with a printed reason when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --workspace --locked "$@"
