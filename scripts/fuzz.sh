#!/usr/bin/env bash
# Builds a libFuzzer binary per loader (safetensors, npy, image = PNG/JPEG/npy, golden)
# with coverage and AddressSanitizer, and runs each for a bounded time.
# Usage: scripts/fuzz.sh [seconds per target, default 60] [target ...]
# Crashes are written to Fuzz/crashes/<target>/; turn each into a regression file
# under Tests/FuzzRegressions/<target>/ (replayed by FuzzRegressionTests).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"; shift || true
targets=("$@"); [ ${#targets[@]} -gt 0 ] || targets=(Safetensors NPY Image Golden)
build="$(mktemp -d)"; trap 'rm -rf "$build"' EXIT

# The loaders' modules compiled into one fuzzing module: their own imports of each other removed.
mkdir -p "$build/src"
for module in NetworkModel Tensors JSONText SafeOutput ModelData; do
    for file in Sources/$module/*.swift; do
        sed -E '/^import (NetworkModel|Tensors|JSONText|SafeOutput)$/d' "$file" > "$build/src/$module-$(basename "$file")"
    done
done
for file in GoldenFile GoldenHeader GoldenFileError WeightChecksum; do
    sed -E '/^import (NetworkModel|Tensors)$/d' "Sources/Verification/$file.swift" > "$build/src/Verification-$file.swift"
done
# The C parts, instrumented too, and module maps for their headers.
mkdir -p "$build/modules"
for c in CImageShim CCleanup; do
    header="$(ls "$PWD/Sources/$c/include/"*.h)"
    mkdir -p "$build/modules/$c"
    printf 'module %s {\n    header "%s"\n    export *\n}\n' "$c" "$header" > "$build/modules/$c/module.modulemap"
    for source in Sources/$c/*.c; do
        clang -g -O1 -fsanitize=fuzzer-no-link,address -I "Sources/$c/include" -c "$source" -o "$build/$c-$(basename "$source" .c).o"
    done
done
flags=(-sanitize=fuzzer,address -parse-as-library -g -O -swift-version 6
       -I "$build/modules/CImageShim" -I "$build/modules/CCleanup" -I Sources/CPNG -I Sources/CJPEG
       $(pkg-config --cflags-only-I libpng | sed 's/-I/-Xcc -I/g') -lpng -ljpeg)
mkdir -p Fuzz/crashes
for target in "${targets[@]}"; do
    echo "fuzz: building $target"
    swiftc "${flags[@]}" -module-name Fuzz$target "$build"/src/*.swift Fuzz/Targets/FuzzInput.swift "Fuzz/Targets/${target}Target.swift" \
        "$build"/*.o -o "$build/fuzz-$target"
    corpus="$build/corpus-$target"; mkdir -p "$corpus" "Fuzz/crashes/$target"
    [ -d "Fuzz/seeds/$target" ] && cp Fuzz/seeds/$target/* "$corpus/" 2>/dev/null || true
    [ -d "Tests/FuzzRegressions/$target" ] && cp Tests/FuzzRegressions/$target/* "$corpus/" 2>/dev/null || true
    echo "fuzz: running $target for $seconds s"
    "$build/fuzz-$target" "$corpus" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
        -artifact_prefix="Fuzz/crashes/$target/" -print_final_stats=1 2> "$build/log-$target" || true
    runs="$(grep -m1 'stat::number_of_executed_units' "$build/log-$target" | awk '{print $2}')"
    found="$(ls "Fuzz/crashes/$target" | wc -l)"
    echo "fuzz: $target: ${runs:-?} executions in $seconds s, $found crash/timeout/oom files in Fuzz/crashes/$target"
    grep -E "^==[0-9]+==ERROR|SUMMARY|Fatal error" "$build/log-$target" | head -5 || true
done
