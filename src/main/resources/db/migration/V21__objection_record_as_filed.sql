-- Art. 20: the center reviews an objection against the record as it was when filed, and as it is
-- now. The record's version and data at filing are kept with the objection (data as JSON text:
-- shown back whole, never queried).
ALTER TABLE objections ADD COLUMN record_version bigint;
ALTER TABLE objections ADD COLUMN record_as_filed text;
