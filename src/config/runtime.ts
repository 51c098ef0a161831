import { dirname, join } from "node:path";
import { parseDurationMs } from "../domain/duration.js";
import type { Config } from "./config.js";
import { describeTarget, parseDatabaseUrl } from "./database-url.js";
import { ConfigError, type Env, value } from "./variables.js";

/** How the process runs: its database, its log, and what it does when another bot holds the lock. */

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function logLevel(env: Env): LogLevel {
  const level = (value(env, "LOG_LEVEL") ?? "info").toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")} (got "${level}").`);
  }
  return level as LogLevel;
}

const WAIT_HINT = "1 (wait as long as it takes), 0 (refuse at once) or a duration like 5m";

/** `WAIT_FOR_LOCK=1|0|<duration>` or `--wait-for-lock[=<duration>]`. */
export function waitForLock(setting: string | undefined, name: string): Config["waitForLock"] {
  if (setting === undefined) return null;
  const text = setting.trim().toLowerCase();
  if (["", "0", "false", "no", "off"].includes(text)) return null;
  if (["1", "true", "yes", "on"].includes(text)) return Object.freeze({ timeoutMs: null });
  const ms = parseDurationMs(text);
  if (ms === null || ms <= 0)
    throw new ConfigError(`${name} must be ${WAIT_HINT} (got "${setting}").`);
  return Object.freeze({ timeoutMs: ms });
}

/** The command line: `--wait-for-lock[=<duration>]` is the only argument, and wins over the variable. */
export function waitFlag(args: readonly string[]): {
  given: boolean;
  value: Config["waitForLock"];
} {
  let result: { given: boolean; value: Config["waitForLock"] } = { given: false, value: null };
  for (const arg of args) {
    const m = /^--wait-for-lock(?:=(.*))?$/.exec(arg);
    if (!m) {
      throw new ConfigError(
        `unknown argument "${arg}": the only one accepted is --wait-for-lock[=<duration>].`,
      );
    }
    result = { given: true, value: waitForLock(m[1] ?? "1", "--wait-for-lock") };
  }
  return result;
}

export function database(env: Env): Config["database"] {
  const url = value(env, "DATABASE_URL");
  if (url === undefined) return Object.freeze({ engine: "sqlite" });
  try {
    const where = describeTarget(parseDatabaseUrl(url));
    return Object.freeze({ engine: "postgres", url, where });
  } catch (error) {
    throw new ConfigError(`${(error as Error).message}.`);
  }
}

/** `LOG_FILE`: a path, `-` for the standard stream; by default a file only on the console. */
export function logFile(env: Env, consoleMode: boolean, databasePath: string): string | null {
  const text = value(env, "LOG_FILE");
  if (text === "-") return null;
  if (text !== undefined) return text;
  if (!consoleMode) return null;
  const folder = databasePath === ":memory:" ? "./data" : dirname(databasePath);
  return join(folder, "cashmob.log");
}
