#!/usr/bin/env bash
# The cargo arguments that choose SQLite, one per line: none where the system's SQLite is 3.38 or
# newer (the app links it: WebKitGTK already loads it), else `--features
# reachright-store/bundled-sqlite` (Ubuntu 22.04 has 3.37). Every script that builds or tests the
# workspace asks here, so all of them build with the same features and share one build:
#   mapfile -t sqlite < <(bash scripts/sqlite-features.sh)
pkg-config --atleast-version=3.38 sqlite3 2>/dev/null || printf '%s\n' --features reachright-store/bundled-sqlite
