#!/usr/bin/env bash
# Parquet load, projection and pruning, and export: dsw against DuckDB in one run.
#
#   scripts/bench/parquet.sh              # 10 million rows
#   scripts/bench/parquet.sh 1000000      # fewer, for a quick look
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product dsw >/dev/null
python3 -c "import duckdb" 2>/dev/null || { echo "pip install duckdb first" >&2; exit 2; }
uptime
python3 scripts/bench/parquet.py --rows "${1:-10000000}"
