-- The case list is read a page at a time, newest first (updated_at DESC, created_at DESC, id):
-- this index is that order exactly, so a page is read straight off it instead of sorting every
-- case (10,000 cases: a full sort per page). It replaces the one-column index.
CREATE INDEX cases_by_recent ON cases (updated_at DESC, created_at DESC, id);
DROP INDEX IF EXISTS cases_by_updated;
-- The home screen's nudges look at cases created in the last day or two only.
CREATE INDEX cases_by_created ON cases (created_at);
