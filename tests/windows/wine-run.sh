#!/usr/bin/env bash
# cargo's runner for x86_64-pc-windows-gnu (CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER, set by
# tests/windows/run.sh): runs a Windows test binary under Wine, with the test-only
# bcryptprimitives.dll shim beside it (Wine 8 lacks that DLL; see shim/bcryptprimitives.c).
set -euo pipefail
exe=$1
shift
: "${REACHRIGHT_WINE:?set by tests/windows/run.sh}" "${REACHRIGHT_WINE_SHIM:?set by tests/windows/run.sh}"
dir=$(dirname "$exe")
# Beside the .exe is where Windows looks first for a DLL it imports.
cmp -s "$REACHRIGHT_WINE_SHIM" "$dir/bcryptprimitives.dll" || cp "$REACHRIGHT_WINE_SHIM" "$dir/bcryptprimitives.dll"
# Wine's own plumbing sometimes breaks under load: the program loses its wineserver connection
# ("wine client error: ... Connection reset by peer") and dies before any test ran. That is not a
# test's verdict, so such a run is repeated once, saying so; any other failure stands as it is. The
# first run's output is held back until it is known to count, so no result is reported twice.
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
status=0
"$REACHRIGHT_WINE" "$exe" "$@" >"$out" 2>"$err" || status=$?
if [ "$status" != 0 ] && grep -q '^wine client error' "$err"; then
    echo "wine-run: $(basename "$exe") lost Wine's server ($(grep -m1 '^wine client error' "$err")); running it again" >&2
    "$REACHRIGHT_WINE" "$exe" "$@" || exit $?
    exit 0
fi
cat "$out"
cat "$err" >&2
exit "$status"
