#!/usr/bin/env bash
# Records benchmark: the gateway's push and export paths against PostgreSQL's own COPY, on one
# machine, in one run, plus the memory ceiling of a 2 GB push and a slow full export.
#
#   ./mvnw -B -DskipTests package && load-tests/records-bench.sh
#
# See load-tests/README.md for what each figure means. Exit status: 0 every target met,
# 1 a target missed, 2 the benchmark could not run (a request failed, a tool is missing, ...).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT_DIR="$(cd "$SCRIPT_DIR/.." && pwd)"
readonly SCRIPT_DIR ROOT_DIR
readonly JAR=target/quarkus-app/quarkus-run.jar
readonly GENERATOR=load-tests/generator/PersonRecords.java
readonly TOKEN_SH=deploy/local/token.sh
readonly PORT=18080
readonly BASE="http://127.0.0.1:$PORT"
readonly DB=exchange_bench
readonly PG_HOST=127.0.0.1 PG_PORT=5432 PG_USER=postgres
readonly AGENCY_CODE=11310000002420000A
readonly SEED=1
readonly GATEWAY_XMX=256m
readonly READY_TIMEOUT=120
readonly PUSH_TARGET=0.6 EXPORT_TARGET=0.5 RSS_TARGET_MB=600
readonly SLOW_RATE=1M SLOW_SECONDS=60

usage() {
    cat <<EOF
usage: ${0##*/} [--records N] [--warmup N] [--skip-memory] [--memory-gb G] [--keep] [--baseline-only]

Pushes and exports N generated PERSON records through the gateway and through PostgreSQL itself
(psql \\copy + upsert, \\copy TO), prints both times and their ratios, then measures the gateway's
peak RSS (-Xmx$GATEWAY_XMX) over a G GB push and a ${SLOW_SECONDS} s export read at $SLOW_RATE/s.

  --records N      records in the timed data set (default 1000000)
  --warmup N       records pushed and exported once to warm up the JIT (default 100000)
  --skip-memory    skip the memory run
  --memory-gb G    size of the memory run's push in GB of NDJSON, 10^9 bytes (default 2)
  --keep           keep the temp files, the gateway logs and the database $DB
  --baseline-only  only the PostgreSQL side (no gateway needed)

Needs target/quarkus-app/quarkus-run.jar (./mvnw -B -DskipTests package), PostgreSQL at
$PG_HOST:$PG_PORT (user $PG_USER), Redis at 127.0.0.1:6379, java 17, psql, curl, python3.
Port $PORT must be free. Temp files go to \${TMPDIR:-/tmp}. Exit status: 0 all targets met,
1 a target missed, 2 the benchmark could not run.
EOF
}

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
warn() { printf '[%s] WARNING: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '\nrecords-bench: ERROR: %s\n' "$*" >&2; exit 2; }
bad_usage() { printf 'records-bench: %s\n\n' "$*" >&2; usage >&2; exit 2; }

# ------------------------------------------------------------------ options
records=1000000 warmup=100000 skip_memory=0 memory_gb=2 keep=0 baseline_only=0
while [ "$#" -gt 0 ]; do
    case "$1" in
        -h | --help) usage; exit 0 ;;
        --records | --warmup | --memory-gb)
            [ "$#" -ge 2 ] || bad_usage "option $1 needs a value"
            case "$1" in
                --records) records="$2" ;;
                --warmup) warmup="$2" ;;
                --memory-gb) memory_gb="$2" ;;
            esac
            shift 2 ;;
        --records=*) records="${1#*=}"; shift ;;
        --warmup=*) warmup="${1#*=}"; shift ;;
        --memory-gb=*) memory_gb="${1#*=}"; shift ;;
        --skip-memory) skip_memory=1; shift ;;
        --keep) keep=1; shift ;;
        --baseline-only) baseline_only=1; skip_memory=1; shift ;;
        *) bad_usage "unknown argument: $1" ;;
    esac
done
if ! [[ "$records" =~ ^[0-9]{1,9}$ ]] || [ "$((10#$records))" -lt 4 ]; then
    bad_usage "--records must be a whole number from 4 to 999999999, got: $records"
fi
if ! [[ "$warmup" =~ ^[0-9]{1,9}$ ]] || [ "$((10#$warmup))" -lt 1 ]; then
    bad_usage "--warmup must be a whole number from 1 to 999999999, got: $warmup"
fi
if ! [[ "$memory_gb" =~ ^[0-9]{1,4}([.][0-9]+)?$ ]] || ! awk -v g="$memory_gb" 'BEGIN { exit !(g > 0) }'; then
    bad_usage "--memory-gb must be a positive number, got: $memory_gb"
fi
records=$((10#$records)) warmup=$((10#$warmup))

# ------------------------------------------------------------------ small helpers
now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }         # seconds T0 T1
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }'; } # ratio A B = A/B
per_second() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }'; }
mb_per_second() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.1f", (s > 0 ? n / s / 1e6 : 0) }'; }
at_least() { awk -v v="$1" -v t="$2" 'BEGIN { exit !(v >= t) }'; }
verdict_ge() { if at_least "$1" "$2"; then echo PASS; else echo FAIL; fi; }
file_bytes() { stat -c %s "$1"; }
line_count() { wc -l <"$1" | tr -d ' '; }

pg() { PGOPTIONS='-c client_min_messages=warning' psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -X -q -v ON_ERROR_STOP=1 "$@"; }
# The baseline's tables live in their own schema: Flyway refuses a non-empty "public" it did not create.
pgdb() { PGOPTIONS='-c client_min_messages=warning -c search_path=baseline' psql -h "$PG_HOST" -p "$PG_PORT" \
    -U "$PG_USER" -X -q -v ON_ERROR_STOP=1 -d "$DB" "$@"; }
pg_value() { pgdb -At -c "$1"; }

# Results, collected for the summary at the end.
declare -a SUMMARY=()
failed_targets=0
record_result() { # record_result TEXT VERDICT
    SUMMARY+=("$(printf '%-4s  %s' "$2" "$1")")
    if [ "$2" = FAIL ]; then failed_targets=$((failed_targets + 1)); fi
}

# ------------------------------------------------------------------ cleanup
TMP="" GW_PID="" SAMPLER_PID="" GW_LOG=""
declare -a BG_PIDS=()

stop_sampler() {
    if [ -n "$SAMPLER_PID" ]; then
        kill "$SAMPLER_PID" 2>/dev/null || true
        wait "$SAMPLER_PID" 2>/dev/null || true
        SAMPLER_PID=""
    fi
}

stop_gateway() {
    [ -n "$GW_PID" ] || return 0
    if kill -0 "$GW_PID" 2>/dev/null; then
        kill -TERM "$GW_PID" 2>/dev/null || true
        local i
        for i in $(seq 1 40); do
            kill -0 "$GW_PID" 2>/dev/null || break
            sleep 0.5
        done
        if kill -0 "$GW_PID" 2>/dev/null; then
            warn "gateway (pid $GW_PID) did not stop within 20 s; killing it"
            kill -KILL "$GW_PID" 2>/dev/null || true
        fi
    fi
    wait "$GW_PID" 2>/dev/null || true
    GW_PID=""
}

# shellcheck disable=SC2317  # invoked by the EXIT trap
cleanup() {
    local rc=$?
    set +e
    local pid
    for pid in "${BG_PIDS[@]}"; do kill "$pid" 2>/dev/null; done
    stop_sampler
    stop_gateway
    if [ -n "$TMP" ] && [ -d "$TMP" ]; then
        if [ "$keep" -eq 1 ]; then
            printf 'records-bench: kept temp files and gateway logs in %s, database %s\n' "$TMP" "$DB" >&2
        else
            rm -rf -- "$TMP"
            pg -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1
        fi
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ------------------------------------------------------------------ gateway process
log_tail() {
    if [ -n "$GW_LOG" ] && [ -f "$GW_LOG" ]; then
        printf -- '--- last 40 lines of the gateway log (%s) ---\n' "$GW_LOG" >&2
        tail -n 40 "$GW_LOG" >&2
        printf -- '--- end of gateway log ---\n' >&2
    fi
}

# fail_request WHAT RESPONSE_FILE: the response body and the gateway log, then stop.
fail_request() {
    printf '\nrecords-bench: ERROR: %s\n' "$1" >&2
    if [ -n "${2:-}" ] && [ -s "$2" ]; then
        printf -- '--- response body (first 2000 bytes) ---\n' >&2
        head -c 2000 "$2" >&2
        printf '\n' >&2
    fi
    log_tail
    exit 2
}

start_gateway() { # start_gateway LABEL
    if curl -s -o /dev/null --max-time 2 "$BASE/" 2>/dev/null; then
        die "something already answers on port $PORT: stop it first (the benchmark starts its own gateway there)"
    fi
    GW_LOG="$TMP/gateway-$1.log"
    log "starting the gateway ($1): java -Xmx$GATEWAY_XMX -jar $JAR on port $PORT, database $DB, log $GW_LOG"
    QUARKUS_PROFILE=local QUARKUS_HTTP_PORT=$PORT \
        QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://$PG_HOST:$PG_PORT/$DB" \
        QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB" \
        java "-Xmx$GATEWAY_XMX" -jar "$JAR" >"$GW_LOG" 2>&1 &
    GW_PID=$!
    local start code
    start=$(now)
    while :; do
        if ! kill -0 "$GW_PID" 2>/dev/null; then
            GW_PID=""
            log_tail
            die "the gateway exited during startup (see its log above)"
        fi
        code=$(curl -s -o /dev/null --max-time 2 -w '%{http_code}' "$BASE/q/health/ready" 2>/dev/null) || true
        [ "$code" = 200 ] && break
        if ! at_least "$READY_TIMEOUT" "$(seconds "$start" "$(now)")"; then
            log_tail
            die "the gateway was not ready within $READY_TIMEOUT s (last GET /q/health/ready: ${code:-no answer})"
        fi
        sleep 0.5
    done
    log "gateway ready (pid $GW_PID) after $(seconds "$start" "$(now)") s"
}

# ------------------------------------------------------------------ HTTP helpers
# A push or export that moves no byte for 5 minutes is stuck: curl gives up (exit 28) rather than
# the benchmark waiting forever. Never triggers on a slow but moving transfer.
readonly -a STALL_GUARD=(--speed-limit 1 --speed-time 300)

# api METHOD PATH TOKEN BODY EXPECTED_CODE... : JSON request; the body lands in $TMP/api.json.
api() {
    local method="$1" path="$2" token="$3" body="$4" code rc=0 ok
    shift 4
    code=$(curl -sS -X "$method" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        -H 'Accept: application/json' --data-binary "$body" -o "$TMP/api.json" -w '%{http_code}' \
        "$BASE$path" 2>"$TMP/api.err") || rc=$?
    [ "$rc" -eq 0 ] || fail_request "$method $path failed: curl exit $rc ($(cat "$TMP/api.err"))" "$TMP/api.json"
    for ok in "$@"; do
        [ "$code" = "$ok" ] && return 0
    done
    fail_request "$method $path answered HTTP $code, expected $*" "$TMP/api.json"
}

# push_curl DATASET SOURCE RESPONSE: POST the NDJSON in SOURCE (a file, or - for stdin), streamed by
# curl -T (never loaded into curl's memory). Body -> RESPONSE, status -> RESPONSE.code, curl's
# stderr -> RESPONSE.err. Returns curl's exit status.
push_curl() {
    local code rc=0
    code=$(curl -sS "${STALL_GUARD[@]}" -X POST -H "Authorization: Bearer $AGENCY_TOKEN" \
        -H 'Content-Type: application/x-ndjson' -H 'Accept: application/json' -H 'Expect:' \
        -T "$2" -o "$3" -w '%{http_code}' "$BASE/api/v1/datasets/$1/records" 2>"$3.err") || rc=$?
    printf '%s\n' "${code:-000}" >"$3.code"
    return "$rc"
}

# check_push LABEL RESPONSE CURL_RC EXPECTED: HTTP 200, received = accepted = EXPECTED, rejected = 0.
check_push() {
    local label="$1" resp="$2" rc="$3" expected="$4" code summary
    code=$(cat "$resp.code" 2>/dev/null || echo 000)
    [ "$rc" -eq 0 ] || fail_request "$label: curl exit $rc, HTTP $code ($(tr '\n' ' ' <"$resp.err"))" "$resp"
    [ "$code" = 200 ] || fail_request "$label: HTTP $code, expected 200" "$resp"
    summary=$(python3 - "$resp" "$expected" <<'PY'
import json, sys
path, expected = sys.argv[1], int(sys.argv[2])
try:
    with open(path, encoding="utf-8") as f:
        s = json.load(f)
except Exception as e:
    print(f"BAD the response is not JSON: {e}")
    sys.exit(0)
if not isinstance(s, dict):
    print("BAD the response is not a JSON object")
    sys.exit(0)
line = " ".join(f"{k}={s.get(k)}" for k in ("received", "accepted", "unchanged", "rejected"))
problems = []
for k in ("received", "accepted"):
    if s.get(k) != expected:
        problems.append(f"{k} should be {expected}")
if s.get("rejected") != 0:
    problems.append("rejected should be 0")
errors = s.get("errors") or []
if errors:
    problems.append("first errors: " + json.dumps(errors[:3], ensure_ascii=False))
print(("BAD " + "; ".join(problems) + " -- " if problems else "OK ") + line)
PY
    ) || fail_request "$label: could not read the push summary" "$resp"
    case "$summary" in
        OK\ *) log "$label: HTTP 200, ${summary#OK }" ;;
        *) fail_request "$label: ${summary#BAD }" "$resp" ;;
    esac
}

# push_timed LABEL DATASET FILE EXPECTED: one client; sets PUSH_SECONDS.
push_timed() {
    local label="$1" resp="$TMP/push-$2.json" t0 t1 rc=0
    t0=$(now)
    push_curl "$2" "$3" "$resp" || rc=$?
    t1=$(now)
    check_push "$label" "$resp" "$rc" "$4"
    PUSH_SECONDS=$(seconds "$t0" "$t1")
}

# export_curl DATASET OUT EXTRA_CURL_ARGS...: GET /export; prints "HTTP_CODE SIZE", returns curl's status.
export_curl() {
    local dataset="$1" out="$2"
    shift 2
    curl -sS "${STALL_GUARD[@]}" "$@" -H "Authorization: Bearer $AGENCY_TOKEN" -H 'Accept: application/x-ndjson' \
        -o "$out" -w '%{http_code} %{size_download}' "$BASE/api/v1/datasets/$dataset/export"
}

# ------------------------------------------------------------------ PostgreSQL baseline
pg_create_tables() {
    pgdb <<'SQL'
CREATE SCHEMA baseline;
CREATE TABLE bench_records (dataset_id integer NOT NULL, key text NOT NULL, data jsonb, version bigint NOT NULL,
  deleted boolean NOT NULL DEFAULT false, updated_at timestamptz NOT NULL, txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  PRIMARY KEY (dataset_id, key));
CREATE INDEX bench_records_feed ON bench_records (dataset_id, txid, key);
SQL
}

# pg_load DATASET_ID FILE EXPECTED: \copy into an empty UNLOGGED staging table, then the upsert, in one
# psql run, timed from outside; sets PG_SECONDS.
pg_load() {
    local id="$1" file="$2" expected="$3" t0 t1 rc=0 n
    pgdb -c 'DROP TABLE IF EXISTS staging' -c 'CREATE UNLOGGED TABLE staging (line jsonb)' -c 'CHECKPOINT' \
        || die "could not prepare the staging table"
    t0=$(now)
    pgdb >"$TMP/pg-load.out" 2>&1 <<SQL || rc=$?
\\timing on
\\copy staging(line) FROM '$file' WITH (FORMAT csv, QUOTE e'\\x01', DELIMITER e'\\x02')
INSERT INTO bench_records (dataset_id, key, data, version, updated_at)
SELECT $id, line->>'key', line->'data', 1, now() FROM staging
ON CONFLICT (dataset_id, key) DO UPDATE SET data = EXCLUDED.data, version = bench_records.version + 1,
  updated_at = EXCLUDED.updated_at, txid = pg_current_xact_id()
WHERE bench_records.data IS DISTINCT FROM EXCLUDED.data;
SQL
    t1=$(now)
    if [ "$rc" -ne 0 ]; then
        cat "$TMP/pg-load.out" >&2
        die "the PostgreSQL baseline load of $file failed (psql exit $rc)"
    fi
    PG_SECONDS=$(seconds "$t0" "$t1")
    # psql's own timings of the two statements: the \copy, then the INSERT.
    PG_SPLIT=$(awk '/^Time:/ { t[++n] = $2 / 1000 } END { printf "\\copy %.3f s + INSERT %.3f s", t[1], t[2] }' "$TMP/pg-load.out")
    n=$(pg_value "SELECT count(*) FROM bench_records WHERE dataset_id = $id")
    [ "$n" = "$expected" ] || die "the PostgreSQL baseline loaded $n rows into dataset_id $id, expected $expected"
    pgdb -c 'DROP TABLE staging' || die "could not drop the staging table"
}

# pg_export DATASET_ID: \copy (SELECT key, data ...) TO /dev/null, timed from outside; sets PG_SECONDS.
pg_export() {
    local t0 t1
    t0=$(now)
    pgdb -c "\\copy (SELECT key, data FROM bench_records WHERE dataset_id = $1) TO '/dev/null'" \
        || die "the PostgreSQL baseline export of dataset_id $1 failed"
    t1=$(now)
    PG_SECONDS=$(seconds "$t0" "$t1")
}

checkpoint() { pgdb -c 'CHECKPOINT' || die "CHECKPOINT failed"; }

# ------------------------------------------------------------------ data files
# The generator runs from source (java File.java) unless javac compiled it once into $TMP/generator.
declare -a GEN_CMD=(java "$GENERATOR")
generate() { # generate COUNT START FILE
    "${GEN_CMD[@]}" "$1" "$SEED" "$2" >"$3" || die "the generator failed (${GEN_CMD[*]} $1 $SEED $2)"
    local n
    n=$(line_count "$3")
    [ "$n" = "$1" ] || die "the generator wrote $n lines to $3, expected $1"
}

disk_free_bytes() { df -P -B1 "$1" | awk 'NR == 2 { print $4 }'; }

# ================================================================== run
cd "$ROOT_DIR"

for tool in java psql curl python3 awk df; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed (needed by the benchmark)"
done
[ -f "$GENERATOR" ] || die "missing $ROOT_DIR/$GENERATOR"
if [ "$baseline_only" -eq 0 ]; then
    [ -f "$JAR" ] || die "missing $ROOT_DIR/$JAR: build the gateway first with
    ./mvnw -B -DskipTests package"
    [ -f "$TOKEN_SH" ] || die "missing $ROOT_DIR/$TOKEN_SH"
    if curl -s -o /dev/null --max-time 2 "$BASE/" 2>/dev/null; then
        die "something already answers on port $PORT: stop it first (the benchmark starts its own gateway there)"
    fi
fi
pg -d postgres -c 'SELECT 1' >/dev/null 2>&1 \
    || die "PostgreSQL does not answer at $PG_HOST:$PG_PORT as $PG_USER (try deploy/local/services.sh)"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/records-bench.XXXXXX")
case "$TMP" in
    *"'"* | *\\*) die "the temp directory $TMP contains a quote or a backslash, which psql's \\copy cannot take" ;;
esac

# ------------------------------------------------------------------ the machine
cpu_model=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
mem_total=$(awk '/^MemTotal:/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)
pg_version=$(pg -d postgres -At -c 'SELECT version()')
java_version=$(java -version 2>&1 | head -n 1)
echo
echo "== Records benchmark, $(date -Iseconds)"
echo "machine : $(nproc) CPUs ($cpu_model), $mem_total RAM, $(uname -sr)"
echo "postgres: $pg_version"
echo "          shared_buffers=$(pg -d postgres -At -c 'SHOW shared_buffers') synchronous_commit=$(pg -d postgres -At -c 'SHOW synchronous_commit') max_wal_size=$(pg -d postgres -At -c 'SHOW max_wal_size')"
echo "java    : $java_version (gateway: -Xmx$GATEWAY_XMX)"
echo "curl    : $(curl --version | head -n 1 | cut -d' ' -f1-2)"
echo "temp    : $TMP ($(df -h -P "$TMP" | awk 'NR == 2 { print $4 }') free)"
echo

# ------------------------------------------------------------------ database
log "creating a fresh database $DB (the baseline's tables in its schema \"baseline\")"
pg -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null \
    || die "could not create the database $DB"
pg_create_tables || die "could not create the baseline table bench_records"

# ------------------------------------------------------------------ data files
need=$(((2 * records + warmup) * 300))
free=$(disk_free_bytes "$TMP")
[ "$free" -gt "$need" ] || die "not enough room in $TMP for the data files: about $((need / 1000000)) MB needed, $((free / 1000000)) MB free"

if command -v javac >/dev/null 2>&1 && javac -d "$TMP/generator" "$GENERATOR" 2>"$TMP/javac.err"; then
    GEN_CMD=(java -cp "$TMP/generator" PersonRecords)
fi
MAIN="$TMP/persons-$records.ndjson"
WARM="$TMP/persons-warmup-$warmup.ndjson"
log "generating $records records (seed $SEED) -> $MAIN"
t0=$(now)
generate "$records" 0 "$MAIN"
gen_seconds=$(seconds "$t0" "$(now)")
main_bytes=$(file_bytes "$MAIN")
log "  $main_bytes bytes, $(awk -v b="$main_bytes" -v n="$records" 'BEGIN { printf "%.1f", b / n }') bytes a record, in $gen_seconds s (with the JVM's start and compile)"

quarter=$((records / 4))
declare -a Q_FILES=() Q_COUNTS=()
for i in 0 1 2 3; do
    q_start=$((i * quarter))
    q_count=$quarter
    if [ "$i" -eq 3 ]; then q_count=$((records - 3 * quarter)); fi
    Q_FILES+=("$TMP/persons-q$i.ndjson")
    Q_COUNTS+=("$q_count")
    generate "$q_count" "$q_start" "${Q_FILES[$i]}"
done
cat "${Q_FILES[@]}" | cmp -s - "$MAIN" \
    || die "the four quarter files (generator START) are not the same bytes as the whole file: the generator is not deterministic"
log "generated 4 quarter files (records 0.., $quarter.., $((2 * quarter)).., $((3 * quarter)).., same bytes as the whole file)"
generate "$warmup" "$records" "$WARM"
warm_bytes=$(file_bytes "$WARM")
log "generated the warm-up file: $warmup records from index $records (keys distinct from the timed set), $warm_bytes bytes"

# ------------------------------------------------------------------ gateway and its setup
if [ "$baseline_only" -eq 0 ]; then
    start_gateway main
    CENTER_TOKEN=$(bash "$TOKEN_SH" --role center --sub bench-center --ttl 43200) || die "$TOKEN_SH --role center failed"
    AGENCY_TOKEN=$(bash "$TOKEN_SH" --role agency --agency "$AGENCY_CODE" --sub bench-agency --ttl 43200) \
        || die "$TOKEN_SH --role agency failed"

    log "setting up: agency $AGENCY_CODE, its agreement, datasets persons-warmup, persons-1c, persons-4c, persons-mem"
    api POST /api/v1/agencies "$CENTER_TOKEN" \
        "{\"code\":\"$AGENCY_CODE\",\"name\":\"市公安局\",\"kind\":\"ADMINISTRATIVE\"}" 201 200
    api POST "/api/v1/agencies/$AGENCY_CODE/agreement" "$AGENCY_TOKEN" \
        '{"signedBy":"bench","version":"2016-1"}' 201 200 204
    FIELDS='[{"name":"name","type":"STRING","required":true},{"name":"gender","type":"STRING"},{"name":"birthDate","type":"DATE"},{"name":"ethnicity","type":"STRING"},{"name":"address","type":"STRING"},{"name":"phone","type":"STRING"},{"name":"householdType","type":"STRING"},{"name":"registeredOn","type":"DATE"}]'
    for ds in persons-warmup persons-1c persons-4c persons-mem; do
        api POST /api/v1/datasets "$CENTER_TOKEN" \
            "{\"code\":\"$ds\",\"name\":\"户籍人口\",\"provider\":\"$AGENCY_CODE\",\"subjectType\":\"PERSON\",\"sharingClass\":\"UNCONDITIONAL\",\"updateCycle\":\"DAILY\",\"fields\":$FIELDS}" \
            201 200
        status=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("status"))' "$TMP/api.json" 2>/dev/null) || status="?"
        [ "$status" = ACTIVE ] || warn "dataset $ds registered with status $status (expected ACTIVE); pushes may be refused"
    done
fi

# ------------------------------------------------------------------ warm-up
if [ "$baseline_only" -eq 0 ]; then
    log "warm-up: pushing $warmup records to persons-warmup"
    push_timed "warm-up push" persons-warmup "$WARM" "$warmup"
    log "  $PUSH_SECONDS s ($(per_second "$warmup" "$PUSH_SECONDS") records/s)"
    log "warm-up: exporting persons-warmup and checking it against the pushed file"
    rc=0
    result=$(export_curl persons-warmup "$TMP/warm-export.ndjson" -D "$TMP/warm-export.headers") || rc=$?
    [ "$rc" -eq 0 ] || fail_request "warm-up export: curl exit $rc (HTTP ${result%% *})" "$TMP/warm-export.ndjson"
    [ "${result%% *}" = 200 ] || fail_request "warm-up export: HTTP ${result%% *}, expected 200" "$TMP/warm-export.ndjson"
    grep -qi '^x-export-cursor:' "$TMP/warm-export.headers" || warn "the export carries no X-Export-Cursor header"
    check=$(python3 - "$WARM" "$TMP/warm-export.ndjson" <<'PY'
import json, sys
pushed = {}
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        o = json.loads(line)
        pushed[o["key"]] = o["data"]
seen, problems = 0, []
with open(sys.argv[2], encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        try:
            o = json.loads(line)
        except ValueError as e:
            problems.append(f"line {n} is not JSON: {e}")
            break
        seen += 1
        key = o.get("key")
        if key not in pushed:
            problems.append(f"line {n}: key {key!r} was not pushed (or appears twice)")
        elif pushed.pop(key) != o.get("data"):
            problems.append(f"line {n}: data of {key} differs from what was pushed")
        if o.get("version") != 1 or "updatedAt" not in o:
            problems.append(f"line {n}: expected version 1 and an updatedAt")
        if len(problems) >= 3:
            break
if pushed and not problems:
    problems.append(f"{len(pushed)} pushed records missing from the export")
print(("BAD " + "; ".join(problems)) if problems else f"OK {seen} records, identical to the pushed data")
PY
    ) || die "could not check the warm-up export"
    case "$check" in
        OK\ *) log "  export: ${check#OK }, ${result#* } bytes" ;;
        *) fail_request "warm-up export: ${check#BAD }" "" ;;
    esac
    rm -f "$TMP/warm-export.ndjson"
fi
log "warm-up: PostgreSQL baseline load and export of the warm-up file (dataset_id 0)"
pg_load 0 "$WARM" "$warmup"
log "  load $PG_SECONDS s ($PG_SPLIT)"
pg_export 0
log "  export $PG_SECONDS s"

# ------------------------------------------------------------------ push, timed
echo
log "timed: PostgreSQL baseline, \\copy into an UNLOGGED staging table + INSERT ... ON CONFLICT DO UPDATE, $records records"
pg_load 1 "$MAIN" "$records"
pg_push_seconds=$PG_SECONDS
pg_push_split=$PG_SPLIT
log "  $pg_push_seconds s ($(per_second "$records" "$pg_push_seconds") records/s; psql: $pg_push_split)"

if [ "$baseline_only" -eq 0 ]; then
    checkpoint
    log "timed: gateway push, one client, $records records -> persons-1c"
    push_timed "push, 1 client" persons-1c "$MAIN" "$records"
    gw_push1_seconds=$PUSH_SECONDS
    log "  $gw_push1_seconds s ($(per_second "$records" "$gw_push1_seconds") records/s)"

    checkpoint
    log "timed: gateway push, four clients in parallel, ${Q_COUNTS[*]} records -> persons-4c"
    declare -a Q_RC=()
    t0=$(now)
    BG_PIDS=()
    for i in 0 1 2 3; do
        push_curl persons-4c "${Q_FILES[$i]}" "$TMP/push-4c-$i.json" &
        BG_PIDS+=("$!")
    done
    for i in 0 1 2 3; do
        rc=0
        wait "${BG_PIDS[$i]}" || rc=$?
        Q_RC+=("$rc")
    done
    t1=$(now)
    BG_PIDS=()
    for i in 0 1 2 3; do
        check_push "push, 4 clients, client $((i + 1))" "$TMP/push-4c-$i.json" "${Q_RC[$i]}" "${Q_COUNTS[$i]}"
    done
    gw_push4_seconds=$(seconds "$t0" "$t1")
    log "  $gw_push4_seconds s ($(per_second "$records" "$gw_push4_seconds") records/s)"
fi

# ------------------------------------------------------------------ export, timed
log "VACUUM ANALYZE and CHECKPOINT (the same state for both exports: hint bits set, statistics fresh)"
pgdb -c 'VACUUM (ANALYZE)' -c 'CHECKPOINT' || die "VACUUM failed"

echo
log "timed: PostgreSQL baseline, \\copy (SELECT key, data FROM bench_records WHERE dataset_id = 1) TO '/dev/null'"
pg_export 1
pg_export_seconds=$PG_SECONDS
log "  $pg_export_seconds s ($(per_second "$records" "$pg_export_seconds") records/s)"

if [ "$baseline_only" -eq 0 ]; then
    log "timed: gateway GET /api/v1/datasets/persons-1c/export -> /dev/null"
    rc=0
    t0=$(now)
    result=$(export_curl persons-1c /dev/null) || rc=$?
    t1=$(now)
    gw_export_seconds=$(seconds "$t0" "$t1")
    export_code=${result%% *} export_size=${result#* }
    [ "$rc" -eq 0 ] || fail_request "export of persons-1c: curl exit $rc after $export_size bytes (HTTP $export_code): the stream was cut" ""
    [ "$export_code" = 200 ] || fail_request "export of persons-1c: HTTP $export_code, expected 200" ""
    # Every exported line holds the pushed key and data plus version and updatedAt, so a complete
    # export is larger than the pushed file; a smaller one lost records.
    [ "$export_size" -ge "$main_bytes" ] \
        || fail_request "export of persons-1c: only $export_size bytes for $records records ($main_bytes bytes pushed): records are missing" ""
    log "  $gw_export_seconds s, $export_size bytes ($(per_second "$records" "$gw_export_seconds") records/s, $(mb_per_second "$export_size" "$gw_export_seconds") MB/s)"
fi

# ------------------------------------------------------------------ figures
echo
echo "== Results: $records PERSON records, $main_bytes bytes of NDJSON ($(awk -v b="$main_bytes" -v n="$records" 'BEGIN { printf "%.1f", b / n }') bytes a record), warm-up $warmup records"
printf '%-58s %9s s  %9s records/s  (%s)\n' "push, PostgreSQL \\copy + INSERT ... ON CONFLICT" "$pg_push_seconds" "$(per_second "$records" "$pg_push_seconds")" "$pg_push_split"
if [ "$baseline_only" -eq 0 ]; then
    printf '%-58s %9s s  %9s records/s\n' "push, gateway, 1 client" "$gw_push1_seconds" "$(per_second "$records" "$gw_push1_seconds")"
    printf '%-58s %9s s  %9s records/s\n' "push, gateway, 4 clients with a quarter each" "$gw_push4_seconds" "$(per_second "$records" "$gw_push4_seconds")"
fi
printf '%-58s %9s s  %9s records/s\n' "export, PostgreSQL \\copy (SELECT key, data ...) TO /dev/null" "$pg_export_seconds" "$(per_second "$records" "$pg_export_seconds")"
if [ "$baseline_only" -eq 0 ]; then
    printf '%-58s %9s s  %9s records/s  (%s bytes)\n' "export, gateway GET /export -> /dev/null" "$gw_export_seconds" "$(per_second "$records" "$gw_export_seconds")" "$export_size"
    echo
    r=$(ratio "$pg_push_seconds" "$gw_push1_seconds")
    v=$(verdict_ge "$r" "$PUSH_TARGET")
    line="push ratio, 1 client : PostgreSQL $pg_push_seconds s / gateway $gw_push1_seconds s = $r (target >= $PUSH_TARGET)"
    printf '%s  %s\n' "$line" "$v"; record_result "$line" "$v"
    r=$(ratio "$pg_push_seconds" "$gw_push4_seconds")
    v=$(verdict_ge "$r" "$PUSH_TARGET")
    line="push ratio, 4 clients: PostgreSQL $pg_push_seconds s / gateway $gw_push4_seconds s = $r (target >= $PUSH_TARGET)"
    printf '%s  %s\n' "$line" "$v"; record_result "$line" "$v"
    r=$(ratio "$pg_export_seconds" "$gw_export_seconds")
    v=$(verdict_ge "$r" "$EXPORT_TARGET")
    line="export ratio        : PostgreSQL $pg_export_seconds s / gateway $gw_export_seconds s = $r (target >= $EXPORT_TARGET)"
    printf '%s  %s\n' "$line" "$v"; record_result "$line" "$v"
fi

# ------------------------------------------------------------------ memory run
if [ "$skip_memory" -eq 0 ]; then
    echo
    mem_bytes_target=$(awk -v g="$memory_gb" 'BEGIN { printf "%.0f", g * 1e9 }')
    mem_records=$(awk -v t="$mem_bytes_target" -v b="$main_bytes" -v n="$records" 'BEGIN { r = t * n / b; printf "%.0f", (r == int(r) ? r : int(r) + 1) }')
    log "memory run: $mem_records records (about $memory_gb GB), gateway restarted with -Xmx$GATEWAY_XMX"
    # The timed data is no longer needed: make room (unless --keep).
    if [ "$keep" -eq 0 ]; then rm -f "$MAIN" "${Q_FILES[@]}"; fi
    free=$(disk_free_bytes "$TMP")
    MEM_SOURCE=-
    if [ "$free" -gt $((2 * mem_bytes_target)) ]; then
        MEM_SOURCE="$TMP/persons-mem.ndjson"
        log "  generating it to $MEM_SOURCE ($((free / 1000000)) MB free)"
        generate "$mem_records" 0 "$MEM_SOURCE"
        log "  $(file_bytes "$MEM_SOURCE") bytes"
    else
        log "  only $((free / 1000000)) MB free in $TMP: the generator's output is piped straight to curl"
    fi

    stop_gateway
    start_gateway memory
    RSS_LOG="$TMP/rss.log"
    : >"$RSS_LOG"
    (
        while kill -0 "$GW_PID" 2>/dev/null; do
            rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$GW_PID/status" 2>/dev/null) || break
            [ -n "$rss" ] && printf '%s %s\n' "$(date +%s.%N)" "$rss" >>"$RSS_LOG"
            sleep 0.5
        done
    ) &
    SAMPLER_PID=$!

    log "memory run: pushing $mem_records records to persons-mem (RSS sampled every 0.5 s)"
    push_start=$(now)
    rc=0
    if [ "$MEM_SOURCE" = - ]; then
        "${GEN_CMD[@]}" "$mem_records" "$SEED" 0 | push_curl persons-mem - "$TMP/push-mem.json" || rc=$?
    else
        push_curl persons-mem "$MEM_SOURCE" "$TMP/push-mem.json" || rc=$?
    fi
    push_end=$(now)
    check_push "memory run push" "$TMP/push-mem.json" "$rc" "$mem_records"
    mem_push_seconds=$(seconds "$push_start" "$push_end")
    log "  $mem_push_seconds s ($(per_second "$mem_records" "$mem_push_seconds") records/s)"
    if [ "$MEM_SOURCE" != - ] && [ "$keep" -eq 0 ]; then rm -f "$MEM_SOURCE"; fi

    log "memory run: GET /export of persons-mem read at $SLOW_RATE/s for $SLOW_SECONDS s"
    export_start=$(now)
    rc=0
    result=$(export_curl persons-mem /dev/null --limit-rate "$SLOW_RATE" --max-time "$SLOW_SECONDS" 2>"$TMP/slow.err") || rc=$?
    export_end=$(now)
    slow_code=${result%% *} slow_size=${result#* }
    # curl ends a transfer cut by --max-time with exit 28: expected here, as long as data came.
    if { [ "$rc" -ne 0 ] && [ "$rc" -ne 28 ]; } || [ "$slow_code" != 200 ] || [ "${slow_size:-0}" -le 0 ]; then
        fail_request "slow export of persons-mem: curl exit $rc, HTTP $slow_code, $slow_size bytes ($(cat "$TMP/slow.err"))" ""
    fi
    log "  HTTP $slow_code, $slow_size bytes in $(seconds "$export_start" "$export_end") s (curl exit $rc)"

    sleep 1
    kill -0 "$GW_PID" 2>/dev/null || { log_tail; die "the gateway died during the memory run"; }
    hwm_kb=$(awk '/^VmHWM:/ { print $2 }' "/proc/$GW_PID/status")
    stop_sampler
    oom=0
    grep -q 'OutOfMemoryError' "$GW_LOG" && oom=1

    peak() { # peak FROM TO: largest sample (MB) in the interval
        awk -v a="$1" -v b="$2" '$1 >= a && $1 <= b && $2 > m { m = $2 } END { printf "%.0f", m / 1024 }' "$RSS_LOG"
    }
    samples=$(wc -l <"$RSS_LOG" | tr -d ' ')
    peak_all=$(peak 0 9999999999)
    peak_push=$(peak "$push_start" "$push_end")
    peak_export=$(peak "$export_start" "$export_end")
    hwm_mb=$(awk -v k="$hwm_kb" 'BEGIN { printf "%.0f", k / 1024 }')
    worst=$((peak_all > hwm_mb ? peak_all : hwm_mb))
    echo
    echo "== Memory: gateway -Xmx$GATEWAY_XMX, push of $mem_records records ($memory_gb GB) then a $SLOW_SECONDS s export read at $SLOW_RATE/s"
    echo "push              : $mem_push_seconds s, $(per_second "$mem_records" "$mem_push_seconds") records/s, peak RSS $peak_push MB"
    echo "slow export       : $slow_size bytes in $(seconds "$export_start" "$export_end") s, peak RSS $peak_export MB"
    echo "RSS samples       : $samples, peak $peak_all MB; kernel high-water mark (VmHWM) $hwm_mb MB"
    if [ "$oom" -eq 1 ]; then
        line="memory: OutOfMemoryError in the gateway log"
        v=FAIL
    else
        v=FAIL
        if [ "$worst" -lt "$RSS_TARGET_MB" ]; then v=PASS; fi
        line="memory: peak RSS $worst MB (max of sampled peak and VmHWM), push and export without error (target < $RSS_TARGET_MB MB)"
    fi
    printf '%s  %s\n' "$line" "$v"
    record_result "$line" "$v"
fi

# ------------------------------------------------------------------ summary
echo
if [ "${#SUMMARY[@]}" -gt 0 ]; then
    echo "== Summary"
    printf '%s\n' "${SUMMARY[@]}"
fi
if [ "$failed_targets" -gt 0 ]; then
    echo "$failed_targets target(s) missed"
    exit 1
fi
if [ "$baseline_only" -eq 1 ]; then
    echo "baseline only: no gateway figures, no targets judged"
fi
exit 0
