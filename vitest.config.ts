import { defineConfig } from "vitest/config";

/**
 * The core's suites (fake clock, recording platform) and one real-client community lifecycle
 * per platform, run a second time on PostgreSQL: each file on a database of its own on the
 * real server (test/support/postgres-file.ts). Without a server they skip with one loud line;
 * with CI=true a missing server fails the run (test/support/postgres-global.ts).
 */
const ON_POSTGRES = [
  "test/core/**/*.test.ts",
  "test/platforms/telegram.test.ts",
  // Webhook mode: a replayed update reaches a second replica on the same database.
  "test/platforms/telegram-webhook.test.ts",
  "test/platforms/discord.test.ts",
  // Replicas share one PostgreSQL: an interaction posted to two of them is handled once there.
  "test/platforms/discord-http-interactions.test.ts",
];

export default defineConfig({
  test: {
    // A request the fakes refuse for breaking the platform's spec fails its test.
    setupFiles: ["test/fakes/spec/guard.ts"],
    // Finds PostgreSQL at 127.0.0.1:5432 once per run; without it the PostgreSQL tests skip.
    globalSetup: ["test/support/postgres-global.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    projects: [
      { extends: true, test: { name: "sqlite", include: ["test/**/*.test.ts"] } },
      {
        extends: true,
        test: {
          name: "postgres",
          include: ON_POSTGRES,
          env: { CASHMOB_TEST_ENGINE: "postgres" },
          setupFiles: ["test/support/postgres-file.ts"],
        },
      },
    ],
  },
});
