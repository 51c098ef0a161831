import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // A request the fakes refuse for breaking the platform's spec fails its test.
    setupFiles: ["test/fakes/spec/guard.ts"],
    // Finds PostgreSQL at 127.0.0.1:5432 once per run; without it the PostgreSQL tests skip.
    globalSetup: ["test/support/postgres-global.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
  },
});
