#!/usr/bin/env bash
# Audit table experiment (issue 15): what each index of audit_events costs PostgreSQL per
# inserted event, and what the same events cost stored as blocks of 1,000 in one bytea row each.
# Inserts run inside PostgreSQL (a DO block over 200,000 prepared rows in batches of 5,000), so
# the figures are PostgreSQL's own work per row, without the client or the wire. Run twice: the
# machine is shared, compare within one run.
#
#   load-tests/audit-table-bench.sh
set -euo pipefail
db=exchange_audit_table_bench
psql() { command psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 "$@"; }
psql -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
# 200,000 events shaped like audited lookups: random subjects over a million keys, like real reads.
psql -d $db -q <<'SQL'
CREATE UNLOGGED TABLE src AS
SELECT now() - (i || ' ms')::interval AS at, 'chain-a' AS chain, i::bigint AS seq, sha256(i::text::bytea) AS hash,
       'AGENCY' || (i % 20) AS agency, 'sub-' || (i % 50) AS sub, 'READ' AS action, 'lookup-unconditional' AS dataset,
       lpad((i * 7919 % 1000000)::text, 18, '1') AS subject, 1::bigint AS count, NULL::text AS cursor_from,
       NULL::text AS cursor_to, 'ALLOWED' AS outcome, NULL::text AS code, md5(i::text) AS request_id, NULL::text AS case_id
FROM generate_series(1, 200000) i;
CREATE INDEX ON src (seq);
SQL

per_row() { # NAME "index DDL": a fresh partitioned table like audit_events with those indexes
    psql -d $db -q -c "DROP TABLE IF EXISTS ev CASCADE" -c "DROP SEQUENCE IF EXISTS ev_ids" \
        -c "CREATE SEQUENCE ev_ids" \
        -c "CREATE TABLE ev (id bigint NOT NULL DEFAULT nextval('ev_ids'), at timestamptz NOT NULL, chain text,
              seq bigint, hash bytea, agency text, sub text, action text NOT NULL, dataset text, subject text,
              count bigint, cursor_from text, cursor_to text, outcome text NOT NULL, code text, request_id text,
              case_id text) PARTITION BY RANGE (at)" \
        -c "CREATE TABLE ev_p PARTITION OF ev FOR VALUES FROM ('2000-01-01') TO ('2100-01-01')" ${2:+-c "$2"}
    psql -d $db -qtA 2>&1 <<SQL | sed -n 's/^NOTICE: *//p'
DO \$\$ DECLARE t0 timestamptz := clock_timestamp(); BEGIN
  FOR b IN 0..39 LOOP
    INSERT INTO ev (at, chain, seq, hash, agency, sub, action, dataset, subject, count, cursor_from, cursor_to,
                    outcome, code, request_id, case_id)
    SELECT at, chain, seq, hash, agency, sub, action, dataset, subject, count, cursor_from, cursor_to,
           outcome, code, request_id, case_id
    FROM src WHERE seq > b * 5000 AND seq <= (b + 1) * 5000;
  END LOOP;
  RAISE NOTICE '%', format('%-44s %6s us an event', '$1', round(extract(epoch from clock_timestamp() - t0) * 1e6 / 200000, 2));
END \$\$;
SQL
}

echo "== PostgreSQL's time per inserted audit event ($(psql -tAc 'SHOW server_version'), $(nproc) CPUs)"
per_row "no index (heap, id sequence, partition)" ""
per_row "+ id" "CREATE INDEX ON ev (id)"
per_row "+ (subject, id) B-tree, as in V4" "CREATE INDEX ON ev (subject, id) WHERE subject IS NOT NULL"
per_row "+ subject hash, as in V11" "CREATE INDEX ON ev USING hash (subject) WHERE subject IS NOT NULL"
per_row "+ (chain, seq)" "CREATE INDEX ON ev (chain, seq)"
per_row "+ (case_id, id) and unsealed, both partial" "CREATE INDEX ON ev (case_id, id) WHERE case_id IS NOT NULL; CREATE INDEX ON ev (at) WHERE hash IS NULL"
per_row "+ BRIN on at" "CREATE INDEX ON ev USING brin (at)"
per_row "V4 (five indexes)" "CREATE INDEX ON ev (id); CREATE INDEX ON ev (subject, id) WHERE subject IS NOT NULL; CREATE INDEX ON ev (case_id, id) WHERE case_id IS NOT NULL; CREATE INDEX ON ev (chain, seq); CREATE INDEX ON ev (at) WHERE hash IS NULL"
per_row "V11 (subject hashed)" "CREATE INDEX ON ev (id); CREATE INDEX ON ev USING hash (subject) WHERE subject IS NOT NULL; CREATE INDEX ON ev (case_id, id) WHERE case_id IS NOT NULL; CREATE INDEX ON ev (chain, seq); CREATE INDEX ON ev (at) WHERE hash IS NULL"

# The same events as blocks: 1,000 events' bytes in one uncompressed bytea, indexed by id and chain.
psql -d $db -qtA 2>&1 <<'SQL' | sed -n 's/^NOTICE: *//p'
CREATE TABLE blk (id bigserial, at_from timestamptz NOT NULL, at_to timestamptz NOT NULL, chain text NOT NULL,
  first_seq bigint NOT NULL, last_seq bigint NOT NULL, events bytea NOT NULL) PARTITION BY RANGE (at_from);
CREATE TABLE blk_p PARTITION OF blk FOR VALUES FROM ('2000-01-01') TO ('2100-01-01');
ALTER TABLE blk_p ALTER COLUMN events SET STORAGE EXTERNAL;
CREATE INDEX ON blk (id); CREATE INDEX ON blk (chain, first_seq); CREATE INDEX ON blk USING brin (at_from);
CREATE TEMP TABLE payload AS SELECT (seq - 1) / 1000 AS b, string_agg(convert_to(concat_ws('|', at, chain, seq,
  encode(hash, 'hex'), agency, sub, action, dataset, subject, count, outcome, request_id), 'UTF8'), ''::bytea ORDER BY seq) AS events
  FROM src GROUP BY 1;
DO $$ DECLARE t0 timestamptz := clock_timestamp(); r record; BEGIN
  FOR r IN SELECT * FROM payload ORDER BY b LOOP
    INSERT INTO blk (at_from, at_to, chain, first_seq, last_seq, events)
    VALUES (now(), now(), 'chain-a', r.b * 1000 + 1, r.b * 1000 + 1000, r.events);
  END LOOP;
  RAISE NOTICE '%', format('%-44s %6s us an event', 'blocks of 1,000 events (one bytea row each)',
                           round(extract(epoch from clock_timestamp() - t0) * 1e6 / 200000, 2));
END $$;
SQL
psql -qc "DROP DATABASE $db" >/dev/null
