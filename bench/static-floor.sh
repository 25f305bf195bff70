#!/usr/bin/env bash
# The floor under the memory goal: ReachRight with its first screen as static HTML, next to the blank
# app, through bench/app-startup.sh. The page is the home screen's DOM as the UI draws it on a first
# start (bench/page-cost.sh --draw-only), with no script at all: no Preact, no IPC call, no JIT. What
# ReachRight still costs over the blank app then is what showing that screen costs at all (its Chinese
# text, its style sheet) and the app's own start-up, whatever the UI's code does.
#
#   bench/static-floor.sh     (writes bench/out/static-floor.md and bench/out/static-floor-smaps/)
#
# It builds the release app with ui/dist/index.html replaced, measures, then puts the real page back
# and builds again, so target/release/reachright is the real app when it ends, failed or not.
# Needs what app-startup.sh and page-cost.sh need; about 8 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/static-floor.XXXXXX)
real=ui/dist/index.html
restore() {
    if [ -f "$work/index.html" ]; then
        cp "$work/index.html" "$real"
        echo "static-floor: the real page is back; building the app again ..." >&2
        nice cargo build --release --locked -p reachright -q || echo "static-floor: rebuild failed" >&2
    fi
    rm -rf "$work"
}
trap restore EXIT
trap 'exit 130' INT TERM

bash bench/page-cost.sh --draw-only "$work/static.html"
[ -f "$real" ] || npm run --prefix ui build
# The drawn page names the style sheet of the UI's fake build; the app's build has the same one.
sheet=$(grep -o 'href="/assets/style-[^"]*\.css"' "$work/static.html" | head -n1 | sed 's/href="\/\(.*\)"/\1/')
[ -n "$sheet" ] && [ -f "ui/dist/$sheet" ] \
    || { echo "static-floor: the drawn page's style sheet (${sheet:-none}) is not in ui/dist: rebuild the UI" >&2; exit 1; }
cp "$real" "$work/index.html"
cp "$work/static.html" "$real"
nice cargo build --release --locked -p reachright
bash bench/app-startup.sh --no-build --smaps --name static-floor
