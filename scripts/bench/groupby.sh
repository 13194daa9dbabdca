#!/usr/bin/env bash
# The db-benchmark groupby benchmark: dsw against DuckDB, side by side.
#
#   scripts/bench/groupby.sh            # 10 million rows (about 0.5 GB of CSV)
#   scripts/bench/groupby.sh 1000000    # fewer rows, for a quick look
#
# Builds a release dsw, makes the table G1_1e7_1e2_0_0 with `synth groupby`
# and writes it as CSV under bench-data/ (not committed), then times the load
# and the ten questions q1..q10 in DuckDB (pip install duckdb) and in dsw, one
# after the other, and prints the table of timings and answer checks.
set -euo pipefail
cd "$(dirname "$0")/../.."
rows="${1:-10000000}"
. scripts/bench/groupby-data.sh
python3 -c "import duckdb" 2>/dev/null || { echo "pip install duckdb first" >&2; exit 2; }
echo "DuckDB..." >&2
python3 scripts/bench/duckdb_groupby.py bench-data/G1_1e7_1e2_0_0.csv > bench-data/duckdb.jsonl
echo "dsw..." >&2
/usr/bin/time -f "dsw peak memory: %M KiB" "$dsw" run scripts/bench/groupby.dswnb \
  --allow-path bench-data --format json > bench-data/dsw.jsonl
python3 scripts/bench/compare.py bench-data/duckdb.jsonl bench-data/dsw.jsonl
