#!/usr/bin/env bash
# Main-text extraction: veille against trafilatura on the scrapinghub and WCXB dev splits.
#
#   scripts/eval-extraction.sh [DATA_DIR]     (default: ../shared/eval/extraction)
#
# Builds the `extract_eval` example in release mode, runs veille twice per set (the whole
# `extract` step, and the HTML step alone), runs trafilatura through DATA_DIR/baselines.py in
# the same run (pip-installing it when missing), scores everything with DATA_DIR/score.py, and
# prints a table of F1 / precision / recall / docs per second. When the OrangeSum French pages
# are present (../shared/corpora/orangesum, or ORANGESUM_DIR) it also scores veille on them.
# The LAST line is one JSON object with every figure.
#
# Environment: PASSES (veille timed passes, default 8), TRAF_REPEAT (trafilatura timed passes,
# default 3), OUT_DIR (where predictions go, default a temporary folder), CARGO_TARGET_DIR.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA=${1:-"$ROOT/../shared/eval/extraction"}
if [[ ! -f "$DATA/score.py" ]]; then
    echo "eval-extraction: no score.py in $DATA (give the eval/extraction folder as first argument)" >&2
    exit 2
fi
DATA=$(cd "$DATA" && pwd)
ORANGESUM=${ORANGESUM_DIR:-"$ROOT/../shared/corpora/orangesum"}
PASSES=${PASSES:-8}
TRAF_REPEAT=${TRAF_REPEAT:-3}
OUT=${OUT_DIR:-$(mktemp -d -t veille-eval-extraction.XXXXXX)}
mkdir -p "$OUT"

cd "$ROOT"
echo "building extract_eval (release)..." >&2
cargo build --release --quiet -p veille-extract --example extract_eval
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/examples/extract_eval"

if ! python3 -c "import trafilatura" 2>/dev/null; then
    # Recent lxml releases moved `lxml.html.clean`, which trafilatura imports, to its own package.
    echo "installing trafilatura (and lxml_html_clean) from PyPI..." >&2
    python3 -m pip install --quiet trafilatura lxml_html_clean >&2
fi

for set in scrapinghub wcxb; do
    html="$DATA/$set/html"
    gold="$DATA/$set/ground-truth.json"
    echo "[$set] veille (extract)..." >&2
    "$BIN" "$html" "$OUT/$set.veille.json" --passes "$PASSES" | tail -n 1 > "$OUT/$set.veille.speed"
    python3 "$DATA/score.py" --gold "$gold" --pred "$OUT/$set.veille.json" > "$OUT/$set.veille.score"
    echo "[$set] veille (html step only)..." >&2
    "$BIN" "$html" "$OUT/$set.veille-html.json" --passes "$PASSES" --html-only | tail -n 1 > "$OUT/$set.veille-html.speed"
    python3 "$DATA/score.py" --gold "$gold" --pred "$OUT/$set.veille-html.json" > "$OUT/$set.veille-html.score"
    echo "[$set] trafilatura..." >&2
    python3 "$DATA/baselines.py" --extractor trafilatura --html "$html" \
        --out "$OUT/$set.trafilatura.json" --repeat "$TRAF_REPEAT" | tail -n 1 > "$OUT/$set.trafilatura.speed"
    python3 "$DATA/score.py" --gold "$gold" --pred "$OUT/$set.trafilatura.json" > "$OUT/$set.trafilatura.score"
done

if [[ -f "$ORANGESUM/html-gold.json" && -d "$ORANGESUM/html" ]]; then
    echo "[orangesum] veille (extract)..." >&2
    "$BIN" "$ORANGESUM/html" "$OUT/orangesum.veille.json" --passes 1 | tail -n 1 > "$OUT/orangesum.veille.speed"
    python3 "$DATA/score.py" --gold "$ORANGESUM/html-gold.json" --pred "$OUT/orangesum.veille.json" > "$OUT/orangesum.veille.score"
else
    echo "[orangesum] skipped: $ORANGESUM/html-gold.json not found" >&2
fi

python3 - "$OUT" "$ORANGESUM" <<'PY'
import json, os, re, sys
from collections import Counter

out, orangesum = sys.argv[1], sys.argv[2]

def load(name):
    path = os.path.join(out, name)
    if not os.path.exists(path):
        return None
    with open(path) as fh:
        return json.loads(fh.read().strip().splitlines()[-1])

def token_f1(gold_path, pred_path):
    """Bag-of-words F1 over lower-cased \\w+ tokens, averaged over pages."""
    word = re.compile(r"\w+", re.UNICODE)
    with open(gold_path) as fh:
        gold = json.load(fh)
    with open(pred_path) as fh:
        pred = json.load(fh)
    scores = []
    for doc_id, record in gold.items():
        g = Counter(word.findall(record.get("articleBody", "").lower()))
        p = Counter(word.findall(pred.get(doc_id, {}).get("articleBody", "").lower()))
        common = sum((g & p).values())
        if not g and not p:
            scores.append(1.0)
            continue
        precision = common / sum(p.values()) if p else 0.0
        recall = common / sum(g.values()) if g else 0.0
        scores.append(2 * precision * recall / (precision + recall) if common else 0.0)
    return sum(scores) / len(scores) if scores else 0.0

figures = {}
rows = []
for data_set in ("scrapinghub", "wcxb"):
    entry = {}
    for tool in ("veille", "veille-html", "trafilatura"):
        score = load(f"{data_set}.{tool}.score")
        speed = load(f"{data_set}.{tool}.speed")
        if tool == "trafilatura":
            wall, cpu = speed.get("docs_per_wall_s"), speed.get("docs_per_cpu_s")
        else:
            wall, cpu = speed.get("docs_per_sec"), speed.get("docs_per_cpu_sec")
        entry[tool] = {
            "f1": score["f1"], "precision": score["precision"], "recall": score["recall"],
            "docs": score["docs"], "docs_per_wall_s": wall, "docs_per_cpu_s": cpu,
        }
    traf = entry["trafilatura"]
    for tool in ("veille", "veille-html"):
        e = entry[tool]
        e["cpu_speed_ratio"] = round(e["docs_per_cpu_s"] / traf["docs_per_cpu_s"], 1) \
            if e["docs_per_cpu_s"] and traf["docs_per_cpu_s"] else None
        e["wall_speed_ratio"] = round(e["docs_per_wall_s"] / traf["docs_per_wall_s"], 1) \
            if e["docs_per_wall_s"] and traf["docs_per_wall_s"] else None
    figures[data_set] = entry
    for tool, e in entry.items():
        rows.append((data_set, tool, e))

french = load("orangesum.veille.score")
if french is not None:
    figures["orangesum"] = {
        "veille": {"f1": french["f1"], "precision": french["precision"], "recall": french["recall"],
                   "docs": french["docs"],
                   "token_f1": round(token_f1(os.path.join(orangesum, "html-gold.json"),
                                              os.path.join(out, "orangesum.veille.json")), 6)}}

def num(value, fmt):
    return format(value, fmt) if value is not None else "-".rjust(int(fmt.split(".")[0]))

print(f"{'set':<12} {'extractor':<12} {'F1':>6} {'P':>6} {'R':>6} {'docs':>5} "
      f"{'docs/s cpu':>10} {'docs/s wall':>11} {'x traf cpu':>10} {'x traf wall':>11}")
for data_set, tool, e in rows:
    print(f"{data_set:<12} {tool:<12} {e['f1']:6.3f} {e['precision']:6.3f} {e['recall']:6.3f} {e['docs']:5d} "
          f"{num(e['docs_per_cpu_s'], '10.1f')} {num(e['docs_per_wall_s'], '11.1f')} "
          f"{num(e.get('cpu_speed_ratio'), '10.1f')} {num(e.get('wall_speed_ratio'), '11.1f')}")
if french is not None:
    f = figures["orangesum"]["veille"]
    print(f"{'orangesum':<12} {'veille':<12} {f['f1']:7.3f} {f['precision']:7.3f} {f['recall']:7.3f} "
          f"{f['docs']:5d}   token F1 {f['token_f1']:.3f}")
print(f"predictions in {out}")
print(json.dumps(figures, sort_keys=True))
PY
