import { apiThrottler } from "@grammyjs/transformer-throttler";
import type { Api, Transformer } from "grammy";

/** Methods that post or change messages: the ones Telegram rate-limits per chat. */
export const PACED = new Set([
  "sendMessage",
  "editMessageText",
  "editMessageReplyMarkup",
  "sendPhoto",
  "sendMediaGroup",
  "sendDocument",
]);

/** Why a request never left: its signal was aborted while it waited in the queue. */
class CalledOff extends Error {
  constructor(method: string) {
    super(`${method} called off before it was sent`);
    this.name = "CalledOff";
  }
}

/**
 * Paces posts and edits to Telegram's limits (`throttle`; tests of other things may turn it
 * off) and lets a request's signal (the core's Abortable) call it off while it waits in that
 * queue. Once a request leaves, it finishes: Telegram has no idempotency key, so a request
 * aborted on the wire may have been delivered all the same, and would then be sent twice.
 */
export function paceSends(api: Api, throttle: boolean, groupWindowMs = 60_000): void {
  // A group: one message a second, 20 a window (the throttler's own defaults, Telegram's).
  const group = {
    maxConcurrent: 1,
    minTime: 1_000,
    reservoir: 20,
    reservoirRefreshAmount: 20,
    reservoirRefreshInterval: groupWindowMs,
  };
  // Evenly spaced (one every 36 ms ≈ 27.8/s) rather than bursts of 30 refilled each second:
  // Telegram counts over a sliding second, and bursts at a refill edge trip it. At 34 ms
  // (29.4/s) timing jitter still tripped it now and then, and a 429 on a DM pauses every
  // send to Telegram for its retry_after (at least a second): the margin is cheaper.
  const global = { maxConcurrent: 30, minTime: 36 };
  const paced = throttle ? apiThrottler({ global, group }) : null;
  const transformer: Transformer = (prev, method, payload, signal) => {
    if (!PACED.has(method)) return prev(method, payload, signal);
    // Leaves without the signal, unless it was aborted meanwhile: then it goes nowhere.
    let left = false;
    const leave: typeof prev = (m, p) => {
      if (signal?.aborted) return Promise.reject(new CalledOff(m));
      left = true;
      return prev(m, p);
    };
    const sent = paced ? paced(leave, method, payload) : leave(method, payload);
    if (!signal) return sent;
    // The caller hears at once that a request still queued was called off.
    const calledOff = new Promise<never>((_, reject) => {
      const off = () => left || reject(new CalledOff(method));
      signal.addEventListener("abort", off, { once: true });
    });
    return Promise.race([sent, calledOff]);
  };
  api.config.use(transformer);
}
