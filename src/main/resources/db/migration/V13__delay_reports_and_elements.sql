-- Art. 28: a provider that cannot update a dataset on time says why and by when; the report is
-- shown on the dataset until its date passes or the provider's next push, and the assessment
-- counts the dataset as excused rather than late while it is open.
CREATE TABLE delay_reports (
    id           bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dataset      varchar(64)   NOT NULL REFERENCES datasets (code),
    reason       varchar(2000) NOT NULL,
    expected_by  date          NOT NULL,
    filed_at     timestamptz   NOT NULL,
    filed_by     varchar(256)  NOT NULL,
    -- The filing transaction. A record written by a later transaction is the next push; asked
    -- through the change feed's index (records_feed: dataset_id, txid), it costs one index probe.
    filed_txid   xid8          NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX delay_reports_dataset ON delay_reports (dataset, id DESC);

-- Art. 4(1), 12: only an ACTIVE dataset holds a claim on a data element. A pending dataset's
-- claim is released, and each element so released goes to the earliest ACTIVE dataset that
-- declares it. Those were all of the same provider, since the old rule refused every other one.
DELETE FROM element_sources s USING datasets d WHERE d.code = s.dataset AND d.status <> 'ACTIVE';

INSERT INTO element_sources (element, provider, dataset, field)
SELECT DISTINCT ON (f.element) f.element, d.provider, d.code, f.name
FROM datasets d
CROSS JOIN LATERAL jsonb_to_recordset(d.schema -> 'fields') AS f(name text, element text)
WHERE d.status = 'ACTIVE' AND f.element IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM element_sources s WHERE s.element = f.element)
ORDER BY f.element, d.classified_at, d.code;
