# syntax=docker/dockerfile:1
#
# One image for all seven LeadX services. The service is chosen at start, not at build:
#
#   docker run -e SERVICE=receiver -e PORT=3001 -p 3001:3001 leadx:local
#
# SERVICE must be one of: receiver, account-admin, ping-auction, offer, scanner,
# delivery-worker, compliance. One-shot jobs override the command (the dumb-init entrypoint stays):
#
#   docker run --rm leadx:local node -r ./scripts/register-dist-paths.js dist/scripts/migrate.js
#   docker run --rm leadx:local node -r ./scripts/register-dist-paths.js dist/scripts/provision-topics.js
#
# Stages: builder (full install + tsc), prod-deps (production node_modules only), runtime.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS base
WORKDIR /app
# Quiet, deterministic npm; SCARF_ANALYTICS=false stops @scarf/scarf (via swagger-ui-dist)
# from phoning home in its postinstall.
ENV npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false \
    SCARF_ANALYTICS=false

# ---------------------------------------------------------------------------------------------
FROM base AS builder
# Manifests first so the dependency layer is cached until package*.json change.
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci
COPY . .
# tsc -p tsconfig.build.json -> dist/apps/<name>/src/main.js, dist/libs/..., dist/scripts/*.js
RUN npm run build

# ---------------------------------------------------------------------------------------------
FROM base AS prod-deps
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci --omit=dev

# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime

# dumb-init as PID 1: forwards SIGTERM/SIGINT to node (graceful shutdown within
# SHUTDOWN_TIMEOUT_MS) and reaps zombies. node:20-bookworm-slim ships no init.
RUN apt-get update \
 && apt-get install -y --no-install-recommends dumb-init \
 && rm -rf /var/lib/apt/lists/*

ENV NODE_ENV=production
WORKDIR /app

# Only what the services need at run time. Files stay root-owned (read-only for USER node).
COPY --from=prod-deps /app/node_modules ./node_modules
COPY package.json tsconfig.base.json ./
COPY scripts/register-dist-paths.js ./scripts/register-dist-paths.js
COPY --from=builder /app/dist ./dist

USER node

# Documentation only: each service listens on its own PORT (3001-3007 by convention).
EXPOSE 3001-3007

ENTRYPOINT ["dumb-init", "--"]

# Tiny entry: validate SERVICE, default SERVICE_NAME to it, exec node (so node, not sh, is
# dumb-init's child and receives the signals). Health: GET /health/live, /health/ready on PORT.
CMD ["sh", "-c", "case \"${SERVICE:-}\" in receiver|account-admin|ping-auction|offer|scanner|delivery-worker|compliance) ;; *) echo \"leadx: SERVICE must be one of: receiver account-admin ping-auction offer scanner delivery-worker compliance (got '${SERVICE:-}')\" >&2; exit 64 ;; esac; export SERVICE_NAME=\"${SERVICE_NAME:-$SERVICE}\"; exec node -r ./scripts/register-dist-paths.js \"dist/apps/$SERVICE/src/main.js\""]
