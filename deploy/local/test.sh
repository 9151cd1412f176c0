#!/usr/bin/env bash
# The one test command: makes sure PostgreSQL and Redis run, then builds and runs every test
# (unit and @QuarkusTest tests, then the *IT tests against the packaged jar).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
"$here/services.sh"
cd "$root"
exec ./mvnw -B verify "$@"
