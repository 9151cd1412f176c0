-- Supervision (Art. 35, 36): the center orders an agency to rectify a finding within a number of
-- working days, criticises it in writing, and records violations with the audit events that show
-- them. The agency sees what concerns it; the assessment counts it (Art. 34).

CREATE TABLE rectification_orders (
    id               bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agency           varchar(18)   NOT NULL REFERENCES agencies (code),
    dataset          varchar(64)   REFERENCES datasets (code),
    finding          varchar(4000) NOT NULL,
    required         varchar(4000) NOT NULL,
    due_working_days integer       NOT NULL CHECK (due_working_days BETWEEN 1 AND 60),
    status           varchar(16)   NOT NULL CHECK (status IN ('OPEN', 'RESPONDED', 'CLOSED')),
    -- The current round's deadline: set when ordered, and again when a response is not accepted.
    due_on           date          NOT NULL,
    ordered_at       timestamptz   NOT NULL,
    ordered_by       varchar(200)  NOT NULL,
    actions          varchar(4000),
    responded_at     timestamptz,
    responded_by     varchar(200),
    close_note       varchar(2000),
    closed_at        timestamptz,
    closed_by        varchar(200),
    -- How many responses the center did not accept.
    reopened         integer       NOT NULL DEFAULT 0,
    -- Once a round's deadline passed without a response the order stays late, whatever follows.
    late             boolean       NOT NULL DEFAULT false,
    -- The deadline whose passing was last announced: one notice per order and due day.
    overdue_notice_for date,
    version          bigint        NOT NULL DEFAULT 0
);
CREATE INDEX rectification_orders_agency ON rectification_orders (agency, id);
CREATE INDEX rectification_orders_open_due ON rectification_orders (due_on) WHERE status = 'OPEN';

CREATE TABLE criticisms (
    id         bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agency     varchar(18)   NOT NULL REFERENCES agencies (code),
    text       varchar(4000) NOT NULL,
    order_id   bigint        REFERENCES rectification_orders (id),
    issued_at  timestamptz   NOT NULL,
    issued_by  varchar(200)  NOT NULL
);
CREATE INDEX criticisms_agency ON criticisms (agency, id);
CREATE INDEX criticisms_issued ON criticisms (issued_at);

CREATE TABLE violations (
    id           bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agency       varchar(18)   NOT NULL REFERENCES agencies (code),
    article      varchar(16)   NOT NULL,
    description  varchar(4000) NOT NULL,
    -- Audit event ids; audit_events is partitioned and pruned by month, so no foreign key.
    evidence     bigint[]      NOT NULL CHECK (cardinality(evidence) BETWEEN 1 AND 50),
    recorded_at  timestamptz   NOT NULL,
    recorded_by  varchar(200)  NOT NULL
);
CREATE INDEX violations_agency ON violations (agency, id);
CREATE INDEX violations_recorded ON violations (recorded_at);

-- The year's criticisms are published with its report (Art. 35, 36), frozen with the figures.
-- Years published before have none.
ALTER TABLE assessment_publications ADD COLUMN criticisms jsonb NOT NULL DEFAULT '[]';
