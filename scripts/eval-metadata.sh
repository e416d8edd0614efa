#!/usr/bin/env bash
# Metadata: veille's title, author and publication date against the WCXB dev gold
# (`headline`, `author`, `datePublished`), measured only; nothing is trained on it.
#
#   scripts/eval-metadata.sh [DATA_DIR]     (default: ../shared/eval/extraction)
#
# Builds the `metadata_eval` example in release mode, runs it over DATA_DIR/wcxb/html (the
# gold's page URL is given as the fetch URL, as a crawler would know it), and scores:
#   title   exact match after lower-casing and dropping punctuation, over pages with a headline
#   author  at least one gold author name found among veille's authors (same normalisation)
#   date    same calendar day as the gold datePublished
# For each: accuracy over gold pages, coverage (veille gave a value), precision (right when given).
# The LAST line is one JSON object with every figure.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA=${1:-"$ROOT/../shared/eval/extraction"}
if [[ ! -f "$DATA/wcxb/ground-truth.json" ]]; then
    echo "eval-metadata: no wcxb/ground-truth.json in $DATA (give the eval/extraction folder)" >&2
    exit 2
fi
DATA=$(cd "$DATA" && pwd)
OUT=${OUT_DIR:-$(mktemp -d -t veille-eval-metadata.XXXXXX)}
mkdir -p "$OUT"

cd "$ROOT"
echo "building metadata_eval (release)..." >&2
cargo build --release --quiet -p veille-extract --example metadata_eval
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/examples/metadata_eval"

python3 - "$DATA/wcxb/ground-truth.json" "$OUT/urls.json" <<'PY'
import json, sys
gold = json.load(open(sys.argv[1]))
json.dump({k: v.get("url") for k, v in gold.items()}, open(sys.argv[2], "w"))
PY
"$BIN" "$DATA/wcxb/html" "$OUT/wcxb.metadata.json" "$OUT/urls.json"

python3 - "$DATA/wcxb/ground-truth.json" "$OUT/wcxb.metadata.json" <<'PY'
import json, re, sys
from collections import Counter

gold = json.load(open(sys.argv[1]))
pred = json.load(open(sys.argv[2]))

def norm(text):
    return " ".join(re.findall(r"\w+", (text or "").lower()))

def value(doc_id, key):
    field = (pred.get(doc_id) or {}).get(key)
    return field["value"] if field else None

stats = {k: Counter() for k in ("title", "author", "date")}
sources = {k: Counter() for k in ("title", "author", "date")}
for doc_id, record in gold.items():
    checks = {
        "title": (record.get("headline"), value(doc_id, "title"),
                  lambda g, p: norm(g) == norm(p)),
        "author": (record.get("author"), value(doc_id, "authors"),
                   lambda g, p: any(norm(a) and (norm(a) in norm(g) or norm(g) in norm(a)) for a in p)),
        "date": (record.get("datePublished"), value(doc_id, "published"),
                 lambda g, p: p[:10] == g[:10]),
    }
    for key, (g, p, same) in checks.items():
        if not g:
            continue
        stats[key]["gold"] += 1
        if p:
            stats[key]["given"] += 1
            field = pred[doc_id]["published" if key == "date" else ("authors" if key == "author" else key)]
            if same(g, p):
                stats[key]["right"] += 1
                sources[key][field["source"].split(":")[0]] += 1

figures = {}
print(f"{'field':<8} {'gold':>5} {'accuracy':>9} {'coverage':>9} {'precision':>10}")
for key, s in stats.items():
    acc = s["right"] / s["gold"] if s["gold"] else 0.0
    cov = s["given"] / s["gold"] if s["gold"] else 0.0
    prec = s["right"] / s["given"] if s["given"] else 0.0
    figures[key] = {"gold": s["gold"], "accuracy": round(acc, 4), "coverage": round(cov, 4),
                    "precision": round(prec, 4), "right_by_signal": dict(sources[key])}
    print(f"{key:<8} {s['gold']:5d} {acc:9.3f} {cov:9.3f} {prec:10.3f}")
print(json.dumps({"wcxb_metadata": figures}, sort_keys=True))
PY
