#!/usr/bin/env bash
# E-mail end to end against real servers: Debian's Postfix (SMTP, implicit TLS, SASL through
# Dovecot, delivery over LMTP) and Dovecot (IMAP, implicit TLS), both started here on 127.0.0.1
# (by tests/mail/servers.sh) with a throw-away configuration and a throw-away CA, two local users
# (buyer, platform).
#
#   tests/mail/run.sh            (REACHRIGHT_CLI=path/to/reachright-cli to skip the build)
#
# The buyer opens a case, adds a PNG with a Chinese name and sends the case's e-mail with
# reachright-cli (password through REACHRIGHT_MAIL_PASSWORD into gnome-keyring; the CA trusted
# through REACHRIGHT_MAIL_EXTRA_CA, which only our TLS config reads). Checked: Dovecot logged our
# ID (imap_id_log), the platform's mailbox holds the message (decoded subject, the PNG's name and
# bytes), the buyer's Sent folder holds the copy; the platform answers (plain text in the thread,
# then HTML with a quoted history matched by the order number); `track --once` reports each
# answer once as {"case","kind":"reply","channel":"email","text"}, on the timeline, with a D-Bus
# Notify call (dunst + dbus-monitor); the first answer's receipt PNG becomes the case's evidence;
# the tracker's loop hears a later answer through IMAP IDLE long before its next poll. Hostile: a 50 MB answer, malformed MIME, an unknown
# charset, an answer delivered twice, mail about nothing (left unread).
# Prints `mail: passed` or `mail: FAILED <reason>`; exit status 0 only when passed.
# Needs (Debian): postfix dovecot-imapd dovecot-lmtpd openssl dbus dbus-bin xvfb gnome-keyring dunst
# python3; missing ones are installed with apt. The servers themselves are started by
# tests/mail/servers.sh (shared with tests/e2e/run.sh), which also holds tests/mail/mailbox.py's
# SMTP sender used here for the platform's answers.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
. "$here/servers.sh"

fail() { echo "mail: FAILED $*"; exit 1; }

if [ -z "${MAIL_TEST_INNER:-}" ]; then
    read -ra missing <<<"$(mail_servers_missing)"
    for pair in dbus-run-session:dbus-daemon dbus-monitor:dbus-bin Xvfb:xvfb \
                gnome-keyring-daemon:gnome-keyring dunst:dunst; do
        bin="${pair%%:*}"
        command -v "$bin" >/dev/null || [ -x "/usr/sbin/$bin" ] || missing+=("${pair#*:}")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "mail: installing ${missing[*]}" >&2
        sudo_=""; [ "$(id -u)" = 0 ] || sudo_="sudo"
        DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y --no-install-recommends "${missing[@]}" >&2 \
            || fail "cannot install ${missing[*]}"
    fi
    [ "$(id -u)" = 0 ] || exec sudo -E "$0" "$@"
    if [ -z "${REACHRIGHT_CLI:-}" ]; then
        (cd "$root" && cargo build -q -p reachright-cli) >&2 || fail "build of reachright-cli"
        REACHRIGHT_CLI="$root/target/debug/reachright-cli"
    fi
    export REACHRIGHT_CLI MAIL_TEST_INNER=1
    exec dbus-run-session -- "$0" "$@"
fi

# ---- inside the private session bus, as root (Postfix and Dovecot drop to their own users) ----
cli="$REACHRIGHT_CLI"
work="$(mktemp -d /tmp/mail-test.XXXXXX)"
chmod 755 "$work"
pids=()
cleanup() {
    mail_servers_stop "$work"
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
    [ -n "${KEEP:-}" ] && { echo "mail: kept $work" >&2; return; }
    rm -rf -- "$work"
}
trap cleanup EXIT

# ---- the servers: a throw-away CA, Dovecot (IMAPS, LMTP, SASL), Postfix (SMTPS), two users ----
mail_servers_start "$work" || fail "$MAIL_ERROR"
tls="$work/tls"; dv="$MAIL_DOVECOT_DIR"; pf="$MAIL_POSTFIX_DIR"
imaps="$MAIL_IMAPS_PORT"; smtps="$MAIL_SMTPS_PORT"
buyer_pw="$MAIL_BUYER_PASSWORD"; platform_pw="$MAIL_PLATFORM_PASSWORD"

# ---- the desktop side: X for dunst, a Secret Service, the notification log, dunst ----
export HOME="$work/userhome" XDG_CONFIG_HOME="$work/userhome/.config" XDG_DATA_HOME="$work/userhome/.local/share" \
       XDG_CACHE_HOME="$work/userhome/.cache"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"
has_name() {
    dbus-send --session --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus.NameHasOwner \
        "string:$1" 2>/dev/null | grep -q 'boolean true'
}
wait_name() { for _ in $(seq 100); do has_name "$1" && return 0; sleep 0.1; done; return 1; }
Xvfb -displayfd 3 -nolisten tcp -screen 0 1024x768x24 3>"$work/display" >"$work/xvfb.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
[ -s "$work/display" ] || fail "Xvfb did not start"
export DISPLAY=":$(head -1 "$work/display")"
gnome-keyring-daemon --foreground --unlock --components=secrets < <(printf 'mail-test') >"$work/keyring.log" 2>&1 &
pids+=($!)
wait_name org.freedesktop.secrets || fail "gnome-keyring did not take org.freedesktop.secrets"
dbus-monitor --session "interface='org.freedesktop.Notifications'" >"$work/dbus.log" 2>&1 &
pids+=($!)
printf '[global]\n    monitor = 0\n[urgency_normal]\n    timeout = 0\n' > "$work/dunstrc"
dunst -config "$work/dunstrc" >"$work/dunst.log" 2>&1 &
pids+=($!)
wait_name org.freedesktop.Notifications || fail "dunst did not take org.freedesktop.Notifications"

# ---- the buyer: a case, a PNG with a Chinese name, the mailbox, the e-mail ----
export REACHRIGHT_MAIL_EXTRA_CA="$tls/ca.crt"
export REACHRIGHT_VAULT_PASSPHRASE="mail-test-vault-passphrase"
data="$work/data"
order="20261202077"
case_id="$("$cli" case new --data-dir "$data" \
    --description "订单号${order}，12月2日10:30充值200元游戏点卡，支付成功后1小时仍未到账" 2>"$work/cli.err")" \
    || fail "case new: $(cat "$work/cli.err")"
case_id="$(printf '%s' "$case_id" | tail -1 | tr -d '[:space:]')"
png_name="付款截图-订单.png"
png="$work/$png_name"
python3 - "$png" <<'PY' || fail "cannot write the PNG"
import struct, sys, zlib
w, h = 16, 12
raw = b"".join(b"\x00" + b"".join(bytes((x * 16 % 256, y * 20 % 256, 90)) for x in range(w)) for y in range(h))
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                              + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
PY
"$cli" evidence add "$case_id" "$png" --kind payment --data-dir "$data" >/dev/null 2>"$work/cli.err" \
    || "$cli" evidence add "$case_id" "$png" --data-dir "$data" >/dev/null 2>"$work/cli.err" \
    || fail "evidence add: $(cat "$work/cli.err")"

# Refused before any password is read: plain over the network, an Outlook address.
REACHRIGHT_MAIL_PASSWORD=x "$cli" mail add bad --data-dir "$data" --email a@mail.test --imap imap.example.com:143 \
    --smtp smtp.example.com:25 --security plain >/dev/null 2>"$work/plain.err" && fail "plain over the network was accepted"
grep -q "only for a server on this computer" "$work/plain.err" || fail "plain refusal unclear: $(cat "$work/plain.err")"
REACHRIGHT_MAIL_PASSWORD=x "$cli" mail add ms --data-dir "$data" --email me@outlook.com --imap outlook.office365.com:993 \
    --smtp smtp.office365.com:587 >/dev/null 2>"$work/ms.err" && fail "an Outlook address was accepted"
grep -q "September 2024" "$work/ms.err" || fail "Outlook refusal unclear: $(cat "$work/ms.err")"

REACHRIGHT_MAIL_PASSWORD="$buyer_pw" "$cli" mail add buyer --data-dir "$data" --email buyer@mail.test \
    --imap "127.0.0.1:$imaps" --smtp "127.0.0.1:$smtps" --security tls >/dev/null 2>"$work/cli.err" \
    || fail "mail add: $(cat "$work/cli.err")"
"$cli" mail list --data-dir "$data" >"$work/list.jsonl" 2>"$work/cli.err" || fail "mail list: $(cat "$work/cli.err")"
grep -q '"password_saved":true' "$work/list.jsonl" || fail "mail list: no saved password: $(cat "$work/list.jsonl")"
grep -q "$buyer_pw" "$work/list.jsonl" "$data"/* 2>/dev/null && fail "the password is on disk or in the list"

msgid="$("$cli" mail send "$case_id" --data-dir "$data" --account buyer --to platform@mail.test 2>"$work/send.err")" \
    || fail "mail send: $(cat "$work/send.err")"
msgid="$(printf '%s' "$msgid" | tail -1 | tr -d '[:space:]')"
grep -qF "attached $png_name" "$work/send.err" || fail "mail send did not attach $png_name: $(cat "$work/send.err")"
grep -qF "filed in Sent" "$work/send.err" || fail "mail send did not file in Sent: $(cat "$work/send.err")"

# ID (RFC 2971) was sent: Dovecot's imap_id_log.
grep -q 'ID sent: name=ReachRight' "$dv/dovecot.log" || fail "no ID in dovecot's log: $(grep -i ' id ' "$dv/dovecot.log" | tail -3)"

# The platform's mailbox and the buyer's Sent folder.
for _ in $(seq 100); do ls "$work/home/platform/Maildir/new/"* >/dev/null 2>&1 && break; sleep 0.1; done
python3 - "$work/home/platform/Maildir" "$work/home/buyer/Maildir" "$msgid" "$order" "$png_name" "$png" <<'PY' \
    >"$work/held.txt" 2>&1 || fail "what Dovecot holds: $(cat "$work/held.txt")"
import email, email.policy, glob, sys
inbox, buyer, msgid, order, name, png = sys.argv[1:]
files = glob.glob(inbox + "/new/*") + glob.glob(inbox + "/cur/*")
if len(files) != 1: sys.exit(f"the platform has {len(files)} messages, not 1")
m = email.message_from_bytes(open(files[0], "rb").read(), policy=email.policy.default)
subj = str(m["Subject"])
if not subj.startswith(order + "-") or subj.count("-") < 2: sys.exit(f"subject {subj!r} is not 订单号-问题类型-紧急程度")
if m["Message-ID"].strip() != msgid: sys.exit(f"Message-ID {m['Message-ID']} != {msgid}")
atts = [p for p in m.iter_attachments()]
names = [p.get_filename() for p in atts]
if name not in names: sys.exit(f"attachments {names}, not {name}")
body = [p for p in atts if p.get_filename() == name][0].get_content()
if body != open(png, "rb").read(): sys.exit("the PNG's bytes differ")
text = m.get_body(("plain",)).get_content()
if order not in text: sys.exit("the body lacks the order number")
sent = glob.glob(buyer + "/.Sent/cur/*") + glob.glob(buyer + "/.Sent/new/*")
if len(sent) != 1: sys.exit(f"the buyer's Sent folder has {len(sent)} messages")
print(f"subject {subj}; {name} {len(body)} bytes; Sent holds 1")
PY

# ---- answers ----
reply1="您好，已为您补发200元点卡，请重新登录查收。"
smtp_send() { mail_send "$1" "$2" "$3" buyer@mail.test >/dev/null; } # FROM PASSWORD FILE
wait_inbox() { # COUNT
    for _ in $(seq 150); do
        [ "$(ls "$work/home/buyer/Maildir/new/" "$work/home/buyer/Maildir/cur/" 2>/dev/null | grep -c .)" -ge "$1" ] && return 0
        sleep 0.1
    done
    return 1
}
python3 - "$work/reply1.eml" "$msgid" "$order" "$reply1" <<'PY' || fail "cannot write reply 1"
import sys
path, msgid, order, text = sys.argv[1:]
from email.message import EmailMessage
m = EmailMessage()
m["From"] = "platform@mail.test"; m["To"] = "buyer@mail.test"
m["Subject"] = "Re: 回复您的投诉"; m["Message-ID"] = "<reply1@mail.test>"
m["In-Reply-To"] = msgid; m["References"] = msgid
m.set_content(text + "\n\n在 2026年12月2日，buyer@mail.test 写道：\n> 订单未到账\n")
# The platform's proof goes with it: a receipt picture with a Chinese name.
import struct, zlib
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
raw = b"".join(b"\x00" + bytes((200, y * 9 % 256, 40)) * 8 for y in range(6))
receipt = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 6, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
m.add_attachment(receipt, maintype="image", subtype="png", filename="补发凭证.png")
open(path, "wb").write(bytes(m))
open(path + ".png", "wb").write(receipt)
PY
# Mail about nothing: never matched, never touched.
python3 - "$work/news.eml" <<'PY'
import sys
from email.message import EmailMessage
m = EmailMessage(); m["From"] = "platform@mail.test"; m["To"] = "buyer@mail.test"
m["Subject"] = "本周优惠"; m["Message-ID"] = "<news@mail.test>"; m.set_content("优惠活动")
open(sys.argv[1], "wb").write(bytes(m))
PY
smtp_send platform@mail.test "$platform_pw" "$work/news.eml" || fail "platform cannot send the newsletter"
smtp_send platform@mail.test "$platform_pw" "$work/reply1.eml" || fail "platform cannot answer"
wait_inbox 2 || fail "the answers did not arrive: $(tail -5 "$pf/maillog")"

t0="$(date -u +%s)"
at() { date -u -d "@$((t0 + $1 * 60))" +%Y-%m-%dT%H:%M:%SZ; }
"$cli" track --once --notify --data-dir "$data" --now "$(at 1)" >"$work/track1.jsonl" 2>"$work/track1.err" \
    || fail "track 1: $(cat "$work/track1.err")"
sleep 1
python3 - "$work/track1.jsonl" "$case_id" "$reply1" <<'PY' || fail "track 1 printed $(cat "$work/track1.jsonl")"
import json, sys
path, case, reply = sys.argv[1:]
lines = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
mail = [l for l in lines if l.get("channel") == "email"]
assert len(mail) == 1, mail
l = mail[0]
assert set(l) == {"case", "kind", "channel", "text"}, l
assert (l["case"], l["kind"]) == (case, "reply"), l
assert l["text"] == reply, l
PY
# The answer's attachment is now the case's evidence, byte for byte (the vault's sha256).
"$cli" evidence list "$case_id" --data-dir "$data" >"$work/evidence.jsonl" 2>"$work/cli.err" \
    || fail "evidence list: $(cat "$work/cli.err")"
python3 - "$work/evidence.jsonl" "$work/reply1.eml.png" <<'PY' || fail "the answer's attachment is not evidence: $(cat "$work/evidence.jsonl")"
import hashlib, json, sys
path, png = sys.argv[1:]
items = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
kept = [i for i in items if i["name"] == "补发凭证.png"]
assert len(kept) == 1, items
assert kept[0]["sha256"] == hashlib.sha256(open(png, "rb").read()).hexdigest(), kept
assert kept[0]["media_type"] == "image/png" and kept[0]["kind"] == "chat", kept
PY
grep -q "邮件回复：$reply1\|$reply1" "$work/dbus.log" || fail "no Notify call with the answer: $(grep -A8 'member=Notify' "$work/dbus.log" | head -20)"
# The newsletter is still unread (we only PEEK).
ls "$work/home/buyer/Maildir/cur/" 2>/dev/null | grep -q ',S' && fail "a message was marked read"
"$cli" track --once --data-dir "$data" --now "$(at 7)" >"$work/track2.jsonl" 2>"$work/track2.err" \
    || fail "track 2: $(cat "$work/track2.err")"
[ -s "$work/track2.jsonl" ] && fail "the answer was reported twice: $(cat "$work/track2.jsonl")"

# HTML with a quoted history, matched by the order number (no thread headers), and the hostile set.
reply2="退款已处理，3个工作日内到账。"
python3 - "$work" "$order" "$reply2" "$msgid" <<'PY' || fail "cannot write the HTML answer"
import sys
work, order, text, msgid = sys.argv[1:]
from email.message import EmailMessage
m = EmailMessage(); m["From"] = "platform@mail.test"; m["To"] = "buyer@mail.test"
m["Subject"] = f"关于订单{order}的处理结果"; m["Message-ID"] = "<reply2@mail.test>"
m.set_content(f"<html><body><p>{text}</p><div class='gmail_quote'><div>------------------ 原始邮件 ------------------</div>"
              "<blockquote><p>订单未到账，请尽快处理</p></blockquote></div></body></html>", subtype="html")
open(f"{work}/reply2.eml", "wb").write(bytes(m))
PY
smtp_send platform@mail.test "$platform_pw" "$work/reply2.eml" || fail "platform cannot send the HTML answer"
wait_inbox 3 || fail "the HTML answer did not arrive"
# Straight into the Maildir (a local delivery): 50 MB, malformed MIME, an unknown charset, and one
# answer delivered twice.
python3 - "$work/home/buyer/Maildir/new" "$msgid" <<'PY' || fail "cannot write the hostile mail"
import os, sys, time
d, msgid = sys.argv[1:]
def put(name, data):
    p = os.path.join(d, f"{int(time.time())}.{name}.mail.test")
    open(p, "wb").write(data)
    os.chown(p, 65534, 65534)
head = lambda mid, extra="": (f"From: platform@mail.test\r\nTo: buyer@mail.test\r\nSubject: Re\r\nMessage-ID: <{mid}@mail.test>\r\n"
                              f"In-Reply-To: {msgid}\r\n{extra}").encode()
put("big", head("big", "Content-Type: text/plain\r\n\r\n") + b"A" * (50 * 1024 * 1024) + b"\r\n")
put("broken", head("broken", 'Content-Type: multipart/mixed; boundary="zz"\r\n\r\n') + "--zz\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n残缺的回复\r\n".encode())
put("klingon", head("klingon", "Content-Type: text/plain; charset=x-klingon-9\r\n\r\n") + b"qapla batlh\r\n")
put("twice1", head("twice", "Content-Type: text/plain; charset=utf-8\r\n\r\n") + "同一封回复两次\r\n".encode())
put("twice2", head("twice", "Content-Type: text/plain; charset=utf-8\r\n\r\n") + "同一封回复两次\r\n".encode())
PY
"$cli" track --once --data-dir "$data" --now "$(at 13)" >"$work/track3.jsonl" 2>"$work/track3.err" \
    || fail "track 3: $(cat "$work/track3.err")"
python3 - "$work/track3.jsonl" "$case_id" "$reply2" <<'PY' || fail "track 3 printed $(head -c 2000 "$work/track3.jsonl")"
import json, sys
path, case, reply2 = sys.argv[1:]
lines = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
assert all(l["case"] == case and l["kind"] == "reply" and l["channel"] == "email" for l in lines), lines
texts = [l["text"] for l in lines]
assert len(texts) == 5, texts                       # html, big, broken, klingon, twice (once)
assert reply2 in texts, texts                       # the HTML made text, the quote trimmed
assert not any("原始邮件" in t or "尽快处理" in t for t in texts), texts
assert any("50 MB" in t for t in texts), texts       # too large: said, not read
assert any("残缺的回复" in t for t in texts), texts
assert any("x-klingon-9" in t and "qapla" in t for t in texts), texts
assert sum("同一封回复两次" in t for t in texts) == 1, texts
PY
"$cli" track --once --data-dir "$data" --now "$(at 19)" >"$work/track4.jsonl" 2>"$work/track4.err" \
    || fail "track 4: $(cat "$work/track4.err")"
[ -s "$work/track4.jsonl" ] && fail "answers were reported again: $(head -c 500 "$work/track4.jsonl")"

# The timeline: the contact (e-mail, its Message-ID, no longer pending) and one entry per answer.
python3 - "$data/reachright.sqlite3" "$case_id" "$msgid" <<'PY' >"$work/timeline.txt" 2>&1 || fail "timeline: $(cat "$work/timeline.txt")"
import sqlite3, sys
db, case, msgid = sys.argv[1:]
c = sqlite3.connect(db)
contacts = c.execute("SELECT channel, outcome, reference FROM contacts WHERE case_id=?", (case,)).fetchall()
assert contacts == [("email", "unresolved", msgid)], contacts
kinds = [k for (k,) in c.execute("SELECT kind FROM events WHERE case_id=? ORDER BY id", (case,))]
assert kinds.count("contact") == 1 and kinds.count("email_reply") == 6, kinds
assert c.execute("SELECT count(*) FROM mail_sent WHERE state='sent'").fetchone()[0] == 1
print(kinds)
PY
# IMAP IDLE: the tracker's loop, as the app runs it, hears of an answer when it arrives. The
# account's next poll is (by the --now passes above) ~24 minutes away, so only IDLE can bring it.
"$cli" track --data-dir "$data" >"$work/loop.jsonl" 2>"$work/loop.err" &
loop=$!
pids+=("$loop")
sleep 3
reply5="充值已到账，感谢耐心等待。"
python3 - "$work/reply5.eml" "$msgid" "$reply5" <<'PY' || fail "cannot write reply 5"
import sys
from email.message import EmailMessage
path, msgid, text = sys.argv[1:]
m = EmailMessage(); m["From"] = "platform@mail.test"; m["To"] = "buyer@mail.test"
m["Subject"] = "Re: 回复您的投诉"; m["Message-ID"] = "<reply5@mail.test>"
m["In-Reply-To"] = msgid; m["References"] = msgid; m.set_content(text)
open(path, "wb").write(bytes(m))
PY
smtp_send platform@mail.test "$platform_pw" "$work/reply5.eml" || fail "platform cannot send reply 5"
for _ in $(seq 300); do grep -qF "$reply5" "$work/loop.jsonl" && break; sleep 0.2; done
kill "$loop" 2>/dev/null; wait "$loop" 2>/dev/null
grep -qF "$reply5" "$work/loop.jsonl" \
    || fail "the loop did not hear the answer through IDLE: $(tail -c 600 "$work/loop.jsonl") $(tail -c 600 "$work/loop.err")"
[ "$(grep -cF "$reply5" "$work/loop.jsonl")" = 1 ] || fail "the IDLE answer was reported twice"

echo "mail: passed"
