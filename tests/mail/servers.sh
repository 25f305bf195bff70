# Sourced by tests/mail/run.sh and tests/e2e/run.sh: real mail servers for a test, on 127.0.0.1
# with a throw-away configuration — Postfix (SMTP with implicit TLS, SASL through Dovecot,
# delivery over LMTP) and Dovecot (IMAP with implicit TLS) — a throw-away CA whose certificate
# the client is told to trust, and two users, buyer@mail.test and platform@mail.test.
#
#   mail_servers_missing          the Debian packages still to install (none: prints nothing)
#   mail_servers_start DIR        as root: CA, certificate, Dovecot, Postfix, users in DIR (created,
#                                 made 755: the servers' own users must reach it); exports MAIL_*
#                                 below. On failure: returns 1 with the reason in MAIL_ERROR (what
#                                 did start is left for mail_servers_stop).
#   mail_servers_env              the MAIL_* variables as `export` lines (to carry them out of a
#                                 `sudo bash -c` that started the servers)
#   mail_servers_stop [DIR]       stops both servers of DIR (default MAIL_WORK) and waits until
#                                 their master processes are gone; DIR itself is left to the caller
#   mail_read USER PASSWORD FOLDER   the folder's messages as JSON (tests/mail/mailbox.py read)
#   mail_send USER PASSWORD FILE RCPT...   an .eml file sent over SMTPS as USER
#
# Exported by mail_servers_start: MAIL_WORK, MAIL_IMAPS_PORT, MAIL_SMTPS_PORT, MAIL_CA (the CA's
# PEM), MAIL_BUYER, MAIL_BUYER_PASSWORD, MAIL_PLATFORM, MAIL_PLATFORM_PASSWORD, MAIL_HOMES (the
# users' homes: MAIL_HOMES/buyer/Maildir…), MAIL_DOVECOT_DIR (its config, log dovecot.log),
# MAIL_POSTFIX_DIR (its config and queue, log maillog).
# Why root: Dovecot and Postfix start as root and drop to their own users (dovenull, dovecot,
# postfix); the Maildirs belong to nobody, whom Dovecot's first_valid_uid admits.

mail_servers_here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# Command (or file) : the Debian package that brings it.
mail_servers_needs=(postfix:postfix dovecot:dovecot-imapd /usr/lib/dovecot/lmtp:dovecot-lmtpd
                    openssl:openssl python3:python3)

mail_servers_missing() {
    local pair bin missing=()
    for pair in "${mail_servers_needs[@]}"; do
        bin="${pair%%:*}"
        if [ "${bin#/}" != "$bin" ]; then [ -e "$bin" ] || missing+=("${pair#*:}")
        else command -v "$bin" >/dev/null || [ -x "/usr/sbin/$bin" ] || missing+=("${pair#*:}"); fi
    done
    [ ${#missing[@]} -eq 0 ] || echo "${missing[*]}"
}

mail_free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
mail_wait_port() {
    for _ in $(seq 100); do
        python3 -c "import socket; socket.create_connection(('127.0.0.1',$1),1)" 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}
mail_error() { MAIL_ERROR="$*"; return 1; }

mail_servers_start() {
    local work="$1"
    [ "$(id -u)" = 0 ] || { mail_error "the mail servers need root (they drop to their own users)"; return 1; }
    mkdir -p "$work" && chmod 755 "$work" || { mail_error "cannot make $work"; return 1; }
    MAIL_WORK="$(cd "$work" && pwd)"; work="$MAIL_WORK"
    # Postfix and Dovecot open their files as postfix, dovecot and nobody: every folder above DIR
    # must let others through, or Postfix dies with a bare "permission denied" on its lock file.
    local up="$work"
    while [ "$up" != / ]; do
        up="$(dirname "$up")"
        [ -n "$(find "$up" -maxdepth 0 -perm -o+x)" ] \
            || { mail_error "$up is closed to other users (mode $(stat -c %a "$up")): the servers' own users cannot reach $work"; return 1; }
    done

    # ---- a throw-away CA and the servers' certificate (127.0.0.1 and localhost) ----
    local tls="$work/tls"; mkdir -p "$tls"
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=ReachRight throw-away test CA" \
        -keyout "$tls/ca.key" -out "$tls/ca.crt" >/dev/null 2>&1 || { mail_error "openssl: CA"; return 1; }
    openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$tls/server.key" -out "$tls/server.csr" \
        >/dev/null 2>&1 || { mail_error "openssl: server key"; return 1; }
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' > "$tls/ext"
    openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.crt" -CAkey "$tls/ca.key" -CAcreateserial -days 2 \
        -extfile "$tls/ext" -out "$tls/server.crt" >/dev/null 2>&1 || { mail_error "openssl: server certificate"; return 1; }
    chmod 644 "$tls"/*; chmod 600 "$tls/ca.key"

    # ---- Dovecot: IMAPS, LMTP for Postfix, SASL for Postfix; users from a passwd-file ----
    local imaps smtps; imaps="$(mail_free_port)"; smtps="$(mail_free_port)"
    local dv="$work/dovecot"; mkdir -p "$dv/run" "$dv/state" "$work/home/buyer" "$work/home/platform"
    chown -R nobody:nogroup "$work/home"
    local uid gid; uid="$(id -u nobody)"; gid="$(id -g nobody)"
    # A non-ASCII password, as a 授权码 pasted with its label would be: the client must send UTF-8.
    local buyer_pw="buyer-Pa55-授权码" platform_pw="platform-pw"
    cat > "$dv/users" <<USERS
buyer@mail.test:{PLAIN}$buyer_pw:$uid:$gid::$work/home/buyer
platform@mail.test:{PLAIN}$platform_pw:$uid:$gid::$work/home/platform
USERS
    chmod 644 "$dv/users"
    cat > "$dv/dovecot.conf" <<CONF
base_dir = $dv/run
state_dir = $dv/state
log_path = $dv/dovecot.log
info_log_path = $dv/dovecot.log
protocols = imap lmtp
listen = 127.0.0.1
ssl = required
ssl_cert = <$tls/server.crt
ssl_key = <$tls/server.key
disable_plaintext_auth = yes
auth_mechanisms = plain login
default_login_user = dovenull
default_internal_user = dovecot
first_valid_uid = $uid
last_valid_uid = $uid
mail_location = maildir:~/Maildir
passdb {
  driver = passwd-file
  args = $dv/users
}
userdb {
  driver = passwd-file
  args = $dv/users
}
imap_id_log = *
namespace inbox {
  inbox = yes
  separator = /
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
}
service imap-login {
  inet_listener imap {
    port = 0
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $imaps
    ssl = yes
  }
}
service lmtp {
  unix_listener $dv/lmtp {
    mode = 0666
  }
}
service auth {
  unix_listener $dv/auth-postfix {
    mode = 0666
  }
}
CONF
    dovecot -c "$dv/dovecot.conf" 2>"$work/dovecot.err" || { mail_error "dovecot did not start: $(cat "$work/dovecot.err")"; return 1; }
    mail_wait_port "$imaps" || { mail_error "dovecot does not listen on $imaps: $(tail -5 "$dv/dovecot.log")"; return 1; }

    # ---- Postfix: SMTP with implicit TLS and SASL on 127.0.0.1, everything for mail.test over LMTP ----
    local pf="$work/postfix"; mkdir -p "$pf/conf" "$pf/spool" "$pf/data"
    chown postfix "$pf/data"
    cat > "$pf/conf/main.cf" <<CONF
compatibility_level = 3.6
queue_directory = $pf/spool
data_directory = $pf/data
mail_owner = postfix
setgid_group = postdrop
myhostname = mail.test
mydomain = mail.test
myorigin = mail.test
mydestination = mail.test
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
alias_maps =
alias_database =
local_recipient_maps =
local_transport = lmtp:unix:$dv/lmtp
mynetworks = 127.0.0.0/8
maillog_file = $pf/maillog
maillog_file_prefixes = $pf
message_size_limit = 80000000
mailbox_size_limit = 0
smtpd_tls_cert_file = $tls/server.crt
smtpd_tls_key_file = $tls/server.key
smtpd_tls_security_level = encrypt
smtpd_sasl_type = dovecot
smtpd_sasl_path = $dv/auth-postfix
smtpd_sasl_auth_enable = yes
smtpd_relay_restrictions = permit_sasl_authenticated, reject
smtpd_recipient_restrictions = permit_sasl_authenticated, reject
CONF
    cat > "$pf/conf/master.cf" <<CONF
127.0.0.1:$smtps inet n - n - - smtpd -o smtpd_tls_wrappermode=yes
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
local     unix  -       n       n       -       -       local
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
CONF
    postfix -c "$pf/conf" check >"$work/postfix.err" 2>&1 || true
    postfix -c "$pf/conf" start >>"$work/postfix.err" 2>&1 \
        || { mail_error "postfix did not start: $(tail -n 5 "$work/postfix.err"; tail -n 3 "$pf/maillog" 2>/dev/null)"; return 1; }
    mail_wait_port "$smtps" \
        || { mail_error "postfix does not listen on $smtps: $(tail -5 "$pf/maillog" 2>/dev/null) $(tail -3 "$work/postfix.err")"; return 1; }

    export MAIL_WORK MAIL_IMAPS_PORT="$imaps" MAIL_SMTPS_PORT="$smtps" MAIL_CA="$tls/ca.crt" \
        MAIL_BUYER="buyer@mail.test" MAIL_BUYER_PASSWORD="$buyer_pw" \
        MAIL_PLATFORM="platform@mail.test" MAIL_PLATFORM_PASSWORD="$platform_pw" \
        MAIL_HOMES="$work/home" MAIL_DOVECOT_DIR="$dv" MAIL_POSTFIX_DIR="$pf"
}

mail_servers_env() {
    local v
    for v in MAIL_WORK MAIL_IMAPS_PORT MAIL_SMTPS_PORT MAIL_CA MAIL_BUYER MAIL_BUYER_PASSWORD MAIL_PLATFORM \
             MAIL_PLATFORM_PASSWORD MAIL_HOMES MAIL_DOVECOT_DIR MAIL_POSTFIX_DIR; do
        printf 'export %s=%q\n' "$v" "${!v}"
    done
}

# A process that is gone, or a pid file that names none.
mail_gone() { [ ! -s "$1" ] || ! kill -0 "$(tr -d ' \n' < "$1")" 2>/dev/null; }

mail_servers_stop() {
    local work="${1:-${MAIL_WORK:-}}"
    [ -n "$work" ] || return 0
    local dv="$work/dovecot" pf="$work/postfix" stopped=0
    if [ -f "$dv/run/master.pid" ]; then
        doveadm -c "$dv/dovecot.conf" stop >/dev/null 2>&1
    fi
    if [ -d "$pf/conf" ]; then
        postfix -c "$pf/conf" stop >/dev/null 2>&1
    fi
    # Both return before their masters have exited; the caller removes DIR next, so wait.
    for _ in $(seq 100); do
        mail_gone "$dv/run/master.pid" && mail_gone "$pf/spool/pid/master.pid" && { stopped=1; break; }
        sleep 0.1
    done
    [ "$stopped" = 1 ] || echo "mail servers: still running after stop ($work)" >&2
}

mail_read() { # USER PASSWORD FOLDER
    python3 "$mail_servers_here/mailbox.py" read --port "$MAIL_IMAPS_PORT" --ca "$MAIL_CA" \
        --user "$1" --password "$2" --folder "$3"
}

mail_send() { # USER PASSWORD FILE RCPT...
    local user="$1" pw="$2" file="$3"; shift 3
    python3 "$mail_servers_here/mailbox.py" send --port "$MAIL_SMTPS_PORT" --ca "$MAIL_CA" \
        --user "$user" --password "$pw" --eml "$file" "$@"
}
