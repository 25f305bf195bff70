#!/usr/bin/env bash
# The release binaries' stripped size, one row per measured step, kept in bench/size-history.tsv
# (tracked: bench/out is not, and the steps are history) and written as the table bench/out/size.md
# (each row names its commit and date).
#
#   bench/size.sh STEP     add a row "STEP" for the binaries in target/ now (build them first:
#                          `cargo build --release -p reachright`; Windows: scripts/build-windows.sh)
#   bench/size.sh          only rewrite bench/out/size.md from the history
#
# Linux: target/release/reachright, stripped with `strip` (a no-op when the profile stripped it).
# Windows: target/x86_64-pc-windows-gnu/release/reachright.exe as built (the profile strips it), when
# it is at least as new as the Linux binary; else "—".
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out; mkdir -p "$out"
hist=bench/size-history.tsv
[ -f "$hist" ] || printf 'step\tcommit\tdate\tlinux_bytes\twindows_bytes\n' >"$hist"
linux=target/release/reachright
win=target/x86_64-pc-windows-gnu/release/reachright.exe
if [ $# -gt 0 ]; then
    [ -x "$linux" ] || { echo "size: $linux missing (cargo build --release -p reachright)" >&2; exit 1; }
    tmp=$(mktemp); trap 'rm -f "$tmp"' EXIT
    strip -o "$tmp" "$linux"
    l=$(stat -c %s "$tmp")
    w=
    [ -f "$win" ] && [ ! "$win" -ot "$linux" ] && w=$(stat -c %s "$win")
    printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$(bench/commit.sh)" "$(date -u +%Y-%m-%d)" "$l" "${w:-}" >>"$hist"
fi
mb() {
    case "${1:-}" in *[!0-9]*) echo "$1"; return ;; esac  # a figure kept only as text
    [ -n "${1:-}" ] && awk -v v="$1" 'BEGIN {printf "%.2f MiB", v / 1048576}' || echo "—"; }
{
    echo "# Release binary size, stripped"
    echo
    echo "| step | commit | date | Linux (x86_64) | Windows (x86_64-pc-windows-gnu) |"
    echo "|---|---|---|---|---|"
    tail -n +2 "$hist" | while IFS=$'\t' read -r step commit date l w; do
        echo "| $step | $commit | $date | $(mb "$l") ($l bytes) | $(mb "$w") |"
    done
    echo
    echo "Produced by \`bench/size.sh\` from \`bench/size-history.tsv\`. Goal: ≤ 12 MiB (12,582,912 bytes) for Linux."
} >"$out/size.md"
cat "$out/size.md"
