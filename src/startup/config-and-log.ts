import { type Config, loadConfig } from "../config/config.js";
import { loadEnvFileIfPresent } from "../config/env-file.js";
import { ConfigError } from "../config/variables.js";
import { type BotLog, createBotLog } from "../log/setup.js";

/** Stops the process before anything runs: one sentence on stderr, exit 1. */
export function fail(message: string): never {
  process.stderr.write(`cashmob: ${message}\n`);
  process.exit(1);
}

/**
 * The configuration (`.env` in the working directory, if any, under the variables already
 * set) and the log it asks for; a bad variable or an unwritable log file stops the process
 * with one sentence.
 */
export function configAndLog(): { config: Config; log: BotLog; consoleMode: boolean } {
  let config: Config;
  try {
    loadEnvFileIfPresent();
    config = loadConfig(process.env, process.argv.slice(2));
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const consoleMode = !config.discord && !config.telegram;
  try {
    return { config, log: createBotLog(config, consoleMode, !!process.env.LOG_LEVEL), consoleMode };
  } catch (error) {
    fail((error as Error).message);
  }
}
