#!/usr/bin/env bash
# gbt fit time against LightGBM's, five runs each, fit only (no evaluation).
#
#   scripts/learn/fit_time.sh      (after scripts/learn/bench.sh made the CSV)
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product dsw >/dev/null
.build/release/dsw run scripts/learn/gbt_fit.dswnb --allow-path bench-data --format json |
  python3 -c '
import json, statistics, sys
times = [json.loads(l)["duration_ms"] for l in sys.stdin if "train gbt_fit" in l or "\"g0000" in l]
times = times[-5:]
print("dsw gbt fit ms      ", times, "median", statistics.median(times))
'
python3 - <<'PY'
import statistics, sys, time
sys.path.insert(0, "scripts/learn")
import compare
import lightgbm as lgb
header, columns = compare.load("bench-data/cmle_features.csv")
train = columns[compare.SPLIT] == "train"
y = (columns[compare.TARGET] == "true").astype(float)
names = [n for n in header if n not in {compare.ID, compare.TARGET, compare.SPLIT}]
xg, categorical = compare.lgb_design(columns, names, train)
times = []
for _ in range(5):
    start = time.perf_counter()
    lgb.train(dict(objective="binary", num_threads=2, verbose=-1),
              lgb.Dataset(xg[train], y[train], categorical_feature=categorical),
              num_boost_round=100)
    times.append(round((time.perf_counter() - start) * 1000))
print("LightGBM fit ms (2 t)", times, "median", statistics.median(times))
PY
