#!/usr/bin/env bash
# The tracker against a real Request Tracker, with real desktop notifications.
#
#   tests/rt/notify.sh            (REACHRIGHT_CLI=path/to/reachright-cli to skip the build)
#
# In a private D-Bus session (dbus-run-session) with a private Xvfb and a throw-away HOME: a Secret
# Service (gnome-keyring, for the helpdesk token), a notification daemon (dunst) and dbus-monitor
# logging every org.freedesktop.Notifications call; a throw-away RT (tests/rt/start.sh). The customer
# opens a case, adds a PNG with a Chinese name to its evidence and opens its ticket through reachright-cli
# (the PNG attached; checked through RT's REST2 with the staff token: name and bytes); staff answer in Chinese and resolve the ticket
# through RT's REST2 (curl, staff token); `track --once --notify` must report both as JSON lines and
# make one Notify call carrying the reply's text and one for the status; a second pass reports nothing.
# Prints `rt-notify: passed` or `rt-notify: FAILED <reason>`; exit status 0 only when passed.
# Needs (Debian): request-tracker5 rt5-db-sqlite rt5-standalone (tests/rt/install.sh installs them),
# dbus (dbus-daemon, dbus-bin), xvfb, gnome-keyring, dunst, curl, python3; missing ones are installed with apt.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

fail() { echo "rt-notify: FAILED $*"; exit 1; }

if [ -z "${RT_NOTIFY_INNER:-}" ]; then
    missing=()
    for pair in dbus-run-session:dbus-daemon dbus-monitor:dbus-bin Xvfb:xvfb gnome-keyring-daemon:gnome-keyring \
                dunst:dunst curl:curl python3:python3; do
        command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "rt-notify: installing ${missing[*]}" >&2
        sudo_=""; [ "$(id -u)" = 0 ] || sudo_="sudo"
        DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y --no-install-recommends "${missing[@]}" >&2 \
            || fail "cannot install ${missing[*]}"
    fi
    "$here/install.sh" >&2 || fail "cannot install Request Tracker"
    if [ -z "${REACHRIGHT_CLI:-}" ]; then
        (cd "$root" && cargo build -q -p reachright-cli) >&2 || fail "build of reachright-cli"
        REACHRIGHT_CLI="$root/target/debug/reachright-cli"
    fi
    export REACHRIGHT_CLI RT_NOTIFY_INNER=1
    exec dbus-run-session -- "$0" "$@"
fi

# ---- inside the private session bus ----
cli="$REACHRIGHT_CLI"
work="$(mktemp -d "${TMPDIR:-/tmp}/rt-notify.XXXXXX")"
pids=()
rt_env=""
cleanup() {
    [ -n "$rt_env" ] && [ -f "$rt_env" ] && "$here/stop.sh" "$rt_env" >/dev/null 2>&1
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
    rm -rf -- "$work"
}
trap cleanup EXIT
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share" \
       XDG_CACHE_HOME="$work/home/.cache"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"
data="$work/data"

has_name() {
    dbus-send --session --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus.NameHasOwner \
        "string:$1" 2>/dev/null | grep -q 'boolean true'
}
wait_name() { for _ in $(seq 100); do has_name "$1" && return 0; sleep 0.1; done; return 1; }

# X display for dunst.
Xvfb -displayfd 3 -nolisten tcp -screen 0 1024x768x24 3>"$work/display" >"$work/xvfb.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
[ -s "$work/display" ] || fail "Xvfb did not start: $(tail -3 "$work/xvfb.log")"
export DISPLAY=":$(head -1 "$work/display")"

# Secret Service (the password on stdin unlocks the login keyring).
gnome-keyring-daemon --foreground --unlock --components=secrets < <(printf 'rt-notify-test') >"$work/keyring.log" 2>&1 &
pids+=($!)
wait_name org.freedesktop.secrets || fail "gnome-keyring did not take org.freedesktop.secrets"

# Every call on the notifications interface, logged before the daemon starts.
dbus-monitor --session "interface='org.freedesktop.Notifications'" >"$work/dbus.log" 2>&1 &
pids+=($!)

printf '[global]\n    monitor = 0\n[urgency_normal]\n    timeout = 0\n' > "$work/dunstrc"
dunst -config "$work/dunstrc" >"$work/dunst.log" 2>&1 &
dunst_pid=$!
pids+=($dunst_pid)
wait_name org.freedesktop.Notifications || fail "dunst did not take org.freedesktop.Notifications: $(tail -3 "$work/dunst.log")"

# Request Tracker.
rt_env="$work/rt.env"
"$here/start.sh" "$rt_env" >/dev/null 2>"$work/rt-start.log" || { rt_env=""; fail "RT did not start: $(tail -5 "$work/rt-start.log")"; }
# shellcheck disable=SC1090
. "$rt_env"

# The customer: a case, the helpdesk (token into the keychain), the ticket.
case_id="$("$cli" case new --data-dir "$data" \
    --description "订单号20261130001，11月30日14:30充值100元游戏点卡，支付成功后30分钟仍未到账" 2>"$work/cli.err")" \
    || fail "case new: $(cat "$work/cli.err")"
case_id="$(printf '%s' "$case_id" | tail -1 | tr -d '[:space:]')"
[ -n "$case_id" ] || fail "case new printed no id"
# Evidence: a small real PNG with a Chinese name, into the case's vault (a passphrase vault, so no
# keychain prompt matters), to travel with the ticket.
export REACHRIGHT_VAULT_PASSPHRASE="rt-notify-vault-passphrase"
png_name="聊天截图-客服.png"
png="$work/$png_name"
python3 - "$png" <<'PY' || fail "cannot write the PNG"
import struct, sys, zlib
w, h = 16, 12
raw = b"".join(b"\x00" + b"".join(bytes((x * 16 % 256, y * 20 % 256, 128)) for x in range(w)) for y in range(h))
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                              + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
PY
"$cli" evidence add "$case_id" "$png" --kind chat --data-dir "$data" >"$work/evidence.jsonl" 2>"$work/cli.err" \
    || fail "evidence add: $(cat "$work/cli.err")"
png_sha="$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["sha256"])' "$work/evidence.jsonl")" \
    || fail "evidence add printed no item: $(cat "$work/evidence.jsonl")"
REACHRIGHT_TOKEN="$RT_CUSTOMER_TOKEN" "$cli" helpdesk add rt --data-dir "$data" --kind rt --url "$RT_URL" \
    --queue "$RT_QUEUE" --email "$RT_CUSTOMER_EMAIL" >/dev/null 2>"$work/cli.err" \
    || fail "helpdesk add: $(cat "$work/cli.err")"
# Opened "6 minutes ago" (--now): a new ticket is first polled 5 minutes after it was opened, and
# the pass below runs on the real clock.
opened="$(date -u -d '-6 min' +%Y-%m-%dT%H:%M:%SZ)"
ticket="$("$cli" ticket create "$case_id" --data-dir "$data" --helpdesk rt --now "$opened" 2>"$work/cli.err")" \
    || fail "ticket create: $(cat "$work/cli.err")"
ticket="$(printf '%s' "$ticket" | tail -1 | tr -d '[:space:]')"
[ -n "$ticket" ] || fail "ticket create printed no id"
grep -qF "attached $png_name" "$work/cli.err" || fail "ticket create did not say it attached $png_name: $(cat "$work/cli.err")"

staff() { # METHOD PATH [JSON] -> body on stdout; fails on a non-2xx answer
    local code
    code="$(curl -sS -o "$work/staff.out" -w '%{http_code}' -X "$1" -H "Authorization: token $RT_STAFF_TOKEN" \
        -H 'Content-Type: application/json; charset=utf-8' ${3:+--data-binary "$3"} "$RT_URL/REST/2.0/$2")" || return 1
    cat "$work/staff.out"
    case "$code" in 2*) return 0 ;; *) echo "HTTP $code" >&2; return 1 ;; esac
}
subject="$(staff GET "ticket/$ticket" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Subject"])')" \
    || fail "staff cannot read ticket $ticket"
printf '%s' "$subject" | grep -qP '[\x{4e00}-\x{9fff}]' || fail "the ticket's subject is not Chinese: $subject"

# The PNG is on the ticket, as staff see it through RT's own API: its Chinese name and its bytes.
python3 - "$RT_URL" "$RT_STAFF_TOKEN" "$ticket" "$png_name" "$png" "$png_sha" >"$work/attach-check.txt" 2>&1 <<'PY' \
    || fail "the ticket's attachment: $(cat "$work/attach-check.txt")"
import base64, hashlib, json, sys, urllib.request
url, token, ticket, name, path, sha = sys.argv[1:]
def get(p):
    req = urllib.request.Request(f"{url}/REST/2.0/{p}", headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.load(r)
items = get(f"ticket/{ticket}/attachments?per_page=100").get("items") or []
seen = []
for it in items:
    a = get(f"attachment/{it['id']}")
    seen.append(a.get("Filename"))
    if a.get("Filename") == name:
        body = base64.b64decode(a.get("Content") or "")
        want = open(path, "rb").read()
        if hashlib.sha256(body).hexdigest() != sha:
            print(f"{name}: {len(body)} bytes on the ticket, sha256 {hashlib.sha256(body).hexdigest()} != the vault's {sha}")
            sys.exit(1)
        if body != want:
            print(f"{name}: the bytes on the ticket differ from the file added ({len(body)} vs {len(want)} bytes)")
            sys.exit(1)
        print(f"{name} ({a.get('ContentType')}, {len(body)} bytes, sha256 {sha[:12]}…) on ticket {ticket}")
        sys.exit(0)
print(f"no attachment named {name}; the ticket has: {seen}")
sys.exit(1)
PY

# Staff: a Chinese reply, then resolved.
reply="您好，已为您补发100元点卡，请重新登录查收。"
staff POST "ticket/$ticket/correspond" "$(python3 -c 'import json,sys; print(json.dumps({"Content": sys.argv[1], "ContentType": "text/plain"}))' "$reply")" \
    >"$work/reply.json" || fail "staff reply: $(cat "$work/reply.json")"
grep -qi 'denied\|permission' "$work/reply.json" && fail "staff reply refused: $(cat "$work/reply.json")"
staff PUT "ticket/$ticket" '{"Status": "resolved"}' >"$work/status.json" || fail "status change: $(cat "$work/status.json")"
grep -qi 'denied\|permission' "$work/status.json" && fail "status change refused: $(cat "$work/status.json")"

# The tracker's pass.
"$cli" track --once --notify --data-dir "$data" >"$work/track1.jsonl" 2>"$work/track1.err" \
    || fail "track --once --notify: $(cat "$work/track1.err")"
sleep 1   # dbus-monitor writes asynchronously
python3 - "$work/track1.jsonl" "$case_id" "$ticket" "$reply" <<'PY' || fail "$(cat "$work/check.err" 2>/dev/null)"
import json, sys
path, case, ticket, reply = sys.argv[1:]
lines = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
err = open(path.rsplit("/", 1)[0] + "/check.err", "w")
replies = [l for l in lines if l.get("kind") == "reply" and reply in (l.get("text") or "")]
statuses = [l for l in lines if l.get("kind") == "status" and l.get("status") == "resolved"]
bad = [l for l in lines if str(l.get("case")) != case or str(l.get("ticket")) != ticket]
if not replies or not statuses or bad:
    err.write(f"track's JSON lines lack the reply or the resolved status (or name another case/ticket): {lines}")
    sys.exit(1)
PY

# The Notify calls dbus-monitor saw: method call member=Notify, then its arguments
# (app_name, replaces_id, app_icon, summary, body, ...).
python3 - "$work/dbus.log" "$reply" <<'PY' >"$work/notify-check.txt" 2>&1 || fail "$(cat "$work/notify-check.txt")"
import re, sys
log, reply = open(sys.argv[1], encoding="utf-8", errors="replace").read(), sys.argv[2]
calls = [c for c in re.split(r"\n(?=\S)", log) if "member=Notify" in c and "method call" in c]
def strings(c): return re.findall(r'^\s+string "(.*)"$', c, re.M)
ours = [strings(c) for c in calls if strings(c)[:1] == ["ReachRight"]]
with_reply = [s for s in ours if any(reply in x for x in s)]
with_status = [s for s in ours if s not in with_reply and any(("resolved" in x or "已解决" in x) for x in s)]
if not with_reply or not with_status:
    print(f"Notify calls from ReachRight: {len(ours)} (with the reply: {len(with_reply)}, "
          f"with the status: {len(with_status)}); strings: {ours}")
    sys.exit(1)
print(f"{len(ours)} Notify calls: {ours}")
PY

# Nothing changed since: the second pass reports nothing, right away (nothing due) and 7 hours
# later, when the resolved ticket is polled again (RT answers 304 / no new transactions).
"$cli" track --once --data-dir "$data" >"$work/track2.jsonl" 2>"$work/track2.err" \
    || fail "second track --once: $(cat "$work/track2.err")"
[ -s "$work/track2.jsonl" ] && fail "the second pass reported changes: $(cat "$work/track2.jsonl")"
later="$(date -u -d '+7 hours' +%Y-%m-%dT%H:%M:%SZ)"
"$cli" track --once --data-dir "$data" --now "$later" >"$work/track3.jsonl" 2>"$work/track3.err" \
    || fail "track --once 7 h later: $(cat "$work/track3.err")"
[ -s "$work/track3.jsonl" ] && fail "the pass 7 h later reported changes: $(cat "$work/track3.jsonl")"

# No notification server: the pass still reports, warns on stderr and exits 0. dunst is stopped;
# the bus could start it again (its .service file) but the bus has no DISPLAY, so that fails.
kill "$dunst_pid" 2>/dev/null; wait "$dunst_pid" 2>/dev/null
for _ in $(seq 50); do has_name org.freedesktop.Notifications || break; sleep 0.1; done
reply2="请问还有其他问题吗？"
staff POST "ticket/$ticket/correspond" "$(python3 -c 'import json,sys; print(json.dumps({"Content": sys.argv[1], "ContentType": "text/plain"}))' "$reply2")" \
    >"$work/reply2.json" || fail "second staff reply: $(cat "$work/reply2.json")"
later="$(date -u -d '+14 hours' +%Y-%m-%dT%H:%M:%SZ)"
timeout 60 "$cli" track --once --notify --data-dir "$data" --now "$later" >"$work/track4.jsonl" 2>"$work/track4.err" \
    || fail "track --once --notify without a notification server failed: $(cat "$work/track4.err")"
grep -q "$reply2" "$work/track4.jsonl" || fail "the pass without a server did not report the reply: $(cat "$work/track4.jsonl")"
grep -q "warning" "$work/track4.err" || fail "no warning without a notification server: $(cat "$work/track4.err")"

echo "rt-notify: ticket $ticket (subject: $subject)"
sed 's/^/rt-notify: attachment: /' "$work/attach-check.txt"
sed 's/^/rt-notify: track: /' "$work/track1.jsonl"
sed 's/^/rt-notify: dbus: /' "$work/notify-check.txt"
grep -h warning "$work/track4.err" | sed 's/^/rt-notify: without a server: /'
echo "rt-notify: passed"
