#!/usr/bin/env bash
# The main job on a fresh machine: set up, build in release, and run `explore`
# with the arguments given (default: `explore step Mixed_6a`, the network run on
# real numbers up to Mixed_6a, then Mixed_6a op by op).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release >&2
if [ $# -eq 0 ]; then
    set -- step Mixed_6a
fi
exec .build/release/explore "$@"
