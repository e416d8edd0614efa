#!/usr/bin/env bash
# Extraction speed: veille against trafilatura, one core, same run, same pages.
#
#   scripts/bench-extraction.sh [DATA_DIR]     (default: ../shared/eval/extraction)
#
# For each set (scrapinghub, wcxb) it times veille's HTML step alone and the whole `extract`
# step (HTML + cleaning + metadata) with the `extract_eval` example, then trafilatura through
# DATA_DIR/baselines.py. Both sides get decoded pages in memory, one warm-up call and several
# timed passes on one thread. CPU time is the steadier figure on a shared machine; wall time is
# given too. The LAST line is one JSON object with every figure.
#
# Environment: PASSES (veille passes, default 8), TRAF_REPEAT (trafilatura passes, default 3),
# CARGO_TARGET_DIR.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA=${1:-"$ROOT/../shared/eval/extraction"}
if [[ ! -f "$DATA/baselines.py" ]]; then
    echo "bench-extraction: no baselines.py in $DATA (give the eval/extraction folder as first argument)" >&2
    exit 2
fi
DATA=$(cd "$DATA" && pwd)
PASSES=${PASSES:-8}
TRAF_REPEAT=${TRAF_REPEAT:-3}
OUT=$(mktemp -d -t veille-bench-extraction.XXXXXX)
trap 'rm -rf "$OUT"' EXIT

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
    echo "[$set] veille html step, veille extract, trafilatura..." >&2
    "$BIN" "$DATA/$set/html" "$OUT/p.json" --passes "$PASSES" --html-only | tail -n 1 > "$OUT/$set.veille-html"
    "$BIN" "$DATA/$set/html" "$OUT/p.json" --passes "$PASSES" | tail -n 1 > "$OUT/$set.veille"
    python3 "$DATA/baselines.py" --extractor trafilatura --html "$DATA/$set/html" \
        --out "$OUT/t.json" --repeat "$TRAF_REPEAT" | tail -n 1 > "$OUT/$set.trafilatura"
done

python3 - "$OUT" <<'PY'
import json, os, sys

out = sys.argv[1]
figures = {}
print(f"{'set':<12} {'extractor':<12} {'docs/s cpu':>10} {'docs/s wall':>11} {'x traf cpu':>10} {'x traf wall':>11}")
for data_set in ("scrapinghub", "wcxb"):
    def load(tool):
        with open(os.path.join(out, f"{data_set}.{tool}")) as fh:
            return json.loads(fh.read().strip().splitlines()[-1])
    traf = load("trafilatura")
    entry = {"trafilatura": {"docs": traf["docs"], "docs_per_cpu_s": traf["docs_per_cpu_s"],
                             "docs_per_wall_s": traf["docs_per_wall_s"]}}
    for tool in ("veille-html", "veille"):
        v = load(tool)
        cpu, wall = v.get("docs_per_cpu_sec"), v.get("docs_per_sec")
        entry[tool] = {
            "docs": v["docs"], "docs_per_cpu_s": cpu, "docs_per_wall_s": wall,
            "cpu_speed_ratio": round(cpu / traf["docs_per_cpu_s"], 1) if cpu and traf["docs_per_cpu_s"] else None,
            "wall_speed_ratio": round(wall / traf["docs_per_wall_s"], 1) if wall and traf["docs_per_wall_s"] else None,
        }
    figures[data_set] = entry
    for tool in ("veille-html", "veille", "trafilatura"):
        e = entry[tool]
        fmt = lambda value, spec: format(value, spec) if value is not None else "-".rjust(int(spec.split(".")[0]))
        print(f"{data_set:<12} {tool:<12} {fmt(e['docs_per_cpu_s'], '10.1f')} {fmt(e['docs_per_wall_s'], '11.1f')} "
              f"{fmt(e.get('cpu_speed_ratio'), '10.1f')} {fmt(e.get('wall_speed_ratio'), '11.1f')}")
print(json.dumps(figures, sort_keys=True))
PY
