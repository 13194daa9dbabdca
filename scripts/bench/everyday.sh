#!/usr/bin/env bash
# Everyday query shapes, dsw against DuckDB in one run, answers checked.
#
#   scripts/bench/everyday.sh              # 5 million rows
#   scripts/bench/everyday.sh 1000000      # fewer, for a quick look
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product dsw >/dev/null
python3 -c "import duckdb" 2>/dev/null || { echo "pip install duckdb first" >&2; exit 2; }
uptime
python3 scripts/bench/everyday.py --rows "${1:-5000000}"
