#!/usr/bin/env bash
# Shows where Package.swift puts unsafe (machine-specific) flags: on this x86-64 host
# only TileKernelsFMA and TileKernelsAVX512 may carry them, and with the manifest evaluated as on another
# architecture (its `#if arch(x86_64)` made false) no target carries any. The library
# products NetworkModel and ModelData never do, so other packages can depend on them.
set -euo pipefail
cd "$(dirname "$0")/.."
flagged() {   # targets with unsafeFlags in the manifest at $1
    (cd "$1" && swift package dump-package) | python3 -c '
import json, sys
package = json.load(sys.stdin)
for target in package["targets"]:
    for setting in target.get("settings", []):
        if "unsafeFlags" in json.dumps(setting.get("kind", {})):
            print(target["name"])
' | sort -u
}
here="$(flagged .)"
echo "unsafe flags on this $(uname -m) host: ${here:-none}"
[ "$(uname -m)" != x86_64 ] || [ "$here" = "$(printf 'TileKernelsAVX512\nTileKernelsFMA')" ] || { echo "check-flags: expected TileKernelsAVX512 and TileKernelsFMA only" >&2; exit 1; }

elsewhere="$(mktemp -d)"
trap 'rm -rf "$elsewhere"' EXIT
sed 's/#if arch(x86_64)/#if arch(x86_64) \&\& false/' Package.swift > "$elsewhere/Package.swift"
cp -R Sources "$elsewhere/Sources"
[ -d Tests ] && cp -R Tests "$elsewhere/Tests"
other="$(flagged "$elsewhere")"
echo "unsafe flags with the manifest as on arm64: ${other:-none}"
[ -z "$other" ] || { echo "check-flags: flags outside x86-64" >&2; exit 1; }
echo "check-flags: OK"
