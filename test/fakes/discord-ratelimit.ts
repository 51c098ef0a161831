/**
 * Discord-style rate limits for the fake: a global requests-per-second cap and
 * fixed-window buckets per route and major parameter, answered the way Discord
 * does (429, `retry_after`, `X-RateLimit-*` headers) so discord.js's queue is
 * exercised for real.
 */

export interface RateLimitOptions {
  /** Requests per second across every route (Discord: 50). */
  readonly globalPerSecond?: number;
  /**
   * Requests per window in each bucket of a route with a major parameter
   * (channel, guild, webhook: Discord allows 5 per 5 s of messages per channel).
   * Routes without one (opening a DM channel) only count against the global cap.
   */
  readonly perRoute?: { readonly limit: number; readonly windowMs: number };
}

export interface RateDecision {
  /** Headers to add to the response, limited or not. */
  readonly headers: Record<string, string>;
  /** Set when the request must be refused with a 429. */
  readonly limited?: { readonly retryAfterMs: number; readonly global: boolean };
}

interface Window {
  start: number;
  count: number;
}

export class RateLimiter {
  #global: Window = { start: 0, count: 0 };
  readonly #buckets = new Map<string, Window>();
  /** Every 429 answered, for assertions. */
  limitedCount = 0;

  constructor(private readonly options: RateLimitOptions) {}

  /** Counts one request on `bucket` (route + major parameter) and says whether it may pass. */
  check(bucket: string, now = Date.now()): RateDecision {
    const { globalPerSecond, perRoute } = this.options;
    if (globalPerSecond !== undefined) {
      if (now - this.#global.start >= 1_000) this.#global = { start: now, count: 0 };
      if (this.#global.count >= globalPerSecond) {
        this.limitedCount++;
        const retryAfterMs = this.#global.start + 1_000 - now;
        return {
          headers: { "x-ratelimit-global": "true", "x-ratelimit-scope": "global" },
          limited: { retryAfterMs, global: true },
        };
      }
      this.#global.count++;
    }
    if (!perRoute || !bucket.includes("|")) return { headers: {} };
    let w = this.#buckets.get(bucket);
    if (!w || now - w.start >= perRoute.windowMs) {
      w = { start: now, count: 0 };
      this.#buckets.set(bucket, w);
    }
    const resetAfterMs = w.start + perRoute.windowMs - now;
    const base = {
      "x-ratelimit-limit": String(perRoute.limit),
      "x-ratelimit-reset": ((now + resetAfterMs) / 1_000).toFixed(3),
      "x-ratelimit-reset-after": (resetAfterMs / 1_000).toFixed(3),
      "x-ratelimit-bucket": hashOf(bucket.split("|")[0] ?? bucket),
    };
    if (w.count >= perRoute.limit) {
      this.limitedCount++;
      return {
        headers: { ...base, "x-ratelimit-remaining": "0", "x-ratelimit-scope": "user" },
        limited: { retryAfterMs: resetAfterMs, global: false },
      };
    }
    w.count++;
    return { headers: { ...base, "x-ratelimit-remaining": String(perRoute.limit - w.count) } };
  }
}

/** A stable opaque bucket hash, as Discord sends one per route shape. */
function hashOf(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(16).padStart(8, "0");
}
