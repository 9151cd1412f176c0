-- Art. 20: an objection resolved as CORRECTED names the record's version that corrects it, a
-- version newer than the one objected to (record_version), or the first one of a record that did
-- not exist when an INCOMPLETE objection was filed. The consumer is told that version.
ALTER TABLE objections ADD COLUMN corrected_version bigint;
