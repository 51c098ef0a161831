import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // A request the fakes refuse for breaking the platform's spec fails its test.
    setupFiles: ["test/fakes/spec/guard.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
  },
});
