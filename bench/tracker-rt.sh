#!/usr/bin/env bash
# The tracker idling over 500 tickets on a local Request Tracker: requests per hour, CPU, memory.
#
#   bench/tracker-rt.sh [--tickets N] [--seconds S] [--debug] [--no-build]
#
#   --tickets N   tracked tickets (default 500), each a case + `reachright-cli ticket create` on RT
#   --seconds S   the measured idle window (default 330: one full 5-minute polling interval of an
#                 active ticket plus the 30 s coalescing; a shorter window can miss the round)
#   --debug       measure target/debug/reachright-cli instead of the release build
#   --no-build    use the binary already built
#
# Needs: request-tracker5 (tests/rt/install.sh), dbus (dbus-run-session), gnome-keyring (the token
# lives in the Secret Service), curl, python3. Writes bench/out/tracker-rt.md and the request log.
#
# How: RT starts on 127.0.0.1 (tests/rt/start.sh); the helpdesk is added with the address of a small
# counting proxy in front of RT, so every HTTP request the tracker makes is logged (method, path,
# status, time). The tickets are opened "an hour ago" (--now), so all are due when the tracker starts:
# its first pass is the catch-up (reported apart). Then, with nothing changing on RT, the window:
#   requests/h  requests through the proxy in the window × 3600 / window (RT answers 304 to the
#               conditional GETs of unchanged tickets)
#   CPU         (utime + stime) from /proc/PID/stat over the window's wall time, % of one core
#   memory      VmHWM (peak RSS over the process's life, catch-up included) and VmRSS at the end
# The tracker is `reachright-cli track` (no --once): it sleeps until the next ticket is due.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

tickets=500
seconds=330
profile=release
build=1
while [ $# -gt 0 ]; do
    case $1 in
        --tickets) tickets=${2:?--tickets needs a number}; shift ;;
        --seconds) seconds=${2:?--seconds needs a number}; shift ;;
        --debug) profile=debug ;;
        --no-build) build=0 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "tracker-rt: unknown argument: $1 (try --help)" >&2; exit 2 ;;
    esac
    shift
done

if [ -z "${TRACKER_RT_INNER:-}" ]; then
    for tool in dbus-run-session gnome-keyring-daemon curl python3; do
        command -v "$tool" >/dev/null || { echo "tracker-rt: missing $tool (see the header)" >&2; exit 1; }
    done
    tests/rt/install.sh >&2
    if [ "$build" = 1 ]; then
        if [ "$profile" = release ]; then cargo build --release -q -p reachright-cli; else cargo build -q -p reachright-cli; fi
    fi
    bin="$root/target/$profile/reachright-cli"
    [ -x "$bin" ] || { echo "tracker-rt: $bin missing (run without --no-build)" >&2; exit 1; }
    mkdir -p bench/out
    export TRACKER_RT_INNER=1 TRACKER_RT_BIN="$bin" TRACKER_RT_PROFILE="$profile"
    exec dbus-run-session -- "$0" --tickets "$tickets" --seconds "$seconds"
fi

# ---- inside a private session bus ----
bin=$TRACKER_RT_BIN
out=bench/out
work="$(mktemp -d "${TMPDIR:-/tmp}/tracker-rt.XXXXXX")"
pids=()
rt_env=""
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    [ -n "$rt_env" ] && [ -f "$rt_env" ] && { tests/rt/stop.sh "$rt_env" >/dev/null 2>&1 || true; }
    rm -rf -- "$work"
}
trap cleanup EXIT
export HOME="$work/home" XDG_DATA_HOME="$work/home/.local/share"
mkdir -p "$XDG_DATA_HOME"
data="$work/data"
log() { printf 'tracker-rt: %s\n' "$*" >&2; }

gnome-keyring-daemon --foreground --unlock --components=secrets < <(printf 'bench-keyring') >"$work/keyring.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
    dbus-send --session --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus.NameHasOwner \
        string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true' && break
    sleep 0.1
done

rt_env="$work/rt.env"
tests/rt/start.sh "$rt_env" >/dev/null
# shellcheck disable=SC1090
. "$rt_env"

# The counting proxy: one log line per request (unix time, method, path, status).
cat > "$work/proxy.py" <<'PY'
import http.client, http.server, sys, time, urllib.parse
upstream = urllib.parse.urlsplit(sys.argv[1]); logf = open(sys.argv[2], "a", buffering=1)
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def relay(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n else None
        hdrs = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection", "keep-alive")}
        c = http.client.HTTPConnection(upstream.hostname, upstream.port, timeout=120)
        c.request(self.command, self.path, body=body, headers=hdrs)
        r = c.getresponse(); data = r.read(); c.close()
        self.send_response(r.status)
        for k, v in r.getheaders():
            if k.lower() not in ("transfer-encoding", "connection", "content-length", "keep-alive", "server", "date"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD": self.wfile.write(data)
        logf.write(f"{time.time():.3f} {self.command} {self.path.split('?')[0]} {r.status}\n")
    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = relay
s = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
print(s.server_address[1], flush=True)
s.serve_forever()
PY
: > "$work/requests.log"
python3 "$work/proxy.py" "$RT_URL" "$work/requests.log" > "$work/proxy.port" 2>"$work/proxy.err" &
pids+=($!)
for _ in $(seq 50); do [ -s "$work/proxy.port" ] && break; sleep 0.1; done
proxy_url="http://127.0.0.1:$(head -1 "$work/proxy.port")"

REACHRIGHT_TOKEN="$RT_CUSTOMER_TOKEN" "$bin" helpdesk add rt --data-dir "$data" --kind rt --url "$proxy_url" \
    --queue "$RT_QUEUE" --email "$RT_CUSTOMER_EMAIL" >/dev/null

# Opened an hour ago: all due when the tracker starts.
log "opening $tickets cases and tickets on RT ($TRACKER_RT_PROFILE build) ..."
t0=$(date +%s)
for i in $(seq 1 "$tickets"); do
    case_id=$("$bin" case new --data-dir "$data" \
        --description "订单号2026113$(printf '%05d' "$i")，11月30日充值100元游戏点卡，支付成功后30分钟未到账" | tail -1)
    "$bin" ticket create "$case_id" --data-dir "$data" --helpdesk rt \
        --now "$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%SZ)" >/dev/null
    [ $((i % 100)) = 0 ] && log "  $i tickets ($(( $(date +%s) - t0 )) s)"
done
create_s=$(( $(date +%s) - t0 ))
created_requests=$(wc -l < "$work/requests.log")

# The tracker, looping.
"$bin" track --data-dir "$data" >"$work/track.jsonl" 2>"$work/track.err" &
tracker=$!
pids+=($tracker)
clk=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
status_kb() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }

# The catch-up pass: until no request for 3 s.
tc0=$(date +%s.%N)
last=-1
while :; do
    sleep 3
    kill -0 "$tracker" 2>/dev/null || { cat "$work/track.err" >&2; log "the tracker exited"; exit 1; }
    n=$(wc -l < "$work/requests.log")
    [ "$n" = "$last" ] && break
    last=$n
done
catchup_requests=$(( last - created_requests ))
catchup_s=$(python3 -c "import time; print(f'{time.time() - $tc0 - 3:.1f}')")
log "catch-up pass: $catchup_requests requests in ~$catchup_s s; measuring $seconds s of idle ..."

# The idle window.
n0=$(wc -l < "$work/requests.log")
c0=$(cpu_ticks "$tracker")
w0=$(date +%s.%N)
sleep "$seconds"
kill -0 "$tracker" 2>/dev/null || { cat "$work/track.err" >&2; log "the tracker exited"; exit 1; }
c1=$(cpu_ticks "$tracker")
w1=$(date +%s.%N)
n1=$(wc -l < "$work/requests.log")
hwm=$(status_kb "$tracker" VmHWM)
rss=$(status_kb "$tracker" VmRSS)
changes=$(wc -l < "$work/track.jsonl")
codes=$(awk -v t="$w0" '$1 >= t {print $4}' "$work/requests.log" | sort | uniq -c | awk '{printf "%s×%s ", $1, $2}')

report=$(python3 - "$n0" "$n1" "$c0" "$c1" "$clk" "$w0" "$w1" "$hwm" "$rss" <<'PY'
import sys
n0, n1, c0, c1, clk = map(int, sys.argv[1:6]); w0, w1 = map(float, sys.argv[6:8]); hwm, rss = map(int, sys.argv[8:10])
wall = w1 - w0
print(f"{n1 - n0} {(n1 - n0) * 3600 / wall:.0f} {(c1 - c0) / clk:.2f} {100 * (c1 - c0) / clk / wall:.3f} {wall:.0f} {hwm / 1024:.1f} {rss / 1024:.1f}")
PY
)
read -r req req_h cpu_s cpu_pct wall hwm_mb rss_mb <<<"$report"

{
    echo "# Tracker idle over $tickets RT tickets"
    echo
    echo "Commit $(bash bench/commit.sh), measured $(date -u +%Y-%m-%d) ($(date -u +%H:%MZ)), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg); the $TRACKER_RT_PROFILE build of \`reachright-cli track\`."
    echo
    echo "| figure | value |"
    echo "|---|---|"
    echo "| tickets opened (case + ticket create) | $tickets in $create_s s ($created_requests requests) |"
    echo "| catch-up pass (all due at start) | $catchup_requests requests in ~$catchup_s s |"
    echo "| idle window | $wall s, nothing changing on RT, $changes changes reported |"
    echo "| requests in the window | $req (${codes% }) |"
    echo "| requests per hour | $req_h |"
    echo "| tracker CPU in the window | $cpu_s s = $cpu_pct % of one core |"
    echo "| tracker peak RSS (VmHWM) | $hwm_mb MB (RSS at the end: $rss_mb MB) |"
} | tee "$out/tracker-rt.md"
cp "$work/requests.log" "$out/tracker-rt-requests.log"
