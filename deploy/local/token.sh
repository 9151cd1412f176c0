#!/usr/bin/env bash
# Prints a development RS256 JWT for the exchange gateway (one line on stdout).
# Needs only bash, openssl, base64, tr and date.
set -euo pipefail
export LC_ALL=C

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly SCRIPT_DIR

usage() {
    cat >&2 <<EOF
usage: ${0##*/} --role center|agency|ops [--agency CODE] [--sub NAME] [--ttl SECONDS] [--key FILE]

Prints an RS256 JWT signed with deploy/local/keys/dev-private.pem (header kid "dev").
  --role ROLE     center, agency or ops; becomes groups = ["ROLE"]            (required)
  --agency CODE   agency code claim; required for --role agency (the gateway refuses it
                  on center and ops tokens: a token means one thing)
  --sub NAME      subject (default: ROLE-CODE, or ROLE-user without --agency)
  --ttl SECONDS   lifetime, exp = iat + ttl (default 3600; negative gives an expired token;
                  the gateway refuses lifetimes over smallrye.jwt.time-to-live, 43200 by default)
  --key FILE      sign with this RSA private key instead (to forge tokens in tests)
Environment: TOKEN_ISSUER overrides iss (default urn:cityplatform:exchange:dev).
EOF
}
bad_usage() { printf 'token: %s\n' "$*" >&2; usage; exit 2; }
die() { printf 'token: %s\n' "$*" >&2; exit 1; }

role="" agency="" agency_set=0 sub="" ttl=3600 key="$SCRIPT_DIR/keys/dev-private.pem"
issuer="${TOKEN_ISSUER:-urn:cityplatform:exchange:dev}"

while [ "$#" -gt 0 ]; do
    opt="$1"
    case "$opt" in
        -h | --help) usage; exit 0 ;;
        --role=* | --agency=* | --sub=* | --ttl=* | --key=*)
            val="${opt#*=}"; opt="${opt%%=*}"; shift ;;
        --role | --agency | --sub | --ttl | --key)
            [ "$#" -ge 2 ] || bad_usage "option $opt needs a value"
            val="$2"; shift 2 ;;
        *) bad_usage "unknown argument: $opt" ;;
    esac
    case "$opt" in
        --role) role="$val" ;;
        --agency) agency="$val"; agency_set=1 ;;
        --sub) sub="$val" ;;
        --ttl) ttl="$val" ;;
        --key) key="$val" ;;
    esac
done

case "$role" in
    center | agency | ops) ;;
    "") bad_usage "--role is required" ;;
    *) bad_usage "unknown role: $role (expected center, agency or ops)" ;;
esac

# Text that goes into a JSON string: no control characters, not empty.
check_text() { # check_text WHAT VALUE
    [ -n "$2" ] || bad_usage "$1 must not be empty"
    case "$2" in
        *[$'\001'-$'\037\177']*) bad_usage "$1 must not contain control characters" ;;
    esac
}
json_string() { # quoted, escaped JSON string
    local s="$1" bs="\\" q='"'
    s="${s//"$bs"/"$bs$bs"}"
    s="${s//"$q"/"$bs$q"}"
    printf '"%s"' "$s"
}

if [ "$agency_set" -eq 1 ]; then
    check_text "--agency" "$agency"
elif [ "$role" = agency ]; then
    bad_usage "--agency is required for --role agency"
fi
if [ -z "$sub" ]; then
    if [ "$agency_set" -eq 1 ]; then sub="$role-$agency"; else sub="$role-user"; fi
fi
check_text "--sub" "$sub"
check_text "issuer (TOKEN_ISSUER)" "$issuer"

[[ "$ttl" =~ ^-?[0-9]{1,9}$ ]] || bad_usage "--ttl must be a whole number of seconds, got: $ttl"
if [[ "$ttl" == -* ]]; then ttl=$((-10#${ttl#-})); else ttl=$((10#$ttl)); fi

if [ ! -f "$key" ] || [ ! -r "$key" ]; then die "cannot read key file $key"; fi
openssl rsa -in "$key" -noout 2>/dev/null || die "$key is not an RSA private key"

b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }

iat="$(date +%s)"
exp=$((iat + ttl))
jti="$(openssl rand -hex 16)"

header='{"alg":"RS256","typ":"JWT","kid":"dev"}'
payload="{\"iss\":$(json_string "$issuer"),\"sub\":$(json_string "$sub")"
if [ "$agency_set" -eq 1 ]; then
    payload+=",\"agency\":$(json_string "$agency")"
fi
payload+=",\"groups\":[\"$role\"],\"iat\":$iat,\"exp\":$exp,\"jti\":\"$jti\"}"

signing_input="$(printf '%s' "$header" | b64url).$(printf '%s' "$payload" | b64url)"
signature="$(printf '%s' "$signing_input" | openssl dgst -sha256 -sign "$key" -binary | b64url)" \
    || die "signing with $key failed"
[ -n "$signature" ] || die "signing with $key failed"

printf '%s.%s\n' "$signing_input" "$signature"
