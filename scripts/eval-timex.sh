#!/usr/bin/env bash
# Temporal expressions: veille's timex finder on FR-TimeBank dev and TBAQ (TimeBank + AQUAINT) dev,
# scored by score_timex.py, next to HeidelTime 2.2.1's predictions shipped in DATA_DIR/baselines.
#
#   scripts/eval-timex.sh [DATA_DIR]     (default: ../shared/eval/ie, relative to the repo root)
#
# Builds the `timex_eval` example in release mode, runs it with each document's DCT as the
# publication-date anchor, prints a table (strict / relaxed span F1, value accuracy, value F1,
# type accuracy, docs/s) and, as its LAST line, one JSON object with every figure.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA=${1:-"$ROOT/../shared/eval/ie"}
if [[ ! -f "$DATA/score_timex.py" ]]; then
    echo "eval-timex: no score_timex.py in $DATA (give the eval/ie folder as first argument)" >&2
    exit 2
fi
DATA=$(cd "$DATA" && pwd)
OUT=$(mktemp -d -t veille-eval-timex.XXXXXX)
trap 'rm -rf "$OUT"' EXIT

cd "$ROOT"
echo "building timex_eval (release)..." >&2
cargo build --release --quiet -p veille-enrich --example timex_eval >&2
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/examples/timex_eval"

SUMMARY="{"
printf '%-22s %-12s %6s %9s %10s %9s %8s %9s %8s\n' set system gold strict-F1 relaxed-F1 value-acc value-F1 type-acc docs/s >&2
for entry in fr:fr_timebank en:en_tbaq; do
    lang=${entry%%:*}
    set=${entry#*:}
    gold="$DATA/timex/$set.dev.jsonl"
    [[ -f "$gold" ]] || continue
    start=$(date +%s.%N)
    "$BIN" "$lang" < "$gold" > "$OUT/$set.pred.jsonl"
    end=$(date +%s.%N)
    ours=$(python3 "$DATA/score_timex.py" --gold "$gold" --pred "$OUT/$set.pred.jsonl")
    baseline_file="$DATA/baselines/heideltime.$set.dev.pred.jsonl"
    baseline='{}'
    if [[ -f "$baseline_file" ]]; then
        baseline=$(python3 "$DATA/score_timex.py" --gold "$gold" --pred "$baseline_file")
    fi
    row=$(python3 - "$set" "$lang" "$ours" "$baseline" "$start" "$end" <<'PY'
import json, sys
name, lang, ours, base = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), json.loads(sys.argv[4])
seconds = max(float(sys.argv[6]) - float(sys.argv[5]), 1e-6)
def line(system, s, speed):
    pct = lambda k: f"{100 * s[k]:.1f}" if k in s else "-"
    print(f"{name + '.dev':<22} {system:<12} {s['gold']:>6} {pct('strict_f1'):>9} {pct('relaxed_f1'):>10} "
          f"{pct('value_accuracy'):>9} {pct('value_f1'):>8} {pct('type_accuracy'):>9} {speed:>8}", file=sys.stderr)
line("veille", ours, f"{ours['docs'] / seconds:.0f}")
if base:
    line("HeidelTime", base, "0.25")
out = {}
for key in ("strict_f1", "relaxed_p", "relaxed_r", "relaxed_f1", "value_accuracy", "value_p", "value_r", "value_f1", "type_accuracy"):
    if key in ours:
        out[f"timex_{lang}_{key}"] = round(ours[key], 4)
    if key in base:
        out[f"timex_{lang}_heideltime_{key}"] = round(base[key], 4)
out[f"timex_{lang}_docs_per_s"] = round(ours["docs"] / seconds, 1)
print(json.dumps(out)[1:-1])
PY
)
    SUMMARY="$SUMMARY$row, "
done
echo "(HeidelTime speed from eval/ie/README.md: about 4 s a document, JVM start-up included)" >&2
SUMMARY="${SUMMARY%, }}"
echo "$SUMMARY"
