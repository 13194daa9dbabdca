#!/usr/bin/env bash
# Runs schemathesis (pip install schemathesis) against `dsw serve`'s
# /openapi.json: every operation, generated and mutated inputs, and every check
# schemathesis has (its default: no 5xx, status codes, content types, headers and
# bodies that match the document), as tuned in serve_schemathesis.toml. The models are the propensity notebook's, as scripts/bench/serve.sh
# prepares them (run it first, or set MODELS).
#
#   scripts/bench/serve_schema.sh               # 1,000 examples per operation
#   EXAMPLES=200 scripts/bench/serve_schema.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

SCRATCH=${SCRATCH:-.build}
DSW=${DSW:-$SCRATCH/release/dsw}
PORT=${PORT:-18183}
EXAMPLES=${EXAMPLES:-1000}
work=bench-data/serve
MODELS=${MODELS:-$work/conv.json}
command -v schemathesis >/dev/null || { echo "pip install schemathesis"; exit 1; }
for model in $MODELS; do
  [ -f "$model" ] || { echo "no $model: run scripts/bench/serve.sh first"; exit 1; }
done

export SERVE_SCHEMA_TOKEN=schema-token
# shellcheck disable=SC2086
"$DSW" serve $MODELS --port "$PORT" --token-env SERVE_SCHEMA_TOKEN --max-rows 1000 \
  > "$work/schema-server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/healthz" > /dev/null && break; sleep 0.5; done

start=$(date +%s)
status=0
schemathesis --config-file scripts/bench/serve_schemathesis.toml run "http://127.0.0.1:$PORT/openapi.json" \
  -H "Authorization: Bearer $SERVE_SCHEMA_TOKEN" \
  --max-examples "$EXAMPLES" --seed 1 --generation-database none --continue-on-failure \
  --report junit --report-dir "$work/schemathesis" || status=$?
echo "schemathesis took $(( $(date +%s) - start )) s; exit status $status"
echo "server answers by status:"
grep -oE 'status=[0-9]+' "$work/schema-server.log" | sort | uniq -c
if grep -q 'status=5' "$work/schema-server.log"; then echo "5xx answers were logged"; exit 1; fi
exit "$status"
