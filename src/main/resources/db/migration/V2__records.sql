-- Records of every dataset: the current state of each key, with its version and the transaction
-- that last changed it. Planned for a billion rows: hash partitions by dataset spread the heap and
-- indexes; see README "Records storage".

ALTER TABLE datasets ADD COLUMN id integer GENERATED ALWAYS AS IDENTITY UNIQUE;

CREATE TABLE records (
    dataset_id  integer     NOT NULL,
    key         text        NOT NULL,          -- canonical subject key (upper case)
    data        jsonb,                          -- null once removed
    version     bigint      NOT NULL,           -- 1 on first push, +1 on every real change
    deleted     boolean     NOT NULL DEFAULT false,
    updated_at  timestamptz NOT NULL,
    -- The writing transaction: the change feed hands out only rows whose transaction is older
    -- than every transaction still running, so a late commit can never slip behind a cursor.
    txid        xid8        NOT NULL DEFAULT pg_current_xact_id(),
    PRIMARY KEY (dataset_id, key)
) PARTITION BY HASH (dataset_id);

DO $$
BEGIN
    FOR i IN 0..15 LOOP
        EXECUTE format('CREATE TABLE records_p%s PARTITION OF records FOR VALUES WITH (MODULUS 16, REMAINDER %s)',
                       lpad(i::text, 2, '0'), i);
    END LOOP;
END $$;

-- The change feed: (txid, key) after the cursor, per dataset.
CREATE INDEX records_feed ON records (dataset_id, txid, key);
