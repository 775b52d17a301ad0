#!/usr/bin/env bash
# The whole test suite: `npm test`. Starts what it needs (Kafka via scripts/kafka.sh; Postgres and
# Redis checked or started), then lint, type check, build, and the three Jest tiers against the real
# services. Prints one closing line "tests: N passed, N failed" and exits non-zero on any failure.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mkdir -p .local
step() { echo; echo "==> $*"; }

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "npm ci"; npm ci --no-audit --no-fund || exit 1
fi
step "infrastructure"; bash scripts/ensure-services.sh || exit 1
step "lint (incl. Nx module boundaries)"
# The boundary rule silently skips itself without a project graph: compute it, and fail if skipped.
NX_DAEMON=false npx nx show projects >/dev/null || exit 1
npx eslint --max-warnings=0 apps libs scripts tools 2>&1 | tee .local/eslint.log; [ "${PIPESTATUS[0]}" -eq 0 ] || exit 1
if grep -q "rule will be skipped" .local/eslint.log; then echo "module boundary rule was skipped" >&2; exit 1; fi
step "type check"; npx tsc -p tsconfig.json --noEmit || exit 1
# The e2e tier runs the compiled services exactly as production starts them.
step "build"; rm -rf dist && npx tsc -p tsconfig.build.json || exit 1

step "jest: unit, integration, e2e"
results=.local/jest-results.json
rm -f "$results"
npx jest -c jest.config.ts --maxWorkers=2 --json --outputFile="$results" "$@"
status=$?
if [ -f "$results" ]; then
  node -e '
    const r = require(process.argv[1]);
    const broken = r.numRuntimeErrorTestSuites || 0;
    console.log(`\nsuites: ${r.numPassedTestSuites} passed, ${r.numFailedTestSuites} failed` + (broken ? ` (${broken} did not run)` : ""));
    console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests + broken} failed, ${r.numPendingTests} skipped`);
  ' "$root/$results"
else
  echo "tests: 0 passed, 1 failed"
fi
exit $status
