#!/usr/bin/env bash
# The vault's keychain test against a real Secret Service: gnome-keyring in a private D-Bus session
# with a throw-away HOME, so the user's own keyring is never touched. Prints `keyring: passed|FAILED`.
# Needs: dbus (dbus-run-session), gnome-keyring.
set -uo pipefail
cd "$(dirname "$0")/../.."
if [ -z "${REACHRIGHT_IN_SESSION:-}" ]; then
    # cargo and rustup find their homes through HOME, which is about to change.
    export RUSTUP_HOME=${RUSTUP_HOME:-$HOME/.rustup} CARGO_HOME=${CARGO_HOME:-$HOME/.cargo}
    home=$(mktemp -d)
    HOME=$home XDG_RUNTIME_DIR=$home REACHRIGHT_IN_SESSION=1 dbus-run-session -- bash "$0" "$@"
    rc=$?
    rm -rf "$home"
    if [ $rc = 0 ]; then echo "keyring: passed"; else echo "keyring: FAILED"; fi
    exit $rc
fi
printf 'test-only-password' | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
daemon=$!
trap 'kill $daemon 2>/dev/null' EXIT
for _ in $(seq 1 50); do
    dbus-send --session --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus.NameHasOwner \
        string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true' && break
    sleep 0.1
done
# --workspace: the same feature set as test.sh's `cargo test --workspace`, so nothing is rebuilt.
# SQLite chosen as test.sh does (the same features: nothing is rebuilt).
mapfile -t sqlite < <(bash scripts/sqlite-features.sh)
REACHRIGHT_TEST_SECRET_SERVICE=1 cargo test --workspace --locked "${sqlite[@]}" --test secret_service -- --ignored --nocapture
