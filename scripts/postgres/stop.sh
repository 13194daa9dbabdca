#!/usr/bin/env bash
# Stops a cluster that start.sh made and removes its folder.
#
#   scripts/postgres/stop.sh "$DSW_POSTGRES_DIR"
set -euo pipefail
dir="${1:-${DSW_POSTGRES_DIR:-}}"
[[ -n "$dir" && -d "$dir/data" ]] || { echo "usage: stop.sh CLUSTER_DIR" >&2; exit 2; }
bindir="${DSW_POSTGRES_BIN:-}"
if [[ -z "$bindir" ]]; then
  if command -v pg_ctl >/dev/null 2>&1; then
    bindir="$(dirname "$(readlink -f "$(command -v pg_ctl)")")"
  else
    bindir=/usr/lib/postgresql/15/bin
  fi
fi
run=()
if [[ "$(id -u)" == 0 ]]; then
  run=(runuser -u "$(stat -c %U "$dir/data")" --)
fi
"${run[@]}" "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
rm -rf "$dir"
