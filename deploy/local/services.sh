#!/usr/bin/env bash
# Local development services for the exchange gateway.
#
# Makes sure PostgreSQL answers on 127.0.0.1:5432 and Redis on 127.0.0.1:6379
# (reusing running servers, starting installed ones, installing missing ones
# with apt-get when run as root), then creates the databases `exchange` and
# `exchange_test` (owner postgres) if they are absent. Safe to run repeatedly.
#
# LOCAL DEVELOPMENT ONLY: on a freshly installed PostgreSQL cluster this script
# lets user postgres connect over TCP from 127.0.0.1/::1 without a password
# (trust lines at the top of pg_hba.conf).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly SCRIPT_DIR

readonly HOST=127.0.0.1
readonly PG_PORT=5432
readonly REDIS_PORT=6379
readonly DATABASES=(exchange exchange_test)
readonly PG_WAIT=30
readonly REDIS_WAIT=15
readonly HBA_MARKER="# exchange gateway local development (deploy/local/services.sh): trust TCP from loopback"

log() { printf 'services: %s\n' "$*"; }
warn() { printf 'services: WARNING: %s\n' "$*" >&2; }
die() { printf 'services: ERROR: %s\n' "$*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }
is_root() { [ "$(id -u)" -eq 0 ]; }

APT_UPDATED=0
apt_install() {
    is_root || die "$* is not installed and installing it needs root: rerun with sudo ($SCRIPT_DIR/services.sh)"
    have apt-get || die "$* is not installed and apt-get is not available: install it by hand"
    if [ "$APT_UPDATED" -eq 0 ]; then
        log "apt-get update"
        apt-get update -qq || die "apt-get update failed"
        APT_UPDATED=1
    fi
    log "installing $* with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null \
        || die "apt-get install $* failed"
}

# tcp_open HOST PORT: true when something accepts a TCP connection there.
tcp_open() {
    # shellcheck disable=SC2016  # $0/$1 belong to the inner bash
    timeout 3 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$1" "$2" 2>/dev/null
}

# ---------------------------------------------------------------- PostgreSQL

pg_isready_usable() { have pg_isready && pg_isready --version >/dev/null 2>&1; }

# pg_probe: 0 = accepting connections on HOST:PG_PORT,
#           1 = port open but not (yet) accepting, 2 = nothing listening.
pg_probe() {
    if pg_isready_usable; then
        local rc=0
        pg_isready -q -h "$HOST" -p "$PG_PORT" -t 3 || rc=$?
        case "$rc" in
            0) return 0 ;;
            1) return 1 ;;
            *) if tcp_open "$HOST" "$PG_PORT"; then return 1; else return 2; fi ;;
        esac
    fi
    if tcp_open "$HOST" "$PG_PORT"; then return 0; else return 2; fi
}

# pg_wait SECONDS: wait until PostgreSQL accepts connections on HOST:PG_PORT.
pg_wait() {
    local deadline=$((SECONDS + $1))
    while :; do
        pg_probe && return 0
        [ "$SECONDS" -lt "$deadline" ] || return 1
        sleep 1
    done
}

psql_tcp() {
    PGCONNECT_TIMEOUT=5 psql -X -w -h "$HOST" -p "$PG_PORT" -U postgres -d postgres \
        -v ON_ERROR_STOP=1 -tA "$@"
}

# Local cluster bookkeeping (Debian postgresql-common): filled by pg_find_cluster.
PG_VER="" PG_CL_PORT="" PG_CL_STATUS="" PG_CL_OWNER="" PG_CL_LOG=""

# pg_find_cluster: pick the installed Debian cluster named "main" (the one on
# PG_PORT if several, else the newest version). False when none is installed.
pg_find_cluster() {
    PG_VER="" PG_CL_PORT="" PG_CL_STATUS="" PG_CL_OWNER="" PG_CL_LOG=""
    # shellcheck disable=SC2012  # only version numbers, ls is fine here
    ls -d /etc/postgresql/*/main >/dev/null 2>&1 || return 1
    have pg_lsclusters || die "found /etc/postgresql/*/main but no pg_lsclusters (postgresql-common is broken?)"
    local ver name port best="" best_on_port=""
    while read -r ver name port _; do
        [ "$name" = main ] || continue
        [ -d "/etc/postgresql/$ver/main" ] || continue
        if [ "$port" = "$PG_PORT" ] && [ -z "$best_on_port" ]; then best_on_port="$ver"; fi
        if [ -z "$best" ] || [ "$(printf '%s\n%s\n' "$best" "$ver" | sort -V | tail -n1)" = "$ver" ]; then
            best="$ver"
        fi
    done < <(pg_lsclusters -h 2>/dev/null)
    PG_VER="${best_on_port:-$best}"
    [ -n "$PG_VER" ] || return 1
    read -r _ _ PG_CL_PORT PG_CL_STATUS PG_CL_OWNER _ PG_CL_LOG \
        < <(pg_lsclusters -h "$PG_VER" main 2>/dev/null)
    return 0
}

pg_ctl_cluster() { # pg_ctl_cluster ACTION
    pg_ctlcluster --skip-systemctl-redirect "$PG_VER" main "$1"
}

# Run psql as the cluster owner over the Unix socket (peer auth), root only.
psql_socket() {
    if is_root; then
        (cd / && runuser -u "$PG_CL_OWNER" -- psql -X -w -p "$PG_CL_PORT" -d postgres -v ON_ERROR_STOP=1 -tA "$@")
    elif [ "$(id -un)" = "$PG_CL_OWNER" ]; then
        psql -X -w -p "$PG_CL_PORT" -d postgres -v ON_ERROR_STOP=1 -tA "$@"
    else
        return 1
    fi
}

# True when a listen_addresses value covers 127.0.0.1.
listen_covers_loopback() {
    local item
    local IFS=,
    for item in $1; do
        item="${item//[[:space:]]/}"
        case "$item" in '*' | localhost | 127.0.0.1 | 0.0.0.0) return 0 ;; esac
    done
    return 1
}

# The cluster runs but does not answer on HOST:PG_PORT: if its listen_addresses
# leaves out loopback, add localhost (ALTER SYSTEM, so that no conf.d file can
# override it) and restart. Does nothing when the value is fine or unreadable.
pg_ensure_listen() {
    local current
    current="$(psql_socket -c 'show listen_addresses' 2>/dev/null)" || return 0
    listen_covers_loopback "$current" && return 0
    local wanted="localhost"
    [ -z "$current" ] || wanted="$current,localhost"
    log "PostgreSQL $PG_VER/main has listen_addresses = '$current': setting it to '$wanted' (ALTER SYSTEM) and restarting"
    psql_socket -c "ALTER SYSTEM SET listen_addresses = '${wanted//\'/\'\'}'" >/dev/null \
        || die "could not change listen_addresses of PostgreSQL $PG_VER/main"
    pg_ctl_cluster restart || die "could not restart PostgreSQL $PG_VER/main (see $PG_CL_LOG)"
}

pg_hba_file() {
    local f=""
    if psql_socket -c 'show hba_file' >/dev/null 2>&1; then
        f="$(psql_socket -c 'show hba_file')"
    fi
    printf '%s\n' "${f:-/etc/postgresql/$PG_VER/main/pg_hba.conf}"
}

# True when the first two rules of the hba file are our loopback trust lines.
hba_has_trust_on_top() {
    local first
    first="$(grep -Ev '^[[:space:]]*(#|$)' "$1" | head -n2 | tr -s ' \t' ' ')"
    [ "$first" = "$(printf 'host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust')" ]
}

# Password-less TCP access for user postgres from loopback (local development).
pg_fix_auth() {
    local err="$1"
    if ! { pg_find_cluster && [ "$PG_CL_PORT" = "$PG_PORT" ] && [[ "$PG_CL_STATUS" == online* ]]; }; then
        die "PostgreSQL on $HOST:$PG_PORT refuses user postgres without a password and is not a local Debian cluster this script can configure: $err (export PGPASSWORD, or allow trust for 127.0.0.1 in its pg_hba.conf)"
    fi
    is_root || [ "$(id -un)" = "$PG_CL_OWNER" ] \
        || die "PostgreSQL $PG_VER/main wants a password for user postgres over TCP; configuring trust for 127.0.0.1 needs root: rerun with sudo"
    local hba
    hba="$(pg_hba_file)"
    [ -w "$hba" ] || die "cannot write $hba"
    if hba_has_trust_on_top "$hba"; then
        die "PostgreSQL $PG_VER/main already trusts 127.0.0.1 in $hba but still refuses user postgres: $err"
    fi
    log "!!! LOCAL DEVELOPMENT SETUP: PostgreSQL $PG_VER/main asks user postgres for a password over TCP ($err)"
    log "!!! adding 'host all all 127.0.0.1/32 trust' and 'host all all ::1/128 trust' at the top of $hba"
    log "!!! anyone on this machine can now connect as any user over loopback: do not do this on a shared or production host"
    local backup="$hba.before-exchange-local"
    [ -e "$backup" ] || cp -p "$hba" "$backup"
    local tmp
    tmp="$(mktemp)"
    {
        printf '%s\n' "$HBA_MARKER"
        printf 'host all all 127.0.0.1/32 trust\n'
        printf 'host all all ::1/128 trust\n'
        printf '\n'
        cat "$hba"
    } >"$tmp"
    cat "$tmp" >"$hba" # keeps the file's owner and mode
    rm -f "$tmp"
    pg_ctl_cluster reload || die "could not reload PostgreSQL $PG_VER/main"
    local i
    for i in 1 2 3 4 5; do
        psql_tcp -c 'select 1' >/dev/null 2>&1 && return 0
        sleep "$i"
    done
    err="$(psql_tcp -c 'select 1' 2>&1 >/dev/null)" && return 0
    die "PostgreSQL still refuses user postgres after changing $hba: $err"
}

ensure_postgres() {
    local rc=0
    pg_probe || rc=$?
    if [ "$rc" -eq 1 ]; then
        log "PostgreSQL on $HOST:$PG_PORT is starting, waiting up to ${PG_WAIT}s"
        pg_wait "$PG_WAIT" || die "something listens on $HOST:$PG_PORT but does not accept PostgreSQL connections"
        rc=0
    fi
    if [ "$rc" -eq 0 ]; then
        log "PostgreSQL already answers on $HOST:$PG_PORT, reusing it"
    else
        if ! pg_find_cluster; then
            apt_install postgresql
            pg_find_cluster || die "postgresql was installed but no cluster exists in /etc/postgresql/*/main (create one: pg_createcluster <version> main)"
        fi
        [ "$PG_CL_PORT" = "$PG_PORT" ] \
            || die "PostgreSQL cluster $PG_VER/main uses port $PG_CL_PORT, not $PG_PORT: set port = $PG_PORT in /etc/postgresql/$PG_VER/main/postgresql.conf"
        if [[ "$PG_CL_STATUS" == online* ]]; then
            log "PostgreSQL $PG_VER/main is running but not answering on $HOST:$PG_PORT yet"
        else
            log "starting PostgreSQL $PG_VER/main"
            pg_ctl_cluster start || die "could not start PostgreSQL $PG_VER/main (see $PG_CL_LOG; not root? rerun with sudo)"
        fi
        if ! pg_wait 5; then
            pg_ensure_listen
            pg_wait "$PG_WAIT" || die "PostgreSQL $PG_VER/main did not answer on $HOST:$PG_PORT within ${PG_WAIT}s (see $PG_CL_LOG)"
        fi
        log "PostgreSQL $PG_VER/main answers on $HOST:$PG_PORT"
    fi

    have psql || apt_install postgresql-client
    local err
    if ! err="$(psql_tcp -c 'select 1' 2>&1 >/dev/null)"; then
        case "$err" in
            *password* | *authentication* | *pg_hba.conf*) pg_fix_auth "$err" ;;
            *) die "cannot connect to PostgreSQL at $HOST:$PG_PORT as postgres: $err" ;;
        esac
    fi
}

ensure_databases() {
    local db exists
    for db in "${DATABASES[@]}"; do
        exists="$(psql_tcp -c "select 1 from pg_database where datname='$db'")" \
            || die "cannot query pg_database"
        if [ "$exists" = 1 ]; then
            log "database $db exists"
        else
            psql_tcp -q -c "CREATE DATABASE \"$db\" OWNER postgres" >/dev/null \
                || die "could not create database $db"
            log "created database $db"
        fi
    done
}

# --------------------------------------------------------------------- Redis

redis_ping() {
    local reply
    if have redis-cli; then
        reply="$(timeout 5 redis-cli -h "$HOST" -p "$REDIS_PORT" ping 2>/dev/null)" || return 1
        [ "${reply%$'\r'}" = PONG ]
    else
        # shellcheck disable=SC2016  # the script is for the inner bash
        timeout 3 bash -c '
            exec 3<>"/dev/tcp/$0/$1" || exit 1
            printf "PING\r\n" >&3
            IFS= read -r line <&3 || exit 1
            [ "${line%"$2"}" = "+PONG" ]' "$HOST" "$REDIS_PORT" $'\r' 2>/dev/null
    fi
}

redis_wait() {
    local deadline=$((SECONDS + $1))
    while :; do
        redis_ping && return 0
        [ "$SECONDS" -lt "$deadline" ] || return 1
        sleep 1
    done
}

redis_version() {
    if have redis-cli; then
        timeout 5 redis-cli -h "$HOST" -p "$REDIS_PORT" info server 2>/dev/null \
            | tr -d '\r' | sed -n 's/^redis_version://p'
    else
        # shellcheck disable=SC2016  # the script is for the inner bash
        timeout 3 bash -c '
            exec 3<>"/dev/tcp/$0/$1" || exit 1
            printf "INFO server\r\n" >&3
            while IFS= read -r -t 2 line <&3; do
                case "$line" in redis_version:*) line="${line#redis_version:}"; printf "%s\n" "${line%"$2"}"; exit 0 ;; esac
            done' "$HOST" "$REDIS_PORT" $'\r' 2>/dev/null || true
    fi
}

start_redis() {
    local dir=/tmp logdir=/tmp logfile
    if [ -d /var/lib/redis ] && [ -w /var/lib/redis ]; then dir=/var/lib/redis; fi
    if [ -d /var/log/redis ] && [ -w /var/log/redis ]; then logdir=/var/log/redis; fi
    logfile="$logdir/redis-exchange-local.log"
    log "starting redis-server on $HOST:$REDIS_PORT (dir $dir, log $logfile)"
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" \
        --save "" --appendonly no --dir "$dir" --logfile "$logfile" \
        || die "redis-server failed to start (see $logfile)"
    redis_wait "$REDIS_WAIT" \
        || die "Redis did not answer PONG on $HOST:$REDIS_PORT within ${REDIS_WAIT}s (see $logfile)"
}

ensure_redis() {
    if redis_ping; then
        log "Redis already answers on $HOST:$REDIS_PORT, reusing it"
        return 0
    fi
    if tcp_open "$HOST" "$REDIS_PORT"; then
        log "something listens on $HOST:$REDIS_PORT, waiting up to ${REDIS_WAIT}s for PONG"
        redis_wait "$REDIS_WAIT" \
            || die "$HOST:$REDIS_PORT is in use but does not answer PING with PONG (a Redis with a password, or another program?)"
        log "Redis answers on $HOST:$REDIS_PORT"
        return 0
    fi
    if ! have redis-server; then
        apt_install redis-server
        # The package may have started its own server (init script or systemd).
        if redis_wait 3; then
            log "Redis started by the redis-server package answers on $HOST:$REDIS_PORT"
            return 0
        fi
        have redis-server || die "redis-server still missing after apt-get install"
    fi
    start_redis
    log "Redis answers on $HOST:$REDIS_PORT"
}

# ---------------------------------------------------------------------- main

if [ "$#" -gt 0 ]; then
    warn "ignoring arguments: $*"
fi

ensure_postgres
ensure_redis
ensure_databases

pg_version="$(psql_tcp -c 'show server_version')"
pg_version="${pg_version%% *}"
rd_version="$(redis_version)"
log "PostgreSQL ${pg_version:-?} and Redis ${rd_version:-?} ready on $HOST (databases ${DATABASES[0]}, ${DATABASES[1]})"
