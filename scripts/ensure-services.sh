#!/usr/bin/env bash
# Makes sure the local PostgreSQL and Redis answer; starts them when installed but stopped, and
# says exactly what to install otherwise. Then starts Kafka (scripts/kafka.sh).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pg_port_open() { (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }
redis_port_open() { (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; }
wait_for() { for _ in $(seq 1 60); do "$1" && return 0; sleep 0.5; done; return 1; }

if ! pg_port_open; then
  if command -v pg_ctlcluster >/dev/null && ls /etc/postgresql >/dev/null 2>&1; then
    echo "[infra] starting PostgreSQL" >&2
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | tail -1)" main start || true
  elif command -v pg_ctl >/dev/null && [ -n "${PGDATA:-}" ]; then
    pg_ctl -D "$PGDATA" -l "$root/.local/postgres.log" start
  fi
  wait_for pg_port_open || {
    echo "[infra] PostgreSQL is not running on 127.0.0.1:5432 and could not be started." >&2
    echo "        Install it: apt-get install postgresql (Debian/Ubuntu) or brew install postgresql@16 (macOS)," >&2
    echo "        allow local trust auth for user postgres, or use 'docker compose up postgres'." >&2
    exit 1; }
fi
if ! redis_port_open; then
  if command -v redis-server >/dev/null; then
    echo "[infra] starting Redis" >&2
    mkdir -p "$root/.local"
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no --dir "$root/.local" \
      --logfile "$root/.local/redis.log"
  fi
  wait_for redis_port_open || {
    echo "[infra] Redis is not running on 127.0.0.1:6379 and could not be started." >&2
    echo "        Install it: apt-get install redis-server (Debian/Ubuntu) or brew install redis (macOS)." >&2
    exit 1; }
fi
bash "$root/scripts/kafka.sh" up
