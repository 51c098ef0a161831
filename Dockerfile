# syntax=docker/dockerfile:1

# Build stage: tsc compiles the TypeScript and dev dependencies are pruned.
# better-sqlite3 ships prebuilt Node-API binaries inside its package, so no
# compiler is needed and none reaches the runtime image.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY bots ./bots
RUN npm run build && npm prune --omit=dev

# Runtime stage: compiled JavaScript, production node_modules, the migrations.
FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    DATABASE_PATH=/data/cashmob.db \
    HTTP_HOST=0.0.0.0
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /data && chown node:node /data
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json ./
COPY --chown=node:node migrations ./migrations
USER node
VOLUME ["/data"]
# The mob pages, calendars, merchant links and /healthz (HTTP_PORT); /metrics only with
# METRICS_TOKEN, or on METRICS_PORT (see README), since this listens on 0.0.0.0.
EXPOSE 8080
# tini forwards SIGTERM so the bot stops cleanly (outbox rows in flight are recorded).
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/src/main.js"]
