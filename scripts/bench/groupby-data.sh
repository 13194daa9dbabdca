# Sourced by groupby.sh and csvfile.sh: builds a release dsw into $dsw and makes
# bench-data/G1_1e7_1e2_0_0.csv of $rows rows (db-benchmark's groupby table)
# unless it is already there.
mkdir -p bench-data
swift build -c release --product dsw >/dev/null
dsw=.build/release/dsw
if [ ! -f bench-data/G1_1e7_1e2_0_0.csv ] || [ "$(cat bench-data/rows 2>/dev/null)" != "$rows" ]; then
  echo "generating $rows rows..." >&2
  "$dsw" run scripts/bench/generate.dswnb -p rows="$rows" --allow-path bench-data >/dev/null
  echo "$rows" > bench-data/rows
fi
