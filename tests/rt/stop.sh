#!/usr/bin/env bash
# Stops the RT started by start.sh and removes its temp folder. Takes RT_PID/RT_DIR from the
# environment, or from the env file given as $1.
set -euo pipefail
if [ $# -ge 1 ] && [ -f "$1" ]; then
    # shellcheck disable=SC1090
    . "$1"
fi
: "${RT_PID:?RT_PID not set}" "${RT_DIR:?RT_DIR not set}"
case "$RT_DIR" in
    */reachright-rt.*) ;;
    *) echo "rt: refusing to remove $RT_DIR (not made by start.sh)" >&2; exit 1 ;;
esac
if kill -0 "$RT_PID" 2>/dev/null; then
    # rt-server was started with setsid: its workers share its process group.
    kill -TERM -- "-$RT_PID" 2>/dev/null || kill -TERM "$RT_PID" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$RT_PID" 2>/dev/null || break; sleep 0.25; done
    kill -KILL -- "-$RT_PID" 2>/dev/null || true
fi
rm -rf -- "$RT_DIR"
echo "rt: stopped" >&2
