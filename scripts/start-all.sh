#!/usr/bin/env bash
# Starts every service from the build in dist/ as its own process (logs in .local/logs/<app>.log)
# and waits until each answers /health/ready. `npm run start:all`; stop with `npm run stop:all`.
# One service alone: node -r ./scripts/register-dist-paths.js dist/apps/<app>/src/main.js
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mkdir -p .local/logs .local/pids
[ -f dist/apps/receiver/src/main.js ] || npx tsc -p tsconfig.build.json
declare -A ports=([receiver]=3001 [account-admin]=3002 [ping-auction]=3003 [offer]=3004 [scanner]=3005 [delivery-worker]=3006 [compliance]=3007)
for app in "${!ports[@]}"; do
  pidfile=".local/pids/$app.pid"
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then echo "[start-all] $app already running"; continue; fi
  PORT="${ports[$app]}" nohup node -r ./scripts/register-dist-paths.js "dist/apps/$app/src/main.js" >".local/logs/$app.log" 2>&1 &
  echo $! > "$pidfile"
done
for app in "${!ports[@]}"; do
  for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:${ports[$app]}/health/ready" >/dev/null 2>&1; then echo "[start-all] $app ready on :${ports[$app]}"; continue 2; fi
    kill -0 "$(cat ".local/pids/$app.pid")" 2>/dev/null || { echo "[start-all] $app exited; see .local/logs/$app.log" >&2; tail -20 ".local/logs/$app.log" >&2; exit 1; }
    sleep 0.25
  done
  echo "[start-all] $app not ready after 30s; see .local/logs/$app.log" >&2; exit 1
done
