#!/usr/bin/env bash
# Seeds the fuzz corpora from the examples and fixtures (issue 14). The corpora live in
# tests/fuzz/corpus/ (ignored by git): what the fuzzer finds interesting accumulates there.
set -euo pipefail
cd "$(dirname "$0")/../.."
c=tests/fuzz/corpus
mkdir -p "$c/parse_check" "$c/fmt" "$c/lsp" "$c/import" "$c/template_fill"
find examples tests/fixtures -name '*.kpi' | while read -r f; do
  n=$(echo "$f" | tr '/' '_')
  cp "$f" "$c/parse_check/$n"
  cp "$f" "$c/fmt/$n"
  # The lsp target reads its first bytes as choices (encoding, text length): a form as it is
  # is still a useful start, the fuzzer finds the rest.
  cp "$f" "$c/lsp/$n"
done
find templates tests/fixtures -name '*.xlsx' | while read -r f; do
  n=$(echo "$f" | tr '/' '_')
  cp "$f" "$c/import/$n"
  cp "$f" "$c/template_fill/$n"
done
# Workbooks kpi writes, for import (the templates above are empty forms): with the debug
# binary when it is built (CI runs the fuzzers after the tests), else through cargo.
kpi=(cargo run -q --)
[ -x target/debug/kpi ] && kpi=(target/debug/kpi)
for d in examples/lhasa-kjj-2023 examples/elsewhere/*/; do
  n=$(basename "$d")
  "${kpi[@]}" build "$d" --to xlsx -o "$c/import/$n.xlsx" >/dev/null 2>&1 || true
done
