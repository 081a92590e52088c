#!/usr/bin/env bash
# Prints a DATABASE_URL for a PostgreSQL server that the tests may use, starting one if needed.
# 1. the machine's cluster on 127.0.0.1:5432 (started with pg_ctlcluster if it is down);
# 2. otherwise a throwaway cluster in a temporary directory on port 54329 (initdb as user postgres).
set -euo pipefail
can_connect() { psql "$1" -Atqc 'select 1' >/dev/null 2>&1; }
URL="postgres://postgres@127.0.0.1:5432/postgres"
if ! can_connect "$URL"; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && ls /etc/postgresql >/dev/null 2>&1; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start >&2 || true
    sleep 2
  fi
fi
ensure_db() {  # the app's database; the test runner makes its own test_bistand beside it
  psql "$1/postgres" -Atqc "select 1 from pg_database where datname='bistand'" | grep -q 1 \
    || psql "$1/postgres" -qc "create database bistand" >&2
}
if can_connect "$URL"; then
  ensure_db "postgres://postgres@127.0.0.1:5432"
  echo "postgres://postgres@127.0.0.1:5432/bistand"
  exit 0
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
D=$(mktemp -d)
chown postgres:postgres "$D"
su postgres -c "$PGBIN/initdb -D $D/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >&2
su postgres -c "$PGBIN/pg_ctl -D $D/data -l $D/server.log -w -o \"-c listen_addresses=127.0.0.1 -p 54329 -k $D -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start" >&2
ensure_db "postgres://postgres@127.0.0.1:54329"
echo "postgres://postgres@127.0.0.1:54329/bistand"
