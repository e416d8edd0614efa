#!/usr/bin/env bash
# Rebuilds the entity tagger's weights, crates/enrich/data/ner/model.{en,de,es}.bin, from the
# training corpora listed in crates/enrich/data/ner/SOURCES.md (sources, licences, checksums).
# veille itself never downloads anything: get the files below once, put them in one folder
# (the BTC sections in its subfolder btc/), and give that folder as the first argument.
#
#   wikigold.conll.txt        English,    CC BY 4.0     (Balasuriya et al. 2009; Nothman et al. 2013)
#   NER-de-dev.tsv            German,     CC BY 4.0     (GermEval 2014 NER, Benikova et al. 2014)
#   NER-de-test.tsv           German,     CC BY 4.0     (same)
#   en_ewt-ud-dev.iob2        English,    CC BY-SA 4.0  (Universal NER v1, Mayhew et al. 2024)
#   en_ewt-ud-test.iob2       English,    CC BY-SA 4.0  (same)
#   en_pud-ud-test.iob2       English,    CC BY-SA 3.0  (same)
#   de_pud-ud-test.iob2       German,     CC BY-SA 3.0  (same)
#   pt_bosque-ud-train.iob2   Portuguese, CC BY-SA 4.0  (same)
#   pt_bosque-ud-dev.iob2     Portuguese, CC BY-SA 4.0  (same)
#   pt_bosque-ud-test.iob2    Portuguese, CC BY-SA 4.0  (same)
#   pt_pud-ud-test.iob2       Portuguese, CC BY-SA 3.0  (same)
#   btc/{a,b,e,f,g,h}.conll   English,    CC BY 4.0     (Broad Twitter Corpus, Derczynski et al. 2016)
#
# The Spanish model has no Spanish training data: it is trained on Portuguese (UNER Bosque and
# PUD, read with the Spanish lists) plus the English and German corpora (read with their own
# lists); see SOURCES.md.
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
    [en_ewt-ud-dev.iob2]=0cafd881cf31d39897b6d588420fab8fbbe4423d271725c59921ac9dd49c0713
    [en_ewt-ud-test.iob2]=821ad826d5f503ac03b4edc3fbc2174f21fbb005ec25863caf2051c434616d6e
    [en_pud-ud-test.iob2]=71fc0e18011e930f9a1a2fb68089d732eb2035a5840677d300626c8a1dedd2fb
    [de_pud-ud-test.iob2]=352c09251cf1c376d2786261813041c976c1aa7ce9bcf78388a4342a30bd00d4
    [pt_bosque-ud-train.iob2]=1d8762040667fc15f4ec83801e20d14d10ebea2b90c16c312f3ba03da2d1f860
    [pt_bosque-ud-dev.iob2]=0e6cb1db280e6677e2fd4380d695039791b5cb70bb5100376166aae5690da01a
    [pt_bosque-ud-test.iob2]=45cf232ff7677cb6f4020dad96dbf8412d1f2cca38d81164ac96ee8c03b6b09f
    [pt_pud-ud-test.iob2]=e91d2e88c4e0b8007f2db01fbea8f101e83e6756ba21256aaf420e8af65fda8a
    [btc/a.conll]=ac824cc13c88283fe3cca05343e46c79ec4cd5b174429f27bf8fe0ebdc1bbf33
    [btc/b.conll]=504a094a0398e03fd7b394510e313b8fc844407102252182d90aea23f53cc322
    [btc/e.conll]=77aca745cdc28ae0fafbcf36a93ccfd15357a8db97c21d91083592dd85e348c5
    [btc/f.conll]=d0839ddb0bd57f3a59ac9ab35d371dc140db8280e0001469a4e56fe8f776ce8a
    [btc/g.conll]=d53a27645cabc4e63313d573498b48b0cc5ed780d280edfbdc4fedefe23479da
    [btc/h.conll]=7f31215a79f3131526236203907c8d003b8e0f8ee6eef2a216ebb685340ebe39
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

# Universal NER (UNER v1) .iob2 → "token TAG" lines: the token is column 2, the tag column 3
# (PER, LOC, ORG only; UNER has no MISC); comment lines dropped.
uner_to_bio() {
    awk -F'\t' '
        /^#/ { next }
        NF < 3 { print ""; next }
        { print $2 " " $3 }' "$1"
}
for corpus in en_ewt-ud-dev en_ewt-ud-test en_pud-ud-test de_pud-ud-test \
              pt_bosque-ud-train pt_bosque-ud-dev pt_bosque-ud-test pt_pud-ud-test; do
    uner_to_bio "$DATA_DIR/$corpus.iob2" > "$WORK/$corpus.bio"
done

cargo build --release -q -p veille-enrich --example train_ner
TRAIN="${CARGO_TARGET_DIR:-target}/release/examples/train_ner"
mkdir -p "$OUT_DIR"

started=$(date +%s)
# English: WikiGold first (every 10th sentence held out to choose the epochs), then UNER
# (EWT dev+test, PUD) and the Broad Twitter Corpus.
"$TRAIN" --lang en --epochs 8 --bits 18 --final \
    --input "$DATA_DIR/wikigold.conll.txt" \
    --input "$WORK/en_pud-ud-test.bio" --input "$WORK/en_ewt-ud-dev.bio" --input "$WORK/en_ewt-ud-test.bio" \
    --input "$DATA_DIR/btc/a.conll" --input "$DATA_DIR/btc/b.conll" --input "$DATA_DIR/btc/e.conll" \
    --input "$DATA_DIR/btc/f.conll" --input "$DATA_DIR/btc/g.conll" --input "$DATA_DIR/btc/h.conll" \
    --output "$OUT_DIR/model.en.bin"
# German: GermEval dev first (held out as above), GermEval test, UNER German PUD.
"$TRAIN" --lang de --epochs 14 --bits 18 --final \
    --input "$WORK/germeval-dev.bio" --input "$WORK/germeval-test.bio" \
    --input "$WORK/de_pud-ud-test.bio" \
    --output "$OUT_DIR/model.de.bin"
# Spanish, with no Spanish corpus: Portuguese UNER (Bosque first, held out as above; read with
# the Spanish lists) plus the English and German corpora read with their own lists; four runs
# over differently shuffled data, weights averaged (steadier than one run here).
"$TRAIN" --lang es --epochs 11 --bits 18 --final --runs 4 \
    --input "$WORK/pt_bosque-ud-train.bio" --input "$WORK/pt_bosque-ud-dev.bio" \
    --input "$WORK/pt_bosque-ud-test.bio" --input "$WORK/pt_pud-ud-test.bio" \
    --input "en:$DATA_DIR/wikigold.conll.txt" --input "en:$WORK/en_pud-ud-test.bio" \
    --input "de:$WORK/germeval-dev.bio" --input "de:$WORK/germeval-test.bio" \
    --input "de:$WORK/de_pud-ud-test.bio" \
    --output "$OUT_DIR/model.es.bin"
echo "train-ner: done in $(( $(date +%s) - started )) s; models in $OUT_DIR" >&2
ls -l "$OUT_DIR"/model.*.bin >&2
