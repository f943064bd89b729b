#!/usr/bin/env bash
# The project's test command: sets up the machine, then runs every test in a
# release build (whole-network checks are too slow in debug). The CLI tests run
# the `explore` this build produces. Then every lesson's console blocks run
# against that same `explore`; any drift fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
python3 scripts/check-architecture.py
# The scripts' own tests, the Keras -> FaceNet converter's name mapping among them (h5py and numpy from PyPI).
python3 -c "import h5py" 2>/dev/null || python3 -m pip install --quiet h5py numpy
python3 -m pytest -q -rs -p no:cacheprovider scripts
swift test -c release -Xswiftc -enable-testing "$@"
# Machine flags only on x86-64's FMA kernels; the same answers on a CPU without AVX2/FMA.
scripts/check-flags.sh
scripts/check-any-machine.sh .build/release/explore
.build/release/explore lesson check
