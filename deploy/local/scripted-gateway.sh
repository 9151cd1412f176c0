# Sourced (not run) by the scripts that drive a packaged gateway: the backup drill and the load
# tests. One way to start a gateway process, to call its API, and to set up the provider and the
# consumer every scripted scenario starts from. The sourcing script sets root, jar, work and die.

# The person dataset's fields, as load-tests/generator/PersonRecords.java writes its records.
PERSON_FIELDS='[{"name":"name","type":"STRING","required":true},{"name":"gender","type":"STRING"},{"name":"birthDate","type":"DATE"},{"name":"ethnicity","type":"STRING"},{"name":"address","type":"STRING","sensitive":true},{"name":"phone","type":"STRING","sensitive":true},{"name":"householdType","type":"STRING"},{"name":"registeredOn","type":"DATE"}]'
# The same for a dataset of the given class: Art. 8 keeps sensitive fields out of UNCONDITIONAL data.
person_fields() { # CLASS
    if [ "$1" = UNCONDITIONAL ]; then echo "${PERSON_FIELDS//,\"sensitive\":true/}"; else echo "$PERSON_FIELDS"; fi
}

# PORT DATABASE [NAME=VALUE...]: starts a gateway on the database, returns once it is ready.
# Its pid is left in $gateway_pid, its log in $work/gateway-PORT.log.
gateway_start() {
    local port=$1 db=$2
    shift 2
    # A journal of its own, emptied: a benchmark's gateway starts with nothing left to ship.
    rm -rf "$root/target/audit-journal-$port"
    (cd "$root" && exec env QUARKUS_PROFILE=local QUARKUS_HTTP_PORT="$port" \
        EXCHANGE_AUDIT_JOURNAL_DIR="$root/target/audit-journal-$port" \
        QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:5432/$db" \
        QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$db" "$@" \
        java -Xmx512m -jar "$jar" > "$work/gateway-$port.log" 2>&1) &
    gateway_pid=$!
    for _ in $(seq 1 120); do
        curl -sf "localhost:$port/q/health/ready" >/dev/null && return 0
        kill -0 "$gateway_pid" 2>/dev/null || break
        sleep 1
    done
    tail -40 "$work/gateway-$port.log"
    kill "$gateway_pid" 2>/dev/null || true
    die "gateway on :$port (database $db) not ready"
}

# METHOD URL TOKEN [BODY]: one API call that must answer 2xx; the answer's body in $work/api.out.
api() {
    local code
    code=$(curl -s -o "$work/api.out" -w '%{http_code}' -X "$1" "$2" -H "Authorization: Bearer $3" \
        -H 'Content-Type: application/json' ${4:+-d "$4"})
    [ "${code:0:1}" = 2 ] || { cat "$work/api.out"; die "$1 $2 answered $code"; }
}

# BASE_URL SIGNER: the police bureau as provider and the water company as consumer, both with the
# sharing agreement signed (Art. 17). Sets provider, consumer and the tokens center,
# provider_token and consumer_token (valid for a day).
two_agencies() {
    provider=11310000002420000A
    consumer=91310000MA1FL8XQ37
    center=$("$root/deploy/local/token.sh" --role center)
    provider_token=$("$root/deploy/local/token.sh" --role agency --agency $provider --ttl 43200)
    consumer_token=$("$root/deploy/local/token.sh" --role agency --agency $consumer --ttl 43200)
    api POST "$1/api/v1/agencies" "$center" "{\"code\":\"$provider\",\"name\":\"市公安局\",\"kind\":\"ADMINISTRATIVE\"}"
    api POST "$1/api/v1/agencies" "$center" "{\"code\":\"$consumer\",\"name\":\"市自来水公司\",\"kind\":\"PUBLIC_ENTERPRISE\"}"
    api POST "$1/api/v1/agencies/$provider/agreement" "$provider_token" "{\"signedBy\":\"$2\",\"version\":\"2016-1\"}"
    api POST "$1/api/v1/agencies/$consumer/agreement" "$consumer_token" "{\"signedBy\":\"$2\",\"version\":\"2016-1\"}"
}

# BASE_URL DATASET FILE COUNT: pushes an NDJSON file as the provider; all COUNT items must be accepted.
push_records() {
    curl -sf -X POST "$1/api/v1/datasets/$2/records" -H "Authorization: Bearer $provider_token" \
        -H 'Content-Type: application/x-ndjson' -H 'Expect:' -T "$3" -o "$work/push.json" \
        || die "push into $2 failed"
    grep -q "\"accepted\":$4" "$work/push.json" || { cat "$work/push.json"; die "push into $2 incomplete"; }
}
