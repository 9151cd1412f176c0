#!/usr/bin/env bash
# Lookup benchmark (access issue): key lookups of cached UNCONDITIONAL records, and of a
# CONDITIONAL dataset (no cache, grant check and projection), each against the same gateway
# serving its own liveness endpoint, in one run. wrk, 64 connections, random keys over 100,000
# records. Targets: cached lookups >= 0.5x liveness with p99 < 20 ms; conditional >= 0.4x; with
# the trail on, a sustained run (--sustain S, 60 s) keeps the audit journal bounded and has every
# event of the run in PostgreSQL within 2 s of its end.
#
#   ./mvnw -B -DskipTests package && load-tests/lookup-bench.sh [--records N] [--seconds S]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
records=100000
seconds=20
sustain=60
connections=64
port=18090
db=exchange_lookup_bench
extra_env=()
while [ $# -gt 0 ]; do
    case "$1" in
        --records) records="$2"; shift 2 ;;
        --seconds) seconds="$2"; shift 2 ;;
        --sustain) sustain="$2"; shift 2 ;;
        --env) extra_env+=("$2"); shift 2 ;;   # NAME=VALUE for the gateway, e.g. a benchmark-only setting
        *) echo "usage: $0 [--records N] [--seconds S] [--env NAME=VALUE]..." >&2; exit 2 ;;
    esac
done

say() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf 'lookup-bench: %s\n' "$*" >&2; exit 2; }
# shellcheck source=../deploy/local/scripted-gateway.sh
source "$root/deploy/local/scripted-gateway.sh"
command -v wrk >/dev/null || die "wrk is missing: apt-get install -y wrk"
jar="$root/target/quarkus-app/quarkus-run.jar"
[ -f "$jar" ] || die "$jar is missing: run ./mvnw -B -DskipTests package first"

work="$(mktemp -d "${TMPDIR:-/tmp}/lookup-bench.XXXXXX")"
gateway_pid=""
cleanup() {
    [ -n "$gateway_pid" ] && kill "$gateway_pid" 2>/dev/null && wait "$gateway_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
# The new database numbers its datasets from 1 again: entries an earlier run cached would be hits.
redis-cli -h 127.0.0.1 --scan --pattern 'exchange:rec:*' | xargs -r -n 500 redis-cli -h 127.0.0.1 DEL >/dev/null
say "starting the gateway on :$port (database $db) ${extra_env[*]:-}"
# The agency's request quota (2,000 a second by default) is lifted: this measures lookups, not 429s.
gateway_start $port $db EXCHANGE_QUOTA_DEFAULT_REQUESTS_PER_SECOND=10000000 "${extra_env[@]}"
base="http://127.0.0.1:$port"

two_agencies "$base" bench
for class in UNCONDITIONAL CONDITIONAL; do
    code="lookup-${class,,}"
    api POST "$base/api/v1/datasets" "$center" "{\"code\":\"$code\",\"name\":\"户籍人口\",\"provider\":\"$provider\",\"subjectType\":\"PERSON\",\"sharingClass\":\"$class\",\"updateCycle\":\"DAILY\",\"legalBasis\":\"bench\",\"fields\":$(person_fields $class)}"
done
until=$(date -d '+1 year' +%F)
api POST "$base/api/v1/grants" "$center" "{\"consumer\":\"$consumer\",\"dataset\":\"lookup-conditional\",\"fields\":[\"name\",\"gender\",\"birthDate\"],\"purpose\":\"户口核验\",\"use\":\"DUTY\",\"validUntil\":\"$until\"}"

say "generating and pushing $records records into each dataset"
java "$here/generator/PersonRecords.java" "$records" 3 > "$work/records.ndjson"
sed -n 's/^{"key":"\([^"]*\)".*/\1/p' "$work/records.ndjson" > "$work/keys.txt"
for code in lookup-unconditional lookup-conditional; do
    push_records "$base" $code "$work/records.ndjson" "$records"
done

cat > "$work/lookup.lua" <<'LUA'
local keys = {}
for line in io.lines(os.getenv("KEYS_FILE")) do keys[#keys + 1] = line end
local prefix = os.getenv("PATH_PREFIX")
local headers = { ["Authorization"] = "Bearer " .. os.getenv("TOKEN") }
math.randomseed(os.time())
request = function()
    return wrk.format("GET", prefix .. keys[math.random(#keys)], headers)
end
-- No response() hook: it makes wrk parse every answer in Lua and wrk becomes the bottleneck.
-- wrk counts non-2xx answers itself.
done = function(summary)
    io.write(string.format("non-200 responses: %d\n", summary.errors.status))
end
LUA

# The warm-up walks every key in order, so that "cached lookups" are lookups of cached records:
# each wrk thread starts at its own share of the list, so together they cover all of it.
cat > "$work/walk.lua" <<'LUA'
local threads = 0
function setup(thread)
    thread:set("share", threads)
    threads = threads + 1
end
local keys = {}
for line in io.lines(os.getenv("KEYS_FILE")) do keys[#keys + 1] = line end
local prefix = os.getenv("PATH_PREFIX")
local headers = { ["Authorization"] = "Bearer " .. os.getenv("TOKEN") }
local next_key = nil
request = function()
    -- Each pass goes on where the previous one stopped (OFFSET: requests each thread made so far).
    if next_key == nil then next_key = math.floor(share * #keys / 2) + tonumber(os.getenv("OFFSET") or "0") end
    next_key = next_key % #keys + 1
    return wrk.format("GET", prefix .. keys[next_key], headers)
end
LUA

run_wrk() { # NAME DURATION URL [lua env...]
    local name=$1 duration=$2 url=$3
    shift 3
    env "$@" wrk -t2 -c"$connections" -d"${duration}s" --latency ${LUA:+-s "$LUA"} "$url" > "$work/$name.wrk" 2>&1
}
rate() { awk '/^Requests\/sec/ {print $2}' "$work/$1.wrk"; }
requests() { awk '/requests in/ {print $1}' "$work/$1.wrk"; }
p99() { awk '$1 == "99%" {v=$2; u=v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
        f = (u == "us") ? 0.001 : (u == "s") ? 1000 : 1; printf "%.2f", v * f}' "$work/$1.wrk"; }
# wrk writes "Non-2xx or 3xx responses: N" only when there were some; the Lua done hook always writes its count.
non200() { awk '/non-200 responses:|Non-2xx or 3xx responses:/ {print $NF}' "$work/$1.wrk" | head -1; }

lookups() { # NAME DATASET DURATION
    LUA="$work/lookup.lua" run_wrk "$1" "$3" "http://127.0.0.1:$port/" KEYS_FILE="$work/keys.txt" \
        PATH_PREFIX="/api/v1/datasets/$2/records/" TOKEN="$consumer_token"
}
walked=0
walk() { # NAME DATASET DURATION: the keys in order, from where the last walk stopped (two wrk threads, each on half)
    LUA="$work/walk.lua" run_wrk "$1" "$3" "http://127.0.0.1:$port/" KEYS_FILE="$work/keys.txt" \
        PATH_PREFIX="/api/v1/datasets/$2/records/" TOKEN="$consumer_token" OFFSET=$((walked / 2))
    walked=$((walked + $(requests "$1")))
}
# The JIT needs tens of seconds of each path before it runs at speed (ARCHITECTURE.md).
say "warm-up: JIT, and every record of the UNCONDITIONAL dataset into the cache (${seconds} s each)"
LUA="" run_wrk warm-live "$seconds" "http://127.0.0.1:$port/q/health/live"
# Walk every key until a pass finds them nearly all cached: a slower gateway (auditing on) fills
# less per pass, and "cached lookups" must mean the same thing in every run.
metric() { curl -s --max-time 10 "localhost:$port/q/metrics" | awk -v m="$1" '$1 == m {print $2}'; }
for pass in 1 2 3 4 5 6; do
    misses_before=$(metric exchange_cache_misses_total); hits_before=$(metric exchange_cache_hits_total)
    walk "warm-fill-$pass" lookup-unconditional "$seconds"
    pass_misses=$(awk -v a="$(metric exchange_cache_misses_total)" -v b="$misses_before" 'BEGIN {print a - b}')
    pass_hits=$(awk -v a="$(metric exchange_cache_hits_total)" -v b="$hits_before" 'BEGIN {print a - b}')
    say "cache fill pass $pass: $pass_hits hits, $pass_misses misses"
    awk -v m="$pass_misses" -v h="$pass_hits" 'BEGIN {exit !(m <= 0.01 * (m + h))}' && break
done
lookups warm-cached lookup-unconditional "$seconds"
lookups warm-conditional lookup-conditional "$seconds"

# CPU by program (the gateway, PostgreSQL, Redis), in clock ticks from /proc, and the machine's
# busy ticks: what one lookup cost each of them, and whether the cores were the limit. wrk and
# PostgreSQL backends that exit within the window are only in the machine's figure.
cpu_ticks() {
    # Processes that exit between the glob and the read make cat fail: what it read still counts.
    { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk '{
        match($0, /\(.*\)/); name = substr($0, RSTART + 1, RLENGTH - 2); gsub(/ /, "_", name)
        split(substr($0, RSTART + RLENGTH + 1), f, " "); t[name] += f[12] + f[13] }
        END {for (k in t) print k, t[k]}'
    awk '$1 == "cpu" {print "machine-busy", $2 + $3 + $4 + $7 + $8 + $9; print "machine-all", $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat
}
say "timed: liveness, cached lookups, conditional lookups (${seconds} s each, $connections connections)"
LUA="" run_wrk live "$seconds" "http://127.0.0.1:$port/q/health/live"
cpu_ticks | sort > "$work/cpu-before"
lookups cached lookup-unconditional "$seconds"
cpu_ticks | sort > "$work/cpu-after"
lookups conditional lookup-conditional "$seconds"

# Sustained audited load: the journal must stay bounded (shipping keeps up) and be empty soon after.
journal_line=""
if awk -v w="$(metric exchange_audit_events_written_total)" 'BEGIN {exit !(w + 0 > 0)}' && [ "$sustain" -gt 0 ]; then
    say "sustained: cached lookups for ${sustain} s, the journal sampled every 2 s"
    lookups sustained lookup-unconditional "$sustain" &
    wrk_pid=$!
    max_unshipped=0; max_bytes=0
    while kill -0 "$wrk_pid" 2>/dev/null; do
        u=$(metric exchange_audit_journal_unshipped); b=$(metric exchange_audit_journal_bytes)
        max_unshipped=$(awk -v a="${u:-0}" -v m="$max_unshipped" 'BEGIN {print (a > m) ? a : m}')
        max_bytes=$(awk -v a="${b:-0}" -v m="$max_bytes" 'BEGIN {print (a > m) ? a : m}')
        sleep 2
    done
    wait "$wrk_pid" || true
    ended=$(date +%s.%N)
    while [ "$(metric exchange_audit_journal_unshipped | awk '{printf "%d", $1}')" != 0 ]; do
        awk -v e="$ended" -v n="$(date +%s.%N)" 'BEGIN {exit !(n - e > 30)}' && break
        sleep 0.05
    done
    shipped_after=$(awk -v e="$ended" -v n="$(date +%s.%N)" 'BEGIN {printf "%.2f", n - e}')
    journal_line=$(printf 'sustained audited lookups: %s req/s over %s s; journal at most %s events unshipped, %s MB; all shipped %s s after the end' \
        "$(rate sustained)" "$sustain" "$max_unshipped" "$(awk -v b="$max_bytes" 'BEGIN {printf "%.1f", b / 1048576}')" "$shipped_after")
fi

live=$(rate live); cached=$(rate cached); conditional=$(rate conditional)
hits=$(metric exchange_cache_hits_total); misses=$(metric exchange_cache_misses_total)
cache_errors=$(metric exchange_cache_errors_total)
echo
echo "== Lookup benchmark: $records records per dataset, $connections connections, ${seconds} s per run"
echo "machine : $(nproc) CPUs ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(free -g | awk '/Mem:/ {print $2}') GB"
echo "gateway : -Xmx512m ${extra_env[*]:-}"
printf '%-44s %10s req/s   p99 %6s ms   non-200 %s\n' "liveness (/q/health/live)" "$live" "$(p99 live)" "$(non200 live)"
printf '%-44s %10s req/s   p99 %6s ms   non-200 %s\n' "lookups, UNCONDITIONAL (cached in Redis)" "$cached" "$(p99 cached)" "$(non200 cached)"
printf '%-44s %10s req/s   p99 %6s ms   non-200 %s\n' "lookups, CONDITIONAL (grant check, projection)" "$conditional" "$(p99 conditional)" "$(non200 conditional)"
echo "record cache: hits $hits, misses $misses, Redis errors and timeouts $cache_errors"
join "$work/cpu-before" "$work/cpu-after" | awk -v n="$(requests cached)" -v hz="$(getconf CLK_TCK)" '
    {d[$1] = $3 - $2}
    END {us = 1e6 / hz / n
        for (p in d) if (p ~ /^(java|postgres|redis-server)$/) line = line sprintf(" %s %.1f,", p, d[p] * us)
        sub(/,$/, "", line)
        printf "CPU a cached lookup (us):%s; machine %.0f%% busy, %.1f us a lookup in all\n",
            line, 100 * d["machine-busy"] / d["machine-all"], d["machine-busy"] * us}'
curl -s --max-time 10 "localhost:$port/q/metrics" | awk '
    /^exchange_audit_batch_size_count/ {c = $2} /^exchange_audit_batch_size_sum/ {s = $2}
    /^exchange_audit_flush_seconds\{.*quantile="0.5"/ {p50 = $2 * 1000} /^exchange_audit_flush_seconds\{.*quantile="0.99"/ {p99 = $2 * 1000}
    END { if (c > 0) printf "audit journal: %d appends, %.1f events each, until on disk p50 %.2f ms, p99 %.2f ms\n", c, s / c, p50, p99 }' || true
[ -n "$journal_line" ] && echo "$journal_line"
status=0
check() { # LABEL VALUE OP TARGET
    if awk -v v="$2" -v t="$4" "BEGIN {exit !(v $3 t)}"; then echo "PASS  $1: $2 (target $3 $4)"; else echo "FAIL  $1: $2 (target $3 $4)"; status=1; fi
}
check "cached lookups / liveness" "$(awk -v a="$cached" -v b="$live" 'BEGIN {printf "%.3f", a / b}')" ">=" 0.5
check "cached lookup p99 (ms)" "$(p99 cached)" "<" 20
check "conditional lookups / liveness" "$(awk -v a="$conditional" -v b="$live" 'BEGIN {printf "%.3f", a / b}')" ">=" 0.4
if [ -n "$journal_line" ]; then
    check "all events shipped after the sustained run (s)" "$shipped_after" "<=" 2
fi
for run in cached conditional; do
    [ "$(non200 $run)" = 0 ] || { echo "FAIL  $run: non-200 responses"; status=1; }
done
exit $status
