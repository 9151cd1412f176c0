-- Issue 18 (Art. 34): timeliness is judged per update-cycle period, so the assessment needs the
-- history of pushes, not only of changes: a provider pushing a stable dataset unchanged on time is
-- on time. One row per dataset and city day with a push that received an item (changed or not),
-- upserted once per push request; bounded by datasets x days.
CREATE TABLE dataset_push_days (
    dataset_id  integer      NOT NULL,
    day         date         NOT NULL,
    first_at    timestamptz  NOT NULL,
    last_at     timestamptz  NOT NULL,
    PRIMARY KEY (dataset_id, day)
);

-- The catalog shows the last push; written by the same statement, at most once a second per
-- dataset, so concurrent pushes of one dataset do not queue on its row.
ALTER TABLE datasets ADD COLUMN last_push_at timestamptz;

-- Before this migration only changes were kept: the days on which a push changed something (its
-- audit events, and the records' last writes) stand in for the pushes of the past.
INSERT INTO dataset_push_days (dataset_id, day, first_at, last_at)
SELECT dataset_id, (at AT TIME ZONE 'Asia/Shanghai')::date, min(at), max(at)
FROM (
    SELECT d.id AS dataset_id, e.at FROM audit_events e JOIN datasets d ON d.code = e.dataset
    WHERE e.action = 'PUSH' AND e.outcome = 'OK' AND e.count > 0
    UNION ALL
    SELECT dataset_id, updated_at FROM records
) pushed
GROUP BY 1, 2;

UPDATE datasets d SET last_push_at = p.last_at
FROM (SELECT dataset_id, max(last_at) AS last_at FROM dataset_push_days GROUP BY dataset_id) p
WHERE p.dataset_id = d.id;

-- Art. 33: the center publishes each year what it requires of whom (datasets and their update
-- cycle) and how the assessment weighs its figures into a score; replaced until the year's report
-- is published.
CREATE TABLE assessment_requirements (
    year        integer        PRIMARY KEY,
    datasets    jsonb          NOT NULL,
    weights     jsonb          NOT NULL,
    notes       varchar(4000),
    set_at      timestamptz    NOT NULL,
    set_by      varchar(256)   NOT NULL
);
