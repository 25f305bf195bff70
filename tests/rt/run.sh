#!/usr/bin/env bash
# For humans: start a local RT, run the connector's live test against it, stop it (even on failure).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
env_file="$(mktemp "${TMPDIR:-/tmp}/reachright-rt-env.XXXXXX")"
cleanup() { "$here/stop.sh" "$env_file" || true; rm -f "$env_file"; }
"$here/start.sh" "$env_file" >/dev/null
trap cleanup EXIT
# shellcheck disable=SC1090
. "$env_file"
cd "$here/../.."
# --workspace: the same feature set as test.sh's `cargo test --workspace`, so nothing is rebuilt.
# SQLite built in where the system's is older than 3.38, as test.sh does (same features: no rebuild).
sqlite=()
pkg-config --atleast-version=3.38 sqlite3 2>/dev/null || sqlite=(--features reachright-store/bundled-sqlite)
cargo test --workspace --locked "${sqlite[@]}" --test rt_live -- --ignored --nocapture
