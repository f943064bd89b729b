#!/usr/bin/env bash
# Installs what building and testing need on a fresh Debian machine (run as root,
# or with sudo available). Safe to run again: apt skips what is installed.
set -euo pipefail

packages=(
    pkg-config
    libgraphviz-dev graphviz   # explore render: cgraph + gvc in-process
    libpng-dev libjpeg-dev     # input images, feature-map PNGs
    libopenblas-dev            # explore bench's baseline only
    libedit-dev                # the REPL's line editing
)
# scripts/check-any-machine.sh runs explore on an emulated CPU without AVX2/FMA.
[ "$(uname -m)" != x86_64 ] || packages+=(qemu-user)

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

command -v swift >/dev/null || { echo "setup: swift is not on PATH (Swift 6.1 or later is needed)" >&2; exit 1; }

# The scripts' own tests (scripts/**/test_*.py) need numpy and pytest from PyPI.
python3 -c "import numpy, pytest" 2>/dev/null || python3 -m pip install -q numpy pytest
