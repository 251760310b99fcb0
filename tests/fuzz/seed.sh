#!/usr/bin/env bash
# Seeds the fuzz corpora from the examples and fixtures (issue 14). The corpora live in
# tests/fuzz/corpus/ (ignored by git): what the fuzzer finds interesting accumulates there.
set -euo pipefail
cd "$(dirname "$0")/../.."
c=tests/fuzz/corpus
mkdir -p "$c/parse_check" "$c/fmt" "$c/import" "$c/template_fill"
find examples tests/fixtures -name '*.kpi' | while read -r f; do
  n=$(echo "$f" | tr '/' '_')
  cp "$f" "$c/parse_check/$n"
  cp "$f" "$c/fmt/$n"
done
find templates tests/fixtures -name '*.xlsx' | while read -r f; do
  n=$(echo "$f" | tr '/' '_')
  cp "$f" "$c/import/$n"
  cp "$f" "$c/template_fill/$n"
done
# Workbooks kpi writes, for import (the templates above are empty forms).
for d in examples/lhasa-kjj-2023 examples/elsewhere/*/; do
  n=$(basename "$d")
  cargo run -q -- build "$d" --to xlsx -o "$c/import/$n.xlsx" >/dev/null 2>&1 || true
done
