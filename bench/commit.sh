#!/usr/bin/env bash
# The commit a measurement describes: the short hash of HEAD, with "+changes" when the work tree has
# uncommitted changes to tracked files (then the figure describes no commit exactly).
cd "$(dirname "$0")/.." || exit 1
c=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD -- 2>/dev/null || c="$c+changes"
echo "$c"
