#!/usr/bin/env bash
# fuzz/short.sh: a short fuzz run of every target for CI (FUZZ_SECONDS each, default 20), on a fresh
# Debian machine too (as root it installs afl++ and the sharpfuzz tool). First replays the seed corpora
# and the saved crash reproducers, then fuzzes each target from scratch. Exits non-zero if a replay
# fails or afl-fuzz saved any crash; prints the crashing inputs' paths.
set -euo pipefail
source "$(dirname "$0")/common.sh"
seconds=${FUZZ_SECONDS:-20}
fuzz_install
fuzz_build

# Replays use the uninstrumented build: instrumented code writes to afl's shared memory, absent outside afl.
harness=(dotnet "$FUZZ_DIR/Straja.Fuzz/bin/Release/net10.0/Straja.Fuzz.dll")
status=0
for t in "${TARGETS[@]}"; do
  dirs=("$FUZZ_DIR/corpus/$t")
  [ -d "$FUZZ_DIR/crashes/$t" ] && dirs+=("$FUZZ_DIR/crashes/$t")
  # One line per failing input and the count; the stack traces are in: $harness --replay TARGET DIR.
  "${harness[@]}" --replay "$t" "${dirs[@]}" | grep -E '^(FAIL|replay:)' | sed "s/^/replay $t: /" || status=1
done

for t in "${TARGETS[@]}"; do
  rm -rf "$FUZZ_DIR/findings/$t"
  log="$FUZZ_DIR/findings/$t.log"
  mkdir -p "$FUZZ_DIR/findings"
  if ! AFL_NO_UI=1 fuzz_run "$t" "$seconds" >"$log" 2>&1; then
    echo "fuzz $t: afl-fuzz failed to run (see $log):" >&2
    tail -n 5 "$log" >&2
    status=1
    continue
  fi
  stats="$FUZZ_DIR/findings/$t/default/fuzzer_stats"
  execs=$(sed -nE 's/^execs_done +: ([0-9]+)/\1/p' "$stats")
  rate=$(sed -nE 's/^execs_per_sec +: ([0-9.]+)/\1/p' "$stats")
  crashes=$(find "$FUZZ_DIR/findings/$t/default/crashes" -type f -name 'id:*' | wc -l)
  echo "fuzz $t: ${seconds}s, $execs executions ($rate/s), $crashes crashes"
  if [ "$crashes" -ne 0 ]; then
    find "$FUZZ_DIR/findings/$t/default/crashes" -type f -name 'id:*' | sed "s/^/  crash: /"
    status=1
  fi
done
exit $status
