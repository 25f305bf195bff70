-- 0001: cases, their contact history and timeline, and the user's settings.
-- Times are RFC 3339 strings chosen by the caller; the store never reads a clock.

CREATE TABLE cases (
    id          TEXT PRIMARY KEY NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    title       TEXT NOT NULL CHECK (title <> ''),
    -- The platform directory arrives in 0002, which also adds the foreign key.
    platform_id TEXT,
    status      TEXT NOT NULL DEFAULT 'open'
                CHECK (status IN ('open', 'waiting', 'resolved', 'closed')),
    intake_json TEXT NOT NULL
);
CREATE INDEX cases_by_updated ON cases (updated_at);

-- AUTOINCREMENT so an id is never reused after a case is deleted: a stale id held by the UI
-- must not silently point at somebody else's row.
CREATE TABLE contacts (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id   TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    at        TEXT NOT NULL,
    channel   TEXT NOT NULL,
    outcome   TEXT NOT NULL,
    note      TEXT NOT NULL,
    reference TEXT
);
CREATE INDEX contacts_by_case ON contacts (case_id, at, id);

CREATE TABLE events (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id   TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    at        TEXT NOT NULL,
    kind      TEXT NOT NULL,
    summary   TEXT NOT NULL,
    data_json TEXT
);
CREATE INDEX events_by_case ON events (case_id, at, id);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) WITHOUT ROWID;
