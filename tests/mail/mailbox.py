"""A mailbox seen from outside the app, for the tests against tests/mail/servers.sh: what a
user's own mail program would see (IMAP over TLS) and what another party would send (SMTP over
TLS), both trusting only the throw-away CA.

  mailbox.py read --port P --ca CA --user U --password PW --folder F
      the folder's messages as a JSON array, oldest first, opened read-only (nothing is marked
      read): uid, subject (decoded), message_id, in_reply_to, references, from, to, text (the plain
      part, else the HTML part as it is), attachments [{name (decoded), content_type, size,
      base64}].
  mailbox.py send --port P --ca CA --user U --password PW (--eml FILE | --subject S --text T
                  [--in-reply-to ID] [--attach FILE]...) RCPT...
      sends FILE, or a message composed from the options (From: U, a new Message-ID, the
      attachments with their names RFC 2231-encoded), to RCPT...; prints the Message-ID.

Passwords may be non-ASCII (a 授权码 is): logins go as AUTHENTICATE/AUTH PLAIN in UTF-8, which
imaplib's LOGIN and smtplib's login would refuse to encode.
"""

import argparse
import base64
import email
import email.policy
import email.utils
import imaplib
import json
import mimetypes
import os
import smtplib
import ssl
import sys
from email.message import EmailMessage


def context(ca):
    return ssl.create_default_context(cafile=ca)


def plain(user, password):
    return b"\0" + user.encode("utf-8") + b"\0" + password.encode("utf-8")


def read(a):
    imap = imaplib.IMAP4_SSL("127.0.0.1", a.port, ssl_context=context(a.ca), timeout=30)
    try:
        try:
            imap.authenticate("PLAIN", lambda _challenge: plain(a.user, a.password))
        except imaplib.IMAP4.error as e:
            sys.exit(f"mailbox.py read: login as {a.user} refused: {e}")
        status, data = imap.select(a.folder, readonly=True)
        if status != "OK":
            sys.exit(f"mailbox.py: cannot open {a.folder!r}: {data}")
        status, data = imap.uid("SEARCH", None, "ALL")
        uids = data[0].split() if status == "OK" and data and data[0] else []
        out = []
        for uid in uids:
            status, parts = imap.uid("FETCH", uid, "(BODY.PEEK[])")
            raw = next(p[1] for p in parts if isinstance(p, tuple))
            out.append(describe(int(uid), raw))
    finally:
        try:
            imap.logout()
        except (imaplib.IMAP4.error, OSError):
            pass
    json.dump(out, sys.stdout, ensure_ascii=False)
    print()


def describe(uid, raw):
    m = email.message_from_bytes(raw, policy=email.policy.default)
    body = m.get_body(("plain", "html"))
    atts = []
    for p in m.iter_attachments():
        data = p.get_payload(decode=True) or b""
        atts.append({
            "name": p.get_filename(),
            "content_type": p.get_content_type(),
            "size": len(data),
            "base64": base64.b64encode(data).decode("ascii"),
        })
    header = lambda k: str(m[k]) if m[k] is not None else None
    return {
        "uid": uid,
        "subject": header("Subject"),
        "message_id": header("Message-ID"),
        "in_reply_to": header("In-Reply-To"),
        "references": header("References"),
        "from": header("From"),
        "to": header("To"),
        "text": body.get_content() if body is not None else "",
        "attachments": atts,
    }


def compose(a):
    m = EmailMessage()
    m["From"] = a.user
    m["To"] = ", ".join(a.rcpt)
    m["Subject"] = a.subject
    m["Date"] = email.utils.formatdate(localtime=True)
    m["Message-ID"] = email.utils.make_msgid(domain=a.user.rpartition("@")[2] or "mail.test")
    if a.in_reply_to:
        m["In-Reply-To"] = a.in_reply_to
        m["References"] = a.in_reply_to
    m.set_content(a.text)
    for path in a.attach:
        kind = (mimetypes.guess_type(path)[0] or "application/octet-stream").split("/", 1)
        with open(path, "rb") as f:
            m.add_attachment(f.read(), maintype=kind[0], subtype=kind[1], filename=os.path.basename(path))
    return m


def send(a):
    if a.eml:
        with open(a.eml, "rb") as f:
            raw = f.read()
        msgid = email.message_from_bytes(raw, policy=email.policy.default)["Message-ID"]
    else:
        if a.subject is None or a.text is None:
            sys.exit("mailbox.py send: --eml FILE, or --subject and --text")
        m = compose(a)
        raw, msgid = bytes(m), m["Message-ID"]
    with smtplib.SMTP_SSL("127.0.0.1", a.port, context=context(a.ca), timeout=30) as s:
        s.ehlo()
        code, resp = s.docmd("AUTH", "PLAIN " + base64.b64encode(plain(a.user, a.password)).decode("ascii"))
        if code != 235:
            sys.exit(f"mailbox.py send: AUTH PLAIN as {a.user} refused: {code} {resp!r}")
        s.sendmail(a.user, a.rcpt, raw)
    print(msgid)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    for name in ("read", "send"):
        c = sub.add_parser(name)
        c.add_argument("--port", type=int, required=True)
        c.add_argument("--ca", required=True)
        c.add_argument("--user", required=True)
        c.add_argument("--password", required=True)
    r = sub.choices["read"]
    r.add_argument("--folder", required=True)
    s = sub.choices["send"]
    s.add_argument("--eml")
    s.add_argument("--subject")
    s.add_argument("--text")
    s.add_argument("--in-reply-to")
    s.add_argument("--attach", action="append", default=[])
    s.add_argument("rcpt", nargs="+")
    a = p.parse_args()
    (read if a.cmd == "read" else send)(a)


if __name__ == "__main__":
    main()
