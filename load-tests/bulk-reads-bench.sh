#!/usr/bin/env bash
# Bulk reads in the trail (issue 17, V22): what "who read this person" costs once change pages
# carry their keys and exports their snapshots, and what the keys cost each change page's insert.
# A fresh database gets the project's migrations, a dataset of a million records, a million
# audited lookups, 2,000 change pages of 500 keys and 1,000 exports; the figures are PostgreSQL's
# own work (inserts run inside DO blocks, searches under EXPLAIN ANALYZE). Compare within one run.
#
#   load-tests/bulk-reads-bench.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
db=exchange_bulk_reads_bench
psql() { command psql -X -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 "$@"; }
psql -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
for f in $(ls "$here/../src/main/resources/db/migration" | sort -t_ -k1.2n); do
    psql -d $db -q -f "$here/../src/main/resources/db/migration/$f" >/dev/null
done

psql -d $db -q <<'SQL'
INSERT INTO agencies (code, name, kind, status, registered_at, registered_by)
VALUES ('PROVIDER', 'provider', 'ADMINISTRATIVE', 'ACTIVE', now(), 'bench');
INSERT INTO datasets (code, name, provider, subject_type, update_cycle, status, schema, registered_at,
                      registered_by, sharing_class)
SELECT 'ds-' || i, 'ds', 'PROVIDER', 'PERSON', 'DAILY', 'ACTIVE', '{}', now(), 'bench', 'CONDITIONAL'
FROM generate_series(1, 50) i;
-- A million persons in ds-1, 20,000 in each other dataset.
INSERT INTO records (dataset_id, key, data, version, updated_at)
SELECT (SELECT id FROM datasets WHERE code = 'ds-1'), '9' || lpad(k::text, 17, '0'), '{"name":"x"}', 1, now()
FROM generate_series(1, 1000000) k;
INSERT INTO records (dataset_id, key, data, version, updated_at)
SELECT d.id, '9' || lpad(k::text, 17, '0'), '{"name":"x"}', 1, now()
FROM datasets d, generate_series(1, 20000) k WHERE d.code <> 'ds-1';
-- A million audited lookups of random persons.
INSERT INTO audit_events (at, chain, seq, action, dataset, subject, count, outcome)
SELECT now() - (i || ' ms')::interval, 'bench', i, 'READ', 'ds-' || (1 + i % 50),
       '9' || lpad((1 + i::bigint * 7919 % 1000000)::text, 17, '0'), 1, 'OK'
FROM generate_series(1, 1000000) i;
ANALYZE;
SQL

echo "== inserting 2,000 change pages of 500 keys, without and with their keys (PostgreSQL's time)"
psql -d $db -qtA 2>&1 <<'SQL' | sed -n 's/^NOTICE: *//p'
CREATE UNLOGGED TABLE pages AS
SELECT p, ARRAY(SELECT '9' || lpad((1 + (p * 500 + k) % 1000000)::text, 17, '0') FROM generate_series(0, 499) k) AS keys
FROM generate_series(1, 2000) p;
DO $$ DECLARE t0 timestamptz; plain interval; keyed interval; BEGIN
  t0 := clock_timestamp();
  INSERT INTO audit_events (at, chain, seq, action, dataset, count, cursor_from, cursor_to, outcome)
  SELECT now(), 'bench-plain', p, 'CHANGES', 'ds-1', 500, 'from', 'to', 'OK' FROM pages;
  plain := clock_timestamp() - t0;
  t0 := clock_timestamp();
  INSERT INTO audit_events (at, chain, seq, action, dataset, count, cursor_from, cursor_to, outcome, keys)
  SELECT now(), 'bench-pages', p, 'CHANGES', 'ds-1', 500, 'from', 'to', 'OK', keys FROM pages;
  keyed := clock_timestamp() - t0;
  RAISE NOTICE 'pages without keys: % us a page', round(extract(epoch FROM plain) * 1e6 / 2000, 1);
  RAISE NOTICE 'pages with 500 keys: % us a page, % us a key', round(extract(epoch FROM keyed) * 1e6 / 2000, 1),
      round(extract(epoch FROM keyed - plain) * 1e6 / 1000000, 2);
END $$;
SQL

# 1,000 exports of ds-1 and 1,000 of other datasets, each with the snapshot it read.
psql -d $db -q <<'SQL'
INSERT INTO audit_events (at, chain, seq, action, dataset, cursor_to, outcome, snapshot)
SELECT now(), 'bench-exports', e, 'EXPORT', 'ds-' || (1 + e % 50), 'to', 'OK', pg_current_snapshot()::text
FROM generate_series(1, 2000) e;
ANALYZE audit_events;
SQL

key=$(psql -d $db -tAc "SELECT '9' || lpad('1000', 17, '0')")
echo "== who read $key: lookups, change pages and exports, as AuditQuery asks (best of 3)"
search="SELECT count(*) FROM (SELECT id FROM audit_events WHERE (subject = '$key' OR keys @> ARRAY['$key']::text[]
        OR (snapshot IS NOT NULL AND dataset = ANY((SELECT bulk_read_datasets('$key'))::text[])
            AND bulk_read_carried(dataset, '$key', (SELECT bulk_read_lifetimes('$key')), snapshot)))
        ORDER BY id DESC LIMIT 101) page"
timed() { # best of three, in ms
    for _ in 1 2 3; do psql -d $db -qtA -c '\timing on' -c "$1" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p'; done | sort -n | head -1
}
echo "search with bulk reads: $(timed "$search") ms ($(psql -d $db -qtAc "$search") events found, 2,000 exports of the key's datasets checked)"
echo "search by subject alone, as before V22: $(timed "SELECT count(*) FROM (SELECT id FROM audit_events WHERE subject = '$key' ORDER BY id DESC LIMIT 101) page") ms"
echo "== sizes"
psql -d $db -qtAc "SELECT 'change pages keys index (1,000,000 keys): ' || pg_size_pretty(sum(pg_relation_size(i.indexrelid)))
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname LIKE 'audit_events_%keys_idx'"
psql -d $db -qtAc "SELECT 'subject hash index (1,000,000 lookups): ' || pg_size_pretty(sum(pg_relation_size(i.indexrelid)))
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname LIKE 'audit_events_%subject_idx'"
[ -n "${KEEP:-}" ] || psql -qc "DROP DATABASE $db" >/dev/null
