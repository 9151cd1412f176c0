-- A catalog entry's life after registration (Art. 3, 33): every accepted edit is a new schema
-- version, kept with who made it and what it changed, so a consumer can tell which definition a
-- record was pushed under. Existing datasets start at version 1, their registration.
ALTER TABLE datasets ADD COLUMN description varchar(4000);
ALTER TABLE datasets ADD COLUMN schema_version integer NOT NULL DEFAULT 1;

CREATE TABLE dataset_versions (
    dataset  varchar(64)  NOT NULL REFERENCES datasets (code),
    version  integer      NOT NULL,
    at       timestamptz  NOT NULL,
    by       varchar(200) NOT NULL,
    changes  text[]       NOT NULL,   -- {"field 'email' added, optional", ...}: what this version changed, in words
    schema   jsonb        NOT NULL,   -- the field definitions as of this version
    PRIMARY KEY (dataset, version)
);

INSERT INTO dataset_versions (dataset, version, at, by, changes, schema)
SELECT code, 1, registered_at, registered_by, ARRAY['registered'], schema FROM datasets;
