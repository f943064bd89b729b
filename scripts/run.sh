#!/usr/bin/env bash
# The main job on a fresh machine: set up, build in release, and run `explore`
# with the arguments given (default: the layer table, then a stepped Mixed_6a).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release >&2
if [ $# -eq 0 ]; then
    set -- table
fi
exec .build/release/explore "$@"
