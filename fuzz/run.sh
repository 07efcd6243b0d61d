#!/usr/bin/env bash
# Replay the regression inputs, then fuzz each harness for a bounded time.
# Usage: fuzz/run.sh BUILD_DIR SECONDS [HARNESS...]
# BUILD_DIR was configured with CC=clang -DMCLINT_FUZZ=ON -DMCLINT_SANITIZE=ON and the
# `fuzzers` target built. Seeds are generated into BUILD_DIR/fuzz-seeds, the growing corpus
# kept in BUILD_DIR/fuzz-corpus/<harness>, crashes in BUILD_DIR/fuzz-artifacts/.
# Exit status: non-zero if a regression input or a new input crashes, hangs or leaks.
# MCLINT_FUZZ_FLAGS adds libFuzzer flags to the fuzzing runs (e.g. -max_len=1048576).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:?usage: run.sh BUILD_DIR SECONDS [HARNESS...]}
secs=${2:?usage: run.sh BUILD_DIR SECONDS [HARNESS...]}
shift 2
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(yaml yfast doc claims evidence gguf tokscan config suppress pipeline)
bash "$here/make-seeds.sh" "$build/fuzz-seeds" >/dev/null
mkdir -p "$build/fuzz-artifacts"
flags=(-rss_limit_mb=512 -timeout=5 -malloc_limit_mb=512 -print_final_stats=1)
status=0
for h in "${harnesses[@]}"; do
  bin=$build/fuzz/fuzz_$h
  [ -x "$bin" ] || { echo "fuzz: $bin missing" >&2; status=1; continue; }
  if [ -d "$here/regressions/$h" ] && [ -n "$(ls -A "$here/regressions/$h")" ]; then
    if ! "$bin" "${flags[@]}" "$here/regressions/$h"/* >"$build/fuzz-artifacts/$h.replay.log" 2>&1; then
      echo "fuzz: $h: a regression input fails (see $build/fuzz-artifacts/$h.replay.log)" >&2
      status=1
    fi
  fi
  [ "$secs" -gt 0 ] || continue
  mkdir -p "$build/fuzz-corpus/$h"
  dict=()
  d=$h
  [ "$h" = yfast ] && d=yaml # the same YAML tokens
  [ -f "$here/dict/$d.dict" ] && dict=(-dict="$here/dict/$d.dict")
  # shellcheck disable=SC2086 # the extra flags are words
  if "$bin" "${flags[@]}" "${dict[@]}" ${MCLINT_FUZZ_FLAGS:-} -max_total_time="$secs" \
    -artifact_prefix="$build/fuzz-artifacts/$h-" \
    "$build/fuzz-corpus/$h" "$build/fuzz-seeds/$h" >"$build/fuzz-artifacts/$h.log" 2>&1; then
    line=$(grep -E '^#[0-9]+.*(DONE|pulse|NEW|REDUCE)' "$build/fuzz-artifacts/$h.log" | tail -1)
    echo "fuzz: $h: ok: $line"
  else
    echo "fuzz: $h: FAILED (see $build/fuzz-artifacts/$h.log)" >&2
    grep -m3 -E 'ERROR|SUMMARY' "$build/fuzz-artifacts/$h.log" >&2 || true
    status=1
  fi
done
exit $status
