-- 0004: tracking — the user's helpdesks, tickets linked to cases with their polling state,
-- promised callbacks, order watches, the in-app notification list and the "already said" marks.
-- Tokens are never stored here: they live in the OS keychain under the helpdesk's name.

CREATE TABLE helpdesks (
    name       TEXT PRIMARY KEY NOT NULL CHECK (name <> ''),
    kind       TEXT NOT NULL CHECK (kind IN ('rt', 'zendesk', 'manual')),
    url        TEXT NOT NULL,
    -- RT's queue; unused by the others.
    queue      TEXT,
    -- The user's address at the helpdesk (RT's Requestor, Zendesk's user).
    email      TEXT,
    created_at TEXT NOT NULL
) WITHOUT ROWID;

-- The polling state lives beside the ticket, so an app restart (or a crash) resumes exactly where
-- the last committed poll left off. `next_poll_at` NULL means "not polled": closed or stopped.
CREATE TABLE tickets (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id        TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    helpdesk       TEXT NOT NULL REFERENCES helpdesks (name) ON DELETE RESTRICT,
    remote_id      TEXT NOT NULL CHECK (remote_id <> ''),
    url            TEXT,
    subject        TEXT NOT NULL,
    submitted_at   TEXT NOT NULL,
    -- The helpdesk's own status word (RT: new/open/stalled/resolved; Zendesk: open/pending/solved …).
    status         TEXT,
    cursor_json    TEXT NOT NULL DEFAULT '{}',
    next_poll_at   TEXT,
    last_polled_at TEXT,
    -- The last staff reply seen: the ticket's SLA is met once the platform answered.
    replied_at     TEXT,
    failures       INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
    -- The stable code of the last error (connectors' Error::code), NULL after a good poll.
    last_error     TEXT,
    -- Why polling stopped: 'closed', 'auth', 'not_found', 'invalid', 'manual'; NULL while polled.
    stopped        TEXT,
    UNIQUE (helpdesk, remote_id)
);
CREATE INDEX tickets_by_case ON tickets (case_id, id);
CREATE INDEX tickets_due ON tickets (next_poll_at, id) WHERE next_poll_at IS NOT NULL;

CREATE TABLE callbacks (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id      TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    channel      TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    due_at       TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    -- NULL while waiting; then 'called', 'missed' or 'cancelled'.
    outcome      TEXT CHECK (outcome IN ('called', 'missed', 'cancelled')),
    outcome_at   TEXT
);
CREATE INDEX callbacks_by_case ON callbacks (case_id, due_at, id);
CREATE INDEX callbacks_waiting ON callbacks (due_at, id) WHERE outcome IS NULL;

CREATE TABLE order_watches (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id    TEXT NOT NULL CHECK (order_id <> ''),
    product     TEXT NOT NULL DEFAULT '',
    amount      TEXT NOT NULL DEFAULT '',
    platform_id TEXT REFERENCES platforms (id) ON DELETE SET NULL,
    paid_at     TEXT NOT NULL,
    expected_at TEXT NOT NULL,
    state       TEXT NOT NULL DEFAULT 'waiting'
                CHECK (state IN ('waiting', 'late', 'delivered', 'case_opened', 'dismissed')),
    case_id     TEXT REFERENCES cases (id) ON DELETE SET NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX order_watches_open ON order_watches (expected_at, id) WHERE state IN ('waiting', 'late');

-- Every notification ever raised, read or not (OS notifications vanish; this list does not).
CREATE TABLE notifications (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    kind      TEXT NOT NULL,
    case_id   TEXT REFERENCES cases (id) ON DELETE CASCADE,
    title     TEXT NOT NULL,
    body      TEXT NOT NULL,
    data_json TEXT,
    read      INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1))
);
CREATE INDEX notifications_by_at ON notifications (at, id);
CREATE INDEX notifications_unread ON notifications (id) WHERE read = 0;

-- "This was already said": one row per deadline warning, callback alert or sync problem raised,
-- so each is raised once even across restarts.
CREATE TABLE tracker_marks (
    key TEXT PRIMARY KEY NOT NULL,
    at  TEXT NOT NULL
) WITHOUT ROWID;
