/**
 * Which engine the core's suites run on: SQLite (the default project) or PostgreSQL (the
 * "postgres" project in vitest.config.ts sets CASHMOB_TEST_ENGINE=postgres and loads
 * ./postgres-file.ts, which gives each test file a database of its own on the real server).
 */
import type { StorageEngine } from "../../src/ports/unit-of-work.js";

export const testEngine: StorageEngine =
  process.env.CASHMOB_TEST_ENGINE === "postgres" ? "postgres" : "sqlite";

/** True on PostgreSQL: a test that only means something on SQLite (file lock, WAL, a full disk) skips. */
export const sqliteOnly = testEngine === "postgres";
