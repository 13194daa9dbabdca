#!/usr/bin/env bash
# CSV load and export of the 10M-row groupby table, and start-up: dsw
# against DuckDB in one run.
#
#   scripts/bench/csvfile.sh            # 10 million rows (about 0.5 GB of CSV)
#   scripts/bench/csvfile.sh 1000000    # fewer rows, for a quick look
set -euo pipefail
cd "$(dirname "$0")/../.."
rows="${1:-10000000}"
. scripts/bench/groupby-data.sh
python3 -c "import duckdb" 2>/dev/null || { echo "pip install duckdb first" >&2; exit 2; }
uptime
python3 scripts/bench/csvfile.py bench-data/G1_1e7_1e2_0_0.csv --dsw "$dsw"
