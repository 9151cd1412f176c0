-- Art. 31: a management event says what it acted on (an application, grant, agency, dataset,
-- agreement, opening, calendar year…), by type and id. Events written before have neither; their
-- hashes do not cover these columns (AuditChain.canonical appends a target only when there is one).
ALTER TABLE audit_events ADD COLUMN target_type text;
ALTER TABLE audit_events ADD COLUMN target_id text;
