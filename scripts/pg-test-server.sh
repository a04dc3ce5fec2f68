#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1 for the "postgres" test suites and prints
# the DATABASE_URL to use. Debian's initdb and pg_ctl live in PostgreSQL's versioned bin
# directory, not on PATH; the server refuses to run as root, so it runs as the postgres user.
#   DATABASE_URL=$(bash scripts/pg-test-server.sh start) npm test
#   bash scripts/pg-test-server.sh stop
set -euo pipefail
DIR=${DSR_PG_DIR:-/tmp/dsr-pg-test}
PORT=${DSR_PG_PORT:-55432}
BIN=$(pg_config --bindir 2>/dev/null || true)
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1); fi
[ -x "$BIN/initdb" ] || { echo "pg-test-server: no initdb found (apt-get install postgresql)" >&2; exit 1; }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "${1:-start}" in
  start)
    if [ ! -f "$DIR/PG_VERSION" ]; then
      mkdir -p "$DIR"
      [ "$(id -u)" = 0 ] && chown postgres "$DIR"
      as_postgres "$BIN/initdb" -D "$DIR" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$DIR.initdb.log" 2>&1 || { cat "$DIR.initdb.log" >&2; exit 1; }
    fi
    if ! as_postgres "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
      as_postgres "$BIN/pg_ctl" -D "$DIR" -l "$DIR/pg.log" -w -o "-c listen_addresses=127.0.0.1 -p $PORT -c unix_socket_directories=$DIR -c fsync=off -c max_connections=200" start >&2
    fi
    echo "postgres://postgres@127.0.0.1:$PORT/postgres"
    ;;
  stop)
    as_postgres "$BIN/pg_ctl" -D "$DIR" -m fast stop >&2 || true
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 1 ;;
esac
