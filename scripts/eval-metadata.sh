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
# For each: accuracy over gold pages, coverage (a value was given), precision (right when given).
# trafilatura's `extract_metadata` runs in the same call as the reference (pip-installed when
# missing; set NO_REFERENCE=1 to skip it). The LAST line is one JSON object with every figure.
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

if [[ -z "${NO_REFERENCE:-}" ]]; then
    if ! python3 -c "import trafilatura" 2>/dev/null; then
        echo "installing trafilatura (and lxml_html_clean) from PyPI..." >&2
        python3 -m pip install --quiet trafilatura lxml_html_clean >&2
    fi
    echo "[wcxb] trafilatura extract_metadata (reference)..." >&2
    python3 - "$DATA/wcxb/html" "$OUT/urls.json" "$OUT/wcxb.trafilatura.json" <<'PY'
import gzip, json, os, sys
from trafilatura.metadata import extract_metadata

html_dir, urls_path, out_path = sys.argv[1:4]
urls = json.load(open(urls_path))
out = {}
for name in sorted(os.listdir(html_dir)):
    if not name.endswith(".html.gz"):
        continue
    doc_id = name[: -len(".html.gz")]
    html = gzip.open(os.path.join(html_dir, name)).read().decode("utf-8", "replace")
    try:
        meta = extract_metadata(html, default_url=urls.get(doc_id))
    except Exception:  # a reference failure is a missing answer, not a crash
        meta = None
    field = lambda value: {"value": value, "source": "trafilatura"} if value else None
    out[doc_id] = {
        "title": field(meta.title if meta else None),
        "authors": field([a.strip() for a in meta.author.split(";")] if meta and meta.author else None),
        "published": field(meta.date if meta else None),
    }
json.dump(out, open(out_path, "w"))
PY
fi

python3 - "$DATA/wcxb/ground-truth.json" "$OUT/wcxb.metadata.json" "$OUT/wcxb.trafilatura.json" <<'PY'
import json, os, re, sys
from collections import Counter

gold = json.load(open(sys.argv[1]))
runs = {"veille": json.load(open(sys.argv[2]))}
if os.path.exists(sys.argv[3]):
    runs["trafilatura"] = json.load(open(sys.argv[3]))

def norm(text):
    return " ".join(re.findall(r"\w+", (text or "").lower()))

SAME = {
    "title": ("headline", "title", lambda g, p: norm(g) == norm(p)),
    "author": ("author", "authors",
               lambda g, p: any(norm(a) and (norm(a) in norm(g) or norm(g) in norm(a)) for a in p)),
    "date": ("datePublished", "published", lambda g, p: p[:10] == g[:10]),
}

figures = {}
print(f"{'tool':<12} {'field':<8} {'gold':>5} {'accuracy':>9} {'coverage':>9} {'precision':>10}")
for tool, pred in runs.items():
    figures[tool] = {}
    for key, (gold_key, pred_key, same) in SAME.items():
        s = Counter()
        signals = Counter()
        for doc_id, record in gold.items():
            g = record.get(gold_key)
            if not g:
                continue
            s["gold"] += 1
            field = (pred.get(doc_id) or {}).get(pred_key)
            if field and field.get("value"):
                s["given"] += 1
                if same(g, field["value"]):
                    s["right"] += 1
                    signals[field["source"].split(":")[0]] += 1
        acc = s["right"] / s["gold"] if s["gold"] else 0.0
        cov = s["given"] / s["gold"] if s["gold"] else 0.0
        prec = s["right"] / s["given"] if s["given"] else 0.0
        figures[tool][key] = {"gold": s["gold"], "accuracy": round(acc, 4), "coverage": round(cov, 4),
                              "precision": round(prec, 4)}
        if tool == "veille":
            figures[tool][key]["right_by_signal"] = dict(signals)
        print(f"{tool:<12} {key:<8} {s['gold']:5d} {acc:9.3f} {cov:9.3f} {prec:10.3f}")
print(json.dumps({"wcxb_metadata": figures}, sort_keys=True))
PY
