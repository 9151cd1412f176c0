-- Open data (Art. 23, 25): the datasets a provider has published to everyone, with the fields it
-- chose. The row is the provider's consent; withdrawing deletes it (the audit trail keeps both acts
-- as CATALOG events). Reads also check that the dataset is still ACTIVE and UNCONDITIONAL.
CREATE TABLE open_datasets (
    dataset      varchar(64)   PRIMARY KEY REFERENCES datasets (code),
    fields       text[]        NOT NULL CHECK (cardinality(fields) > 0),
    -- the record's key goes out only when the provider chose so, and never for PERSON data
    key_published boolean      NOT NULL DEFAULT false,
    title        varchar(200),
    description  varchar(4000),
    opened_at    timestamptz   NOT NULL,
    opened_by    varchar(200)  NOT NULL,
    changed_at   timestamptz   NOT NULL,
    changed_by   varchar(200)  NOT NULL
);
