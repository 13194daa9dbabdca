#!/usr/bin/env bash
# db-benchmark's join questions, dsw against DuckDB in one run, answers checked.
#
#   scripts/bench/join.sh              # x of 10 million rows
#   scripts/bench/join.sh 1000000      # fewer, for a quick look
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product dsw >/dev/null
python3 -c "import duckdb, numpy, pandas" 2>/dev/null \
  || { echo "pip install duckdb numpy pandas first" >&2; exit 2; }
uptime
python3 scripts/bench/join.py --rows "${1:-10000000}"
