#!/usr/bin/env bash
# Load test of `dsw serve` beside a Python peer, on 127.0.0.1, with wrk.
#
# The model is the propensity notebook's gbt (`conv`), saved with `save model`;
# the peer serves the same model exported to LightGBM behind FastAPI + uvicorn
# (scripts/bench/serve_peer.py), and the script first checks that both answer
# the same scores for the same 1,000 rows. Then, for each server, a wrk run of
# DURATION seconds (at most 60) with single-row requests and one with
# 1,000-row requests, reporting throughput, p50 and p99 latency, errors, and
# the server's resident memory (sampled every second: at the start of the run,
# its peak, and at the end).
#
#   scripts/bench/serve.sh                       # 30 s per run
#   DURATION=60 REPEAT=3 scripts/bench/serve.sh  # best of three
#
# Needs wrk (apt-get install wrk) and, for the peer only, pip packages
# lightgbm fastapi uvicorn orjson. None of them is a dependency of dsw.
set -euo pipefail
cd "$(dirname "$0")/../.."

DURATION=${DURATION:-30}
if [ "$DURATION" -gt 60 ]; then DURATION=60; fi
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
WORKERS=${WORKERS:-2}
REPEAT=${REPEAT:-1}
SCRATCH=${SCRATCH:-.build}
DSW=${DSW:-$SCRATCH/release/dsw}
DSW_PORT=${DSW_PORT:-18181}
PEER_PORT=${PEER_PORT:-18182}
work=bench-data/serve
mkdir -p "$work"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 1; }
python3 -c "import lightgbm, fastapi, uvicorn, orjson" 2>/dev/null \
  || { echo "the peer needs: pip install lightgbm fastapi uvicorn orjson"; exit 1; }
[ -x "$DSW" ] || swift build -c release --product dsw --scratch-path "$SCRATCH"

# The model file and the rows: the propensity notebook plus a `save model` cell.
if [ ! -f "$work/conv.json" ]; then
  python3 - "$work" <<'PY'
import json, sys
notebook = json.load(open("notebooks/propensity.dswnb"))
cells = [c for c in notebook["cells"] if c["kind"] != "markdown"]
for cell in cells:
    cell.pop("outputs", None); cell.pop("execution", None)
cells.append({"id": "savemdl1", "kind": "query", "source": ['save model conv to "conv.json"']})
notebook["cells"] = cells
json.dump(notebook, open(sys.argv[1] + "/propensity_save.dswnb", "w"), indent=1)
PY
  "$DSW" run "$work/propensity_save.dswnb" --color never > "$work/notebook.log"
fi
python3 scripts/bench/serve_bodies.py "$work/conv.json" "$work/out/propensity_training.csv" "$work"

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

"$DSW" serve "$work/conv.json" --port "$DSW_PORT" --workers "$WORKERS" > "$work/dsw.log" 2>&1 &
pids+=($!)
dsw_pid=$!
(cd scripts/bench && DSW_PEER_MODEL="../../$work/conv.json" exec python3 -m uvicorn serve_peer:app \
  --port "$PEER_PORT" --workers "$WORKERS" --no-access-log --log-level warning) > "$work/peer.log" 2>&1 &
pids+=($!)
peer_pid=$!
for port in "$DSW_PORT" "$PEER_PORT"; do
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$port/healthz" > /dev/null && break
    sleep 0.5
  done
done

# Both must give the same answers before their speed means anything.
curl -sf -X POST "http://127.0.0.1:$DSW_PORT/v1/models/conv/score" -d @"$work/batch.json" > "$work/dsw_scores.json"
curl -sf -X POST "http://127.0.0.1:$PEER_PORT/v1/models/conv/score" -d @"$work/batch.json" > "$work/peer_scores.json"
python3 - "$work" <<'PY'
import json, sys
dsw = json.load(open(sys.argv[1] + "/dsw_scores.json"))
peer = json.load(open(sys.argv[1] + "/peer_scores.json"))
worst = max(abs(a - b) for a, b in zip(dsw["scores"], peer["scores"]))
same = dsw["deciles"] == peer["deciles"] and len(dsw["scores"]) == len(peer["scores"]) == 1000
print(f"same answers on 1,000 rows: largest score difference {worst:g}, deciles equal: {same}")
if worst > 1e-12 or not same:
    sys.exit("the peer does not score like dsw; the comparison would be meaningless")
PY

cat > "$work/post.lua" <<'LUA'
local path, file = ...
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
init = function(args)
  local handle = io.open(args[1], "rb")
  wrk.body = handle:read("*a")
  handle:close()
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %.1f %.3f %.3f %d\n", summary.requests,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, e.connect + e.read + e.write + e.status + e.timeout))
end
LUA

# Resident memory of a server and its children (uvicorn's workers), in MiB.
rss() {
  local total=0
  for pid in $1 $(pgrep -P "$1" || true); do
    total=$((total + $(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)))
  done
  echo $((total / 1024))
}

run() { # name pid port body -> "rps p50 p99 errors rss_start rss_peak rss_end"
  local name=$1 pid=$2 port=$3 body=$4 best=""
  local url="http://127.0.0.1:$port/v1/models/conv/score"
  wrk -t "$THREADS" -c "$CONNECTIONS" -d 3s -s "$work/post.lua" "$url" -- "$work/$body.json" > /dev/null
  for _ in $(seq 1 "$REPEAT"); do
    local start_rss samples="$work/rss.$name.$body"
    start_rss=$(rss "$pid")
    : > "$samples"
    (while kill -0 "$pid" 2>/dev/null; do rss "$pid" >> "$samples"; sleep 1; done) &
    local sampler=$!
    local line
    line=$(wrk -t "$THREADS" -c "$CONNECTIONS" -d "${DURATION}s" --timeout 10s -s "$work/post.lua" \
      "$url" -- "$work/$body.json" | grep '^RESULT')
    kill "$sampler" 2>/dev/null || true
    wait "$sampler" 2>/dev/null || true
    local peak end
    peak=$(sort -n "$samples" | tail -1)
    end=$(rss "$pid")
    read -r _ requests rps p50 p99 errors <<< "$line"
    local result="$rps $p50 $p99 $errors $start_rss $peak $end $requests"
    if [ -z "$best" ] || awk -v a="$rps" -v b="${best%% *}" 'BEGIN {exit !(a > b)}'; then
      best=$result
    fi
  done
  echo "$best"
}

echo
echo "wrk: $THREADS threads, $CONNECTIONS connections, ${DURATION} s per run, best of $REPEAT;"
echo "servers: $WORKERS workers each; $(nproc) cores shared by wrk and the server."
echo
echo "| server | rows/request | requests/s | rows/s | p50 ms | p99 ms | errors | RSS MiB start → peak → end |"
echo "|---|---:|---:|---:|---:|---:|---:|---|"
for body in single batch; do
  rows=1; [ "$body" = batch ] && rows=1000
  for server in dsw peer; do
    if [ "$server" = dsw ]; then pid=$dsw_pid port=$DSW_PORT label="dsw serve"
    else pid=$peer_pid port=$PEER_PORT label="LightGBM + FastAPI + uvicorn"; fi
    read -r rps p50 p99 errors start peak end _ <<< "$(run "$server" "$pid" "$port" "$body")"
    rowrate=$(awk -v r="$rps" -v n="$rows" 'BEGIN {printf "%.0f", r * n}')
    echo "| $label | $rows | $rps | $rowrate | $p50 | $p99 | $errors | $start → $peak → $end |"
  done
done
