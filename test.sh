#!/usr/bin/env bash
# Installs what the tests need, builds everything, runs every test suite, and ends with one line:
# "tests: N passed, N failed, N skipped". Exit code 0 only when everything passed.
set -euo pipefail
cd "$(dirname "$0")"

need_root() { [ "$(id -u)" -eq 0 ] || { echo "test.sh: '$1' is missing and installing it needs root (apt-get install $2)" >&2; exit 1; }; }
apt_updated=0
apt_install() {
  need_root "$1" "$2"
  if [ $apt_updated -eq 0 ]; then apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}

command -v dotnet >/dev/null || { echo "test.sh: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
command -v npm >/dev/null || apt_install npm npm
# The browser tests drive Debian's Chromium; nothing downloads a browser of its own.
[ -x /usr/bin/chromium ] || apt_install chromium chromium
# A real Mode S receiver program as the peer of the Beast ingest tests.
[ -x /usr/bin/dump1090-mutability ] || apt_install dump1090-mutability dump1090-mutability
export STRAJA_CHROMIUM=/usr/bin/chromium
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

echo "== build"
dotnet build Straja.slnx -c Release -v quiet -nologo -clp:ErrorsOnly

echo "== test"
log=$(mktemp)
set +e
dotnet test Straja.slnx -c Release --no-build -nologo -v quiet --logger "console;verbosity=minimal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# Each test project prints "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12, ..." (or Failed!).
read -r passed failed skipped < <(grep -E '(Passed|Failed)! +- Failed: +[0-9]+' "$log" |
  sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\2 \1 \3/' |
  awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
projects=$(grep -cE '(Passed|Failed)! +- Failed:' "$log" || true)
# Failed tests, each with the start of its error message, are repeated at the very end, where a CI
# log's tail still shows them.
failures=$(awk '/^  Failed [A-Za-z_]/ {print; n=0; on=1; next}
                on && /^  Stack Trace:/ {on=0; next}
                on && /^  Error Message:/ {next}
                on && n < 10 {print "    " $0; n++}' "$log" || true)

echo "== console (node --test)"
set +e
(cd src/Straja.Server/ClientApp && npm test --silent) 2>&1 | tee "$log"
node_status=${PIPESTATUS[0]}
set -e
node_pass=$(sed -nE 's/^# pass ([0-9]+)$/\1/p' "$log" | tail -1)
node_fail=$(sed -nE 's/^# fail ([0-9]+)$/\1/p' "$log" | tail -1)
node_failures=$(grep -E '^not ok [0-9]+ - ' "$log" | sed -E 's/^not ok [0-9]+ - /Failed (console) /' || true)
passed=$((passed + ${node_pass:-0})); failed=$((failed + ${node_fail:-0}))
[ "$node_status" -eq 0 ] || status=1
rm -f "$log"

echo "== fuzz (afl++ over every decoder, ${FUZZ_SECONDS:-10} s each; fuzz/README.md)"
if ! FUZZ_SECONDS=${FUZZ_SECONDS:-10} bash fuzz/short.sh; then
  echo "fuzz: a replay failed or afl++ found a crash (see above)"
  status=1
fi

echo
echo "test projects run: $projects .NET + 1 console"
if [ -n "$failures$node_failures" ]; then
  echo "failed tests:"
  printf '%s\n' "$failures" "$node_failures" | sed '/^$/d; s/^/  /'
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
