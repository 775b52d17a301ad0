#!/usr/bin/env bash
# The first README command: installs and runs the whole platform locally, with a demo lead source,
# campaign and buyer, a demo buyer endpoint on :4000, and prints a ready-to-paste curl.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
started=$SECONDS
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then npm ci --no-audit --no-fund; fi
bash scripts/infra.sh up
rm -rf dist && npx tsc -p tsconfig.build.json
mkdir -p .local/logs .local/pids
if ! [ -f .local/pids/demo-buyer.pid ] || ! kill -0 "$(cat .local/pids/demo-buyer.pid)" 2>/dev/null; then
  nohup node scripts/demo-buyer.js > .local/logs/demo-buyer.log 2>&1 &
  echo $! > .local/pids/demo-buyer.pid
fi
demo="$(scripts/run-ts.sh scripts/seed-demo.ts)"
# An Account API client for the operator (secret shown once; only its hash is stored).
admin="$(scripts/run-ts.sh scripts/create-api-client.ts --name demo 2>/dev/null)"
# The demo buyer is on localhost, which the delivery worker refuses unless told otherwise.
DELIVERY_URL_ALLOW_PRIVATE="${DELIVERY_URL_ALLOW_PRIVATE:-true}" bash scripts/start-all.sh
field() { node -e 'console.log(JSON.parse(process.argv[1])[process.argv[2]])' "$demo" "$1"; }
admin_field() { node -e 'console.log(JSON.parse(process.argv[1])[process.argv[2]])' "$admin" "$1"; }
cat <<MSG

LeadX is ready in $((SECONDS - started))s. Services log to .local/logs/, the demo buyer prints what it gets:
  tail -f .local/logs/demo-buyer.log

Post the first lead (api-key shown once; only its hash is stored):

curl -sS -X POST http://127.0.0.1:3001/v2/insert/general \\
  -H 'content-type: application/json' -H 'accept: application/json' \\
  -H 'api-key: $(field apiKey)' \\
  -d '{"source":{"vid":$(field leadSourceId),"lid":$(field leadTypeId),"aid":$(field campaignId),"sendDelay":0},"leads":[{"properties":{"reference":"demo-1","noSell":false},"fields":{"FirstName":"Ada","LastName":"Lovelace","Email":"ada@example.com","PrimaryPhone":"5125550100","State":"TX","Zip":"73301"}}]}'

Configure it through the Account API (docs/account-api.md; OpenAPI at http://127.0.0.1:3002/docs):

token=\$(curl -sS -X POST http://127.0.0.1:3002/v1/authorization/token -H 'content-type: application/json' \\
  -d '{"client_id":"$(admin_field client_id)","client_secret":"$(admin_field client_secret)","grant_type":"client_credentials"}' \\
  | node -e 'process.stdin.on("data",d=>console.log(JSON.parse(d).access_token))')
curl -sS http://127.0.0.1:3002/v1/leadsources -H "authorization: Bearer \$token"

Stop everything: npm run stop:all
MSG
