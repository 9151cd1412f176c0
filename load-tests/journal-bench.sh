#!/usr/bin/env bash
# Journal benchmark (issue 15, docs/decisions/0010): the audit journal's durable step, SQLite in WAL
# mode (synchronous=FULL) against our own segment files (length + CRC32C + payload, one write and one
# fdatasync a group), one writer thread, at several group sizes. Runs
# load-tests/journal/JournalBench.java once per engine and group size, each in a JVM of its own, and
# prints one table of the medians over the rounds, then the ratios SQLite / segment.
#
#   load-tests/journal-bench.sh [--seconds S] [--max-events N] [--rounds R] [--groups "1 22 200 1000"]
#                               [--engines "sqlite sqlite-cols segment segment-pre"] [--dir DIR]
#
# Needs java 17 and org.xerial:sqlite-jdbc in ~/.m2 (./mvnw dependency:get
# -Dartifact=org.xerial:sqlite-jdbc:3.54.1.0); the gateway itself does not depend on it. The files go
# to target/journal-bench under the repository (a local disk, not a tmpfs) and are deleted after
# each case: up to about 0.5 GB at a time with the defaults.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
seconds=10
max_events=2000000
rounds=2
groups="1 22 200 1000"
engines="sqlite sqlite-cols segment segment-pre"
dir="$repo/target/journal-bench"
sqlite_version=3.54.1.0
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds="$2"; shift 2 ;;
        --max-events) max_events="$2"; shift 2 ;;
        --rounds) rounds="$2"; shift 2 ;;
        --groups) groups="$2"; shift 2 ;;
        --engines) engines="$2"; shift 2 ;;
        --dir) dir="$2"; shift 2 ;;
        *) echo "usage: $0 [--seconds S] [--max-events N] [--rounds R] [--groups \"G ...\"] [--engines \"E ...\"] [--dir DIR]" >&2; exit 2 ;;
    esac
done

jar="$HOME/.m2/repository/org/xerial/sqlite-jdbc/$sqlite_version/sqlite-jdbc-$sqlite_version.jar"
[ -f "$jar" ] || { echo "journal-bench: $jar is missing; run: ./mvnw dependency:get -Dartifact=org.xerial:sqlite-jdbc:$sqlite_version" >&2; exit 2; }
mkdir -p "$dir/classes"
javac -d "$dir/classes" -cp "$jar" "$here/journal/JournalBench.java"
fstype="$(df -T "$dir" | awk 'NR == 2 { print $2 }')"
case "$fstype" in
    tmpfs|ramfs) echo "journal-bench: $dir is on $fstype; give --dir on a local disk" >&2; exit 2 ;;
esac

echo "journal-bench: $(nproc) CPUs ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)),"\
    "$(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo), kernel $(uname -r),"\
    "$(java -version 2>&1 | head -1), sqlite-jdbc $sqlite_version"
echo "journal-bench: files in $dir ($fstype on $(df "$dir" | awk 'NR == 2 { print $1 }')), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "journal-bench: $seconds s or $max_events events a case, $rounds round(s), groups $groups, engines $engines"

results="$dir/results.txt"
: > "$results"
for round in $(seq 1 "$rounds"); do
    # Engines interleaved within each group size, so a slow minute of the shared machine hits all.
    for g in $groups; do
        for e in $engines; do
            line="$(java -Xmx256m -cp "$dir/classes:$jar" JournalBench "$e" "$g" "$seconds" "$max_events" "$dir/run")"
            echo "round $round: $line"
            echo "$line" >> "$results"
        done
    done
done
echo "journal-bench: load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"

awk -v groups="$groups" -v engines="$engines" '
    function median(key,    n, i, j, t, v) {
        n = split(all[key], v, " ")
        for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j - 1] + 0 > v[j] + 0; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
        return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
    }
    {
        for (i = 1; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
        for (k in f) if (k != "engine" && k != "group") all[f["engine"] SUBSEP f["group"] SUBSEP k] = all[f["engine"] SUBSEP f["group"] SUBSEP k] " " f[k]
    }
    END {
        ng = split(groups, G, " "); ne = split(engines, E, " ")
        printf "\n%-12s %6s %10s %9s %9s %9s %9s %9s %9s %9s %9s\n", "engine", "group", "events/s", "mean ms", "p99 ms",
            "cpu µs", "writer µs", "w. user", "read µs", "read wall", "prep µs"
        for (gi = 1; gi <= ng; gi++) for (ei = 1; ei <= ne; ei++) {
            e = E[ei]; g = G[gi]; p = e SUBSEP g SUBSEP
            if (!((p "ev_s") in all)) continue
            printf "%-12s %6d %10.0f %9.3f %9.3f %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f\n", e, g, median(p "ev_s"), median(p "mean_ms"),
                median(p "p99_ms"), median(p "cpu_us"), median(p "wcpu_us"), median(p "wusr_us"), median(p "read_cpu_us"), median(p "read_wall_us"),
                median(p "pre_cpu_us")
        }
        print "\ncpu µs: process CPU (utime + stime of /proc/self/stat) per event while appending; writer µs: the"
        print "writer thread (ThreadMXBean), w. user its user-mode part; read µs / read wall: thread CPU / wall per event reading everything back"
        print "(segments with every CRC checked, SQLite by a range scan); prep µs: zero-filling a segment ahead, per event."
        printf "\nratios, SQLite / segment (> 1: the segment file is cheaper or faster)\n"
        printf "%-26s %6s %9s %9s %9s %9s %9s %9s\n", "pair", "group", "cpu", "writer", "w. user", "p99", "1/ev_s", "read cpu"
        pairs[1] = "sqlite segment"; pairs[2] = "sqlite segment-pre"; pairs[3] = "sqlite-cols segment"
        for (gi = 1; gi <= ng; gi++) for (pi = 1; pi <= 3; pi++) {
            split(pairs[pi], P, " "); a = P[1] SUBSEP G[gi] SUBSEP; b = P[2] SUBSEP G[gi] SUBSEP
            if (!((a "ev_s") in all) || !((b "ev_s") in all)) continue
            printf "%-26s %6d %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f\n", P[1] " / " P[2], G[gi], median(a "cpu_us") / median(b "cpu_us"),
                median(a "wcpu_us") / median(b "wcpu_us"), median(a "wusr_us") / median(b "wusr_us"), median(a "p99_ms") / median(b "p99_ms"),
                median(b "ev_s") / median(a "ev_s"), median(a "read_cpu_us") / median(b "read_cpu_us")
        }
    }' "$results"
rm -rf "$dir/run"
