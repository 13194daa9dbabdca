#!/usr/bin/env bash
# Remote engines: dsw against PostgreSQL's own client and pandas, side by side.
#
#   scripts/bench/remote.sh            # the 10-million-row groupby table
#   scripts/bench/remote.sh 1000000    # fewer rows, for a quick look
#
# Uses the server named by DSW_TEST_POSTGRES (host:port:user:db), or starts a
# throwaway one with scripts/postgres/start.sh and stops it at the end. Loads
# the db-benchmark groupby table into it with dsw (`synth groupby`, then
# `export … to w.public.g1`), then times, best of three:
#   - pulling the whole table: psql's `\copy … TO '/dev/null' (FORMAT binary)`
#     (the floor the server sets), dsw's `let x = from w.g1`, and pandas'
#     `read_sql` over psycopg (pip install pandas "psycopg[binary]" sqlalchemy);
#   - the ten groupby questions pushed down by dsw, against the same SQL
#     (printed by `dsw sql`) run by psql.
set -euo pipefail
cd "$(dirname "$0")/../.."
rows="${1:-10000000}"
mkdir -p bench-data
swift build -c release --product dsw >/dev/null
if [ -z "${DSW_TEST_POSTGRES:-}" ]; then
  eval "$(scripts/postgres/start.sh)"
  trap 'scripts/postgres/stop.sh "$DSW_POSTGRES_DIR" >/dev/null 2>&1 || true' EXIT
fi
python3 scripts/bench/remote.py "$rows"
