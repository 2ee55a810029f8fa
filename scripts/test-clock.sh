#!/usr/bin/env bash
# Runs the test suite (without lint and type check) with the clock set to each given UTC instant,
# through Debian's faketime (libfaketime), and prints one summary line per instant.
# By default, the next instants where date bugs show (docs/testing.md): both sides of midnight in
# Shanghai, the end of a month, the start of a year, and 29 February of a leap year.
#   bash scripts/test-clock.sh                                       # every default instant in turn
#   bash scripts/test-clock.sh '2027-01-01 00:01:00' -- tests/invitations   # one instant, some files
set -uo pipefail
cd "$(dirname "$0")/.."

if ! command -v faketime >/dev/null 2>&1; then
  echo "faketime is missing: apt-get install faketime" >&2
  exit 2
fi

# The instants lie ahead of the real clock, because chromium keeps the real clock (below): a cookie
# the app sets at a faked instant must not already have expired for the browser.
next_leap_year() {
  local y=$(($(date -u +%Y) + 1))
  until ((y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))); do y=$((y + 1)); done
  echo "$y"
}
default_instants() {
  local tomorrow; tomorrow=$(date -u -d tomorrow +%F)
  echo "$tomorrow 15:59:00"
  echo "$tomorrow 16:01:00"
  echo "$(date -u -d "$(date -u -d 'next month' +%Y-%m-01) -1 day" +%F) 23:59:00"
  echo "$(($(date -u +%Y) + 1))-01-01 00:01:00"
  echo "$(next_leap_year)-02-29 12:00:00"
}

instants=()
while (($#)) && [[ $1 != -- ]]; do instants+=("$1"); shift; done
[[ ${1:-} == -- ]] && shift
((${#instants[@]})) || mapfile -t instants < <(default_instants)

# Chromium hangs with libfaketime preloaded (its zygote and network service crash), so the browser
# tests and the PDF export start it through a wrapper that drops the preload: it runs on the real clock.
mkdir -p test-results
real_clock_chromium=$(mktemp)
trap 'rm -f "$real_clock_chromium"' EXIT
printf '#!/bin/sh\nexec env -u LD_PRELOAD -u FAKETIME %s "$@"\n' "${CHROMIUM_PATH:-/usr/bin/chromium}" >"$real_clock_chromium"
chmod +x "$real_clock_chromium"

status=0
for instant in "${instants[@]}"; do
  log="test-results/clock-${instant//[: ]/-}.log"
  # The clock starts at the instant and runs on; timers (the monotonic clock) are not faked.
  TZ=UTC CHROMIUM_PATH="$real_clock_chromium" FAKETIME_DONT_FAKE_MONOTONIC=1 NO_FAKE_STAT=1 \
    faketime "$instant" npm test -- --no-lint "$@" >"$log" 2>&1
  code=$?
  summary=$(grep -E '^ℹ (pass|fail) ' "$log" | tr '\n' ' ')
  echo "$instant UTC: exit $code, $summary(log: $log)"
  ((code == 0)) || status=1
done
exit $status
