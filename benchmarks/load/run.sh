#!/usr/bin/env bash
# Load test of Bistånd as a big city runs it: PostgreSQL, a multi-process WSGI server, 50 staff clicking.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bistand_load benchmarks/load/run.sh [--households N]
#       [--users 50] [--duration 3m] [--no-build]
#
# 1. builds the demo city at N households (default 20 000; --no-build reuses what the database holds),
# 2. starts gunicorn with production settings on 127.0.0.1 (2 workers × 4 threads, persistent connections),
# 3. runs locust headless: 4 caseworkers to 1 unit manager, 2–8 s between clicks,
# 4. prints requests/s and p50/p95/p99 per page type, and stops the server.
# Traffic goes to the loopback address only; the run stops by itself after --duration.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${BIN:-.venv/bin}
HOUSEHOLDS=20000 USERS=50 DURATION=3m BUILD=1 PORT=${LOAD_PORT:-8099}
while [ $# -gt 0 ]; do
  case "$1" in
    --households) HOUSEHOLDS=$2; shift 2 ;;
    --users) USERS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    *) echo "okänt argument: $1" >&2; exit 2 ;;
  esac
done
: "${DATABASE_URL:?set DATABASE_URL to a PostgreSQL database, e.g. postgres://postgres@127.0.0.1:5432/bistand_load}"
OUT=$(mktemp -d)
trap 'kill "${SERVER:-0}" 2>/dev/null || true' EXIT

if [ "$BUILD" = 1 ]; then
  "$BIN/bistand" migrate --noinput -v0
  "$BIN/bistand" build_demo --households "$HOUSEHOLDS" --flush
fi
"$BIN/python" - > "$OUT/users.txt" <<'PY'
import os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bistand.project.settings")
django.setup()
from bistand.organisation.models import Role, StaffMember
for staff in StaffMember.objects.select_related("user").filter(role__in=[Role.CASEWORKER, Role.UNIT_MANAGER]):
    print("caseworker" if staff.role == Role.CASEWORKER else "manager", staff.user.username)
PY

export BISTAND_DEBUG=0 BISTAND_ALLOWED_HOSTS=127.0.0.1 BISTAND_TLS_PROXY=1
export BISTAND_SECRET_KEY=${BISTAND_SECRET_KEY:-$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(50))')}
export BISTAND_PSEUDONYM_KEY=${BISTAND_PSEUDONYM_KEY:-$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(32))')}
"$BIN/gunicorn" -c python:bistand.project.gunicorn_conf bistand.project.wsgi --bind "127.0.0.1:$PORT" \
  --workers 2 --threads 4 --access-logfile /dev/null --error-logfile "$OUT/server.log" &
SERVER=$!
for _ in $(seq 100); do
  curl -fs -o /dev/null -H "X-Forwarded-Proto: https" "http://127.0.0.1:$PORT/logga-in/" && break
  kill -0 "$SERVER" 2>/dev/null || { cat "$OUT/server.log"; exit 1; }
  sleep 0.2
done

BISTAND_LOAD_USERS="$OUT/users.txt" "$BIN/locust" -f benchmarks/load/locustfile.py --headless \
  --users "$USERS" --spawn-rate 5 --run-time "$DURATION" --host "http://127.0.0.1:$PORT" \
  --csv "$OUT/load" --only-summary >/dev/null 2>"$OUT/locust.log" || true
echo "Load test: $USERS staff, $DURATION, $("$BIN/python" -c 'import os;print(os.cpu_count())') cores"
"$BIN/python" benchmarks/load/summary.py "$OUT/load_stats.csv"
