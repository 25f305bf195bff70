#!/usr/bin/env bash
# The tests of every crate that needs no window (core, tz, store, vault, domain, connectors, engine, api,
# cli), cross-built for Windows (x86_64-pc-windows-gnu, with Debian's MinGW-w64) and run under Wine
# in a throw-away WINEPREFIX. Prints cargo's own `test result:` lines, which scripts/test.sh counts.
# Shares target/ with the Linux build: build scripts and proc macros are host code and are reused;
# only the Windows artifacts (target/x86_64-pc-windows-gnu/) are added.
# Usage: bash tests/windows/run.sh [extra cargo test arguments, e.g. -- some_test_name]
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
target=x86_64-pc-windows-gnu
crates=(reachright-core reachright-tz reachright-store reachright-vault reachright-domain reachright-connectors
        reachright-engine reachright-api reachright-cli)
started=$(date +%s)

bash scripts/deps.sh --windows || exit 1
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
if ! rustup target list --installed 2>/dev/null | grep -qx "$target"; then
    echo "windows: SKIPPED: Rust's standard library for $target is not installed and rustup could not fetch it"
    exit 0
fi

# Debian puts the 64-bit loader outside PATH (/usr/lib/wine/wine64); Ubuntu has `wine` on PATH.
wine=$(command -v wine64 || true)
[ -n "$wine" ] || { [ -x /usr/lib/wine/wine64 ] && wine=/usr/lib/wine/wine64; }
[ -n "$wine" ] || wine=$(command -v wine || true)
[ -n "$wine" ] || { echo "windows: no Wine loader found (wine64 or wine)" >&2; exit 1; }
wineserver=$(command -v wineserver || true)
[ -n "$wineserver" ] || wineserver=$(dirname "$wine")/wineserver
target_dir=${CARGO_TARGET_DIR:-$root/target}

# The shim DLL: Wine 8 has no bcryptprimitives.dll, which Rust's std imports (see the C file).
shim_dir="$target_dir/windows-shim"
shim="$shim_dir/bcryptprimitives.dll"
src=tests/windows/shim/bcryptprimitives.c
if [ ! -f "$shim" ] || [ "$src" -nt "$shim" ]; then
    mkdir -p "$shim_dir"
    x86_64-w64-mingw32-gcc -shared -O2 -s -Wall -o "$shim" "$src" -ladvapi32 || exit 1
fi

# A throw-away Wine prefix (a C: drive, a registry, a Credential Manager), deleted on exit.
prefix=$(mktemp -d "${TMPDIR:-/tmp}/reachright-wine.XXXXXX")
export WINEPREFIX="$prefix" WINEDEBUG=-all
# No Mono or Gecko: their installers would try to download them.
export WINEDLLOVERRIDES="mscoree,mshtml="
cleanup() {
    "$wineserver" -k 2>/dev/null
    rm -rf "$prefix"
}
trap cleanup EXIT
"$wine" wineboot -i >/dev/null 2>&1 || { echo "windows: wineboot failed in $prefix" >&2; exit 1; }
# One wineserver for all the test binaries, instead of one started (and stopped) per binary.
"$wineserver" -p

export REACHRIGHT_WINE="$wine" REACHRIGHT_WINE_SHIM="$shim"
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER="$root/tests/windows/wine-run.sh"
export CARGO_INCREMENTAL=0
# Binaries that tests start themselves (the CLI's) sit in debug/, not deps/: the shim goes there too.
for d in "$target_dir/$target/debug" "$target_dir/$target/debug/deps"; do
    mkdir -p "$d" && cp "$shim" "$d/"
done
packages=()
for c in "${crates[@]}"; do packages+=(-p "$c"); done

cargo test --locked --no-run --target "$target" "${packages[@]}" 2>&1 | grep -vE '^ +(Compiling|Executable)' 
build_status=${PIPESTATUS[0]}
built=$(date +%s)
echo "windows: build took $((built - started)) s (wine $("$wine" --version 2>/dev/null))"
[ "$build_status" = 0 ] || { echo "windows: the Windows build failed" >&2; exit 1; }

cargo test --locked --no-fail-fast --target "$target" "${packages[@]}" "$@"
status=$?
echo "windows: tests under Wine took $(($(date +%s) - built)) s"
exit $status
