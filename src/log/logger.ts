import { pino } from "pino";
import type { Logger } from "../ports/logger.js";
import type { LogSink } from "./file.js";

/** Keys whose values are secrets wherever they appear in a log object. */
const REDACT_PATHS = [
  "token",
  "*.token",
  "*.*.token",
  "authorization",
  "*.authorization",
  "*.headers.authorization",
  "*.*.headers.authorization",
  "config.discord.token",
  "config.telegram.token",
];

/**
 * Removes token values from a string (URLs like /bot<token>/sendMessage,
 * `Bot <token>` headers), for error messages thrown by client libraries.
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 8) out = out.split(secret).join("[redacted]");
  }
  return out.replace(/\/bot\d+:[A-Za-z0-9_-]{20,}/g, "/bot[redacted]");
}

export interface LoggerOptions {
  readonly level: string;
  /** Token values to scrub from every line, whatever key they hide under. */
  readonly secrets: readonly string[];
  /** Where lines go (default stdout); tests pass a stream to read them back. */
  readonly destination?: LogSink;
}

/** Structured JSON logs, with token-bearing keys and token values redacted. */
export function createLogger(options: LoggerOptions): Logger {
  const secrets = options.secrets.filter((s) => s.length >= 8);
  const destination = options.destination ?? process.stdout;
  const scrubbing = {
    write(line: string) {
      destination.write(scrubSecrets(line, secrets));
    },
  };
  return pino(
    {
      level: options.level,
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      base: { app: "cashmob" },
      serializers: { err: pino.stdSerializers.err },
    },
    scrubbing,
  ) as unknown as Logger;
}
