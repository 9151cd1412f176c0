#!/usr/bin/env bash
# One command for a newcomer: local services, build, run the gateway with the
# "local" Quarkus profile. Extra JVM options go in JAVA_OPTS.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT_DIR="$(cd "$SCRIPT_DIR/../.." && pwd)"
readonly SCRIPT_DIR ROOT_DIR
readonly JAR=target/quarkus-app/quarkus-run.jar

log() { printf 'run: %s\n' "$*"; }
warn() { printf 'run: WARNING: %s\n' "$*" >&2; }
die() { printf 'run: ERROR: %s\n' "$*" >&2; exit 1; }

# java_major CMD: major version of a java/javac binary (0 when it does not run).
java_major() {
    local out ver
    out="$("$1" -version 2>&1)" || { echo 0; return; }
    # java: 'openjdk version "17.0.15" ...' or 'java version "1.8.0_292"'; javac: 'javac 17.0.15'
    if [[ "$out" =~ version\ \"([0-9._]+) ]] || [[ "$out" =~ javac\ ([0-9._]+) ]]; then
        ver="${BASH_REMATCH[1]}"
    else
        echo 0; return
    fi
    if [[ "$ver" == 1.* ]]; then ver="${ver#1.}"; fi
    ver="${ver%%[._]*}"
    echo "$((10#${ver:-0}))"
}

jdk_ok() {
    command -v java >/dev/null 2>&1 && command -v javac >/dev/null 2>&1 \
        && [ "$(java_major java)" -ge 17 ] && [ "$(java_major javac)" -ge 17 ]
}

ensure_jdk() {
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME/bin/java")" -lt 17 ]; then
        die "JAVA_HOME=$JAVA_HOME is older than Java 17: point it at a JDK 17+ or unset it"
    fi
    jdk_ok && return 0
    [ "$(id -u)" -eq 0 ] || die "a JDK 17+ (java and javac) is needed: rerun with sudo to install openjdk-17-jdk-headless, or install one yourself"
    command -v apt-get >/dev/null 2>&1 || die "a JDK 17+ is needed and apt-get is not available: install one yourself"
    log "installing openjdk-17-jdk-headless with apt-get"
    apt-get update -qq || die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jdk-headless >/dev/null \
        || die "apt-get install openjdk-17-jdk-headless failed"
    if ! jdk_ok; then
        # An older JDK may still be the default alternative: use 17 directly.
        local home
        for home in /usr/lib/jvm/java-17-openjdk-*; do
            [ -x "$home/bin/javac" ] || continue
            export JAVA_HOME="$home"
            export PATH="$home/bin:$PATH"
            break
        done
    fi
    jdk_ok || die "Java 17+ still not found after installing openjdk-17-jdk-headless"
}

if [ "$#" -gt 0 ]; then
    warn "ignoring extra arguments: $* (put JVM options in JAVA_OPTS)"
fi

"$SCRIPT_DIR/services.sh"

ensure_jdk
log "using $(java -version 2>&1 | head -n1)"

cd "$ROOT_DIR"
[ -f ./mvnw ] || die "no Maven wrapper at $ROOT_DIR/mvnw"
log "building with ./mvnw -B -q -DskipTests package in $ROOT_DIR"
if [ -x ./mvnw ]; then
    ./mvnw -B -q -DskipTests package || die "build failed"
else
    sh ./mvnw -B -q -DskipTests package || die "build failed"
fi
[ -f "$JAR" ] || die "build finished but $ROOT_DIR/$JAR is missing"

java_opts=()
read -r -a java_opts <<<"${JAVA_OPTS:-}"
log "starting the gateway: QUARKUS_PROFILE=local java ${JAVA_OPTS:+$JAVA_OPTS }-jar $JAR"
QUARKUS_PROFILE=local exec java "${java_opts[@]}" -jar "$JAR"
