-- Art. 31: "who read this person" also names the bulk reads by which a key left the platform
-- (docs/audit.md, "Bulk reads"), precisely rather than by dataset.
--
-- A change page's event carries the keys it handed out (at most the page's limit), hashed with
-- the rest of the event; a GIN index finds a key's pages. An export's events carry the snapshot
-- it read (and, for an export of changes, the cursor it started after): whether a key was in it
-- is decided from the key's lifetimes, not stored per key (an export may hold millions).
ALTER TABLE audit_events ADD COLUMN keys text[];
ALTER TABLE audit_events ADD COLUMN snapshot text;
CREATE INDEX audit_events_keys ON audit_events USING gin (keys) WHERE keys IS NOT NULL;
CREATE INDEX audit_events_snapshots ON audit_events (dataset) WHERE snapshot IS NOT NULL;

-- A key's lifetime: from the transaction that stored it (born) to the one that removed it. The
-- current row holds its latest lifetime (born, and txid when deleted); the earlier ones of a key
-- removed and pushed again are kept in record_lifetimes. Rows stored before this migration have
-- born null: alive since before any snapshot the trail records. A column without a default is
-- added without rewriting the table; the default set afterwards applies to new rows only.
ALTER TABLE records ADD COLUMN born xid8;
ALTER TABLE records ALTER COLUMN born SET DEFAULT pg_current_xact_id();

CREATE TABLE record_lifetimes (
    dataset_id integer NOT NULL,
    key        text    NOT NULL,
    born       xid8,
    died       xid8    NOT NULL
);
CREATE INDEX record_lifetimes_key ON record_lifetimes (dataset_id, key);

-- Only a removed key pushed again fires it (the WHEN clause is checked without calling the
-- function): pushes of live keys pay nothing.
CREATE FUNCTION record_reborn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO record_lifetimes (dataset_id, key, born, died) VALUES (OLD.dataset_id, OLD.key, OLD.born, OLD.txid);
    NEW.born := pg_current_xact_id();
    RETURN NEW;
END $$;
CREATE TRIGGER records_reborn BEFORE UPDATE ON records FOR EACH ROW
    WHEN (OLD.deleted AND NOT NEW.deleted) EXECUTE FUNCTION record_reborn();

-- The datasets that ever stored the key (a removed key keeps its row): the only ones whose exports
-- can have carried it. One primary-key probe per dataset.
CREATE FUNCTION bulk_read_datasets(wanted text) RETURNS text[] LANGUAGE sql STABLE AS $$
    SELECT coalesce(array_agg(d.code), '{}') FROM datasets d
    WHERE EXISTS (SELECT 1 FROM records r WHERE r.dataset_id = d.id AND r.key = wanted)
$$;

-- Every lifetime of the key in every dataset, with the transaction that wrote its current version
-- there (latest). A search reads them once (as an init plan) and checks each export against them
-- without touching records again.
CREATE TYPE record_lifetime AS (dataset text, born xid8, died xid8, latest xid8);

CREATE FUNCTION bulk_read_lifetimes(wanted text) RETURNS record_lifetime[] LANGUAGE sql STABLE AS $$
    SELECT coalesce(array_agg(ROW(d.code, l.born, l.died, r.txid)::record_lifetime), '{}')
    FROM datasets d
    JOIN records r ON r.dataset_id = d.id AND r.key = wanted
    CROSS JOIN LATERAL (
        SELECT r.born, CASE WHEN r.deleted THEN r.txid END AS died
        UNION ALL
        SELECT p.born, p.died FROM record_lifetimes p WHERE p.dataset_id = r.dataset_id AND p.key = wanted
    ) l
$$;

-- Whether an export of dataset_code that read `read` carried the key whose lifetimes are given.
-- `read` is the export's snapshot (pg_snapshot text) and, for an export of changes,
-- '/' txid '/' key of the cursor it started after.
--
-- An export of current records carried the keys alive in its snapshot: some lifetime whose birth
-- the snapshot sees and whose end it does not. An export of changes carried a key whose version
-- in the snapshot was written after its cursor: exact when the key's current version is the one
-- the snapshot saw (or the snapshot saw it removed). When the key changed again after the export,
-- the version the export saw is no longer known (records keep the latest only), and the export is
-- counted if the key was alive in its snapshot: the trail may name an export that did not carry a
-- key, never miss one that did.
CREATE FUNCTION bulk_read_carried(dataset_code text, wanted text, lifetimes record_lifetime[], read text)
    RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    snap      pg_snapshot := split_part(read, '/', 1)::pg_snapshot;
    since     xid8;
    since_key text;
    l         record_lifetime;
    latest    xid8;
    alive     boolean := false;
    last_end  xid8;
BEGIN
    FOREACH l IN ARRAY lifetimes LOOP
        CONTINUE WHEN l.dataset IS DISTINCT FROM dataset_code;
        latest := l.latest;
        IF (l.born IS NULL OR pg_visible_in_snapshot(l.born, snap))
                AND (l.died IS NULL OR NOT pg_visible_in_snapshot(l.died, snap)) THEN
            alive := true;
        END IF;
        IF l.died IS NOT NULL AND pg_visible_in_snapshot(l.died, snap) AND (last_end IS NULL OR l.died > last_end) THEN
            last_end := l.died;
        END IF;
    END LOOP;
    IF latest IS NULL OR position('/' IN read) = 0 THEN
        RETURN alive;
    END IF;
    since := split_part(read, '/', 2)::xid8;
    since_key := substr(read, length(split_part(read, '/', 1)) + length(split_part(read, '/', 2)) + 3);
    IF pg_visible_in_snapshot(latest, snap) THEN
        RETURN (latest, wanted) > (since, since_key);
    END IF;
    RETURN alive OR (last_end IS NOT NULL AND (last_end, wanted) > (since, since_key));
END $$;
