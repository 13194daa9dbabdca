#!/usr/bin/env bash
# A tuning run, dsw's `tune` against scikit-learn's GridSearchCV with LightGBM:
# the same 12-trial grid, 3 stratified folds, AUC, refit on every row.
#
#   scripts/bench/tune.sh            # the propensity features of 20,000 customers
#   scripts/bench/tune.sh 5000       # fewer customers, for a quick look
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product dsw >/dev/null
python3 -c "import lightgbm, sklearn, pandas" 2>/dev/null ||
  { echo "pip install lightgbm scikit-learn pandas first" >&2; exit 2; }
uptime
python3 scripts/bench/tune.py --users "${1:-20000}" --dsw .build/release/dsw
