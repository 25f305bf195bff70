#!/usr/bin/env bash
# Install what building (and, with --test, testing) the app needs on Debian/Ubuntu: the WebKitGTK
# development files Tauri links against, Node.js for the UI, and for the tests Xvfb, the WebKit
# WebDriver and a D-Bus session. Packages already present are skipped, so a second run is quick.
# --test also installs the Windows test tools (MinGW-w64, Wine and Rust's Windows target), which
# --windows installs alone (for tests/windows/run.sh and scripts/build-windows.sh).
set -euo pipefail

# The Windows cross-build: MinGW-w64's gcc links for x86_64-pc-windows-gnu and builds the C in
# dependencies (SQLite, ring) and the test shim; Wine 8 (Debian 12) runs the test binaries.
win_pkgs=(gcc-mingw-w64-x86-64 wine64)

pkgs=(libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
      libayatana-appindicator3-dev librsvg2-dev pkg-config
      fonts-noto-cjk)  # the UI is Chinese first; a minimal system has no CJK font and shows boxes
command -v node >/dev/null || pkgs+=(nodejs npm)
if [ "${1:-}" = --test ]; then
    # imagemagick: the e2e test's screenshots are taken from the X server (see tests/e2e/app.e2e.mjs).
    # gnome-keyring: a real Secret Service for the vault key; dunst: a notification server; unzip: the
    # end-to-end test opens the exported evidence bundle.
    pkgs+=(xvfb webkit2gtk-driver dbus dbus-x11 xauth imagemagick gnome-keyring dunst unzip)
    # xdotool: bench/app-startup.sh and bench/scale.sh find the app's window with it.
    pkgs+=(xdotool)
    pkgs+=("${win_pkgs[@]}")
elif [ "${1:-}" = --windows ]; then
    pkgs=("${win_pkgs[@]}")
fi

missing=()
for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    echo "Installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -q
    $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Versions the distribution may not have. Rust comes from rustup (per user, no root), as Tauri's own
# prerequisites page says; Node.js is checked and, if too old, the way to a newer one is named.
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
rust_min=1.90
rust_ok() { command -v cargo >/dev/null && printf '%s\n%s\n' "$rust_min" "$(cargo --version | cut -d' ' -f2)" | sort -VC; }
if ! rust_ok; then
    if command -v rustup >/dev/null; then
        rustup toolchain install stable --profile minimal && rustup default stable
    else
        echo "Installing Rust (stable) with rustup into ~/.cargo"
        curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
    fi
    . "$HOME/.cargo/env"
    rust_ok || { echo "deps: Rust $rust_min or newer is needed; found: $(cargo --version 2>&1)" >&2; exit 1; }
fi
if [ "${1:-}" = --test ] || [ "${1:-}" = --windows ]; then
    # rustup fetches the target from static.rust-lang.org, not a package registry: where that
    # cannot be reached the Linux suites still run and the Windows step says it was skipped.
    rustup target list --installed 2>/dev/null | grep -qx x86_64-pc-windows-gnu ||
        rustup target add x86_64-pc-windows-gnu ||
        echo "deps: WARNING: rustup could not add x86_64-pc-windows-gnu; the Windows step will be skipped" >&2
fi
[ "${1:-}" = --windows ] && exit 0   # the Windows tools need no Node.js
node_min=20.19.0  # what Vite 7 needs
if ! printf '%s\n%s\n' "$node_min" "$(node --version | tr -d v)" | sort -VC; then
    echo "deps: Node.js $node_min or newer is needed; this system has $(node --version)." >&2
    echo "      Install Node.js 22 LTS from https://nodejs.org/en/download (or NodeSource's packages)," >&2
    echo "      then run this command again." >&2
    exit 1
fi
