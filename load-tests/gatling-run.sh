#!/usr/bin/env bash
# Gatling load tests (production-readiness issue): real-time sync, bulk export and mixed reads against
# 1 or 2 gateway processes sharing one PostgreSQL database and one Redis, then the correctness checks
# of the records and access issues. Reports under load-tests/target/gatling/.
#
#   ./mvnw -B -DskipTests package && load-tests/gatling-run.sh [--instances 1|2] [--records N] [--seconds S]
#
# Exit status: 0 all simulations' assertions and all checks passed, 1 something failed, 2 could not run.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
instances=2
records=20000
seconds=30
db=exchange_gatling
ports=(18130 18131)
while [ $# -gt 0 ]; do
    case "$1" in
        --instances) instances="$2"; shift 2 ;;
        --records) records="$2"; shift 2 ;;
        --seconds) seconds="$2"; shift 2 ;;
        *) echo "usage: $0 [--instances 1|2] [--records N] [--seconds S]" >&2; exit 2 ;;
    esac
done
case "$instances" in 1 | 2) ;; *) echo "--instances must be 1 or 2" >&2; exit 2 ;; esac

say() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf 'gatling-run: %s\n' "$*" >&2; exit 2; }
# shellcheck source=../deploy/local/scripted-gateway.sh
source "$root/deploy/local/scripted-gateway.sh"
jar="$root/target/quarkus-app/quarkus-run.jar"
[ -f "$jar" ] || die "$jar is missing: run ./mvnw -B -DskipTests package first"
for tool in java curl psql python3 redis-cli; do command -v $tool >/dev/null || die "$tool is missing"; done

work="$(mktemp -d "${TMPDIR:-/tmp}/gatling-run.XXXXXX")"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
urls=()
for i in $(seq 0 $((instances - 1))); do
    port=${ports[$i]}
    say "starting gateway $((i + 1)) on :$port (database $db)"
    # The first instance migrates the new database before the second one starts.
    gateway_start $port $db EXCHANGE_QUOTA_DEFAULT_REQUESTS_PER_SECOND=100000
    pids+=("$gateway_pid")
    # The request rate is lifted (the load is to measure the gateway, not its limits); the cap on
    # concurrent exports stays at its default, which the export simulation's exporters just fill:
    # an export's end leaves only once its slot is back in Redis, so none is refused.
    urls+=("http://127.0.0.1:$port")
done
A=${urls[0]}                 # writes and management go through instance A
B=${urls[$((instances - 1))]} # the checks read through instance B (A itself with one instance)
gateway_urls=$(IFS=,; echo "${urls[*]}")

two_agencies "$A" gatling
for class in UNCONDITIONAL CONDITIONAL; do
    api POST "$A/api/v1/datasets" "$center" "{\"code\":\"gatling-${class,,}\",\"name\":\"户籍人口\",\"provider\":\"$provider\",\"subjectType\":\"PERSON\",\"sharingClass\":\"$class\",\"updateCycle\":\"DAILY\",\"legalBasis\":\"gatling\",\"fields\":$(person_fields $class)}"
done
until=$(date -d '+1 year' +%F)
api POST "$A/api/v1/grants" "$center" "{\"consumer\":\"$consumer\",\"dataset\":\"gatling-conditional\",\"fields\":[\"name\",\"gender\",\"birthDate\"],\"purpose\":\"户口核验\",\"use\":\"DUTY\",\"validUntil\":\"$until\"}"
grant_id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$work/api.out")

say "generating and pushing $records records into each dataset (through instance A)"
java "$here/generator/PersonRecords.java" "$records" 7 > "$work/records.ndjson"
{ echo key; sed -n 's/^{"key":"\([^"]*\)".*/\1/p' "$work/records.ndjson"; } > "$work/keys.csv"
for code in gatling-unconditional gatling-conditional; do
    push_records "$A" $code "$work/records.ndjson" "$records"
done

# ---------------------------------------------------------------- the simulations
status=0
results="$here/target/gatling"
mkdir -p "$results"
declare -A report
for sim in RealTimeSyncSimulation BulkExportSimulation MixedReadsSimulation; do
    say "Gatling: $sim (${seconds} s, over ${gateway_urls})"
    before=$(ls -1d "$results"/*/ 2>/dev/null | sort || true)
    if (cd "$root" && ./mvnw -q -f load-tests/gatling/pom.xml gatling:test \
            -Dgatling.simulationClass=org.cityplatform.exchange.gatling.$sim \
            -Dgateway.urls="$gateway_urls" -Dprovider.token="$provider_token" -Dconsumer.token="$consumer_token" \
            -Ddataset.unconditional=gatling-unconditional -Ddataset.conditional=gatling-conditional \
            -Dkeys.file="$work/keys.csv" -Drecords="$records" -Dduration.seconds="$seconds") > "$work/$sim.out" 2>&1; then
        report[$sim]=PASS
    else
        report[$sim]=FAIL; status=1
    fi
    # Gatling's final summary and its assertions (the live progress blocks are left out).
    awk '/^---- Global Information/ {on = 1} on {print} on && /^====/ {on = 0}' "$work/$sim.out" || true
    grep -E ' : (true|false)$|Reports generated' "$work/$sim.out" || true
    [ "${report[$sim]}" = PASS ] || tail -30 "$work/$sim.out"
    after=$(ls -1d "$results"/*/ 2>/dev/null | sort || true)
    dir=$(comm -13 <(echo "$before") <(echo "$after") | tail -1)
    report[$sim.dir]="${dir%/}"
done

# ---------------------------------------------------------------- correctness checks
say "correctness checks (writes through $A, reads through $B)"
check() { # LABEL OK? DETAIL
    if [ "$2" = 0 ]; then echo "PASS  $1: $3"; else echo "FAIL  $1: $3"; status=1; fi
}
sql() { psql -h 127.0.0.1 -U postgres -d $db -Atc "$1"; }
ds_id=$(sql "SELECT id FROM datasets WHERE code = 'gatling-unconditional'")
db_state=$(sql "SELECT count(*) || ' ' || md5(coalesce(string_agg(key || ':' || version, ',' ORDER BY key), ''))
                FROM records WHERE dataset_id = $ds_id AND NOT deleted")
db_changed=$(sql "SELECT count(*) FROM records WHERE dataset_id = $ds_id AND version > 1")

# (1) the state equals what was pushed: an export through B against the database.
curl -sf "$B/api/v1/datasets/gatling-unconditional/export" -H "Authorization: Bearer $consumer_token" \
    -H 'Accept: application/x-ndjson' -o "$work/export.ndjson" || die "export through B failed"
export_state=$(python3 - "$work/export.ndjson" <<'PY'
import hashlib, json, sys
rows = sorted((r["key"], r["version"]) for r in map(json.loads, open(sys.argv[1], encoding="utf-8")) )
print(len(rows), hashlib.md5(",".join(f"{k}:{v}" for k, v in rows).encode()).hexdigest())
PY
)
[ "$export_state" = "$db_state" ]; check "state: export via B = database (keys md5(key:version))" $? \
    "export $export_state, database $db_state, $db_changed keys updated during the sync"
# and a sample of single lookups through B at the database's version
sample_ok=0
while read -r key version; do
    got=$(curl -s "$B/api/v1/datasets/gatling-unconditional/records/$key" -H "Authorization: Bearer $consumer_token" |
        python3 -c 'import json,sys; print(json.load(sys.stdin).get("version"))')
    [ "$got" = "$version" ] || { sample_ok=1; echo "  $key: lookup via B version $got, database $version"; }
done < <(sql "SELECT key || ' ' || version FROM records WHERE dataset_id = $ds_id AND version > 1 ORDER BY random() LIMIT 200" | tr -d '\r')
check "state: 200 lookups via B of keys updated in the sync return the database's version" $sample_ok "sampled"

# (2) a follower of the whole change feed through B.
feed_state=$(python3 - "$B" "$consumer_token" <<'PY'
import hashlib, json, sys, urllib.request
base, token = sys.argv[1], sys.argv[2]
seen, since, pages, rows, regress = {}, None, 0, 0, 0
while True:
    url = f"{base}/api/v1/datasets/gatling-unconditional/changes?limit=10000" + (f"&since={since}" if since else "")
    page = json.load(urllib.request.urlopen(urllib.request.Request(url, headers={"Authorization": "Bearer " + token})))
    pages += 1; rows += len(page["changes"])
    for c in page["changes"]:
        if c["version"] <= seen.get(c["key"], 0): regress += 1
        seen[c["key"]] = c["version"]
    since = page["next"]
    if not page["changes"]: break
state = sorted(seen.items())
print(len(state), hashlib.md5(",".join(f"{k}:{v}" for k, v in state).encode()).hexdigest(), pages, rows, regress)
PY
)
read -r f_count f_md5 f_pages f_rows f_regress <<<"$feed_state"
[ "$f_count $f_md5" = "$db_state" ] && [ "$f_regress" = 0 ]; check "feed: a follower from the start via B sees every key at its current version" $? \
    "$f_count keys md5 $f_md5 ($f_rows changes in $f_pages pages, $f_regress version regressions), database $db_state"

# (3) access: a revocation through A is refused by B within a second.
key=$(sed -n 2p "$work/keys.csv")
lookup_b() { curl -s -o "$work/lookup.out" -w '%{http_code}' "$B/api/v1/datasets/gatling-conditional/records/$key" -H "Authorization: Bearer $consumer_token"; }
code=$(lookup_b)
[ "$code" = 200 ] || echo "  before the revocation B answered $code"
api DELETE "$A/api/v1/grants/$grant_id" "$center"
t0=$(date +%s%N); refused=1; elapsed=""
while :; do
    code=$(lookup_b); now=$(date +%s%N)
    if [ "$code" = 403 ] && grep -q NO_GRANT "$work/lookup.out"; then refused=0; elapsed=$(( (now - t0) / 1000000 )); break; fi
    [ $(( now - t0 )) -gt 3000000000 ] && break
    sleep 0.02
done
[ "$refused" = 0 ] && [ "${elapsed:-99999}" -le 1000 ]; check "access: grant revoked via A, B answers 403 NO_GRANT within 1 s" $? \
    "$([ -n "$elapsed" ] && echo "refused after $elapsed ms" || echo "B still answered $code after 3 s")"

# (4) the audit trail verifies intact.
curl -s "$A/api/v1/audit/verify" -H "Authorization: Bearer $center" -o "$work/verify.json"
python3 -c 'import json,sys; v=json.load(open(sys.argv[1])); sys.exit(0 if v.get("intact") is True else 1)' "$work/verify.json"
check "audit: GET /api/v1/audit/verify is intact" $? "$(cat "$work/verify.json")"

# ---------------------------------------------------------------- figures
echo
echo "== Gatling run: $instances instance(s) ${urls[*]}, $records records per dataset, ${seconds} s per simulation"
echo "machine : $(nproc) CPUs ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(free -g | awk '/Mem:/ {print $2}') GB"
printf '%-24s %-6s %10s %9s %9s %9s %7s  %s\n' simulation result requests 'req/s' 'p95 ms' 'p99 ms' failed report
for sim in RealTimeSyncSimulation BulkExportSimulation MixedReadsSimulation; do
    dir="${report[$sim.dir]:-}"
    if [ -n "$dir" ] && [ -f "$dir/js/stats.json" ]; then
        python3 - "$dir/js/stats.json" "$sim" "${report[$sim]}" "$dir" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))["stats"]
print(f'{sys.argv[2]:<24} {sys.argv[3]:<6} {s["numberOfRequests"]["total"]:>10} {s["meanNumberOfRequestsPerSecond"]["total"]:>9.1f} '
      f'{s["percentiles3"]["total"]:>9} {s["percentiles4"]["total"]:>9} {s["numberOfRequests"]["ko"]:>7}  {sys.argv[4]}')
PY
    else
        printf '%-24s %-6s (no stats.json)\n' "$sim" "${report[$sim]}"
    fi
done
exit $status
