#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the differential SQL tests.
#
# The cluster lives in a fresh temporary folder, listens on 127.0.0.1 only,
# on a free port, and trusts local connections (it holds test data only).
# It prints the settings as shell assignments, so a caller can `eval` them:
#
#   eval "$(scripts/postgres/start.sh)"
#   DSW_TEST_POSTGRES=$DSW_TEST_POSTGRES swift test --skip-build --filter PostgreSQL
#   scripts/postgres/stop.sh "$DSW_POSTGRES_DIR"
#
# initdb refuses to run as root; as root, the cluster runs as the `postgres`
# user (or the user named by DSW_POSTGRES_OS_USER) in a folder it owns.
set -euo pipefail

bindir="${DSW_POSTGRES_BIN:-}"
if [[ -z "$bindir" ]]; then
  if command -v initdb >/dev/null 2>&1; then
    bindir="$(dirname "$(readlink -f "$(command -v initdb)")")"
  else
    bindir=/usr/lib/postgresql/15/bin
  fi
fi
[[ -x "$bindir/initdb" ]] || { echo "start.sh: no initdb in $bindir" >&2; exit 2; }

dir="$(mktemp -d "${TMPDIR:-/tmp}/dsw-postgres.XXXXXX")"
chmod 755 "$dir"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

run=()
if [[ "$(id -u)" == 0 ]]; then
  osuser="${DSW_POSTGRES_OS_USER:-postgres}"
  id "$osuser" >/dev/null 2>&1 || useradd --system --no-create-home "$osuser"
  chown "$osuser" "$dir"
  run=(runuser -u "$osuser" --)
fi

"${run[@]}" "$bindir/initdb" -D "$dir/data" -U dsw --auth=trust -E UTF8 --locale=C.UTF-8 \
  >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
"${run[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c TimeZone=UTC" \
  start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
"${run[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U dsw dsw

echo "export DSW_POSTGRES_DIR=$dir"
echo "export DSW_TEST_POSTGRES=127.0.0.1:$port:dsw:dsw"
