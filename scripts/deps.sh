#!/usr/bin/env bash
# Install what building (and, with --test, testing) the app needs on Debian/Ubuntu: the WebKitGTK
# development files Tauri links against, Node.js for the UI, and for the tests Xvfb, the WebKit
# WebDriver and a D-Bus session. Packages already present are skipped, so a second run is quick.
set -euo pipefail

pkgs=(libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
      libayatana-appindicator3-dev librsvg2-dev pkg-config
      fonts-noto-cjk)  # the UI is Chinese first; a minimal system has no CJK font and shows boxes
command -v node >/dev/null || pkgs+=(nodejs npm)
command -v cargo >/dev/null || pkgs+=(cargo rustc)
if [ "${1:-}" = --test ]; then
    # imagemagick: the e2e test's screenshots are taken from the X server (see tests/e2e/app.e2e.mjs).
    pkgs+=(xvfb webkit2gtk-driver dbus dbus-x11 xauth imagemagick)
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
