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
# SQLite chosen as test.sh does (the same features: nothing is rebuilt).
mapfile -t sqlite < <(bash scripts/sqlite-features.sh)
cargo test --workspace --locked "${sqlite[@]}" --test rt_live -- --ignored --nocapture
