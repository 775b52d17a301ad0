#!/usr/bin/env bash
# Runs one TypeScript script of the repo (migrations, provisioning, demo seed) without a build.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export TS_NODE_PROJECT="$root/tsconfig.json" TS_NODE_TRANSPILE_ONLY=true
exec node -r ts-node/register -r tsconfig-paths/register "$@"
