-- Data needs (数据需求, Art. 11): an agency states the data its duties need, the center assigns the
-- agency that should provide it, and the need ends fulfilled by a dataset of the catalog or
-- declined with a written reason. The filing agency and the provider are told each step.

CREATE TABLE data_needs (
    id             bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agency         varchar(18)   NOT NULL REFERENCES agencies (code),
    description    varchar(4000) NOT NULL,
    subject_type   varchar(16)   NOT NULL CHECK (subject_type IN ('PERSON', 'ENTITY', 'OBJECT')),
    elements       text[]        NOT NULL CHECK (cardinality(elements) > 0),
    purpose        varchar(2000) NOT NULL,
    legal_duty     varchar(2000) NOT NULL,
    status         varchar(16)   NOT NULL CHECK (status IN ('OPEN', 'ASSIGNED', 'FULFILLED', 'DECLINED')),
    filed_at       timestamptz   NOT NULL,
    filed_by       varchar(200)  NOT NULL,
    provider       varchar(18)   REFERENCES agencies (code),
    due_on         date,
    assigned_at    timestamptz,
    assigned_by    varchar(200),
    dataset        varchar(64)   REFERENCES datasets (code),
    fulfilled_at   timestamptz,
    fulfilled_by   varchar(200),
    decline_reason varchar(2000),
    declined_at    timestamptz,
    declined_by    varchar(200),
    version        bigint        NOT NULL DEFAULT 0
);
-- An agency's list: the needs it filed and those assigned to it.
CREATE INDEX data_needs_agency ON data_needs (agency, id);
CREATE INDEX data_needs_provider ON data_needs (provider, id) WHERE provider IS NOT NULL;
CREATE INDEX data_needs_status ON data_needs (status, id);

-- The person responsible for the agency's data sharing (Art. 28): whom the center and other
-- agencies reach about its needs and data. Null until the agency or the center names one.
ALTER TABLE agencies
    ADD COLUMN contact_name  varchar(100),
    ADD COLUMN contact_phone varchar(32),
    ADD COLUMN contact_email varchar(254);
