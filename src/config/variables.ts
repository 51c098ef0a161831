import { formatDuration, parseDurationMs } from "../domain/duration.js";

/** The environment as read: names to raw values, any of them missing. */
export type Env = Readonly<Record<string, string | undefined>>;

/** A bad variable, named, with what is accepted. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** A variable's value, trimmed; undefined when unset or blank. */
export function value(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v === "" ? undefined : v;
}

export function duration(env: Env, name: string, fallback: string): number {
  const text = value(env, name) ?? fallback;
  const ms = parseDurationMs(text);
  if (ms === null || ms <= 0) {
    throw new ConfigError(`${name} must be a duration like 90s, 15m, 2h or 1d (got "${text}").`);
  }
  return ms;
}

/** A duration between `min` and `max` (ms), or one sentence naming the variable and the range. */
export function bounded(
  env: Env,
  name: string,
  fallback: string,
  min: number,
  max: number,
): number {
  const ms = duration(env, name, fallback);
  if (ms < min || ms > max)
    throw new ConfigError(
      `${name} must be between ${formatDuration(min)} and ${formatDuration(max)} (got "${value(env, name)}").`,
    );
  return ms;
}

export function url(env: Env, name: string, fallback: string): string {
  const text = value(env, name) ?? fallback;
  try {
    const u = new URL(text);
    if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error("protocol");
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL (got "${text}").`);
  }
  return text.replace(/\/+$/, "");
}

/** A port variable: null when `off` (or unset with no fallback). */
export function portOf(env: Env, name: string, fallback: string | null): number | null {
  const text = value(env, name) ?? fallback;
  if (text === null || text.toLowerCase() === "off") return null;
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 1 && port <= 65_535)) {
    throw new ConfigError(`${name} must be a port from 1 to 65535, or off (got "${text}").`);
  }
  return port;
}

export function hostOf(env: Env, name: string): string {
  const host = value(env, name) ?? "127.0.0.1";
  if (/[\s/]/.test(host)) {
    throw new ConfigError(
      `${name} must be an address to listen on, like 127.0.0.1 or 0.0.0.0 (got "${host}").`,
    );
  }
  return host;
}
