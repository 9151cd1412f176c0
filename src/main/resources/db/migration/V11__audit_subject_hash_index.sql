-- "Who read this person" (Art. 31) by a hash index instead of a B-tree on (subject, id).
--
-- Every audited read inserts a row, and the subject of a lookup is a random key: a B-tree on it
-- takes each insert to a random leaf page, which cost PostgreSQL more than the row itself
-- (docs/decisions/0012-audit-table-for-bulk-load.md has each index measured against what it
-- serves). A hash index stores a 4-byte hash per row and is about half as dear to keep. It gives
-- no order: a subject search reads the subject's rows and sorts them by id, which is what it did
-- within each monthly partition anyway; equality is the only search on subject.
DROP INDEX audit_events_subject;
CREATE INDEX audit_events_subject ON audit_events USING hash (subject) WHERE subject IS NOT NULL;
