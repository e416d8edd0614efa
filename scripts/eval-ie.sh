#!/usr/bin/env bash
# Evaluates veille's understanding layer on the eval/ie sets:
#   * named entities: WikiNEuRal dev fr, en, de, es (micro P/R/F1 over PER, LOC, ORG, exact span,
#     scored by score_ner.py) and recognition speed (tokens/s, one core), for the recogniser veille
#     runs (trained tagger where a model ships, rules otherwise) and, for comparison, the rules
#     alone (`rules-F1`, JSON `ner_<lang>_rules_f1`);
#   * time expressions: scripts/eval-timex.sh when present (its last-line JSON is merged).
# Prints a table with the spaCy baselines of eval/ie/README.md, then, as its LAST line, one JSON
# object with every figure.
#
# Usage: scripts/eval-ie.sh [DATA_DIR]   (default ../shared/eval/ie, relative to the repo root)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA_DIR="${1:-../shared/eval/ie}"
if [ ! -d "$DATA_DIR/ner" ]; then
    echo "eval-ie: no $DATA_DIR/ner (give the eval/ie folder as first argument)" >&2
    exit 2
fi
DATA_DIR="$(cd "$DATA_DIR" && pwd)"
OUT="$(mktemp -d -t veille-eval-ie.XXXXXX)"
trap 'rm -rf "$OUT"' EXIT

cargo build --release -q -p veille-enrich --example ner_eval >&2
BIN="${CARGO_TARGET_DIR:-target}/release/examples/ner_eval"

declare -A BASELINE=([fr]="84.9 (spaCy fr_core_news_md)" [en]="58.1 (spaCy en_core_web_sm)")
SUMMARY="{"
printf '%-4s %7s %7s %7s %7s %7s %7s %8s %10s  %s\n' lang P R F1 PER LOC ORG rules-F1 tokens/s baseline-F1 >&2
for lang in fr en de es; do
    gold="$DATA_DIR/ner/wikineural.$lang.dev.jsonl"
    [ -f "$gold" ] || continue
    speed="$("$BIN" --input "$gold" --output "$OUT/pred.$lang.jsonl" --lang "$lang" --repeat 3 2>/dev/null | tail -n 1)"
    score="$(python3 "$DATA_DIR/score_ner.py" --gold "$gold" --pred "$OUT/pred.$lang.jsonl" --types PER,LOC,ORG)"
    "$BIN" --input "$gold" --output "$OUT/rules.$lang.jsonl" --lang "$lang" --rules-only >/dev/null 2>&1
    rules="$(python3 "$DATA_DIR/score_ner.py" --gold "$gold" --pred "$OUT/rules.$lang.jsonl" --types PER,LOC,ORG)"
    row="$(python3 - "$lang" "$score" "$speed" "${BASELINE[$lang]:-none}" "$rules" <<'EOF'
import json, sys
lang, score, speed, base = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3]), sys.argv[4]
rules_f1 = json.loads(sys.argv[5])["micro"]["f1"]
m, t = score["micro"], score["per_type"]
f = lambda x: f"{100 * x:.1f}"
print(f"{lang:<4} {f(m['p']):>7} {f(m['r']):>7} {f(m['f1']):>7} {f(t['PER']['f1']):>7} {f(t['LOC']['f1']):>7} "
      f"{f(t['ORG']['f1']):>7} {f(rules_f1):>8} {speed['tokens_per_s']:>10.0f}  {base}", file=sys.stderr)
out = {f"ner_{lang}_p": round(m["p"], 4), f"ner_{lang}_r": round(m["r"], 4), f"ner_{lang}_f1": round(m["f1"], 4),
       f"ner_{lang}_span_only_f1": round(score["span_only_f1"], 4), f"ner_{lang}_tokens_per_s": round(speed["tokens_per_s"]),
       f"ner_{lang}_load_s": round(speed.get("load_seconds", 0.0), 3), f"ner_{lang}_rules_f1": round(rules_f1, 4)}
for ty in ("PER", "LOC", "ORG"):
    out[f"ner_{lang}_{ty.lower()}_f1"] = round(t[ty]["f1"], 4)
print(json.dumps(out)[1:-1])
EOF
)"
    SUMMARY="$SUMMARY$row, "
done

if [ -x scripts/eval-timex.sh ] || [ -f scripts/eval-timex.sh ]; then
    echo "--- time expressions (scripts/eval-timex.sh) ---" >&2
    if timex_last="$(bash scripts/eval-timex.sh "$DATA_DIR" 2>&2 | tail -n 1)" && [ -n "$timex_last" ]; then
        timex_fields="$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(json.dumps({"timex_" + k if not k.startswith("timex") else k: v for k, v in d.items()})[1:-1])' "$timex_last" 2>/dev/null || true)"
        [ -n "$timex_fields" ] && SUMMARY="$SUMMARY$timex_fields, "
    else
        echo "eval-ie: scripts/eval-timex.sh failed; timex figures left out" >&2
    fi
fi
SUMMARY="${SUMMARY%, }}"
echo "$SUMMARY"
