-- Per-agency quotas set by the center (API.md, "Quotas"). An agency without a row has the
-- configured defaults (exchange.quota.default-*).
CREATE TABLE agency_quotas (
    agency               varchar(18)  PRIMARY KEY REFERENCES agencies (code),
    requests_per_second  integer      NOT NULL CHECK (requests_per_second >= 1),
    concurrent_exports   integer      NOT NULL CHECK (concurrent_exports >= 1),
    updated_at           timestamptz  NOT NULL,
    updated_by           varchar(200) NOT NULL
);
