import { createHash, timingSafeEqual } from "node:crypto";
import { type Bot, BotError } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "../../src/ports/logger.js";

/** Where Telegram posts updates in webhook mode, on the web side (HTTP_PORT). */
export const TELEGRAM_WEBHOOK_PATH = "/telegram/webhook";

/** The largest update body taken: Telegram's are a few kilobytes; anything near this is not Telegram. */
export const WEBHOOK_MAX_BYTES = 1024 * 1024;

/** The header Telegram sends the `secret_token` in. */
const SECRET_HEADER = "x-telegram-bot-api-secret-token";

/** A refused request is logged at most this often: a stranger's flood must not flood the log. */
const REFUSAL_LOG_MS = 60_000;

export interface WebhookOptions {
  /** The `secret_token` given to setWebhook; never logged. */
  readonly secret: string;
  /** Null when updates can be handled; else why not yet (or no more): answered 503, Telegram retries. */
  readonly unavailable: () => string | null;
  /** Handles one update to the end: its unit of work committed, its answers queued. */
  readonly handle: (update: Update) => Promise<void>;
  readonly logger: Logger;
}

/**
 * `POST /telegram/webhook`: a request without the secret token is refused (401) before its
 * body is read, a body over 1 MiB (413) or not an update (400) is refused, and anything else
 * is handled before the answer. The 200 goes out once the update's unit of work committed,
 * so nothing is lost: a replica that dies, or a call that times out, leaves Telegram without
 * a 2xx, and it sends the update again (to this replica or another), where its update id,
 * recorded in the same unit of work, makes it a no-op. It also keeps one chat's updates in
 * order across replicas, as Telegram sends a chat's next update only after the last one's answer.
 */
export function webhookHandler(options: WebhookOptions): (request: Request) => Promise<Response> {
  const { logger } = options;
  const expected = digest(options.secret);
  let lastRefusalLogged = 0;
  const refused = (status: number, why: string) => {
    const now = Date.now();
    if (now - lastRefusalLogged >= REFUSAL_LOG_MS) {
      lastRefusalLogged = now;
      logger.warn({ status, why }, "a Telegram webhook request was refused");
    }
    return answer(status, why);
  };

  return async (request) => {
    const given = request.headers.get(SECRET_HEADER);
    // Digests of equal length, compared in constant time: nothing leaks, not even the length.
    if (given === null || !timingSafeEqual(digest(given), expected))
      return refused(401, "the secret token is missing or wrong");
    const declared = request.headers.get("content-length");
    if (declared !== null && Number(declared) > WEBHOOK_MAX_BYTES)
      return refused(413, "the update is too large");
    const body = await readCapped(request, WEBHOOK_MAX_BYTES);
    if (body === null) return refused(413, "the update is too large");
    const update = parseUpdate(body);
    if (update === null) return refused(400, "the body is not a Telegram update (JSON)");
    const busy = options.unavailable();
    if (busy !== null) return answer(503, busy, { "Retry-After": "1" });
    await options.handle(update);
    return new Response(null, { status: 200 });
  };
}

const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();

const answer = (status: number, text: string, headers: Record<string, string> = {}) =>
  new Response(text, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", ...headers },
  });

/** The body's bytes, or null as soon as more than `max` came (the rest is not read). */
async function readCapped(request: Request, max: number): Promise<Uint8Array | null> {
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** A JSON object with an integer `update_id`, or null. */
function parseUpdate(body: Uint8Array): Update | null {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const id = (value as { update_id?: unknown }).update_id;
  return Number.isSafeInteger(id) && (id as number) >= 0 ? (value as Update) : null;
}

/**
 * Hands a webhook's update to grammY, as polling does: a failure is logged (bot.catch) and the
 * update counts as handled. Kept in `handling` until done, for stop() to wait on.
 */
export function handleTracked(
  bot: Bot,
  update: Update,
  handling: Set<Promise<void>>,
  logger: Logger,
): Promise<void> {
  const handled = bot.handleUpdate(update).catch(async (error: unknown) => {
    if (error instanceof BotError) await bot.errorHandler(error);
    else logger.error({ err: error }, "handling a Telegram update failed");
  });
  handling.add(handled);
  void handled.finally(() => handling.delete(handled));
  return handled;
}
