#!/usr/bin/env bash
# MinHash signatures: veille vs datasketch, same texts, same shingles, same permutations.
#
#   scripts/bench-minhash.sh [CORPUS.jsonl.gz] [N_DOCS] [ROUNDS]
#
# Defaults: ../shared/corpora/orangesum/articles.jsonl.gz (relative to the repository root),
# 5000 articles, 3 rounds. Shingles are lower-cased whitespace-separated word 5-shingles, 128
# permutations, for both; the distinct shingle counts are compared. datasketch is timed with
# update_batch (its fastest path, numpy) and with one update() per shingle (how it is usually
# called). veille runs single-threaded, two ways in: raw text to signature
# (`MinHasher::signature_of_text`) and `to_lowercase` + `split_whitespace` +
# `MinHasher::signature(&tokens)`. It is built twice: the default portable build (what a plain
# `cargo build` gives; it picks its AVX2 loop at run time when the CPU has it) and, for
# comparison, a build for x86-64-v3 (`-C target-cpu`, a separate target folder).
# The machine may be shared, so every round runs all of them one after the other (veille 3
# passes per build, datasketch 1 pass per mode) and each figure is its best over all rounds:
# both sides sample the same stretches of load. Wall time and the thread's CPU time are both
# measured (CPU time does not count waiting for a core, so it is the steadier figure on a loaded
# machine; on Linux for veille, everywhere for Python). The load average is printed.
# Last line: one JSON object with the speeds and the ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS="${1:-../shared/corpora/orangesum/articles.jsonl.gz}"
N_DOCS="${2:-5000}"
ROUNDS="${3:-3}"
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

cat > "$WORK/time_datasketch.py" <<'PY'
import json, sys, time
from datasketch import MinHash
texts = [json.loads(line).get("text") or "" for line in open(sys.argv[1], encoding="utf-8")]
batch = sys.argv[2] == "batch"
def shingles(text, k=5):
    toks = text.lower().split()
    if not toks:
        return set()
    if len(toks) < k:
        return {" ".join(toks)}
    return {" ".join(toks[i:i + k]) for i in range(len(toks) - k + 1)}
n = 0
started, cpu_started = time.perf_counter(), time.thread_time()
for text in texts:
    sh = shingles(text)
    n += len(sh)
    m = MinHash(num_perm=128)
    if batch:
        m.update_batch([s.encode("utf-8") for s in sh])
    else:
        for s in sh:
            m.update(s.encode("utf-8"))
seconds, cpu_seconds = time.perf_counter() - started, time.thread_time() - cpu_started
print(json.dumps({"impl": "datasketch", "mode": sys.argv[2], "docs": len(texts), "shingles": n,
                  "seconds": seconds, "cpu_seconds": cpu_seconds}))
PY

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$ROUNDS"); do
  echo "round $round of $ROUNDS" >&2
  "$TARGET/release/examples/bench_minhash" "$WORK/docs.jsonl" 128 3 >> "$WORK/veille.jsonl"
  "$TARGET/bench-x86-64-v3/release/examples/bench_minhash" "$WORK/docs.jsonl" 128 3 \
    >> "$WORK/veille-v3.jsonl"
  python3 "$WORK/time_datasketch.py" "$WORK/docs.jsonl" batch >> "$WORK/datasketch-batch.jsonl"
  python3 "$WORK/time_datasketch.py" "$WORK/docs.jsonl" loop >> "$WORK/datasketch-loop.jsonl"
done
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$WORK" "$LOAD_BEFORE" "$LOAD_AFTER" <<'PY'
import json, sys, os
work = sys.argv[1]
def runs(name):
    return [json.loads(line) for line in open(os.path.join(work, name))]
v, v3 = runs("veille.jsonl"), runs("veille-v3.jsonl")
db, dl = runs("datasketch-batch.jsonl"), runs("datasketch-loop.jsonl")
n = v[0]["docs"]
assert all(r["docs"] == n for r in v + v3 + db + dl), "different document counts"
shingles, ds_shingles = v[0]["shingles"], db[0]["shingles"]
if shingles != ds_shingles:
    print(f"warning: shingle counts differ: veille {shingles} datasketch {ds_shingles}", file=sys.stderr)
def best(rs, key):
    values = [r[key] for r in rs if r.get(key) is not None]
    return min(values) if values else float("nan")
impls = [("veille text, default build", v, ""), ("veille tokens, default build", v, "tokens_"),
         ("veille text, x86-64-v3 build", v3, ""), ("veille tokens, x86-64-v3 build", v3, "tokens_"),
         ("datasketch update_batch", db, ""), ("datasketch update loop", dl, "")]
wall = [best(rs, p + "seconds") for _, rs, p in impls]
cpu = [best(rs, p + "cpu_seconds") for _, rs, p in impls]
print(f"{'implementation (1 thread)':32} {'wall s':>7} {'docs/s':>8} {'x batch':>8} {'x loop':>8}"
      f" {'CPU s':>7} {'docs/s':>8} {'x batch':>8} {'x loop':>8}")
for (name, _, _), w, c in zip(impls, wall, cpu):
    print(f"{name:32} {w:7.3f} {n / w:8.0f} {wall[4] / w:8.1f} {wall[5] / w:8.1f}"
          f" {c:7.3f} {n / c:8.0f} {cpu[4] / c:8.1f} {cpu[5] / c:8.1f}")
print(f"{n} docs, {shingles} distinct shingles (datasketch {ds_shingles}), 128 permutations, "
      f"best of {len(v)} rounds, {os.cpu_count()} cores, "
      f"load average {sys.argv[2]} before, {sys.argv[3]} after")
per_round = [round(d["seconds"] / r["seconds"], 1) for r, d in zip(v, db)]
print(f"veille text / datasketch update_batch (wall), round by round: {per_round}")
r1, r2 = (lambda x: round(x, 1)), (lambda x: round(x, 2))
print(json.dumps({"docs": n, "shingles": shingles, "datasketch_shingles": ds_shingles, "permutations": 128,
                  "rounds": len(v),
                  "veille_docs_per_s": r1(n / wall[0]), "veille_tokens_docs_per_s": r1(n / wall[1]),
                  "veille_v3_docs_per_s": r1(n / wall[2]),
                  "datasketch_batch_docs_per_s": r1(n / wall[4]), "datasketch_loop_docs_per_s": r1(n / wall[5]),
                  "speedup_vs_batch": r2(wall[4] / wall[0]), "speedup_vs_loop": r2(wall[5] / wall[0]),
                  "speedup_tokens_vs_batch": r2(wall[4] / wall[1]), "speedup_tokens_vs_loop": r2(wall[5] / wall[1]),
                  "speedup_v3_vs_batch": r2(wall[4] / wall[2]),
                  "cpu_veille_docs_per_s": r1(n / cpu[0]), "cpu_datasketch_batch_docs_per_s": r1(n / cpu[4]),
                  "cpu_speedup_vs_batch": r2(cpu[4] / cpu[0]), "cpu_speedup_vs_loop": r2(cpu[5] / cpu[0]),
                  "cpu_speedup_tokens_vs_batch": r2(cpu[4] / cpu[1]),
                  "cpu_speedup_tokens_vs_loop": r2(cpu[5] / cpu[1]),
                  "speedup_vs_batch_per_round": per_round}))
PY
