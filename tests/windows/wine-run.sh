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
exec "$REACHRIGHT_WINE" "$exe" "$@"
