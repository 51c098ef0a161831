import { resolve } from "node:path";
import type { Config } from "../config/config.js";
import { parseDatabaseUrl } from "../config/database-url.js";
import type { Logger } from "../ports/logger.js";
import { type LogSink, openLogFile } from "./file.js";
import { createLogger } from "./logger.js";

/** The bot's logger, and the file it writes to (null: a standard stream). */
export interface BotLog {
  readonly logger: Logger;
  readonly file: string | null;
}

/**
 * The logger `npm start` uses: to `LOG_FILE` when set (or, on the console,
 * `cashmob.log` beside the database: the console owns the terminal), else to
 * stdout, or stderr on the console with warnings and worse unless LOG_LEVEL
 * asks. Throws one sentence when the file cannot be written.
 */
export function createBotLog(config: Config, consoleMode: boolean, levelSet: boolean): BotLog {
  const file = config.logFile === null ? null : resolve(config.logFile);
  let destination: LogSink = consoleMode ? process.stderr : process.stdout;
  if (file !== null) {
    try {
      destination = openLogFile(file);
    } catch (error) {
      throw new Error(
        `cannot write the log file ${file} (${(error as { code?: string }).code ?? "error"}); set LOG_FILE to another file, or to - for the terminal.`,
      );
    }
  }
  const logger = createLogger({
    level: consoleMode && file === null && !levelSet ? "warn" : config.logLevel,
    secrets: [
      config.discord?.token,
      config.telegram?.token,
      config.metrics.token,
      ...databasePassword(config),
    ].filter((t): t is string => !!t),
    destination,
  });
  return { logger, file };
}

/** DATABASE_URL's password, as typed and %-encoded: scrubbed from every line, wherever a driver puts it. */
function databasePassword(config: Config): string[] {
  if (config.database.engine !== "postgres") return [];
  const password = parseDatabaseUrl(config.database.url).password;
  return password ? [password, encodeURIComponent(password)] : [];
}
