# syntax=docker/dockerfile:1

# Build stage: the toolchain (python3, make, g++) compiles better-sqlite3 and
# tsc compiles the TypeScript; none of it reaches the runtime image.
FROM node:24-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY bots ./bots
RUN npm run build && npm prune --omit=dev

# Runtime stage: compiled JavaScript, production node_modules, the migrations.
FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    DATABASE_PATH=/data/cashmob.db
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
# tini forwards SIGTERM so the bot stops cleanly (outbox rows in flight are recorded).
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/src/main.js"]
