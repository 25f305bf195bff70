#!/usr/bin/env bash
# Start-up time, memory and binary size of ReachRight's release build next to the smallest Tauri 2 app
# (bench/blank-app), measured in the same run on the same machine. Linux only (Xvfb + X11 tools).
#
#   bench/app-startup.sh [--no-build] [--only-blank | --only-ours] [--runs N] [--data-dir DIR] [--name NAME]
#                        [--smaps] [--also-data-dir DIR2]
#
#   --no-build    use the binaries already in target/ (they must have been built as below)
#   --only-blank  measure the blank app only (while ReachRight's binary doesn't exist yet)
#   --only-ours   measure ReachRight only (bench/scale.sh: the same app on two data folders)
#   --runs N      timed launches per app (default 5); the median is reported
#   --data-dir D  ReachRight opens the data folder D (kept) instead of a fresh empty one per launch
#   --name NAME   write bench/out/NAME.md and NAME-runs.tsv (default app-startup)
#   --also-data-dir DIR2
#                 with --only-ours --data-dir DIR: also launch ReachRight on DIR2 (kept), interleaved
#                 with the launches on DIR (rows "ours-b" in NAME-runs.tsv), so that the two folders
#                 see the same moments of the machine (bench/scale.sh: empty against full)
#   --smaps       also keep every process's /proc/PID/smaps of the first timed run in bench/out/NAME-smaps/,
#                 for bench/smaps-diff.py (where the difference in memory is, mapping by mapping)
#
# Needs: xvfb, xdotool, imagemagick (import), dbus (dbus-run-session), binutils (strip).
# Writes the table to bench/out/NAME.md (first line: the commit and date it describes) and every run's raw
# figures to bench/out/NAME-runs.tsv.
#
# What is measured, per launch (interleaved: blank, ReachRight, blank, ...; one untimed warm-up each first):
#   start  ms from exec to the first screenshot of the app's window that is not one flat colour. The app
#          runs under a private Xvfb inside `dbus-run-session`, with a fresh HOME (so no WebKit caches or
#          settings survive) and a fresh REACHRIGHT_DATA_DIR. It is measured from outside, so it needs
#          nothing from the app but its window title. Resolution: one screenshot, about 15-40 ms.
#   memory 5 s after that first paint: RSS and PSS (from /proc/PID/smaps_rollup) summed over the app
#          process and all its descendants (WebKitWebProcess, WebKitNetworkProcess). PSS counts shared
#          pages once across the group, RSS counts them in every process, so PSS is the fairer total.
#   size   the release binary's bytes, and after `strip`.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

runs=5
build=1
only_blank=0
only_ours=0
data_dir=
data_dir_b=
name=app-startup
smaps=0
while [ $# -gt 0 ]; do
    case $1 in
        --no-build) build=0 ;;
        --only-blank) only_blank=1 ;;
        --only-ours) only_ours=1 ;;
        --runs) runs=${2:?--runs needs a number}; shift ;;
        --data-dir) data_dir=$(realpath "${2:?--data-dir needs a folder}"); shift
                    [ -d "$data_dir" ] || { echo "app-startup: --data-dir $data_dir is not a folder" >&2; exit 2; } ;;
        --name) name=${2:?--name needs a name}; shift ;;
        --also-data-dir) data_dir_b=$(realpath "${2:?--also-data-dir needs a folder}"); shift
                    [ -d "$data_dir_b" ] || { echo "app-startup: --also-data-dir $data_dir_b is not a folder" >&2; exit 2; } ;;
        --smaps) smaps=1 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "app-startup: unknown argument: $1 (try --help)" >&2; exit 2 ;;
    esac
    shift
done

TIMEOUT_S=30   # per launch: window visible and painted within this, or the run counts as failed
SETTLE_S=5     # wait after first paint before reading memory

out=bench/out
mkdir -p "$out"
blank_manifest=bench/blank-app/src-tauri/Cargo.toml
blank_target=target/bench-blank
blank_bin=$blank_target/release/blank
ours_bin=target/release/reachright
blank_title=blank
# ReachRight's window title comes from src-tauri/tauri.conf.json (the first window's "title").
ours_title=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["app"]["windows"][0]["title"])' \
    src-tauri/tauri.conf.json 2>/dev/null || echo "售后直达 ReachRight")

for tool in Xvfb xdotool import dbus-run-session strip setsid python3; do
    command -v "$tool" >/dev/null || { echo "app-startup: missing $tool (see bench/README.md)" >&2; exit 1; }
done

# Like for like: the blank app mirrors the root Cargo.toml's [profile.release] and its table for all
# dependencies ([profile.release.package."*"]). Refuse to compare if they drifted.
profile_of() { # those tables' key = value lines, comments and blanks dropped, each with its table
    awk '/^\[/{on = ($0 ~ /^\[profile\.release(\.package\."\*")?\][[:space:]]*$/); t = $0; next}
         on{sub(/#.*/, ""); gsub(/[[:space:]]/, ""); if ($0 != "") print t " " $0}' "$1" | sort
}
if [ "$(profile_of Cargo.toml)" != "$(profile_of "$blank_manifest")" ]; then
    echo "app-startup: [profile.release] differs between Cargo.toml and $blank_manifest:" >&2
    diff <(profile_of Cargo.toml) <(profile_of "$blank_manifest") >&2 || true
    echo "copy the root's settings into $blank_manifest so both are built alike" >&2
    exit 1
fi

# Both are built with `tauri/custom-protocol`, which is what `tauri build` adds (ReachRight turns it on
# by default in src-tauri/Cargo.toml): without it tauri compiles in dev mode.
if [ "$build" = 1 ]; then
    if [ "$only_ours" = 0 ]; then
    echo "building the blank app (release) ..." >&2
    CARGO_TARGET_DIR=$blank_target cargo build --release --locked --manifest-path "$blank_manifest" \
        --features tauri/custom-protocol
    fi
    if [ "$only_blank" = 0 ]; then
        echo "building ReachRight (release) ..." >&2
        cargo build --release -p reachright
    fi
fi
[ "$only_ours" = 1 ] || [ -x "$blank_bin" ] || { echo "app-startup: $blank_bin missing (run without --no-build)" >&2; exit 1; }
if [ "$only_blank" = 0 ] && [ ! -x "$ours_bin" ]; then
    echo "app-startup: $ours_bin missing (build it, or use --only-blank)" >&2; exit 1
fi

# ---- cleanup: everything this script starts is recorded here and ended on exit ----
work=$(mktemp -d /tmp/app-startup.XXXXXX)
xvfb_pid=
# Every launched process carries APP_STARTUP_BENCH=<this run>/<app>/<n> in its environment (children inherit
# it), so cleanup ends exactly what this script started, even processes that left their group, and never
# a stranger that happens to reuse a recorded PID.
bench_id="$$-$(date +%s%N)"
tagged() { # PIDs whose environment has APP_STARTUP_BENCH starting with $1
    grep -lzs "^APP_STARTUP_BENCH=$1" /proc/[0-9]*/environ | sed -n 's|^/proc/\([0-9]*\)/environ$|\1|p' || true
}
end_tagged() { # TERM, then KILL, whatever carries tag prefix $1
    local pids
    pids=$(tagged "$1"); [ -n "$pids" ] || return 0
    kill -TERM $pids 2>/dev/null || true
    for _ in $(seq 30); do pids=$(tagged "$1"); [ -n "$pids" ] || return 0; sleep 0.1; done
    kill -KILL $pids 2>/dev/null || true
}
cleanup() {
    end_tagged "$bench_id/"
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- a private X server: -displayfd picks a free display number and reports it ----
Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.05; done
[ -s "$work/display" ] || { echo "app-startup: Xvfb did not start:" >&2; cat "$work/xvfb.log" >&2; exit 1; }
export DISPLAY=":$(head -n1 "$work/display")"

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

descendants() { # PID and all its descendants, one a line
    ps -e -o pid=,ppid= | awk -v root="$1" '
        {kids[$2] = kids[$2] " " $1}
        END {queue[1] = root; n = 1; for (i = 1; i <= n; i++) { print queue[i];
             m = split(kids[queue[i]], k, " "); for (j = 1; j <= m; j++) queue[++n] = k[j] }}'
}

app_pid_in() { # the process in session $1 that runs binary $2 (dbus-run-session is its parent)
    local p want
    want=$(readlink -f "$2")
    for p in $(descendants "$1"); do
        [ "$(readlink -f "/proc/$p/exe" 2>/dev/null)" = "$want" ] && { echo "$p"; return 0; }
    done
    return 1
}

# One launch. Prints "start_ms rss_kb pss_kb nprocs" or "fail reason"; a failed launch's output is kept
# in bench/out/NAME-LABEL-runN.log.
launch() {
    local bin=$1 title=$2 label=$3 run=$4
    local home data t0 sid app wid t_paint sd pids rss pss n p
    home=$(mktemp -d "$work/home.XXXXXX")
    data=$(mktemp -d "$work/data.XXXXXX")
    [ "$label" = ours ] && [ -n "$data_dir" ] && data=$data_dir
    [ "$label" = ours-b ] && data=$data_dir_b
    mkdir -m 700 "$home/run"
    t0=$(now_ms)
    # setsid: the app gets its own session and process group, so one kill ends it, its D-Bus daemon and WebKit.
    # WEBKIT_DISABLE_DMABUF_RENDERER=1: Xvfb has no GPU; WebKitGTK's DMA-BUF renderer (its default since 2.42)
    # would probe GBM/EGL and fall back or paint nothing, so both apps use the shared-memory path that
    # works under Xvfb (it also uses less memory, as tauri-notes.md saw). NO_AT_BRIDGE=1 keeps GTK from
    # starting the accessibility bus, which differs between machines and is not the app's cost.
    local tag="$bench_id/$label/$run/"
    failed() { end_tagged "$tag"; cp "$work/$label.$run.log" "$out/$name-$label-run$run.log" 2>/dev/null || true; echo "fail $1"; }
    env -u XDG_CONFIG_HOME -u XDG_DATA_HOME -u XDG_CACHE_HOME -u XDG_STATE_HOME -u DBUS_SESSION_BUS_ADDRESS \
        APP_STARTUP_BENCH="$tag" HOME="$home" XDG_RUNTIME_DIR="$home/run" REACHRIGHT_DATA_DIR="$data" DISPLAY="$DISPLAY" \
        GDK_BACKEND=x11 WEBKIT_DISABLE_DMABUF_RENDERER=1 NO_AT_BRIDGE=1 \
        setsid dbus-run-session -- "$root/$bin" >"$work/$label.$run.log" 2>&1 &
    sid=$!

    # 1. the window is mapped
    wid=
    while [ -z "$wid" ]; do
        if [ $(( $(now_ms) - t0 )) -gt $(( TIMEOUT_S * 1000 )) ]; then failed no-window; return; fi
        kill -0 "$sid" 2>/dev/null || { failed exited; return; }
        wid=$(xdotool search --onlyvisible --name "$title" 2>/dev/null | head -n1 || true)
        [ -n "$wid" ] || sleep 0.01
    done
    # 2. its content is not one flat colour (WebKit has painted the page)
    t_paint=
    while [ -z "$t_paint" ]; do
        local t_shot
        t_shot=$(now_ms)
        if [ $(( t_shot - t0 )) -gt $(( TIMEOUT_S * 1000 )) ]; then
            import -silent -window root "$out/$name-$label-timeout.png" 2>/dev/null || true
            failed not-painted; return
        fi
        # One ImageMagick process grabs the window and prints its standard deviation (0 = one flat colour).
        sd=$(import -silent -window "$wid" -format '%[fx:standard_deviation]' info: 2>/dev/null || echo 0)
        if awk -v s="$sd" 'BEGIN {exit !(s + 0 > 0.005)}'; then t_paint=$t_shot; fi
    done
    [ "$run" = 1 ] && import -silent -window "$wid" "$out/$name-$label.png" 2>/dev/null || true

    # 3. memory once it has settled
    sleep "$SETTLE_S"
    app=$(app_pid_in "$sid" "$bin") || { failed no-app-process; return; }
    pids=$(descendants "$app")
    rss=0 pss=0 n=0
    for p in $pids; do
        local r s
        r=$(awk '/^VmRSS:/ {print $2}' "/proc/$p/status" 2>/dev/null || true)
        s=$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || true)
        [ -n "$r" ] || continue
        rss=$((rss + r)); pss=$((pss + ${s:-0})); n=$((n + 1))
        echo "$label run $run: pid $p $(tr -d '\0' < "/proc/$p/comm") rss ${r} kB pss ${s:-?} kB" >>"$work/procs.log"
        if [ "$smaps" = 1 ] && [ "$run" = 1 ]; then
            cp "/proc/$p/smaps" "$out/$name-smaps/$label.$p.$(tr -d '\0/ ' < "/proc/$p/comm").smaps" 2>/dev/null || true
        fi
    done

    end_tagged "$tag"
    wait "$sid" 2>/dev/null || true
    rm -rf "$home"
    [ "$data" = "$data_dir" ] || [ "$data" = "$data_dir_b" ] || rm -rf "$data"
    echo "$((t_paint - t0)) $rss $pss $n"
}

labels=(blank)
[ "$only_blank" = 0 ] && labels=(blank ours)
[ "$only_ours" = 1 ] && labels=(ours)
if [ -n "$data_dir_b" ]; then
    [ "$only_ours" = 1 ] && [ -n "$data_dir" ] \
        || { echo "app-startup: --also-data-dir goes with --only-ours --data-dir" >&2; exit 2; }
    labels=(ours ours-b)
fi
declare -A bin_of=([blank]=$blank_bin [ours]=$ours_bin [ours-b]=$ours_bin) \
    title_of=([blank]=$blank_title [ours]=$ours_title [ours-b]=$ours_title)

raw=$out/$name-runs.tsv
if [ "$smaps" = 1 ]; then rm -rf "$out/$name-smaps"; mkdir -p "$out/$name-smaps"; fi
printf 'app\trun\tstart_ms\trss_kb\tpss_kb\tprocesses\n' >"$raw"
: >"$work/procs.log"
echo "display $DISPLAY; $runs timed runs per app after one warm-up each" >&2
for label in "${labels[@]}"; do launch "${bin_of[$label]}" "${title_of[$label]}" "$label" 0 >/dev/null; done
for run in $(seq "$runs"); do
    for label in "${labels[@]}"; do
        result=$(launch "${bin_of[$label]}" "${title_of[$label]}" "$label" "$run")
        echo "$label run $run: $result" >&2
        case $result in fail*) continue ;; esac
        printf '%s\t%s\t%s\n' "$label" "$run" "$(tr ' ' '\t' <<<"$result")" >>"$raw"
    done
done
cp "$work/procs.log" "$out/$name-procs.log"

median() { # column $2 of app $1's rows in the raw table, median (lower middle for an even count)
    awk -F'\t' -v app="$1" -v col="$2" 'NR > 1 && $1 == app {print $col}' "$raw" | sort -n \
        | awk '{v[NR] = $1} END {if (NR) print v[int((NR + 1) / 2)]}'
}
okruns() { awk -F'\t' -v app="$1" 'NR > 1 && $1 == app' "$raw" | wc -l; }
stripped_size() { strip -o "$work/stripped" "$1" && stat -c %s "$work/stripped"; }

declare -A start rss pss size ssize n
for label in "${labels[@]}"; do
    start[$label]=$(median "$label" 3); rss[$label]=$(median "$label" 4); pss[$label]=$(median "$label" 5)
    size[$label]=$(stat -c %s "${bin_of[$label]}"); ssize[$label]=$(stripped_size "${bin_of[$label]}")
    n[$label]=$(okruns "$label")
done

fmt() { # kind value: ms | kb (as MB) | bytes (as MB and bytes); "—" when empty
    [ -n "${2:-}" ] || { echo "—"; return; }
    case $1 in
        ms) echo "$2 ms" ;;
        kb) awk -v v="$2" 'BEGIN {printf "%.1f MB", v / 1024}' ;;
        bytes) awk -v v="$2" 'BEGIN {printf "%.1f MB (%d bytes)", v / 1048576, v}' ;;
    esac
}
ratio() { [ -n "${1:-}" ] && [ -n "${2:-}" ] && awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f×", a / b}' || echo "—"; }
row() { # title kind key
    local -n m=$3
    printf '| %s | %s | %s | %s |\n' "$1" "$(fmt "$2" "${m[ours]:-}")" "$(fmt "$2" "${m[blank]:-}")" \
        "$(ratio "${m[ours]:-}" "${m[blank]:-}")"
}

webkit=$(dpkg-query -W -f '${Version}' libwebkit2gtk-4.1-0 2>/dev/null || echo "?")
{
    echo "# App start-up: ReachRight vs a blank Tauri 2 app"
    echo
    echo "Commit $(bench/commit.sh), measured $(date -u +%Y-%m-%d)."
    echo
    echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(uname -sr), WebKitGTK $webkit, Xvfb 1280x1024x24." \
         "Median of ${n[ours]:-0} (ReachRight) and ${n[blank]:-0} (blank) successful runs of $runs;" \
         "fresh HOME and data dir per launch, page cache warm (one untimed warm-up launch each)."
    echo
    echo "| metric | ReachRight | blank | ratio |"
    echo "|---|---|---|---|"
    row "start to first painted window" ms start
    row "RSS, app + WebKit processes, 5 s after paint" kb rss
    row "PSS, app + WebKit processes, 5 s after paint" kb pss
    row "release binary" bytes size
    row "release binary, stripped" bytes ssize
    echo
    echo "Produced by \`bench/app-startup.sh\`; raw runs in \`bench/out/$name-runs.tsv\`," \
         "per-process memory in \`bench/out/$name-procs.log\`."
} >"$out/$name.md"
cat "$out/$name.md"
