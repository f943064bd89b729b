#!/usr/bin/env bash
# Regenerates the diagrams committed in Output/ (the overview and one expanded view
# per block kind, as SVG) from the network declaration, through `explore render`.
# Usage: scripts/render-examples.sh   (from anywhere; writes into the repository's Output/)
set -euo pipefail
cd "$(dirname "$0")/.."

swift build --product explore
explore="$(swift build --show-bin-path)/explore"

"$explore" render --force                               # Output/overview.svg
for name in Mixed_5b Block35 Mixed_6a Block17 Mixed_7a Block8; do
    "$explore" render --expand "$name" --force          # Output/<name>.svg
done
