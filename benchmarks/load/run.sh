#!/usr/bin/env bash
# Load test of Bistånd as a big city runs it: PostgreSQL, a multi-process WSGI server, 50 staff clicking.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bistand_load benchmarks/load/run.sh \
#       [--households 20000] [--users 50] [--duration 3m] [--port 8099] [--no-build] [--no-automation]
#
#   DATABASE_URL  the PostgreSQL database to build the city in and to serve (required; it is emptied
#                 by the build unless --no-build is given)
#   --households  size of the demo city (default 20 000)
#   --users       simulated staff, 4 caseworkers to 1 unit manager (default 50: 40 and 10)
#   --duration    how long the clicking goes on, in locust's notation: 90s, 3m, 1h (default 3m)
#   --port        the server's port on 127.0.0.1 (default 8099, or LOAD_PORT)
#   --no-build    reuse the city the database already holds (it is still migrated)
#   --no-automation  build the city without the automated decision function's demo month (its income
#                 fetches and assessments take most of an hour at 20 000 households on two busy cores);
#                 the month's applications then all wait in the caseworkers' queues (the heavier case)
#
# 1. migrates the database and builds the demo city at N households (at 20 000 on two busy cores about
#    15 minutes with --no-automation, over an hour without it),
# 2. starts gunicorn with the production settings (bistand/project/gunicorn_conf.py: 2 workers × 4
#    threads, persistent connections) behind a simulated TLS proxy (every request carries
#    X-Forwarded-Proto: https, and the server trusts it as behind a real proxy),
# 3. runs locust headless: each simulated user signs in once with the session login form, then clicks
#    with 2–8 s between clicks; one user starts per second and the figures are reset once all have
#    started, so the sign-ins (a deliberately slow password hash each) do not count among the pages,
# 4. prints requests/s and p50/p95/p99 per page type, and stops the server.
# Traffic goes to the loopback address only; the run stops by itself after --duration. The raw locust
# CSV files and the server log stay in the directory named at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${BIN:-.venv/bin}
HOUSEHOLDS=20000 USERS=50 DURATION=3m BUILD=1 AUTOMATION=1 PORT=${LOAD_PORT:-8099}
while [ $# -gt 0 ]; do
  case "$1" in
    --households) HOUSEHOLDS=$2; shift 2 ;;
    --users) USERS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --no-automation) AUTOMATION=0; shift ;;
    -h|--help) sed -n '2,28p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
: "${DATABASE_URL:?set DATABASE_URL to a PostgreSQL database, e.g. postgres://postgres@127.0.0.1:5432/bistand_load}"
export DATABASE_URL
OUT=$(mktemp -d -t bistand-load.XXXXXX)
trap 'if [ -n "${SERVER:-}" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi' EXIT

# Building and listing the users run in development mode (no production keys needed for them).
BISTAND_DEBUG=1 "$BIN/bistand" migrate --noinput -v0
if [ "$BUILD" = 1 ]; then
  echo "Building the demo city with $HOUSEHOLDS households …"
  BISTAND_DEBUG=1 HOUSEHOLDS=$HOUSEHOLDS AUTOMATION=$AUTOMATION "$BIN/python" - >"$OUT/build.log" <<'PY'
import os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bistand.project.settings")
django.setup()
from django.core.management import call_command
import bistand.demo.hooks as hooks
if os.environ["AUTOMATION"] == "0":
    hooks.EXTENSIONS = tuple(name for name in hooks.EXTENSIONS if name != "bistand.demo.automation")
call_command("build_demo", households=int(os.environ["HOUSEHOLDS"]), flush=True)
PY
fi
BISTAND_DEBUG=1 "$BIN/python" - >"$OUT/users.txt" <<'PY'
import os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bistand.project.settings")
django.setup()
from bistand.organisation.models import Role, StaffMember
staff = StaffMember.objects.select_related("user").filter(
    role__in=[Role.CASEWORKER, Role.UNIT_MANAGER], user__is_active=True
)
for member in staff:
    print("caseworker" if member.role == Role.CASEWORKER else "manager", member.user.username)
PY
for role in caseworker manager; do
  grep -q "^$role " "$OUT/users.txt" || { echo "no $role in the database: build the city first" >&2; exit 1; }
done

# Production settings: DEBUG off, fresh keys, behind the (simulated) TLS proxy on this host.
export BISTAND_DEBUG=0 BISTAND_ALLOWED_HOSTS=127.0.0.1 BISTAND_TLS_PROXY=1 BISTAND_LOG_LEVEL=${BISTAND_LOG_LEVEL:-WARNING}
export BISTAND_SECRET_KEY=${BISTAND_SECRET_KEY:-$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(50))')}
export BISTAND_PSEUDONYM_KEY=${BISTAND_PSEUDONYM_KEY:-$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(32))')}
"$BIN/gunicorn" -c python:bistand.project.gunicorn_conf bistand.project.wsgi --bind "127.0.0.1:$PORT" \
  --access-logfile /dev/null --error-logfile "$OUT/server.log" &
SERVER=$!
for _ in $(seq 150); do
  curl -fs -o /dev/null -H "X-Forwarded-Proto: https" "http://127.0.0.1:$PORT/logga-in/" && break
  kill -0 "$SERVER" 2>/dev/null || { cat "$OUT/server.log"; exit 1; }
  sleep 0.2
done
curl -fs -o /dev/null -H "X-Forwarded-Proto: https" "http://127.0.0.1:$PORT/logga-in/" \
  || { echo "the server did not answer on port $PORT" >&2; cat "$OUT/server.log"; exit 1; }

echo "Running locust: $USERS staff for $DURATION against 127.0.0.1:$PORT …"
BISTAND_LOAD_USERS="$OUT/users.txt" "$BIN/locust" -f benchmarks/load/locustfile.py --headless \
  --users "$USERS" --spawn-rate 1 --reset-stats --run-time "$DURATION" --host "http://127.0.0.1:$PORT" \
  --csv "$OUT/load" --only-summary --loglevel WARNING >"$OUT/locust.out" 2>"$OUT/locust.log" || true
[ -s "$OUT/load_stats.csv" ] || { echo "locust wrote no statistics:" >&2; cat "$OUT/locust.log" >&2; exit 1; }
if grep -q "Traceback" "$OUT/locust.log"; then echo "locust's users failed (see $OUT/locust.log):" >&2; tail -5 "$OUT/locust.log" >&2; fi

echo
echo "Load test: $USERS staff, $DURATION, $("$BIN/python" -c 'import os; print(os.cpu_count())') cores, $(date -u '+%Y-%m-%d %H:%M UTC')"
"$BIN/python" benchmarks/load/summary.py "$OUT/load_stats.csv" "$OUT/load_failures.csv"
echo "Raw figures and logs: $OUT"
