#!/usr/bin/env bash
# The learn benchmark: dsw against LightGBM and scikit-learn on the same CSV.
#
#   scripts/learn/bench.sh
#
# Makes bench-data/cmle_features.csv (100,000 synth cmle customers × 25 features,
# a fixed 80/20 split column) with scripts/learn/cmle_features.dswnb, fits the
# reference models with compare.py (pip install lightgbm scikit-learn), fits dsw's
# with scripts/learn/dsw_fit.dswnb, and prints test metrics and fit seconds.
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p bench-data
swift build -c release --product dsw >/dev/null
dsw=.build/release/dsw
[ -f bench-data/cmle_features.csv ] ||
  "$dsw" run scripts/learn/cmle_features.dswnb --allow-path bench-data >/dev/null
echo "== LightGBM / scikit-learn"
python3 scripts/learn/compare.py bench-data/cmle_features.csv
echo "== dsw"
"$dsw" run scripts/learn/dsw_fit.dswnb --allow-path bench-data --format json |
  python3 -c '
import json, sys
for line in sys.stdin:
    cell = json.loads(line)
    for output in cell["outputs"]:
        if output["type"] == "metrics":
            metrics = ", ".join("%s %.4f" % (m["name"], m["value"]) for m in output["metrics"][:2])
            print("%-32s %s  (fit %.2f s)" % (output["title"], metrics, cell["duration_ms"] / 1000))
'
