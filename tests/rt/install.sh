#!/usr/bin/env bash
# Installs Debian's Request Tracker 5 (SQLite + standalone server) without prompts, if missing.
# Run by start.sh; also runnable alone. Needs root for apt: uses sudo when not root.
set -euo pipefail
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"

if dpkg-query -W -f='${Status}' request-tracker5 rt5-db-sqlite rt5-standalone 2>/dev/null \
    | grep -c "install ok installed" | grep -qx 3; then
    exit 0
fi

# Preseed every question the packages ask (rt-notes.md): SQLite, no dbconfig-made database (it would
# be a second, unused one), no cron jobs. The web/mail names are placeholders: the test's own site
# config (written by start.sh) overrides what matters.
$sudo debconf-set-selections <<'SEL'
request-tracker5 request-tracker5/database-type select sqlite3
request-tracker5 request-tracker5/dbconfig-install boolean false
request-tracker5 request-tracker5/rtname string reachright.test
request-tracker5 request-tracker5/organization string reachright.test
request-tracker5 request-tracker5/correspondaddress string rt@reachright.test
request-tracker5 request-tracker5/commentaddress string rt-comment@reachright.test
request-tracker5 request-tracker5/webbaseurl string http://127.0.0.1
request-tracker5 request-tracker5/webpath string
request-tracker5 request-tracker5/handle-siteconfig-permissions boolean true
request-tracker5 request-tracker5/install-cronjobs boolean false
SEL

export DEBIAN_FRONTEND=noninteractive
if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -print -quit 2>/dev/null)" ]; then
    $sudo apt-get update -qq
fi
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends request-tracker5 rt5-db-sqlite rt5-standalone >/dev/null
