#!/usr/bin/env bash
# MinHash signatures: veille vs datasketch, same texts, same shingles, same permutations.
#
#   scripts/bench-minhash.sh [CORPUS.jsonl.gz] [N_DOCS]
#
# Defaults: ../shared/corpora/orangesum/articles.jsonl.gz (relative to the repository root),
# 5000 articles. Shingles are lower-cased whitespace-separated word 5-shingles, 128 permutations,
# for both. datasketch is timed with update_batch (its fastest path) and with one update() per
# shingle (how it is usually called); veille runs single-threaded, built twice: for baseline
# x86-64 (SSE2, what a plain `cargo build` gives) and for x86-64-v3 (AVX2, any x86 server CPU
# since 2013; a separate target folder). Each time is the best of 3.
# Last line: one JSON object with both speeds and the ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS="${1:-../shared/corpora/orangesum/articles.jsonl.gz}"
N_DOCS="${2:-5000}"
[ -f "$CORPUS" ] || { echo "bench-minhash: corpus not found: $CORPUS" >&2; exit 2; }
python3 -c "import datasketch" 2>/dev/null || pip install --quiet datasketch >&2

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
case "$CORPUS" in
  *.gz) { zcat "$CORPUS" || true; } | head -n "$N_DOCS" > "$WORK/docs.jsonl" ;;
  *) head -n "$N_DOCS" "$CORPUS" > "$WORK/docs.jsonl" ;;
esac

TARGET="${CARGO_TARGET_DIR:-target}"
cargo build --release --quiet -p veille-link --example bench_minhash
CARGO_TARGET_DIR="$TARGET/bench-x86-64-v3" RUSTFLAGS="-C target-cpu=x86-64-v3" \
  cargo build --release --quiet -p veille-link --example bench_minhash

"$TARGET/release/examples/bench_minhash" "$WORK/docs.jsonl" 128 3 > "$WORK/veille.json"
"$TARGET/bench-x86-64-v3/release/examples/bench_minhash" "$WORK/docs.jsonl" 128 3 > "$WORK/veille-v3.json"

python3 - "$WORK/docs.jsonl" > "$WORK/datasketch.json" <<'PY'
import json, sys, time
from datasketch import MinHash
texts = [json.loads(line).get("text") or "" for line in open(sys.argv[1], encoding="utf-8")]
def shingles(text, k=5):
    toks = text.lower().split()
    if not toks:
        return set()
    if len(toks) < k:
        return {" ".join(toks)}
    return {" ".join(toks[i:i + k]) for i in range(len(toks) - k + 1)}
def run(batch):
    n = 0
    started = time.perf_counter()
    for text in texts:
        sh = shingles(text)
        n += len(sh)
        m = MinHash(num_perm=128)
        if batch:
            m.update_batch([s.encode("utf-8") for s in sh])
        else:
            for s in sh:
                m.update(s.encode("utf-8"))
    return time.perf_counter() - started, n
best_batch = min(run(True) for _ in range(3))
best_loop = min(run(False) for _ in range(3))
print(json.dumps({"impl": "datasketch", "docs": len(texts), "shingles": best_batch[1],
                  "seconds_update_batch": best_batch[0], "seconds_update_loop": best_loop[0]}))
PY

python3 - "$WORK/veille.json" "$WORK/datasketch.json" "$WORK/veille-v3.json" <<'PY'
import json, sys, platform, os
v = json.load(open(sys.argv[1])); d = json.load(open(sys.argv[2])); v3 = json.load(open(sys.argv[3]))
assert v["docs"] == d["docs"], "different document counts"
if v["shingles"] != d["shingles"]:
    print(f"warning: shingle counts differ: veille {v['shingles']} datasketch {d['shingles']}", file=sys.stderr)
n = v["docs"]
rows = [("veille x86-64 (1 thread)", v["seconds"]),
        ("veille x86-64-v3 (1 thread)", v3["seconds"]),
        ("datasketch update_batch", d["seconds_update_batch"]),
        ("datasketch update loop", d["seconds_update_loop"])]
print(f"{'implementation':28} {'seconds':>9} {'docs/s':>10}")
for name, s in rows:
    print(f"{name:28} {s:9.3f} {n / s:10.0f}")
ratio_batch = d["seconds_update_batch"] / v["seconds"]
ratio_loop = d["seconds_update_loop"] / v["seconds"]
ratio_batch_v3 = d["seconds_update_batch"] / v3["seconds"]
ratio_loop_v3 = d["seconds_update_loop"] / v3["seconds"]
print(f"veille x86-64 is {ratio_batch:.1f}x datasketch update_batch and {ratio_loop:.1f}x its update loop; "
      f"x86-64-v3: {ratio_batch_v3:.1f}x and {ratio_loop_v3:.1f}x "
      f"({n} docs, {v['shingles']} shingles, 128 permutations, {os.cpu_count()} cores)")
print(json.dumps({"docs": n, "shingles": v["shingles"], "datasketch_shingles": d["shingles"], "permutations": 128,
                  "veille_docs_per_s": round(n / v["seconds"], 1),
                  "datasketch_batch_docs_per_s": round(n / d["seconds_update_batch"], 1),
                  "datasketch_loop_docs_per_s": round(n / d["seconds_update_loop"], 1),
                  "veille_v3_docs_per_s": round(n / v3["seconds"], 1),
                  "speedup_vs_batch": round(ratio_batch, 2), "speedup_vs_loop": round(ratio_loop, 2),
                  "speedup_v3_vs_batch": round(ratio_batch_v3, 2), "speedup_v3_vs_loop": round(ratio_loop_v3, 2)}))
PY
