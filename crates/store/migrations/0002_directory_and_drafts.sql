-- 0002: the user's platform directory, wizard drafts, reminders, and a real foreign key from
-- cases.platform_id to platforms so deleting a platform leaves its cases working (SET NULL).
-- The runner turns foreign_keys off around migrations: rebuilding `cases` must not cascade.

CREATE TABLE platforms (
    id           TEXT PRIMARY KEY NOT NULL,
    name         TEXT NOT NULL CHECK (name <> ''),
    profile_toml TEXT NOT NULL,
    vip          INTEGER NOT NULL CHECK (vip IN (0, 1)),
    verified     INTEGER NOT NULL CHECK (verified IN (0, 1)),
    updated_at   TEXT NOT NULL
);
CREATE INDEX platforms_by_name ON platforms (name, id);

CREATE TABLE drafts (
    key        TEXT PRIMARY KEY NOT NULL,
    body       TEXT NOT NULL,
    updated_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE reminders (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    due_at  TEXT NOT NULL,
    kind    TEXT NOT NULL,
    message TEXT NOT NULL,
    done    INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1))
);
CREATE INDEX reminders_by_case ON reminders (case_id, due_at, id);
CREATE INDEX reminders_pending ON reminders (due_at, id) WHERE done = 0;

-- SQLite cannot add a foreign key to an existing column: rebuild `cases` (the documented
-- create-copy-drop-rename procedure). Version 1 had no platform directory, so no case could
-- point at a platform; platform_id is carried over only when it names one (never, in practice).
CREATE TABLE cases_new (
    id          TEXT PRIMARY KEY NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    title       TEXT NOT NULL CHECK (title <> ''),
    platform_id TEXT REFERENCES platforms (id) ON DELETE SET NULL,
    status      TEXT NOT NULL DEFAULT 'open'
                CHECK (status IN ('open', 'waiting', 'resolved', 'closed')),
    intake_json TEXT NOT NULL
);
INSERT INTO cases_new (id, created_at, updated_at, title, platform_id, status, intake_json)
    SELECT id, created_at, updated_at, title,
           (SELECT p.id FROM platforms AS p WHERE p.id = cases.platform_id),
           status, intake_json
    FROM cases;
DROP TABLE cases;
ALTER TABLE cases_new RENAME TO cases;
CREATE INDEX cases_by_updated ON cases (updated_at);
CREATE INDEX cases_by_platform ON cases (platform_id);
