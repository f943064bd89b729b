#!/usr/bin/env bash
# The project's test command: sets up the machine, then runs every test in a
# release build (whole-network checks are too slow in debug). The CLI tests run
# the `explore` this build produces.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
python3 scripts/check-architecture.py
# The Keras -> FaceNet weights converter's name mapping (h5py and numpy from PyPI).
python3 -c "import h5py" 2>/dev/null || python3 -m pip install --quiet h5py numpy
python3 -m pytest -q scripts/tests
swift test -c release -Xswiftc -enable-testing "$@"
