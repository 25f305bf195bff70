-- The history's index by instant, on julianday(at) instead of unixepoch(at): the same order (both
-- read the moment, offsets applied), but julianday() is in every SQLite since long before 3.35,
-- where unixepoch() needs 3.38 (Ubuntu 22.04 ships 3.37, and Linux builds use the system's SQLite).
-- Databases that took migration 0009 in its first form get the portable index here; for the
-- others this rebuilds the same index.
DROP INDEX IF EXISTS events_by_case_instant;
CREATE INDEX events_by_case_instant ON events (case_id, julianday(at), at, id);
