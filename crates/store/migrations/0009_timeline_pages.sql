-- A case's history is read a page at a time, newest first, in the order of the moments it records:
-- rows written with another UTC offset by earlier versions sort by their instant, not their text.
-- This index is that order exactly, so the newest 100 of a case's 9,000 events are read straight
-- off it instead of reading and sorting them all. It replaces the index on (case_id, at, id).
CREATE INDEX events_by_case_instant ON events (case_id, unixepoch(at), at, id);
DROP INDEX IF EXISTS events_by_case;
