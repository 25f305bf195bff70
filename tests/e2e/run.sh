#!/usr/bin/env bash
# Run the end-to-end test: the real app binary under Xvfb, in a private D-Bus session, driven by
# tauri-driver (WebKitWebDriver) — with a fresh HOME and data folder so nothing of the user's is
# touched — and, for the mail part, real Postfix + Dovecot from tests/mail/servers.sh, stopped at the
# end. Usage: tests/e2e/run.sh [APP_BINARY]   (default: target/debug/reachright)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
app=${1:-$root/target/debug/reachright}
out=${E2E_OUT:-$root/target/e2e}
[ -x "$app" ] || { echo "e2e: FAILED: no app binary at $app (build it first)"; exit 1; }
driver=$(command -v tauri-driver || echo "$HOME/.cargo/bin/tauri-driver")
[ -x "$driver" ] || { echo "e2e: tauri-driver is missing (cargo install tauri-driver --locked)" >&2; exit 1; }
command -v WebKitWebDriver >/dev/null || { echo "e2e: WebKitWebDriver is missing (apt install webkit2gtk-driver)" >&2; exit 1; }

work=$(mktemp -d)
rm -rf "$out" && mkdir -p "$out"
display=:$((90 + RANDOM % 400))
Xvfb "$display" -screen 0 1280x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
# HOME looks like a user's (the screenshots show where an export went): /home/xiaoming when that
# name is free and /home is writable, else inside the temporary folder. Removed at the end.
home=$work/home
if [ ! -e /home/xiaoming ] && mkdir /home/xiaoming 2>/dev/null; then home=/home/xiaoming; fi
speechd=""
mail_dir=""
as_root=()   # the mail servers need root: `sudo -n` when this is another user
[ "$(id -u)" = 0 ] || as_root=(sudo -n)
stop_mail() {
    [ -n "$mail_dir" ] || return 0
    "${as_root[@]}" bash -c '. "$1"; mail_servers_stop "$2"; rm -rf -- "$2"' _ "$root/tests/mail/servers.sh" "$mail_dir"
    mail_dir=""
}
cleanup() { stop_mail; kill "$xvfb" 2>/dev/null || true; [ -n "$speechd" ] && kill "$speechd" 2>/dev/null; rm -rf "$work"; [ "$home" = /home/xiaoming ] && rm -rf /home/xiaoming; }
trap cleanup EXIT
sleep 1

# Read-aloud: the app gets a private Speech Dispatcher (espeak-ng) whose sound goes to a file, so the
# test can tell the answer was really spoken. Without speech-dispatcher the test expects the app's
# plain "cannot read aloud" instead.
if command -v speech-dispatcher >/dev/null; then
    . "$root/tests/speech/server.sh"
    if speech_server "$work/speech" 'AddModule "espeak-ng" "sd_espeak-ng" "espeak-ng.conf"' espeak-ng; then
        speechd=$SPEECH_PID
        export SPEECHD_ADDRESS=unix_socket:$work/speech/sock E2E_SPEECH_RAW=$work/speech/out.raw
    else
        echo "e2e: the private speech-dispatcher did not start; read-aloud is checked for its message" >&2
        kill "$SPEECH_PID" 2>/dev/null || true
    fi
fi

# E-mail: real Postfix + Dovecot on 127.0.0.1 with a throw-away CA (tests/mail/servers.sh) for the
# test's mail part. The app trusts the CA through REACHRIGHT_MAIL_EXTRA_CA (read only by its mail
# TLS); the test gets E2E_MAIL_* (ports, the buyer's and the platform's address and password, the
# CA). Not root and no password-less sudo, or the packages missing and not installable: only the
# mail part is skipped (E2E_MAIL_SKIP says why). Servers that are there but do not start fail the run.
. "$root/tests/mail/servers.sh"
mail_skip=""
if [ "$(id -u)" != 0 ] && ! sudo -n true 2>/dev/null; then
    mail_skip="not root, and sudo asks for a password (Postfix and Dovecot must start as root)"
else
    mail_missing=$(mail_servers_missing)
    if [ -n "$mail_missing" ]; then
        echo "e2e: installing $mail_missing for the mail part" >&2
        # shellcheck disable=SC2086 # a list of package names
        "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
            $mail_missing >&2 || true
        mail_missing=$(mail_servers_missing)
        [ -z "$mail_missing" ] || mail_skip="$mail_missing missing and could not be installed"
    fi
fi
if [ -z "$mail_skip" ]; then
    # Its own folder, open to the servers' users (the test's temporary folder is not).
    mail_dir=$(mktemp -d /tmp/e2e-mail.XXXXXX)
    chmod 755 "$mail_dir"
    if ! "${as_root[@]}" bash -c '. "$1" && { mail_servers_start "$2" || { echo "$MAIL_ERROR" >&2; exit 1; }; } && mail_servers_env' \
            _ "$root/tests/mail/servers.sh" "$mail_dir" >"$work/mail.env" 2>"$work/mail.err"; then
        echo "e2e: FAILED: the mail servers did not start: $(cat "$work/mail.err")"
        exit 1
    fi
    . "$work/mail.env"
    export REACHRIGHT_MAIL_EXTRA_CA=$MAIL_CA E2E_MAIL_CA=$MAIL_CA \
        E2E_MAIL_IMAPS_PORT=$MAIL_IMAPS_PORT E2E_MAIL_SMTPS_PORT=$MAIL_SMTPS_PORT \
        E2E_MAIL_BUYER=$MAIL_BUYER E2E_MAIL_BUYER_PASSWORD=$MAIL_BUYER_PASSWORD \
        E2E_MAIL_PLATFORM=$MAIL_PLATFORM E2E_MAIL_PLATFORM_PASSWORD=$MAIL_PLATFORM_PASSWORD
    echo "e2e: mail servers on 127.0.0.1 (IMAPS $MAIL_IMAPS_PORT, SMTPS $MAIL_SMTPS_PORT, CA $MAIL_CA)"
else
    echo "e2e: mail part skipped: $mail_skip"
    export E2E_MAIL_SKIP=$mail_skip
fi

export DISPLAY=$display HOME=$home REACHRIGHT_DATA_DIR=$work/data
cli=${E2E_CLI:-$(dirname "$app")/reachright-cli}
[ -x "$cli" ] || { echo "e2e: no reachright-cli beside the app at $cli (cargo build -p reachright-cli)" >&2; exit 1; }
export E2E_APP=$app E2E_CLI=$cli E2E_OUT=$out WEBKIT_DISABLE_DMABUF_RENDERER=1 LANG=C.UTF-8
mkdir -p "$HOME/.config" "$HOME/下载"
# Where a Chinese desktop keeps downloads (xdg-user-dirs); exports go there, as for a user.
echo 'XDG_DOWNLOAD_DIR="$HOME/下载"' >"$HOME/.config/user-dirs.dirs"
# Inside its own session bus: a real Secret Service (gnome-keyring, unlocked with a throwaway
# password) for the evidence vault's key, the driver, the app it launches and the test; then
# everything stops with the bus.
dbus-run-session -- bash -c '
  gnome-keyring-daemon --foreground --unlock --components=secrets < <(echo -n e2e-keyring) >"$E2E_OUT/keyring.log" 2>&1 &
  keyring=$!
  for _ in $(seq 50); do
    dbus-send --session --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus.NameHasOwner \
      string:org.freedesktop.secrets 2>/dev/null | grep -q true && break
    sleep 0.1
  done
  "$0" --port 4444 >"$E2E_OUT/tauri-driver.log" 2>&1 &
  drv=$!
  for _ in $(seq 50); do curl -s -o /dev/null http://127.0.0.1:4444/status && break; sleep 0.2; done
  node "${E2E_SCRIPT:-$1/tests/e2e/app.e2e.mjs}"; status=$?
  kill $drv 2>/dev/null; wait $drv 2>/dev/null
  kill $keyring 2>/dev/null; wait $keyring 2>/dev/null
  exit $status
' "$driver" "$root"
