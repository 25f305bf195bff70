-- A case's history is read a page at a time, newest first, in the order of the moments it records:
-- rows written with another UTC offset by earlier versions sort by their instant, not their text.
-- This index is that order exactly, so the newest 100 of a case's 9,000 events are read straight
-- off it instead of reading and sorting them all. It replaces the index on (case_id, at, id).
-- The instant is julianday(at), which every SQLite the app runs on has (unixepoch() needs 3.38;
-- Linux builds use the system's SQLite): migration 0010 rebuilds this index for databases that
-- took an earlier form of this migration, with unixepoch(at).
CREATE INDEX events_by_case_instant ON events (case_id, julianday(at), at, id);
DROP INDEX IF EXISTS events_by_case;
