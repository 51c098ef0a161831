import type { Config } from "./config.js";
import { ConfigError, type Env, hostOf, portOf, value } from "./variables.js";

/** The web side's settings: where it listens, who reads /metrics, its address, its link secret. */

/** The shortest METRICS_TOKEN accepted: 16 characters, about 95 bits when random. */
export const METRICS_TOKEN_MIN_LENGTH = 16;

/** The shortest LINK_SECRET accepted: 32 characters, about 190 bits when random. */
export const LINK_SECRET_MIN_LENGTH = 32;

export function http(env: Env): Config["http"] {
  const port = portOf(env, "HTTP_PORT", "8080");
  if (port === null) return null;
  const host = hostOf(env, "HTTP_HOST");
  const capText = value(env, "HTTP_MAX_CONNECTIONS_PER_CLIENT") ?? "20";
  if (!/^\d{1,6}$/.test(capText)) {
    throw new ConfigError(
      `HTTP_MAX_CONNECTIONS_PER_CLIENT must be a whole number, 0 for no cap (got "${capText}").`,
    );
  }
  return Object.freeze({ host, port, maxConnectionsPerClient: Number(capText) });
}

export function metrics(env: Env, web: Config["http"]): Config["metrics"] {
  const token = value(env, "METRICS_TOKEN") ?? null;
  if (token !== null && (token.length < METRICS_TOKEN_MIN_LENGTH || /\s/.test(token))) {
    // The value is a secret: say how long it is, never what it is.
    throw new ConfigError(
      `METRICS_TOKEN must be at least ${METRICS_TOKEN_MIN_LENGTH} characters without spaces (got ${token.length}); try openssl rand -hex 24.`,
    );
  }
  const port = portOf(env, "METRICS_PORT", null);
  const host = hostOf(env, "METRICS_HOST");
  if (port !== null && web !== null && port === web.port) {
    throw new ConfigError(`METRICS_PORT must differ from HTTP_PORT (both ${port}).`);
  }
  const listener = port === null ? null : Object.freeze({ host, port });
  return Object.freeze({ token, listener });
}

export function publicUrl(env: Env): string | null {
  const text = value(env, "PUBLIC_URL");
  if (text === undefined) return null;
  const parsed = URL.canParse(text) ? new URL(text) : null;
  if (parsed !== null && (parsed.username !== "" || parsed.password !== "")) {
    // Never quote it back: the password would end up in the logs.
    throw new ConfigError("PUBLIC_URL must be an address without a user name or password.");
  }
  const bad =
    parsed === null ||
    (parsed.protocol !== "http:" && parsed.protocol !== "https:") ||
    parsed.search !== "" ||
    parsed.hash !== "";
  if (bad) {
    throw new ConfigError(
      `PUBLIC_URL must be an absolute http(s) address like https://mobs.example.org, without query (got "${text}").`,
    );
  }
  return text.replace(/\/+$/, "");
}

export function linkSecret(env: Env): string | null {
  const text = value(env, "LINK_SECRET");
  if (text === undefined) return null;
  if (text.length < LINK_SECRET_MIN_LENGTH) {
    // The value is a secret: say how long it is, never what it is.
    throw new ConfigError(
      `LINK_SECRET must be at least ${LINK_SECRET_MIN_LENGTH} characters (got ${text.length}); try openssl rand -base64 32.`,
    );
  }
  return text;
}
