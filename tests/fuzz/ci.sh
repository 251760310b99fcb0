#!/usr/bin/env bash
# A short fuzz run of every target, for CI (issue 14): builds the targets with the stable
# toolchain (no nightly, no cargo-fuzz: the instrumentation flags cargo-fuzz passes are all
# stable rustc options; the sanitizer is the one thing that needs nightly, and a panic, an
# overflow, a debug assertion, a hang or a runaway allocation is what we look for), seeds the
# corpora, then runs each target for $FUZZ_SECONDS seconds (default 30). Exits non-zero —
# failing CI — on the first crash, timeout or out-of-memory; libFuzzer writes the input to
# tests/fuzz/artifacts/<target>/ and prints it. Long runs: docs/performance.md ("Fuzzing").
#
#   tests/fuzz/ci.sh                 # all targets
#   FUZZ_SECONDS=600 tests/fuzz/ci.sh lsp parse_check
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${FUZZ_SECONDS:-30}
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(parse_check fmt lsp import template_fill)
host=$(rustc -vV | sed -n 's/^host: //p')

# cargo-fuzz's flags (sancov with inline 8-bit counters, PC table, comparison tracing, and
# `--cfg fuzzing`), applied to the target only: `--target` keeps them off build scripts and
# proc macros, which are not linked with libFuzzer.
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing"
start=$(date +%s)
cargo build --quiet --release --manifest-path tests/fuzz/Cargo.toml --target "$host" \
  --target-dir tests/fuzz/target $(printf -- '--bin %s ' "${targets[@]}")
echo "fuzz: built ${targets[*]} in $(($(date +%s) - start)) s"

tests/fuzz/seed.sh
for t in "${targets[@]}"; do
  mkdir -p "tests/fuzz/artifacts/$t"
  # -timeout: an input taking 10 s is a hang; -rss_limit_mb: a runaway allocation. Both
  # count as crashes. The corpus grows in place (ignored by git).
  "tests/fuzz/target/$host/release/$t" "tests/fuzz/corpus/$t" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="tests/fuzz/artifacts/$t/" -print_final_stats=1 2>"tests/fuzz/artifacts/$t.log" \
    || { tail -n 60 "tests/fuzz/artifacts/$t.log"; echo "fuzz: $t crashed (input in tests/fuzz/artifacts/$t/)"; exit 1; }
  grep -E '^stat::number_of_executed_units|^Done' "tests/fuzz/artifacts/$t.log" | tr '\n' ' '  || true
  echo "← $t"
done
