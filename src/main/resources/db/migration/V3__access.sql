-- Applications for data (Art. 18, 19, 4(3)), the grants they produce or the center designates
-- (Art. 19), and the notifications agencies read.

CREATE TABLE applications (
    id              bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    consumer        varchar(18)   NOT NULL REFERENCES agencies (code),
    dataset         varchar(64)   NOT NULL REFERENCES datasets (code),
    purpose         varchar(2000) NOT NULL,
    fields          text[]        NOT NULL,
    use             varchar(16)   NOT NULL CHECK (use IN ('DUTY', 'DEVELOPMENT')),
    valid_until     date          NOT NULL,
    status          varchar(16)   NOT NULL CHECK (status IN ('SUBMITTED', 'CONSULTING', 'APPROVED', 'REFUSED')),
    reason          varchar(2000),
    grant_id        bigint,
    submitted_at    timestamptz   NOT NULL,
    submitted_by    varchar(200)  NOT NULL,
    decided_at      timestamptz,
    version         bigint        NOT NULL DEFAULT 0
);
CREATE INDEX applications_consumer ON applications (consumer, status);
CREATE INDEX applications_dataset ON applications (dataset, status);

-- Every step of every application: who moved it, when, from what to what, and why.
CREATE TABLE application_steps (
    id              bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application     bigint        NOT NULL REFERENCES applications (id),
    from_status     varchar(16),
    to_status       varchar(16)   NOT NULL,
    by_sub          varchar(200)  NOT NULL,
    by_agency       varchar(18),
    note            varchar(2000),
    at              timestamptz   NOT NULL
);
CREATE INDEX application_steps_application ON application_steps (application, at);

CREATE TABLE grants (
    id              bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    consumer        varchar(18)   NOT NULL REFERENCES agencies (code),
    dataset         varchar(64)   NOT NULL REFERENCES datasets (code),
    fields          text[]        NOT NULL,
    purpose         varchar(2000) NOT NULL,
    use             varchar(16)   NOT NULL CHECK (use IN ('DUTY', 'DEVELOPMENT')),
    valid_until     date          NOT NULL,
    application     bigint        REFERENCES applications (id),
    granted_at      timestamptz   NOT NULL,
    granted_by      varchar(200)  NOT NULL,
    revoked_at      timestamptz,
    revoked_by      varchar(200),
    version         bigint        NOT NULL DEFAULT 0
);
CREATE INDEX grants_consumer_dataset ON grants (consumer, dataset);
CREATE INDEX grants_dataset ON grants (dataset);

-- recipient: an agency's code, or CENTER for the Big Data Management Center.
CREATE TABLE notifications (
    id              bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    recipient       varchar(18)   NOT NULL,
    kind            varchar(48)   NOT NULL,
    subject         varchar(200)  NOT NULL,     -- what it is about, e.g. "application 12"
    message         varchar(4000) NOT NULL,
    created_at      timestamptz   NOT NULL
);
CREATE INDEX notifications_recipient ON notifications (recipient, id DESC);
