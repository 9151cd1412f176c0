#!/usr/bin/env bash
# Audit benchmark (audit issue): the cached-lookup benchmark of lookup-bench.sh run twice in one
# go, with the audit trail on (as in production) and switched off by the benchmark-only setting
# exchange.audit.disabled-for-benchmark. Prints both rates, the ratio and the p99 latency the
# trail adds. Target: lookups with auditing >= 0.85x lookups without.
#
#   ./mvnw -B -DskipTests package && load-tests/audit-bench.sh [--seconds S] [--rounds N]
#
# This machine's rates move by a fifth from one run to the next; --rounds N repeats the pair
# (off, then on) N times and judges the median of the N ratios, each taken within its own pair.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
seconds=20
rounds=1
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds="$2"; shift 2 ;;
        --rounds) rounds="$2"; shift 2 ;;
        *) echo "usage: $0 [--seconds S] [--rounds N]" >&2; exit 2 ;;
    esac
done
work="$(mktemp -d "${TMPDIR:-/tmp}/audit-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

field() { # FILE COLUMN: from the cached-lookup line, the rate ($1 = rate) or the p99
    awk -v col="$2" '/^lookups, UNCONDITIONAL/ { for (i = 1; i <= NF; i++) { if ($i == "req/s") rate = $(i-1); if ($i == "p99") p99 = $(i+1) }
        print (col == "rate" ? rate : p99) }' "$1"
}
for round in $(seq 1 "$rounds"); do
    # Off first, then on: if anything, the later run has the warmer machine.
    "$here/lookup-bench.sh" --seconds "$seconds" --env EXCHANGE_AUDIT_DISABLED_FOR_BENCHMARK=true | tee "$work/off-$round.txt" || true
    "$here/lookup-bench.sh" --seconds "$seconds" | tee "$work/on-$round.txt" || true
    off=$(field "$work/off-$round.txt" rate); on=$(field "$work/on-$round.txt" rate)
    off_p99=$(field "$work/off-$round.txt" p99); on_p99=$(field "$work/on-$round.txt" p99)
    [ -n "$off" ] && [ -n "$on" ] || { echo "audit-bench: a run printed no cached-lookup figure" >&2; exit 2; }
    echo "$round $off $off_p99 $on $on_p99 $(awk -v a="$on" -v b="$off" 'BEGIN {printf "%.3f", a / b}')" >> "$work/rounds"
    # What a lookup cost the machine with the trail and without: the target is a CPU budget.
    for run in off on; do
        echo "round $round: trail $run, $(grep '^CPU a cached lookup' "$work/$run-$round.txt" || echo 'CPU not measured')" >> "$work/cpu"
    done
    awk -v round="$round" '/^CPU a cached lookup/ {for (i = 1; i <= NF; i++) if ($i == "us" && $(i+1) == "a" && $(i+3) == "in") v[++n] = $(i-1)}
        END {if (n == 2) printf "round %d: a lookup cost the machine %.1f us without the trail; at 0.85 the trail may add %.1f us, it added %.1f us\n",
            round, v[1], v[1] / 0.85 - v[1], v[2] - v[1]}' "$work/off-$round.txt" "$work/on-$round.txt" >> "$work/cpu"
done

echo
echo "== Audit benchmark: cached lookups, 64 connections, ${seconds} s per run, $rounds round(s)"
while read -r round off off_p99 on on_p99 r; do
    printf 'round %d: %-28s %10s req/s   p99 %6s ms\n' "$round" "audit trail off (benchmark only)" "$off" "$off_p99"
    printf 'round %d: %-28s %10s req/s   p99 %6s ms   ratio %s, added p99 %s ms\n' "$round" "audit trail on" "$on" "$on_p99" \
        "$r" "$(awk -v a="$on_p99" -v b="$off_p99" 'BEGIN {printf "%.2f", a - b}')"
done < "$work/rounds"
cat "$work/cpu"
median() { # FORMAT: the median of the numbers on standard input, one a line
    sort -n | awk -v fmt="$1" '{v[NR] = $1} END {printf fmt, (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}
ratio=$(awk '{print $6}' "$work/rounds" | median "%.3f")
added=$(awk '{print $5 - $3}' "$work/rounds" | median "%.2f")
echo "added p99 latency (median): $added ms"
if awk -v r="$ratio" 'BEGIN {exit !(r >= 0.85)}'; then
    echo "PASS  audited / unaudited lookups (median of the rounds): $ratio (target >= 0.85)"
else
    echo "FAIL  audited / unaudited lookups (median of the rounds): $ratio (target >= 0.85)"
    exit 1
fi
