#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the differential SQL tests.
#
# The cluster lives in a fresh temporary folder, listens on 127.0.0.1 only,
# on a free port, with TLS on (a self-signed certificate for 127.0.0.1 and
# localhost, made here). The user `dsw` is trusted (it holds test data only);
# the user `analyst` must use TLS and a password, as a warehouse asks.
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
# DSW_POSTGRES_PORT asks for a port (CI uses the one notebooks/remote.dswnb
# names by default); otherwise any free one.
port="${DSW_POSTGRES_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"

run=()
if [[ "$(id -u)" == 0 ]]; then
  osuser="${DSW_POSTGRES_OS_USER:-postgres}"
  id "$osuser" >/dev/null 2>&1 || useradd --system --no-create-home "$osuser"
  chown "$osuser" "$dir"
  # The server's user may not enter the caller's folder: work from its own.
  cd "$dir"
  run=(runuser -u "$osuser" --)
fi

"${run[@]}" "$bindir/initdb" -D "$dir/data" -U dsw --auth=trust -E UTF8 --locale=C.UTF-8 \
  >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
  -keyout "$dir/server.key" -out "$dir/server.crt" >/dev/null 2>&1 \
  || { echo "start.sh: openssl could not make a certificate" >&2; exit 1; }
chmod 600 "$dir/server.key"
[[ ${#run[@]} -gt 0 ]] && chown "$osuser" "$dir/server.key" "$dir/server.crt"
cat >"$dir/data/pg_hba.conf" <<HBA
local all all trust
hostssl all analyst 127.0.0.1/32 scram-sha-256
hostnossl all analyst 127.0.0.1/32 reject
host all all 127.0.0.1/32 trust
HBA
"${run[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c TimeZone=UTC -c ssl=on -c ssl_cert_file=$dir/server.crt -c ssl_key_file=$dir/server.key" \
  start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
"${run[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U dsw dsw
password="analyst-$(python3 -c 'import secrets; print(secrets.token_hex(8))')"
"${run[@]}" "$bindir/psql" -q -h 127.0.0.1 -p "$port" -U dsw -d dsw \
  -c "CREATE ROLE analyst LOGIN PASSWORD '$password'; GRANT ALL ON SCHEMA public TO analyst;" >/dev/null

echo "export DSW_POSTGRES_DIR=$dir"
echo "export DSW_TEST_POSTGRES=127.0.0.1:$port:dsw:dsw"
echo "export DSW_TEST_POSTGRES_PASSWORD=$password"
echo "export DSW_TEST_POSTGRES_CERT=$dir/server.crt"
