#!/usr/bin/env bash
# npm run infra:up   - Postgres and Redis checked (started if installed), Kafka started,
#                      database created and migrated, US zip data loaded, topics provisioned.
# npm run infra:down - stops the Kafka broker this project started (Postgres/Redis are left alone).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
case "${1:-up}" in
  up)
    bash "$root/scripts/ensure-services.sh"
    "$root/scripts/run-ts.sh" "$root/scripts/migrate.ts"
    "$root/scripts/run-ts.sh" "$root/scripts/load-zip-data.ts"
    "$root/scripts/run-ts.sh" "$root/scripts/provision-topics.ts"
    ;;
  down) bash "$root/scripts/kafka.sh" down ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
