import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { loadConfig } from "../../src/config/config.js";
import { createBotLog } from "../../src/log/setup.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

it("DATABASE_URL's password never reaches the log, as typed or %-encoded, whatever key carries it", () => {
  const dir = mkdtempSync(join(tmpdir(), "cashmob-log-"));
  dirs.push(dir);
  const password = "p@ss/w0rd-s3cret";
  const file = join(dir, "cashmob.log");
  const config = loadConfig({
    DATABASE_URL: `postgres://cashmob:${encodeURIComponent(password)}@127.0.0.1:5432/cashmob`,
    LOG_FILE: file,
  });
  const { logger } = createBotLog(config, true, true);
  logger.error({ err: `auth failed for ${password}` }, "connect");
  logger.warn({ detail: encodeURIComponent(password) }, "retry");
  const written = readFileSync(file, "utf8");
  expect(written).toContain("auth failed for [redacted]");
  expect(written).not.toContain(password);
  expect(written).not.toContain(encodeURIComponent(password));
});
