#!/usr/bin/env bash
# Starts a throw-away Request Tracker 5 on 127.0.0.1 for the connector's live test.
#
# Everything lives in one temp folder (SQLite DB, site config, server log, env file); nothing is
# written under /etc: RT reads the config named by RT_SITE_CONFIG / RT_SITE_CONFIG_DIR.
# Prints `export RT_...=...` lines on stdout (so `eval "$(tests/rt/start.sh)"` works) and writes the
# same lines to $RT_DIR/env (or to the file given as $1). Progress goes to stderr.
# Stop it with tests/rt/stop.sh (reads RT_PID and RT_DIR from the environment or the env file).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
log() { printf 'rt: %s\n' "$*" >&2; }
t0=$(date +%s)

"$here/install.sh"

RT_LIB=/usr/share/request-tracker5/lib
RT_SERVER=/usr/share/request-tracker5/libexec/rt-server
RT_SETUP=/usr/sbin/rt-setup-database-5

RT_DIR="$(mktemp -d "${TMPDIR:-/tmp}/reachright-rt.XXXXXX")"
env_file="${1:-$RT_DIR/env}"
RT_PORT="$(perl -MIO::Socket::INET -e 'my $s = IO::Socket::INET->new(Listen => 1, LocalAddr => "127.0.0.1:0") or die; print $s->sockport')"
RT_QUEUE="ReachRight Support"
RT_CUSTOMER_EMAIL="customer@example.com"
RT_URL="http://127.0.0.1:$RT_PORT"
mkdir -p "$RT_DIR/siteconfig.d"
# On any failure, leave nothing behind: no server, no temp folder.
ready=0
RT_PID=""
on_exit() {
    [ "$ready" = 1 ] && return
    [ -n "$RT_PID" ] && { kill -TERM -- "-$RT_PID" 2>/dev/null || kill -TERM "$RT_PID" 2>/dev/null || true; }
    rm -rf -- "$RT_DIR"
}
trap on_exit EXIT

# The whole site config. $BcryptCost 4: the default 12 costs ~0.3 s per token check on 2 cores.
cat > "$RT_DIR/RT_SiteConfig.pm" <<CONF
Set(\$rtname, 'reachright.test');
Set(\$Organization, 'reachright.test');
Set(\$CorrespondAddress, 'rt@reachright.test');
Set(\$CommentAddress, 'rt-comment@reachright.test');
Set(\$Timezone, 'UTC');
Set(\$WebPath, '');
Set(\$WebDomain, '127.0.0.1');
Set(\$WebPort, $RT_PORT);
Set(\$WebBaseURL, '$RT_URL');
Set(\$DatabaseType, 'SQLite');
Set(\$DatabaseName, '$RT_DIR/rt.db');
Set(\$MailCommand, 'mbox');
Set(\$LogToSTDERR, 'warning');
Set(\$LogToSyslog, undef);
Set(\$LogToFile, undef);
Set(\$BcryptCost, 4);
1;
CONF
export RT_SITE_CONFIG="$RT_DIR/RT_SiteConfig.pm" RT_SITE_CONFIG_DIR="$RT_DIR/siteconfig.d"

root_pw="$RT_DIR/root-password"
head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$root_pw"
chmod 600 "$root_pw"

log "initialising the database in $RT_DIR"
"$RT_SETUP" --action init --skip-create --root-password-file "$root_pw" >"$RT_DIR/setup.log" 2>&1 \
    || { cat "$RT_DIR/setup.log" >&2; exit 1; }

# A queue, the customer (unprivileged) and a staff member (privileged), with the rights of rt-notes.md:
# the customer may create tickets and, as Requestor, see and reply to their own; staff may do the rest.
cat > "$RT_DIR/data.pl" <<DATA
@Queues = ({ Name => '$RT_QUEUE', Description => 'ReachRight connector tests' });
@Users = (
    { Name => '$RT_CUSTOMER_EMAIL', EmailAddress => '$RT_CUSTOMER_EMAIL', RealName => '测试顾客', Privileged => 0 },
    { Name => 'staff', EmailAddress => 'staff@reachright.test', RealName => '客服小王', Privileged => 1 },
);
@ACL = (
    { GroupDomain => 'SystemInternal', GroupType => 'Unprivileged', Queue => '$RT_QUEUE', Right => 'CreateTicket' },
    { GroupDomain => 'RT::Queue-Role', GroupType => 'Requestor', Queue => '$RT_QUEUE', Right => ['ShowTicket', 'ReplyToTicket'] },
    { UserId => 'staff', Queue => '$RT_QUEUE',
      Right => ['SeeQueue', 'ShowTicket', 'ShowTicketComments', 'CreateTicket', 'ReplyToTicket', 'CommentOnTicket', 'ModifyTicket', 'OwnTicket'] },
);
1;
DATA
"$RT_SETUP" --action insert --datafile "$RT_DIR/data.pl" --skip-create >>"$RT_DIR/setup.log" 2>&1 \
    || { cat "$RT_DIR/setup.log" >&2; exit 1; }

# REST2 in 5.0.3 has no token endpoint: make the tokens as RT_System.
tokens="$(perl -I"$RT_LIB" -e '
    use strict; use warnings;
    use RT; RT::LoadConfig(); RT::Init();
    for my $name (@ARGV) {
        my $user = RT::User->new(RT->SystemUser);
        $user->Load($name) or die "no user $name\n";
        my ($id, $msg, $auth) = RT::AuthToken->new(RT->SystemUser)->Create(
            Owner => $user->Id, Description => "reachright connector tests");
        die "token for $name: $msg\n" unless $id;
        print "$auth\n";
    }' "$RT_CUSTOMER_EMAIL" staff)"
RT_CUSTOMER_TOKEN="$(sed -n 1p <<<"$tokens")"
RT_STAFF_TOKEN="$(sed -n 2p <<<"$tokens")"

log "starting rt-server on $RT_URL"
setsid "$RT_SERVER" --host 127.0.0.1 --port "$RT_PORT" --max-workers 2 \
    >"$RT_DIR/rt-server.log" 2>&1 </dev/null &
RT_PID=$!

for _ in $(seq 1 120); do
    code="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: token $RT_CUSTOMER_TOKEN" "$RT_URL/REST/2.0/rt" || true)"
    [ "$code" = 200 ] && break
    if ! kill -0 "$RT_PID" 2>/dev/null; then
        cat "$RT_DIR/rt-server.log" >&2; log "rt-server exited"; exit 1
    fi
    sleep 0.5
done
[ "$code" = 200 ] || { cat "$RT_DIR/rt-server.log" >&2; log "REST2 never answered 200 (last: $code)"; exit 1; }

{
    printf 'export RT_URL=%q\n' "$RT_URL"
    printf 'export RT_QUEUE=%q\n' "$RT_QUEUE"
    printf 'export RT_CUSTOMER_EMAIL=%q\n' "$RT_CUSTOMER_EMAIL"
    printf 'export RT_CUSTOMER_TOKEN=%q\n' "$RT_CUSTOMER_TOKEN"
    printf 'export RT_STAFF_TOKEN=%q\n' "$RT_STAFF_TOKEN"
    printf 'export RT_PID=%q\n' "$RT_PID"
    printf 'export RT_DIR=%q\n' "$RT_DIR"
} > "$env_file"
chmod 600 "$env_file"
[ "$env_file" = "$RT_DIR/env" ] || cp "$env_file" "$RT_DIR/env"
ready=1
cat "$env_file"
log "ready in $(( $(date +%s) - t0 )) s (env in $env_file)"
