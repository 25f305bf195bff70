#!/usr/bin/env bash
# The Windows desktop app, cross-built on Linux for the release: `reachright.exe` for
# x86_64-pc-windows-gnu (release profile, icon and version resource embedded by tauri-build), and
# with --nsis its NSIS installer through the Tauri CLI and Debian's `nsis` (makensis).
# Not part of scripts/test.sh: the release build takes ~15 min on 2 cores. Prints the size of the
# .exe beside the Linux one when that exists. The release workflow builds the real installers on
# windows-latest (.github/workflows/release.yml).
# Usage: bash scripts/build-windows.sh [--nsis]
set -euo pipefail
cd "$(dirname "$0")/.."
target=x86_64-pc-windows-gnu
bash scripts/deps.sh --windows
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
# The app links some C++ (WebView2's loader comes as a static library through webview2-com-sys).
missing=()
for p in g++-mingw-w64-x86-64; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
[ "${1:-}" = --nsis ] && { dpkg-query -W -f='${Status}' nsis 2>/dev/null | grep -q 'ok installed' || missing+=(nsis); }
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
target_dir=${CARGO_TARGET_DIR:-target}
[ -f ui/dist/index.html ] || { npm ci --prefix ui --no-audit --no-fund && npm run --prefix ui build; }

started=$(date +%s)
if [ "${1:-}" = --nsis ]; then
    # The Tauri CLI runs cargo itself and then makensis; see README "Windows" for what it fetches.
    npm exec --prefix ui -- tauri build --target "$target" --bundles nsis
else
    cargo build --locked --release --target "$target" -p reachright
fi
exe="$target_dir/$target/release/reachright.exe"
size() { du -b "$1" | awk '{printf "%.1f MB (%d bytes)", $1 / 1000000, $1}'; }
echo "windows: built in $(( $(date +%s) - started )) s"
echo "windows: $exe $(size "$exe")"
[ -f "$target_dir/release/reachright" ] && echo "linux:   $target_dir/release/reachright $(size "$target_dir/release/reachright")"
for f in "$target_dir/$target/release/bundle/nsis/"*.exe; do [ -f "$f" ] && echo "installer: $f $(size "$f")"; done
exit 0
