#!/usr/bin/env bash
# Production smoke test: Bistånd under gunicorn with production settings against PostgreSQL.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bistand scripts/prod-smoke.sh
#
# Migrates, collects static files, runs `check --deploy`, starts gunicorn on a free local port as behind a
# TLS proxy (the requests carry X-Forwarded-Proto: https, as the proxy would add), checks the answers and
# the security headers, and stops the server. Exits non-zero on the first failure, printing the server log.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${BIN:-.venv/bin}"

case "${DATABASE_URL:-}" in
  postgres://* | postgresql://*) ;;
  *) echo "prod-smoke: set DATABASE_URL to a PostgreSQL database (postgres://…)" >&2; exit 2 ;;
esac

WORK="$(mktemp -d)"
SERVER_PID=""
stop() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap stop EXIT

# Production: no BISTAND_DEBUG, real keys (fresh for this run), named hosts, behind a TLS proxy.
unset BISTAND_DEBUG
key() { "$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(64))'; }
export BISTAND_SECRET_KEY="$(key)" BISTAND_PSEUDONYM_KEY="$(key)"
export BISTAND_ALLOWED_HOSTS="127.0.0.1,localhost" BISTAND_TLS_PROXY=1 BISTAND_DATA_DIR="$WORK"
PORT="$("$BIN/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

echo "== prod-smoke: migrate, collectstatic, check --deploy =="
"$BIN/bistand" migrate --noinput --skip-checks >/dev/null
"$BIN/bistand" collectstatic --noinput >/dev/null
# Security findings fail the run; the riksnorm reminders (bistand.W002/W003) only inform.
"$BIN/bistand" check --deploy 2>&1 | tee "$WORK/check.txt"
if grep -E '^\?: \((security|csp|bistand\.E)' "$WORK/check.txt"; then
  echo "prod-smoke: check --deploy reports the findings above" >&2
  exit 1
fi

echo "== prod-smoke: gunicorn on 127.0.0.1:$PORT =="
"$BIN/gunicorn" -c python:bistand.project.gunicorn_conf --bind "127.0.0.1:$PORT" --workers 2 --threads 2 \
  bistand.project.wsgi >"$WORK/gunicorn.log" 2>&1 &
SERVER_PID=$!

if ! "$BIN/python" scripts/prod_smoke_checks.py "http://127.0.0.1:$PORT" "$SERVER_PID"; then
  echo "---- gunicorn log ----" >&2
  cat "$WORK/gunicorn.log" >&2
  exit 1
fi
echo "prod-smoke: all checks passed"
