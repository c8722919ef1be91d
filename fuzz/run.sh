#!/usr/bin/env bash
# fuzz/run.sh TARGET [SECONDS]: a developer's fuzzing session with afl-fuzz's screen, for one target
# (modes, beast, avr, asterix, sapient). Findings go to fuzz/findings/TARGET and are resumed next time;
# replay crashes with: dotnet fuzz/Straja.Fuzz/bin/Release/net10.0/Straja.Fuzz.dll --replay TARGET fuzz/findings/TARGET/default/crashes
set -euo pipefail
source "$(dirname "$0")/common.sh"
[ $# -ge 1 ] || { echo "usage: fuzz/run.sh TARGET [SECONDS]   (targets: ${TARGETS[*]})" >&2; exit 2; }
fuzz_valid_target "$1"
fuzz_install
fuzz_build
AFL_AUTORESUME=1 fuzz_run "$1" "${2:-3600}"
