#!/usr/bin/env bash
# Stops the services started by start-all.sh / demo.sh (SIGTERM: each drains and exits), then Kafka.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
for pidfile in "$root"/.local/pids/*.pid; do
  [ -f "$pidfile" ] || continue
  pid="$(cat "$pidfile")"; kill -TERM "$pid" 2>/dev/null && echo "[stop-all] stopping $(basename "$pidfile" .pid)"
  for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  rm -f "$pidfile"
done
bash "$root/scripts/kafka.sh" down
