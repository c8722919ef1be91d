# Sourced by run.sh and short.sh: installs afl++ and the sharpfuzz tool if missing, builds the harness
# and instruments Straja.Protocols.dll only (the harness and the runtime stay uninstrumented, so the
# coverage afl sees is the decoders' own).
# shellcheck shell=bash
FUZZ_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$FUZZ_DIR/.." && pwd)
SHARPFUZZ_VERSION=2.3.0
TARGETS=(modes beast avr asterix sapient)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# What afl-fuzz needs inside a container: no CPU governor or core_pattern to tune, no free core to
# pin to (other jobs share the machine), and a target that is "dotnet", not an afl-compiled binary.
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 AFL_SKIP_BIN_CHECK=1

fuzz_install() {
  command -v dotnet >/dev/null || { echo "fuzz: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
  if ! command -v afl-fuzz >/dev/null; then
    [ "$(id -u)" -eq 0 ] || { echo "fuzz: afl-fuzz is missing; as root: apt-get install afl++" >&2; exit 1; }
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ >/dev/null
  fi
  if [ ! -x "$FUZZ_DIR/.tools/sharpfuzz" ]; then
    dotnet tool install --tool-path "$FUZZ_DIR/.tools" SharpFuzz.CommandLine --version "$SHARPFUZZ_VERSION" >/dev/null
  fi
}

# Builds into a fresh out/ each time: sharpfuzz rewrites the dll in place and refuses one already done.
fuzz_build() {
  dotnet build "$FUZZ_DIR/Straja.Fuzz" -c Release -v quiet -nologo -clp:ErrorsOnly >/dev/null
  rm -rf "$FUZZ_DIR/out"
  cp -r "$FUZZ_DIR/Straja.Fuzz/bin/Release/net10.0" "$FUZZ_DIR/out"
  "$FUZZ_DIR/.tools/sharpfuzz" "$FUZZ_DIR/out/Straja.Protocols.dll" >/dev/null
}

# fuzz_run TARGET SECONDS [afl-fuzz options...]: fuzzes into findings/TARGET from corpus/TARGET.
fuzz_run() {
  local target=$1 seconds=$2
  shift 2
  mkdir -p "$FUZZ_DIR/findings"
  # -t: the first executions pay for JIT compilation; -m none: the CLR reserves far more than afl's default limit.
  afl-fuzz -V "$seconds" -t 5000 -m none -i "$FUZZ_DIR/corpus/$target" -o "$FUZZ_DIR/findings/$target" "$@" \
    -- "$(command -v dotnet)" "$FUZZ_DIR/out/Straja.Fuzz.dll" "$target"
}

fuzz_valid_target() {
  local t
  for t in "${TARGETS[@]}"; do [ "$t" = "$1" ] && return 0; done
  echo "fuzz: unknown target '$1' (targets: ${TARGETS[*]})" >&2
  return 1
}
