-- 0003: the evidence vault's index. The files themselves live encrypted under `vault/` in the
-- data directory, named by the SHA-256 of their original bytes, so the same file twice is stored
-- once; these rows say which case uses which file and what the user said about it.

CREATE TABLE evidence (
    id            TEXT PRIMARY KEY NOT NULL,
    case_id       TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    sha256        TEXT NOT NULL CHECK (length(sha256) = 64),
    kind          TEXT NOT NULL CHECK (kind IN ('transfer', 'chat', 'product', 'error', 'other')),
    caption       TEXT NOT NULL DEFAULT '',
    original_name TEXT NOT NULL CHECK (original_name <> ''),
    size          INTEGER NOT NULL CHECK (size >= 0),
    media_type    TEXT NOT NULL,
    width         INTEGER,
    height        INTEGER,
    -- When the picture was taken: image metadata (exif), else the file's time (file), else the
    -- moment it was pasted (pasted).
    taken_at      TEXT,
    taken_source  TEXT NOT NULL CHECK (taken_source IN ('exif', 'file', 'pasted', 'unknown')),
    added_at      TEXT NOT NULL,
    has_thumbnail INTEGER NOT NULL DEFAULT 0 CHECK (has_thumbnail IN (0, 1))
);
-- One file once per case: adding it again finds the existing item.
CREATE UNIQUE INDEX evidence_once_per_case ON evidence (case_id, sha256);
CREATE INDEX evidence_by_case ON evidence (case_id, added_at, id);
CREATE INDEX evidence_by_hash ON evidence (sha256);
