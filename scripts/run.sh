#!/usr/bin/env bash
# Build and start ReachRight (售后直达) on Debian/Ubuntu: system packages, the UI, then the app
# (an optimised build: the first one takes 10–15 minutes on two cores, later ones seconds).
# Data lives in the OS data folder (~/.local/share/cn.reachright.desktop) unless REACHRIGHT_DATA_DIR is set.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"   # when deps.sh has just installed Rust
npm ci --prefix ui --no-audit --no-fund
npm run --prefix ui build
# The system's SQLite, or SQLite built in where the system's is older than 3.38 (Ubuntu 22.04).
mapfile -t sqlite < <(bash scripts/sqlite-features.sh)
exec cargo run --release --locked -p reachright "${sqlite[@]}"
