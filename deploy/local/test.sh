#!/usr/bin/env bash
# The one test command: makes sure PostgreSQL and Redis run, then builds and runs every test
# (unit and @QuarkusTest tests, then the *IT tests against the packaged jar), installing the
# browser the assessment page test uses when it is missing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
"$here/services.sh"
# The published assessment page is checked in a real browser: Debian's headless Chromium.
# (and a Chinese font, so that its screenshot under target/ is readable).
if [ ! -x /usr/bin/chromium ] || [ ! -d /usr/share/fonts/truetype/wqy ]; then
    echo "test: installing Debian's chromium and fonts-wqy-zenhei for the browser test of the assessment page"
    sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get install -y -q chromium fonts-wqy-zenhei >/dev/null \
        || { $sudo_cmd apt-get update -q >/dev/null && $sudo_cmd apt-get install -y -q chromium fonts-wqy-zenhei >/dev/null; }
fi
cd "$root"
exec ./mvnw -B verify "$@"
