#!/usr/bin/env bash
# Rebuilds the entity tagger's weights, crates/enrich/data/ner/model.{en,de}.bin, from the
# training corpora listed in crates/enrich/data/ner/SOURCES.md (sources, licences, checksums).
# veille itself never downloads anything: get the three files below once, put them in one
# folder, and give that folder as the first argument.
#
#   wikigold.conll.txt   English, CC BY 4.0   (Balasuriya et al. 2009; Nothman et al. 2013)
#   NER-de-dev.tsv       German,  CC BY 4.0   (GermEval 2014 NER, Benikova et al. 2014)
#   NER-de-test.tsv      German,  CC BY 4.0   (same)
#
# Usage: scripts/train-ner.sh DATA_DIR [OUT_DIR]   (OUT_DIR defaults to crates/enrich/data/ner)
#
# The models use the rule recogniser's output and the lexicons as features: retrain after
# changing crates/enrich/src/entities/{recognize,features}.rs or the files under
# crates/enrich/data/{ner,aliases,gazetteer}. Hyper-parameters (epochs, 2^18 hash buckets) were
# chosen on held-out sentences of the training corpora (the trainer prints them each epoch),
# never on an evaluation set. Training takes a few seconds per language on one core.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA_DIR="${1:?usage: scripts/train-ner.sh DATA_DIR [OUT_DIR]}"
OUT_DIR="${2:-crates/enrich/data/ner}"

declare -A SHA256=(
    [wikigold.conll.txt]=c797a64d0cf73ed058363f77671486bcfd413e70fda1726ad4a6ba624455225f
    [NER-de-dev.tsv]=2ffe8405acc6bb6111b62a88623aa1e1f2e6db16b77fc005c54163541807aa05
    [NER-de-test.tsv]=ec6e6adce5ed71cee119ae758e569ea4be54c6be5319b3b49dfcdcb05e51301b
)
for file in "${!SHA256[@]}"; do
    if [ ! -f "$DATA_DIR/$file" ]; then
        echo "train-ner: $DATA_DIR/$file is missing (see crates/enrich/data/ner/SOURCES.md)" >&2
        exit 2
    fi
    actual="$(sha256sum "$DATA_DIR/$file" | cut -d' ' -f1)"
    if [ "$actual" != "${SHA256[$file]}" ]; then
        echo "train-ner: warning: $file differs from the copy the shipped model was trained on" >&2
    fi
done

WORK="$(mktemp -d -t veille-train-ner.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

# GermEval 2014 → "token TAG" lines, blank line between sentences. Outer annotation only;
# CoNLL conventions: OTH (works, events) and *deriv (deutsch, Berliner) → MISC, *part
# ("EU-Kommission" as a whole is not a location) → O.
germeval_to_bio() {
    awk -F'\t' '
        /^#/ { next }
        NF < 3 { print ""; next }
        {
            tag = $3
            if (tag != "O") {
                prefix = substr(tag, 1, 1); type = substr(tag, 3)
                if (type ~ /part$/) tag = "O"
                else if (type ~ /deriv$/ || type == "OTH") tag = prefix "-MISC"
                else tag = prefix "-" type
            }
            print $2 " " tag
        }' "$1"
}
germeval_to_bio "$DATA_DIR/NER-de-dev.tsv" > "$WORK/germeval-dev.bio"
germeval_to_bio "$DATA_DIR/NER-de-test.tsv" > "$WORK/germeval-test.bio"

cargo build --release -q -p veille-enrich --example train_ner
TRAIN="${CARGO_TARGET_DIR:-target}/release/examples/train_ner"
mkdir -p "$OUT_DIR"

started=$(date +%s)
"$TRAIN" --lang en --epochs 8 --bits 18 --final \
    --input "$DATA_DIR/wikigold.conll.txt" --output "$OUT_DIR/model.en.bin"
"$TRAIN" --lang de --epochs 10 --bits 18 --final \
    --input "$WORK/germeval-dev.bio" --input "$WORK/germeval-test.bio" \
    --output "$OUT_DIR/model.de.bin"
echo "train-ner: done in $(( $(date +%s) - started )) s; models in $OUT_DIR" >&2
ls -l "$OUT_DIR"/model.*.bin >&2
