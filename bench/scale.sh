#!/usr/bin/env bash
# Cost as work grows: ReachRight with years of cases next to ReachRight with an empty data folder.
#
#   bench/scale.sh [--no-build] [--regenerate] [--runs N] [CASES EVENTS EVIDENCE]
#
#   CASES EVENTS EVIDENCE  the folder's size (default 10000 100000 20000): cases, timeline events
#                 (each case's "created", each evidence item's, then contacts and notes), evidence
#                 items (small synthetic PNG screenshots in the encrypted vault)
#   --no-build    use target/release/{reachright,scale} as they are
#   --regenerate  build the data folder again even if bench/out/scale-data has these counts
#   --runs N      app launches per folder (default 7) and timed calls per operation (3 × N)
#
# The folder is written by bench/scale (`scale generate`) through the crates' own API — the calls
# the app makes — on tmpfs (every write is an fsync'd transaction), then copied to
# bench/out/scale-data. Then, for the empty and the full folder:
#   - `scale measure`: the case list's first page, the home screen's nudges, a self-help search,
#     three case searches (one order number, a common word, no match),
#     opening the biggest case, and its evidence list (median wall time, release build, warm cache);
#   - bench/app-startup.sh --only-ours --data-dir --also-data-dir: start to first painted window and PSS
#     5 s later, the launches on the two folders interleaved.
# Whether memory is flat as the folder grows: PSS with a quarter of the data (bench/out/scale-data-quarter,
# written the same way) against the whole of it, in a second interleaved run; a cost that grows with the
# cases shows there, while what any folder with data costs (a page of case cards instead of the
# first-start card, the tracker's pass) is the same in both.
# Writes bench/out/scale.md (naming the commit and date) and the raw figures beside it.
set -euo pipefail
cd "$(dirname "$0")/.."

build=1 regenerate=0 runs=7
counts=()
while [ $# -gt 0 ]; do
    case $1 in
        --no-build) build=0 ;;
        --regenerate) regenerate=1 ;;
        --runs) runs=${2:?--runs needs a number}; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        [0-9]*) counts+=("$1") ;;
        *) echo "scale: unknown argument: $1 (try --help)" >&2; exit 2 ;;
    esac
    shift
done
cases=${counts[0]:-10000} events=${counts[1]:-100000} evidence=${counts[2]:-20000}

out=bench/out
mkdir -p "$out"
data=$out/scale-data
if [ "$build" = 1 ]; then
    nice cargo build --release -p reachright -p reachright-bench
fi
scale=target/release/scale
[ -x "$scale" ] || { echo "scale: $scale missing (run without --no-build)" >&2; exit 1; }

tmp=$(mktemp -d /dev/shm/reachright-scale.XXXXXX 2>/dev/null || mktemp -d)
empty=$(mktemp -d /tmp/reachright-scale-empty.XXXXXX)
trap 'rm -rf "$empty" "$tmp"' EXIT
folder() { # DIR CASES EVENTS EVIDENCE: write the folder unless it holds these counts already
    local dir=$1 want="$2 $3 $4" t0
    if [ "$regenerate" = 1 ] || [ "$(cat "$dir/.scale-counts" 2>/dev/null)" != "$want" ]; then
        echo "building the data folder $dir: $2 cases, $3 events, $4 evidence items ..." >&2
        t0=$(date +%s)
        rm -rf "$tmp/data"
        "$scale" generate "$tmp/data" "$2" "$3" "$4"
        rm -rf "$dir"
        cp -a "$tmp/data" "$dir"
        echo "$want" >"$dir/.scale-counts"
        echo "built in $(( $(date +%s) - t0 )) s" >&2
    fi
}
folder "$data" "$cases" "$events" "$evidence"
quarter=$out/scale-data-quarter
folder "$quarter" $((cases / 4)) $((events / 4)) $((evidence / 4))

echo "timing the store and the API ..." >&2
"$scale" measure "$empty" $((runs * 3)) >"$out/scale-ops-empty.tsv"
"$scale" measure "$data" $((runs * 3)) >"$out/scale-ops-full.tsv"

echo "launching the app on each folder ..." >&2
rm -rf "$empty"/* 
# One run of app-startup.sh for both folders, launches interleaved (empty, full, empty, ...): start-up
# on two cores moves by ±100 ms with the machine's moment, and the two medians must see the same ones.
bench/app-startup.sh --no-build --only-ours --runs "$runs" --name scale-startup \
    --data-dir "$empty" --also-data-dir "$data" >/dev/null
bench/app-startup.sh --no-build --only-ours --runs "$runs" --name scale-quarter \
    --data-dir "$quarter" --also-data-dir "$data" >/dev/null

median() { # column $3 (start_ms 3, pss_kb 5) of the rows of app $2 in runs file $1
    awk -F'\t' -v app="$2" -v col="$3" 'NR > 1 && $1 == app {print $col}' "$1" | sort -n \
        | awk '{v[NR] = $1} END {if (NR) print v[int((NR + 1) / 2)]}'
}
op() { awk -F'\t' -v w="$2" 'index($1, w) == 1 {print $2; exit}' "$1"; }
label() { awk -F'\t' -v w="$2" 'index($1, w) == 1 {print $1; exit}' "$1"; }
ratio() { [ -n "${1:-}" ] && [ -n "${2:-}" ] && awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f×", a / b; else print "—"}' || echo "—"; }
runs_tsv=$out/scale-startup-runs.tsv
s_e=$(median "$runs_tsv" ours 3) s_f=$(median "$runs_tsv" ours-b 3)
p_e=$(median "$runs_tsv" ours 5) p_f=$(median "$runs_tsv" ours-b 5)
p_q=$(median "$out/scale-quarter-runs.tsv" ours 5) p_qf=$(median "$out/scale-quarter-runs.tsv" ours-b 5)
mb() { [ -n "${1:-}" ] && awk -v v="$1" 'BEGIN {printf "%.1f MB", v / 1024}' || echo "—"; }
{
    echo "# Scale: $cases cases, $events timeline events, $evidence evidence items vs an empty folder"
    echo
    echo "Commit $(bench/commit.sh), measured $(date -u +%Y-%m-%d) ($(date -u +%H:%MZ)), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)."
    echo "App: median of $runs launches per folder, interleaved (bench/app-startup.sh); operations: median of $((runs * 3)) calls, release build, warm cache."
    echo
    echo "| what | empty folder | full folder | ratio | goal |"
    echo "|---|---|---|---|---|"
    echo "| start to first painted window | ${s_e:-—} ms | ${s_f:-—} ms | $(ratio "$s_f" "$s_e") | ≤ 1.2× |"
    echo "| PSS, app + WebKit, 5 s after paint | $(mb "$p_e") | $(mb "$p_f") | $(ratio "$p_f" "$p_e") | flat |"
    for w in "case list, first page:≤ 50 ms" "home nudges:" "self-help search:≤ 100 ms" "case search, one order number:≤ 100 ms" "case search, a word in many cases:≤ 100 ms" "case search, no match:≤ 100 ms" "open the biggest case:≤ 50 ms" "its evidence list:"; do
        key=${w%%:*} goal=${w#*:}
        e=$(op "$out/scale-ops-empty.tsv" "$key") f=$(op "$out/scale-ops-full.tsv" "$key")
        echo "| $(label "$out/scale-ops-full.tsv" "$key") | ${e:-—} ms | ${f:-—} ms | | $goal |"
    done
    echo
    echo "Memory as the folder grows, a second interleaved run: PSS $(mb "$p_q") with a quarter of the data" \
         "($((cases / 4)) cases) and $(mb "$p_qf") with all of it: $(ratio "$p_qf" "$p_q") for four times the data."
    echo
    echo "Produced by \`bench/scale.sh\`; raw figures in \`bench/out/scale-*.tsv\`."
} >"$out/scale.md"
cat "$out/scale.md"
