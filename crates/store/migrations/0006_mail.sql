-- E-mail as a tracked channel. No password anywhere here: it lives in the OS keychain.

-- The user's mailboxes, and where the tracker's reading of each INBOX stands.
CREATE TABLE mail_accounts (
    name         TEXT PRIMARY KEY,
    email        TEXT NOT NULL,
    imap_host    TEXT NOT NULL,
    imap_port    INTEGER NOT NULL CHECK (imap_port BETWEEN 1 AND 65535),
    smtp_host    TEXT NOT NULL,
    smtp_port    INTEGER NOT NULL CHECK (smtp_port BETWEEN 1 AND 65535),
    security     TEXT NOT NULL CHECK (security IN ('tls', 'starttls', 'plain')),
    -- The server files sent mail itself (Gmail): no IMAP APPEND.
    keeps_sent   INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,
    -- The INBOX's UIDVALIDITY when `last_uid` was read; another value means the UIDs were reset.
    uid_validity INTEGER,
    -- The highest UID already looked at (matched or not).
    last_uid     INTEGER NOT NULL DEFAULT 0,
    next_poll_at TEXT,
    failures     INTEGER NOT NULL DEFAULT 0,
    -- A stable code (mail_login, mail_tls …), never a server's text with personal data.
    last_error   TEXT
);

-- The e-mails sent from a case. A row is written `pending` before SMTP is asked and becomes
-- `sent` with its contact in one transaction: a pending row found later means an earlier send
-- may have gone out, and it is never sent again blindly.
CREATE TABLE mail_sent (
    id          INTEGER PRIMARY KEY,
    case_id     TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    account     TEXT NOT NULL,
    message_id  TEXT NOT NULL UNIQUE,
    to_addr     TEXT NOT NULL,
    subject     TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('pending', 'sent')),
    created_at  TEXT NOT NULL,
    sent_at     TEXT,
    -- The contact logged for it (channel email, pending), whose outcome an answer moves on.
    contact_id  INTEGER REFERENCES contacts(id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX mail_sent_one_pending ON mail_sent (case_id, account, to_addr) WHERE state = 'pending';
CREATE INDEX mail_sent_account ON mail_sent (account, state);

-- Answers already reported: one row per (account, Message-ID), so an answer delivered twice is
-- reported once.
CREATE TABLE mail_answers (
    id          INTEGER PRIMARY KEY,
    case_id     TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    account     TEXT NOT NULL,
    message_id  TEXT NOT NULL,
    sent_id     INTEGER REFERENCES mail_sent(id) ON DELETE SET NULL,
    from_addr   TEXT NOT NULL,
    subject     TEXT NOT NULL,
    text        TEXT NOT NULL,
    received_at TEXT NOT NULL,
    matched_by  TEXT NOT NULL CHECK (matched_by IN ('thread', 'order_number')),
    UNIQUE (account, message_id)
);
CREATE INDEX mail_answers_case ON mail_answers (case_id);
