-- The audit trail (Art. 31): who read or changed what, when and why, tamper-evident.
--
-- Each gateway instance appends its events to a hash chain of its own (chain = instance id):
-- hash(n) = SHA-256(hash(n-1) || canonical bytes of event n), computed by the instance's writer.
-- audit_chains keeps each chain's head, written in the same statement as the events, so that
-- deleting the newest events is found as well. A push writes its event in the same transaction
-- as its records, before it has a place in the chain ("unsealed": chain, seq and hash null); the
-- writer seals it right after, and a starting instance seals what a crashed one left unsealed.

CREATE SEQUENCE audit_event_ids;

CREATE TABLE audit_chains (
    chain       text PRIMARY KEY,
    started_at  timestamptz NOT NULL DEFAULT now(),
    -- Written with every batch and every few seconds: a chain not seen for a while is a dead instance's.
    seen_at     timestamptz NOT NULL DEFAULT now(),
    seq         bigint NOT NULL,
    hash        bytea NOT NULL,
    -- Retention drops whole months: the chain is verified from the last dropped event on.
    anchor_seq  bigint NOT NULL DEFAULT 0,
    anchor_hash bytea NOT NULL
);

CREATE TABLE audit_events (
    id          bigint NOT NULL DEFAULT nextval('audit_event_ids'),
    at          timestamptz NOT NULL,
    chain       text,
    seq         bigint,
    hash        bytea,
    agency      text,
    sub         text,
    action      text NOT NULL,
    dataset     text,
    subject     text,
    count       bigint,
    cursor_from text,
    cursor_to   text,
    outcome     text NOT NULL,
    code        text,
    request_id  text,
    case_id     text
) PARTITION BY RANGE (at);

-- Few indexes: every one is paid on each of tens of thousands of inserts a second (measured: the
-- subject index alone costs about as much as the row). Newest first by id; "who read this
-- person's data" by subject (Art. 31); case references; the chain order for verification. The
-- other filters (agency, dataset, action, outcome, request id) narrow the newest-first scan.
-- A writer's statement moves its chain's head only from the event the previous statement ended
-- with; otherwise (that statement failed) it fails too, and the chain never has a hole.
CREATE FUNCTION audit_chain_continues(continued boolean, chain text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    IF NOT continued THEN
        RAISE EXCEPTION 'audit chain % does not continue from the event this batch was linked to', chain
            USING ERRCODE = 'serialization_failure';
    END IF;
    RETURN true;
END $$;

CREATE INDEX audit_events_id ON audit_events (id);
CREATE INDEX audit_events_subject ON audit_events (subject, id) WHERE subject IS NOT NULL;
CREATE INDEX audit_events_case ON audit_events (case_id, id) WHERE case_id IS NOT NULL;
CREATE INDEX audit_events_chain ON audit_events (chain, seq);
CREATE INDEX audit_events_unsealed ON audit_events (at) WHERE hash IS NULL;

-- One partition per month (UTC months, whatever a session's time zone). The gateway creates the coming months itself (AuditPartitions); these
-- are the first ones, so a fresh database can take events at once.
CREATE FUNCTION audit_month_partition(month date) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    first date := date_trunc('month', month)::date;
    name text := 'audit_events_' || to_char(first, 'YYYY_MM');
BEGIN
    EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF audit_events FOR VALUES FROM (%L) TO (%L)',
                   name, first::timestamp AT TIME ZONE 'UTC', (first + interval '1 month')::timestamp AT TIME ZONE 'UTC');
END $$;

SELECT audit_month_partition((date_trunc('month', now()) + make_interval(months => m))::date)
FROM generate_series(-1, 2) AS m;
