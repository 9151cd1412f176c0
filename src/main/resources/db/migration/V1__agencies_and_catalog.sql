-- Agencies and their platform agreements (Art. 32), the catalog (Art. 3, 8, 9, 13, 33)
-- and the register of data elements that enforces one datum, one source (Art. 4(1), 12).

CREATE TABLE agencies (
    code                 varchar(18)  PRIMARY KEY,            -- unified social credit code, canonical
    name                 varchar(200) NOT NULL,
    kind                 varchar(32)  NOT NULL CHECK (kind IN ('ADMINISTRATIVE', 'PUBLIC_ENTERPRISE')),
    status               varchar(16)  NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED')),
    status_reason        varchar(2000),
    registered_at        timestamptz  NOT NULL,
    registered_by        varchar(200) NOT NULL,
    agreement_version    varchar(32),
    agreement_signed_by  varchar(200),
    agreement_signed_at  timestamptz,
    version              bigint       NOT NULL DEFAULT 0
);

-- Every signature is kept: which version of the agreement was in force when data was obtained.
CREATE TABLE agency_agreements (
    id          bigserial    PRIMARY KEY,
    agency      varchar(18)  NOT NULL REFERENCES agencies (code),
    version     varchar(32)  NOT NULL,
    signed_by   varchar(200) NOT NULL,
    signed_sub  varchar(200) NOT NULL,
    signed_at   timestamptz  NOT NULL
);
CREATE INDEX agency_agreements_agency ON agency_agreements (agency, signed_at DESC);

CREATE TABLE datasets (
    code            varchar(64)   PRIMARY KEY,
    name            varchar(200)  NOT NULL,
    provider        varchar(18)   NOT NULL REFERENCES agencies (code),
    subject_type    varchar(16)   NOT NULL CHECK (subject_type IN ('PERSON', 'ENTITY', 'OBJECT')),
    sharing_class   varchar(16)   CHECK (sharing_class IN ('UNCONDITIONAL', 'CONDITIONAL', 'SPECIAL')),
    update_cycle    varchar(16)   NOT NULL CHECK (update_cycle IN ('REALTIME', 'DAILY', 'WEEKLY', 'MONTHLY')),
    conditions      varchar(4000),
    legal_basis     varchar(4000),
    status          varchar(32)   NOT NULL CHECK (status IN ('PENDING_CLASSIFICATION', 'ACTIVE')),
    schema          jsonb         NOT NULL,   -- {"fields": [...]}: the field definitions
    registered_at   timestamptz   NOT NULL,
    registered_by   varchar(200)  NOT NULL,
    classified_at   timestamptz,
    classified_by   varchar(200),
    version         bigint        NOT NULL DEFAULT 0,
    -- Art. 19: data the law forbids sharing generally names the law that allows this sharing.
    CONSTRAINT special_needs_legal_basis
        CHECK (sharing_class IS DISTINCT FROM 'SPECIAL' OR coalesce(length(trim(legal_basis)), 0) > 0)
);
CREATE INDEX datasets_provider ON datasets (provider);
CREATE INDEX datasets_class ON datasets (sharing_class, subject_type);

-- One datum, one source: the first provider that declares a city-wide data element owns it.
CREATE TABLE element_sources (
    element     varchar(128) PRIMARY KEY,
    provider    varchar(18)  NOT NULL REFERENCES agencies (code),
    dataset     varchar(64)  NOT NULL REFERENCES datasets (code),
    field       varchar(64)  NOT NULL
);
