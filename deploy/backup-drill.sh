#!/usr/bin/env bash
# Backup drill (Art. 27): load a database through the gateway, back it up, restore the backup into
# a new database, start a gateway on the restored one, and check that every record is there, that
# reads answer the same, and that the audit chain verifies intact.
#
#   ./mvnw -B -DskipTests package && deploy/backup-drill.sh [--records N]
#
# The backup is a logical one (pg_dump custom format, restored with pg_restore into a new
# database): the drill proves the data and the trail survive a restore. Production backups are
# base backups plus WAL archiving (docs/OPERATIONS.md); their restore ends in the same checks.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
records=50000
while [ $# -gt 0 ]; do
    case "$1" in
        --records) records="$2"; shift 2 ;;
        *) echo "usage: $0 [--records N]" >&2; exit 2 ;;
    esac
done

say() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf 'backup-drill: FAIL: %s\n' "$*" >&2; exit 1; }
jar="$root/target/quarkus-app/quarkus-run.jar"
[ -f "$jar" ] || die "$jar is missing: run ./mvnw -B -DskipTests package first"
"$root/deploy/local/services.sh" >/dev/null

source_db=exchange_drill_source
restored_db=exchange_drill_restored
work="$(mktemp -d "${TMPDIR:-/tmp}/backup-drill.XXXXXX")"
gateway_pid=""
stop_gateway() {
    if [ -n "$gateway_pid" ]; then
        kill "$gateway_pid" 2>/dev/null || true
        wait "$gateway_pid" 2>/dev/null || true
        gateway_pid=""
    fi
}
trap 'stop_gateway; [ -n "${KEEP_WORK:-}" ] || rm -rf "$work"' EXIT

# shellcheck source=local/scripted-gateway.sh
source "$root/deploy/local/scripted-gateway.sh"
psql_db() { psql -h 127.0.0.1 -U postgres -X -qAt "$@"; }

for db in $source_db $restored_db; do
    psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
done
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $source_db" >/dev/null

say "loading $records records through a gateway on $source_db"
port=18120
gateway_start $port $source_db
base="http://127.0.0.1:$port"
two_agencies "$base" drill
api POST "$base/api/v1/datasets" "$center" "{\"code\":\"drill-persons\",\"name\":\"户籍人口\",\"provider\":\"$provider\",\"subjectType\":\"PERSON\",\"sharingClass\":\"UNCONDITIONAL\",\"updateCycle\":\"DAILY\",\"fields\":$(person_fields UNCONDITIONAL)}"
java "$root/load-tests/generator/PersonRecords.java" "$records" 5 > "$work/records.ndjson"
push_records "$base" drill-persons "$work/records.ndjson" "$records"
sed -n 's/^{"key":"\([^"]*\)".*/\1/p' "$work/records.ndjson" | shuf -n 200 --random-source=<(yes) > "$work/sample.txt"
while read -r key; do
    curl -sf "localhost:$port/api/v1/datasets/drill-persons/records/$key" -H "Authorization: Bearer $consumer_token" \
        -H "X-Case-Id: drill" > "$work/before-$key.json" || die "lookup of $key failed before the backup"
done < "$work/sample.txt"
before_verify=$(curl -sf "localhost:$port/api/v1/audit/verify" -H "Authorization: Bearer $center")
stop_gateway # a quiet database: every push event sealed, nothing in flight
echo "$before_verify" | grep -q '"intact":true' || die "the trail did not verify before the backup: $before_verify"

fingerprint() { # DATABASE: what must survive, as one line per table
    psql_db -d "$1" -c "SELECT 'records', count(*), md5(string_agg(dataset_id || ':' || key || ':' || version || ':' || coalesce(data::text, '-'), '|' ORDER BY dataset_id, key)) FROM records" \
        -c "SELECT 'audit_events', count(*), md5(string_agg(id || ':' || coalesce(encode(hash, 'hex'), '-'), '|' ORDER BY id)) FROM audit_events" \
        -c "SELECT 'audit_chains', count(*), md5(string_agg(chain || ':' || seq || ':' || encode(hash, 'hex'), '|' ORDER BY chain)) FROM audit_chains" \
        -c "SELECT 'catalog', count(*), md5(string_agg(code || ':' || version, '|' ORDER BY code)) FROM datasets"
}
fingerprint $source_db > "$work/source.txt"

say "backing up $source_db (pg_dump, custom format)"
started=$(date +%s.%N)
pg_dump -h 127.0.0.1 -U postgres -Fc -f "$work/backup.dump" $source_db
backed=$(date +%s.%N)
say "restoring into $restored_db (pg_restore)"
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $restored_db" >/dev/null
pg_restore -h 127.0.0.1 -U postgres -d $restored_db --exit-on-error "$work/backup.dump"
restored=$(date +%s.%N)
fingerprint $restored_db > "$work/restored.txt"
diff "$work/source.txt" "$work/restored.txt" || die "the restored database differs from the source"

# docs/OPERATIONS.md: after a restore, forget cached records: they may be newer than the backup.
redis-cli -h 127.0.0.1 --scan --pattern 'exchange:rec:*' | xargs -r -n 500 redis-cli -h 127.0.0.1 DEL >/dev/null

say "starting a gateway on $restored_db"
port=18121
gateway_start $port $restored_db
mismatches=0
while read -r key; do
    curl -sf "localhost:$port/api/v1/datasets/drill-persons/records/$key" -H "Authorization: Bearer $consumer_token" \
        > "$work/after-$key.json" || die "lookup of $key failed after the restore"
    cmp -s "$work/before-$key.json" "$work/after-$key.json" || mismatches=$((mismatches + 1))
done < "$work/sample.txt"
[ "$mismatches" -eq 0 ] || die "$mismatches of 200 sampled lookups answer differently after the restore"
after_verify=$(curl -sf "localhost:$port/api/v1/audit/verify" -H "Authorization: Bearer $center")
echo "$after_verify" | grep -q '"intact":true' || die "the restored trail does not verify: $after_verify"
stop_gateway

echo
echo "== Backup drill: $records records"
awk -F'|' '{printf "%-14s %10s rows  md5 %s\n", $1, $2, $3}' "$work/restored.txt"
printf 'backup  : %s MB in %s s\n' "$(du -m "$work/backup.dump" | cut -f1)" "$(awk -v a="$backed" -v b="$started" 'BEGIN {printf "%.1f", a - b}')"
printf 'restore : %s s\n' "$(awk -v a="$restored" -v b="$backed" 'BEGIN {printf "%.1f", a - b}')"
echo "sampled lookups after restore: 200 of 200 identical"
echo "audit verify before: $before_verify"
echo "audit verify after : $after_verify"
echo "PASS  every record, audit event and chain head restored; the trail verifies intact"
