#!/usr/bin/env bash
# Language identification: veille (whatlang + document prior) on the labelled articles of the
# SemEval-2022 task 8 dev split (ar, de, en, es, fr, pl, tr), measured only.
#
#   scripts/eval-language.sh [DATA_DIR]     (default: ../shared/eval/stories)
#
# Builds the `language_eval` example in release mode and runs it over
# DATA_DIR/similarity/semeval2022t8.dev.jsonl. Reports, per language and overall, the accuracy
# on the whole text, on the first sentence alone, and on the first sentence with the whole
# text's language as prior (what the pipeline does for short paragraphs; optimistic, since the
# prior was read from a text that contains the sentence). The LAST line is one JSON object.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA=${1:-"$ROOT/../shared/eval/stories"}
PAIRS="$DATA/similarity/semeval2022t8.dev.jsonl"
if [[ ! -f "$PAIRS" ]]; then
    echo "eval-language: $PAIRS not found (give the eval/stories folder as first argument)" >&2
    exit 2
fi
cd "$ROOT"
echo "building language_eval (release)..." >&2
cargo build --release --quiet -p veille-enrich --example language_eval
"${CARGO_TARGET_DIR:-$ROOT/target}/release/examples/language_eval" "$PAIRS"
