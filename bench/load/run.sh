#!/usr/bin/env bash
# Headless load test against a production-like server on this machine:
# throw-away PostgreSQL + gunicorn (production settings) + Locust (mixed roles).
# Writes p50/p95/p99, error rate and RPS into docs/performance.md (bench:load).
#
# Usage: bash bench/load/run.sh                  # 5-user baseline 1m, then 50 users 2m
#        USERS=50 DURATION=2m BASELINE_USERS=0 bash bench/load/run.sh   # skip the baseline
# Env:   WORKERS (gunicorn, default 3), PORT (default 8765), PG_PORT (default 54360),
#        RATE_LIMITS (default 0 = off: every simulated user shares 127.0.0.1),
#        WRITE (default docs/performance.md; empty = print only).
# Loopback only; every loop below is bounded and everything is stopped on exit.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
BIN="$ROOT/.venv/bin"
USERS="${USERS:-100}"
SPAWN_RATE="${SPAWN_RATE:-10}"
DURATION="${DURATION:-2m}"
BASELINE_USERS="${BASELINE_USERS:-5}"
BASELINE_DURATION="${BASELINE_DURATION:-1m}"
WORKERS="${WORKERS:-3}"
PORT="${PORT:-8765}"
export PG_PORT="${PG_PORT:-54360}"
RATE_LIMITS="${RATE_LIMITS:-0}"
WRITE="${WRITE-docs/performance.md}"

[ -x "$BIN/python" ] || { echo "no venv at $BIN (run make install-dev)" >&2; exit 2; }
if [ ! -x "$BIN/gunicorn" ] || [ ! -x "$BIN/locust" ]; then
  echo "installing gunicorn and locust into .venv" >&2
  # gunicorn is in requirements.txt; locust is kept out of the CI lock: load test only
  "$BIN/pip" install -q "gunicorn==23.0.0" "locust==2.47.0"
fi

WORK="$(mktemp -d /tmp/rodloeber-load.XXXXXX)"
GUNICORN_PID=""
PG_TMP=""
cleanup() {
  set +e
  if [ -n "$GUNICORN_PID" ] && kill -0 "$GUNICORN_PID" 2>/dev/null; then
    kill -TERM "$GUNICORN_PID"
    for _ in $(seq 1 30); do kill -0 "$GUNICORN_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$GUNICORN_PID" 2>/dev/null
  fi
  [ -n "$PG_TMP" ] && scripts/pg-throwaway.sh stop "$PG_TMP"
  if [ -n "${KEEP_WORK:-}" ]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT INT TERM

echo "== throw-away PostgreSQL on 127.0.0.1:$PG_PORT" >&2
eval "$(scripts/pg-throwaway.sh start)"

export DJANGO_SETTINGS_MODULE=rodloeber.config.settings.production
DJANGO_SECRET_KEY="$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(64))')"
export DJANGO_SECRET_KEY
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
export DATABASE_URL DATABASE_CONN_MAX_AGE="${DATABASE_CONN_MAX_AGE:-60}"
export RODLOEBER_VAR_DIR="$WORK/var"
export RODLOEBER_DEMO_MODE=1
export RODLOEBER_RATE_LIMITS="$RATE_LIMITS"
export RODLOEBER_LOG_LEVEL=WARNING
mkdir -p "$RODLOEBER_VAR_DIR"

echo "== migrate, reference + demo data, layers, static files" >&2
"$BIN/rodloeber" migrate --noinput -v 0
"$BIN/rodloeber" reference load
"$BIN/rodloeber" demo load >/dev/null
"$BIN/rodloeber" layers bootstrap
"$BIN/rodloeber" collectstatic --noinput -v 0
"$BIN/python" bench/load/prepare.py --out "$WORK/fixture.json"

echo "== gunicorn, $WORKERS workers on 127.0.0.1:$PORT" >&2
"$BIN/gunicorn" -c "$ROOT/gunicorn.conf.py" bench.load.wsgi_warm:application --chdir "$ROOT" \
  --bind "127.0.0.1:$PORT" --workers "$WORKERS" --timeout 60 \
  --forwarded-allow-ips 127.0.0.1 --error-logfile - --log-level warning \
  >"$WORK/gunicorn.log" 2>&1 &
GUNICORN_PID=$!

"$BIN/python" - "$PORT" <<'EOF'
import sys, time, urllib.request
url = f"http://127.0.0.1:{sys.argv[1]}/api/v1/health"
for _ in range(240):  # at most 120 s (the master warms the layers first)
    try:
        req = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
        with urllib.request.urlopen(req, timeout=2) as r:  # noqa: S310 - loopback
            if r.status == 200:
                sys.exit(0)
    except OSError:
        pass
    time.sleep(0.5)
sys.exit("server did not become healthy")
EOF

export LOAD_FIXTURE="$WORK/fixture.json"
LOADAVG_START="$(cut -d' ' -f1-3 /proc/loadavg)"
run_locust() {  # users duration label
  echo "== locust: $1 users, $2" >&2
  LOAD_SAMPLES="$WORK/samples-$3.jsonl" "$BIN/locust" -f bench/load/locustfile.py --headless \
    -u "$1" -r "$SPAWN_RATE" -t "$2" --stop-timeout 10 --host "http://127.0.0.1:$PORT" \
    --csv "$WORK/locust-$3" --only-summary --loglevel WARNING 2>&1 | tail -n 40 >&2 || true
}
# Unrecorded warm-up: per-worker caches (templates, tiles, statistics) as on a running server.
WARMUP="${WARMUP:-20s}"
if [ "$WARMUP" != "0" ]; then
  echo "== warm-up: 5 users, $WARMUP (not recorded)" >&2
  "$BIN/locust" -f bench/load/locustfile.py --headless -u 5 -r 5 -t "$WARMUP" --stop-timeout 10 \
    --host "http://127.0.0.1:$PORT" --only-summary --loglevel ERROR >/dev/null 2>&1 || true
fi
RUNS=()
if [ "$BASELINE_USERS" != "0" ]; then
  run_locust "$BASELINE_USERS" "$BASELINE_DURATION" "u$BASELINE_USERS"
  RUNS+=(--run "u$BASELINE_USERS:$BASELINE_USERS:$WORK/samples-u$BASELINE_USERS.jsonl")
fi
run_locust "$USERS" "$DURATION" "u$USERS"
RUNS+=(--run "u$USERS:$USERS:$WORK/samples-u$USERS.jsonl")

if grep -qE "Traceback|Internal Server Error" "$WORK/gunicorn.log"; then
  echo "== server errors in gunicorn.log (first lines):" >&2
  grep -m 20 -E -A 3 "Traceback|Internal Server Error|Error" "$WORK/gunicorn.log" >&2 || true
  cp "$WORK/gunicorn.log" "${TMPDIR:-/tmp}/rodloeber-load-gunicorn.log"
fi

"$BIN/python" bench/load/report.py "${RUNS[@]}" \
  --workers "$WORKERS" --rate-limits "$RATE_LIMITS" --loadavg "$LOADAVG_START" \
  ${WRITE:+--write "$WRITE"}
