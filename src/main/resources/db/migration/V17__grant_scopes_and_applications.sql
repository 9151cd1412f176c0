-- Scopes: what kind of read a grant allows, a non-empty subset of LOOKUP (a record by key, subject
-- lookups), SYNC (the change feed) and EXPORT (bulk export). A grant given only to check
-- identities no longer lets its holder take the whole dataset.
--
-- Grants existing before this change keep EVERY scope: they were given when a grant allowed every
-- kind of read, and narrowing them silently would break their holders' work. The same holds for
-- applications still waiting for a decision. New rows always name their scopes (default LOOKUP,
-- set by the gateway).
ALTER TABLE grants ADD COLUMN scopes text[] NOT NULL DEFAULT '{LOOKUP,SYNC,EXPORT}'
    CHECK (cardinality(scopes) > 0 AND scopes <@ '{LOOKUP,SYNC,EXPORT}'::text[]);
ALTER TABLE grants ALTER COLUMN scopes SET DEFAULT '{LOOKUP}';
ALTER TABLE applications ADD COLUMN scopes text[] NOT NULL DEFAULT '{LOOKUP,SYNC,EXPORT}'
    CHECK (cardinality(scopes) > 0 AND scopes <@ '{LOOKUP,SYNC,EXPORT}'::text[]);
ALTER TABLE applications ALTER COLUMN scopes SET DEFAULT '{LOOKUP}';

-- The applicant may withdraw before a decision.
ALTER TABLE applications DROP CONSTRAINT applications_status_check;
ALTER TABLE applications ADD CONSTRAINT applications_status_check
    CHECK (status IN ('SUBMITTED', 'CONSULTING', 'APPROVED', 'REFUSED', 'WITHDRAWN'));

-- A consultation of the provider is due 5 working days after it began (official calendar);
-- provider_overdue_at records that its lateness was announced, once.
ALTER TABLE applications ADD COLUMN provider_due date;
ALTER TABLE applications ADD COLUMN provider_overdue_at timestamptz;
CREATE INDEX applications_provider_due ON applications (provider_due) WHERE status = 'CONSULTING';

-- Art. 24: who will know CONDITIONAL or SPECIAL data, as the applicant acknowledged it; the grant
-- keeps what its application said.
ALTER TABLE applications ADD COLUMN confidentiality_acknowledged_by varchar(200);
ALTER TABLE applications ADD COLUMN confidentiality_persons text[];
ALTER TABLE grants ADD COLUMN confidentiality_acknowledged_by varchar(200);
ALTER TABLE grants ADD COLUMN confidentiality_persons text[];
