#!/usr/bin/env bash
# Story clustering, translation grouping and cross-lingual similarity on shared/eval/stories.
#
#   scripts/eval-stories.sh [EVAL_DIR]        (default: ../shared/eval/stories from the repo root)
#
# Clusters (ECB+, UCI) and translations (MEANTIME) go through the real binary:
#   veille ingest <set>.jsonl --data TMP  →  veille stories --format json  →  members mapped back
#   to eval ids (content id → external id, from `veille analyze --format jsonl` of the same file).
# MEANTIME is scored twice: stories, and copy families (the translation task: connected
# components of exact/near/partial/translation links, `veille provenance`'s families), the latter
# through the linker example driver, which streams the same records through the same Linker.
# SemEval-2022 similarity uses the example driver's pair mode (the `veille why` similarity).
# If `veille ingest` is unavailable, every set falls back to the example driver (said in the
# output). Prints a table next to the README baselines; the LAST line is one JSON object.
set -euo pipefail
cd "$(dirname "$0")/.."
EVAL="${1:-../shared/eval/stories}"
[ -d "$EVAL" ] || { echo "eval-stories: no eval data at $EVAL" >&2; exit 2; }
EVAL="$(cd "$EVAL" && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cargo build --release --quiet -p veille
cargo build --release --quiet -p veille-link --example cluster_eval
TARGET="${CARGO_TARGET_DIR:-target}"
VEILLE="$TARGET/release/veille"
DRIVER="$TARGET/release/examples/cluster_eval"

# cluster_with_binary SET_FILE OUT_PRED: ingest, list stories, map back to eval ids.
cluster_with_binary() {
  local input="$1" pred="$2" data="$WORK/data-$(basename "$1" .jsonl)"
  "$VEILLE" --quiet ingest "$input" --data "$data" > /dev/null || return 1
  "$VEILLE" --quiet stories --data "$data" --format json --limit 1000000 > "$WORK/stories.json" || return 1
  "$VEILLE" --quiet analyze "$input" --format jsonl > "$WORK/analyzed.jsonl" || return 1
  python3 - "$WORK/stories.json" "$WORK/analyzed.jsonl" "$input" > "$pred" <<'PY'
import json, sys
stories = json.load(open(sys.argv[1]))["stories"]
story_of = {m["doc_id"]: s["id"] for s in stories for m in s["members"]}
ids = [json.loads(l)["id"] for l in open(sys.argv[3], encoding="utf-8") if l.strip()]
content_of = {}
for line in open(sys.argv[2], encoding="utf-8"):
    rec = json.loads(line)
    ext = (rec.get("input") or {}).get("external_id")
    if ext is not None and "id" in rec and "text" in rec:
        content_of[ext] = rec["id"]
for i in ids:
    cid = content_of.get(i)
    print(json.dumps({"id": i, "cluster": story_of.get(cid, "missing:" + i)}))
PY
}

score() { python3 "$EVAL/score_clusters.py" --gold "$1" --pred "$2"; }

declare -A RESULT
for set in ecbplus:clusters/ecbplus.dev.jsonl uci:clusters/uci_news_aggregator.dev.jsonl meantime:translations/meantime.dev.jsonl; do
  name="${set%%:*}"; file="$EVAL/${set#*:}"
  start=$(date +%s.%N)
  if cluster_with_binary "$file" "$WORK/$name.pred" 2> "$WORK/$name.err"; then
    path="veille ingest + stories"
  else
    [ -s "$WORK/$name.err" ] && { echo "eval-stories: binary path failed for $name, using the example driver:" >&2; tail -3 "$WORK/$name.err" >&2; }
    "$DRIVER" stories "$file" "$WORK/$name.pred" 2> /dev/null
    path="example driver"
  fi
  secs=$(python3 -c "import time; print(round(time.time() - $start, 2))")
  RESULT[$name]="$(score "$file" "$WORK/$name.pred" | python3 -c "import json,sys; d=json.load(sys.stdin); d['path']='$path'; d['seconds']=$secs; print(json.dumps(d))")"
done
"$DRIVER" families "$EVAL/translations/meantime.dev.jsonl" "$WORK/meantime-families.pred" 2> /dev/null
RESULT[meantime_families]="$(score "$EVAL/translations/meantime.dev.jsonl" "$WORK/meantime-families.pred" | python3 -c "import json,sys; d=json.load(sys.stdin); d['path']='example driver (families)'; print(json.dumps(d))")"
"$DRIVER" pairs "$EVAL/similarity/semeval2022t8.dev.jsonl" "$WORK/semeval.pred" 2> /dev/null
RESULT[semeval]="$(python3 "$EVAL/score_similarity.py" --gold "$EVAL/similarity/semeval2022t8.dev.jsonl" --pred "$WORK/semeval.pred")"

python3 - "$EVAL/README.md" <<PY
import json, re, sys
readme = open(sys.argv[1], encoding="utf-8").read()
results = {
  "ecbplus": json.loads('''${RESULT[ecbplus]}'''),
  "uci": json.loads('''${RESULT[uci]}'''),
  "meantime": json.loads('''${RESULT[meantime]}'''),
  "meantime_families": json.loads('''${RESULT[meantime_families]}'''),
  "semeval": json.loads('''${RESULT[semeval]}'''),
}
# Baseline rows of the README: | set | method | threshold | B3 P | B3 R | B3 F1 | pair P | pair R | pair F1 | xling F1 | ...
baselines = {}
for line in readme.splitlines():
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if len(cells) >= 10 and cells[0] in ("ecbplus", "uci", "meantime"):
        try:
            baselines.setdefault(cells[0], []).append((cells[1], float(cells[5]), float(cells[8]), cells[9]))
        except ValueError:
            pass
def f(x): return "—" if x is None else f"{x:.3f}"
print(f"{'set':18} {'system':28} {'B3 F1':>7} {'pair F1':>8} {'xling F1':>9}")
for key, base in (("ecbplus", "ecbplus"), ("uci", "uci"), ("meantime", "meantime"), ("meantime_families", "meantime")):
    r = results[key]
    print(f"{key:18} {'veille (' + r.get('path', '') + ')':28.28} {r['bcubed_f1']:7.3f} {r['pairwise_f1']:8.3f} {f(r.get('xling_pairwise_f1')):>9}")
    if key == base:
        for method, b3, pf1, xl in baselines.get(base, []):
            print(f"{'':18} {'baseline ' + method:28} {b3:7.3f} {pf1:8.3f} {xl:>9}")
s = results["semeval"]
def get(d, *path):
    for p in path:
        if not isinstance(d, dict) or p not in d: return None
        d = d[p]
    return d
print()
print("SemEval-2022 Task 8 dev, Pearson (all / same-language / cross-language):",
      json.dumps({k: s.get(k) for k in s if k in ("pearson", "spearman", "all", "same_language", "xling", "cross_language", "coverage")}))
print("baselines (README): tfidf-word 0.550, tfidf-char 0.579, use-m3 0.685 (all pairs, Pearson)")
summary = {
  "ecbplus_bcubed_f1": results["ecbplus"]["bcubed_f1"], "ecbplus_pairwise_f1": results["ecbplus"]["pairwise_f1"],
  "uci_bcubed_f1": results["uci"]["bcubed_f1"], "uci_pairwise_f1": results["uci"]["pairwise_f1"],
  "meantime_bcubed_f1": results["meantime"]["bcubed_f1"], "meantime_xling_pairwise_f1": results["meantime"].get("xling_pairwise_f1"),
  "meantime_families_bcubed_f1": results["meantime_families"]["bcubed_f1"],
  "meantime_families_xling_pairwise_f1": results["meantime_families"].get("xling_pairwise_f1"),
  "semeval": s,
  "path": results["ecbplus"].get("path"),
}
print(json.dumps(summary))
PY
