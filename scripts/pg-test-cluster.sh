#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: `start` makes one in a temp dir (trust auth on
# 127.0.0.1 and on a unix socket inside that dir only, a free port, settings that trade durability
# for speed) and prints `PACKDESK_TEST_PG_URL=postgres://…` on stdout, ready for `export`; `stop`
# stops it and removes the dir. Both are idempotent: `start` on a running cluster prints its URL
# again, `stop` with none running does nothing.
#
#   export "$(bash scripts/pg-test-cluster.sh start)"   …   bash scripts/pg-test-cluster.sh stop
#
# PostgreSQL refuses to run as root: as root the cluster belongs to the `postgres` user the Debian
# package creates (or `nobody` when there is none). The dir is $PACKDESK_PG_CLUSTER_DIR, default
# ${TMPDIR:-/tmp}/packdesk-pg-test-<uid>, so a second start or a stop finds the same cluster.
set -euo pipefail

dir="${PACKDESK_PG_CLUSTER_DIR:-${TMPDIR:-/tmp}/packdesk-pg-test-$(id -u)}"
data="$dir/data"
log="$dir/server.log"
url_file="$dir/url"
db=packdesk
superuser=packdesk

say() { printf 'pg-test-cluster: %s\n' "$*" >&2; }
die() {
  say "$*"
  exit 1
}

# The newest server installed the Debian way (/usr/lib/postgresql/N/bin), else initdb on the PATH.
find_bin() {
  local found
  found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$found" ] && [ -x "$found/initdb" ] && [ -x "$found/pg_ctl" ]; then
    echo "$found"
  elif command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
  else
    die "PostgreSQL server programs (initdb, pg_ctl) not found: install the Debian package postgresql (apt-get install postgresql)"
  fi
}

# Who owns and runs the cluster: ourselves, or an unprivileged user when we are root.
owner() {
  if [ "$(id -u)" != "0" ]; then
    id -un
  elif id postgres >/dev/null 2>&1; then
    echo postgres
  else
    echo nobody
  fi
}

as_owner() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u "$(owner)" -- "$@"
  else
    "$@"
  fi
}

running() {
  [ -f "$data/PG_VERSION" ] && as_owner "$bin/pg_ctl" status -D "$data" >/dev/null 2>&1
}

# A port nothing listens on at this moment (the kernel picks it).
free_port() {
  node -e "const s = require('node:net').createServer(); s.listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); });"
}

start() {
  if running && [ -f "$url_file" ]; then
    say "already running in $dir"
    echo "PACKDESK_TEST_PG_URL=$(cat "$url_file")"
    return
  fi
  # A dir left by a cluster that died (or a start that failed half-way): start afresh.
  if [ -e "$dir" ]; then stop_quietly; fi
  mkdir -p "$dir"
  chmod 700 "$dir"
  if [ "$(id -u)" = "0" ]; then chown "$(owner)" "$dir"; fi

  as_owner "$bin/initdb" -D "$data" -U "$superuser" -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 ||
    die "initdb failed (log: $dir/initdb.log): $(tail -n 3 "$dir/initdb.log" | tr '\n' ' ')"
  # Only the unix socket in this dir and 127.0.0.1: nothing reachable from another machine.
  printf '%s\n' 'local all all trust' 'host all all 127.0.0.1/32 trust' | as_owner tee "$data/pg_hba.conf" >/dev/null

  local port attempt
  for attempt in 1 2 3; do
    port="$(free_port)"
    # fsync/synchronous_commit/full_page_writes off: a test cluster that dies is thrown away anyway.
    # 300 connections: every test hub holds a pool, and test files run in parallel.
    if as_owner "$bin/pg_ctl" start -D "$data" -l "$log" -w -t 60 -o "-p $port -k $dir \
      -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
      -c max_connections=300" >/dev/null; then
      break
    fi
    # Another process took the port between our look and the server's bind: try another one.
    if [ "$attempt" = 3 ]; then die "the server did not start (log: $log): $(tail -n 3 "$log" | tr '\n' ' ')"; fi
  done
  "$bin/psql" -h 127.0.0.1 -p "$port" -U "$superuser" -d postgres -qAt -c "CREATE DATABASE $db" >/dev/null ||
    die "could not create the database $db on port $port"
  local url="postgres://$superuser@127.0.0.1:$port/$db"
  echo "$url" >"$url_file"
  say "running in $dir on port $port"
  echo "PACKDESK_TEST_PG_URL=$url"
}

stop_quietly() {
  if [ -f "$data/PG_VERSION" ]; then
    as_owner "$bin/pg_ctl" stop -D "$data" -m fast -w >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

stop() {
  if [ ! -e "$dir" ]; then
    say "no cluster in $dir"
    return
  fi
  stop_quietly
  say "stopped and removed $dir"
}

case "${1:-}" in
  start)
    bin="$(find_bin)"
    start
    ;;
  stop)
    bin="$(find_bin)"
    stop
    ;;
  *) die "usage: bash scripts/pg-test-cluster.sh start|stop" ;;
esac
