#!/usr/bin/env bash
# Runs `explore table` and a small `explore run` on an emulated x86-64 CPU without AVX2
# or FMA (qemu-user, -cpu Nehalem) and compares them with this machine's: the same
# table, the same embedding within 1e-4, and the portable GEMM tiles chosen there.
# Usage: scripts/check-any-machine.sh [path/to/explore]   (default: .build/release/explore)
set -euo pipefail
cd "$(dirname "$0")/.."
explore="${1:-.build/release/explore}"
[ "$(uname -m)" = x86_64 ] || { echo "check-any-machine: only meaningful on an x86-64 host, skipped"; exit 0; }
command -v qemu-x86_64 >/dev/null || { echo "check-any-machine: qemu-x86_64 missing (apt-get install qemu-user)" >&2; exit 1; }
[ -x "$explore" ] || { echo "check-any-machine: no $explore (swift build -c release first)" >&2; exit 1; }
emulated=(qemu-x86_64 -cpu Nehalem)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$explore" table > "$work/native-table.txt"
"${emulated[@]}" "$explore" table > "$work/nehalem-table.txt"
cmp -s "$work/native-table.txt" "$work/nehalem-table.txt" || { echo "check-any-machine: explore table differs under Nehalem" >&2; diff "$work/native-table.txt" "$work/nehalem-table.txt" | head >&2; exit 1; }
echo "table: identical on this CPU and under qemu -cpu Nehalem ($(wc -l < "$work/native-table.txt") lines)"

# A small run: the fast backend (GEMM tiles) at input 96.
"$explore" run --input-size 96 --timings > "$work/native-run.txt"
"${emulated[@]}" "$explore" run --input-size 96 --timings > "$work/nehalem-run.txt"
grep -q "^GEMM tiles: portable" "$work/nehalem-run.txt" || { echo "check-any-machine: the portable tiles were not chosen under Nehalem" >&2; head -3 "$work/nehalem-run.txt" >&2; exit 1; }
echo "native:  $(grep '^GEMM tiles' "$work/native-run.txt")"
echo "nehalem: $(grep '^GEMM tiles' "$work/nehalem-run.txt")"
python3 - "$work/native-run.txt" "$work/nehalem-run.txt" <<'PY'
import sys
def embedding(path):
    line = next(l for l in open(path) if l.startswith("embedding"))
    norm = float(line.split("norm ")[1].split(",")[0])
    values = [float(v) for v in line.split(": ")[-1].split()]
    return norm, values, line.strip()
(n1, v1, l1), (n2, v2, l2) = embedding(sys.argv[1]), embedding(sys.argv[2])
worst = max(abs(a - b) for a, b in zip(v1, v2))
print("native:  " + l1)
print("nehalem: " + l2)
print(f"largest difference in the first {len(v1)} values: {worst:.2e} (tolerance 1e-4)")
sys.exit(0 if len(v1) == len(v2) == 8 and worst <= 1e-4 and abs(n1 - n2) <= 1e-4 else 1)
PY
echo "check-any-machine: OK"
