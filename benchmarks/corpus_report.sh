#!/usr/bin/env bash
# Write benchmarks/results/corpus-report.md: kg report over the whole shared corpus.
set -uo pipefail
cd "$(dirname "$0")/.."
C=${1:-../shared/corpus}
KG=${KG:-.venv/bin/kg}
out=benchmarks/results/corpus-report.md
report=$("$KG" report "$C"/*.xml "$C"/*.wiki "$C"/*.json "$C"/*.txt "$C"/dumps/*.xml)
code=$?
{
  echo "# kg report over ../shared/corpus"
  echo
  echo "Command: \`kg report ../shared/corpus/*.xml ../shared/corpus/*.wiki ../shared/corpus/*.json ../shared/corpus/*.txt ../shared/corpus/dumps/*.xml\` (exit $code; written by \`benchmarks/corpus_report.sh\`)."
  echo "noms/rows = nominations exported / data rows of the accolades tables counted from the raw markup (list-form accolades add nominations without table rows); tracks/titles = tracks exported / non-blank titleN of every {{Track listing}} plus the rows of every song table of a soundtrack section, counted by kg.report's own line scanner. The .txt files are plain-text extracts (no wiki markup), refused with their own message."
  echo
  echo '```'
  echo "$report"
  echo '```'
} > "$out"
echo "wrote $out (kg report exit $code)"
