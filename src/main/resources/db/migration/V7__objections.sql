-- Objections to records (异议, Art. 20): a consumer reports a record wrong or incomplete; the
-- center reviews within 5 working days; a difference with a non-technical cause goes to the
-- provider, who checks within 3 working days and answers in writing. Deadlines are stored as
-- dates when they are set: a later change of the calendar does not move them.

CREATE TABLE objections (
    id                   bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dataset              varchar(64)   NOT NULL REFERENCES datasets (code),
    key                  varchar(64)   NOT NULL,
    kind                 varchar(16)   NOT NULL CHECK (kind IN ('ERROR', 'INCOMPLETE')),
    description          varchar(4000) NOT NULL,
    consumer             varchar(18)   NOT NULL REFERENCES agencies (code),
    filed_by             varchar(200)  NOT NULL,
    filed_on             date          NOT NULL,
    filed_at             timestamptz   NOT NULL,
    status               varchar(16)   NOT NULL CHECK (status IN ('OPEN', 'PROVIDER_CHECK', 'RESOLVED')),
    review_due           date          NOT NULL,
    review_outcome       varchar(24),
    review_note          varchar(4000),
    reviewed_at          timestamptz,
    reviewed_by          varchar(200),
    provider_due         date,
    provider_outcome     varchar(24),
    provider_note        varchar(4000),
    provider_answered_at timestamptz,
    provider_answered_by varchar(200),
    resolved_at          timestamptz,
    -- Set once by the overdue job, when it notified: a deadline is reported once, not every run.
    review_overdue_at    timestamptz,
    provider_overdue_at  timestamptz,
    version              bigint        NOT NULL DEFAULT 0
);
-- The records under open objections, read on every lookup's way out (through a cache).
CREATE INDEX objections_open ON objections (dataset, key) WHERE status <> 'RESOLVED';
CREATE INDEX objections_status ON objections (status, id);
CREATE INDEX objections_consumer ON objections (consumer, id);
