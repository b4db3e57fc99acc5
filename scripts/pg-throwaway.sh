#!/usr/bin/env bash
# Start a throw-away PostgreSQL cluster in a temp dir (for CI and local runs).
# Usage: eval "$(scripts/pg-throwaway.sh start)"   -> exports DATABASE_URL, PG_TMP
#        scripts/pg-throwaway.sh stop "$PG_TMP"
# Uses Debian's PostgreSQL server binaries; installs them with apt when missing.
set -euo pipefail
PORT="${PG_PORT:-54329}"

find_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

case "${1:-}" in
start)
  BIN="$(find_bin)"
  if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
    echo "PostgreSQL server not found; installing with apt" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
    BIN="$(find_bin)"
  fi
  TMP="$(mktemp -d /tmp/rodloeber-pg.XXXXXX)"
  RUN_AS=()
  if [ "$(id -u)" = "0" ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$TMP"
    RUN_AS=(runuser -u postgres --)
  fi
  "${RUN_AS[@]}" "$BIN/initdb" -D "$TMP/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >&2
  "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$TMP/data" -l "$TMP/log" -w \
    -o "-p $PORT -k $TMP -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >&2
  "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres rodloeber >&2
  echo "export PG_TMP='$TMP' PG_BIN='$BIN'"
  echo "export DATABASE_URL='postgres://postgres@127.0.0.1:$PORT/rodloeber'"
  ;;
stop)
  TMP="${2:?temp dir}"
  BIN="$(find_bin)"
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$BIN/pg_ctl" -D "$TMP/data" -m fast stop >&2 || true
  else
    "$BIN/pg_ctl" -D "$TMP/data" -m fast stop >&2 || true
  fi
  rm -rf "$TMP"
  ;;
*)
  echo "usage: $0 start | stop DIR" >&2
  exit 2
  ;;
esac
