import { createPublicKey, type KeyObject, verify } from "node:crypto";
import type { Logger } from "../../src/ports/logger.js";

/**
 * Discord's HTTP interactions (the developer portal's "Interactions Endpoint URL"): Discord
 * POSTs each interaction, signed with the application's Ed25519 key, to a URL of ours instead
 * of sending it down a gateway session, so any replica behind a load balancer can answer it.
 *
 * How an interaction is answered here: through discord.js, by REST, as on the gateway
 * (`POST /interactions/{id}/{token}/callback`, then follow-ups), so ephemeral replies, deferred
 * answers and file attachments (check-in QR codes, exports) work exactly as they do there.
 * The HTTP request is held until that callback has been made (or the work is over, or
 * {@link ANSWER_DEADLINE_MS} passed) and then answered `202 Accepted` with no body: Discord
 * takes an interaction answered by REST while (or shortly after) its POST is open. Answering in
 * the body instead would mean taking the reply away from discord.js, and a body cannot carry
 * files. PING, which Discord sends to check the URL, is the exception: it must be answered in
 * the body, `{"type":1}`.
 */

/** Where the web server takes interactions; the URL to give the developer portal ends so. */
export const INTERACTIONS_PATH = "/discord/interactions";

/** The largest body taken (Discord's interactions are a few KiB; a resolved-heavy one tens). */
export const MAX_INTERACTION_BYTES = 1024 * 1024;

/** A signature timestamp further than this from our clock is refused (a replayed request). */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The longest the HTTP request is held waiting for discord.js's callback. Discord gives 3 s to
 * acknowledge; the adapter defers an answer not ready after 1.5 s, so its callback is made by then.
 */
export const ANSWER_DEADLINE_MS = 2_500;

/** The route as the web server takes it (structurally the web side's `InboundEndpoint`). */
export interface InteractionsEndpoint {
  readonly path: string;
  handle(request: Request): Promise<Response>;
}

/** What happens to a verified interaction other than PING. */
export type Dispatch = (interaction: Record<string, unknown>) => Promise<DispatchOutcome>;

/**
 * `answered`: handed to discord.js, which made its callback (or finished) in time; `late`: it
 * was handed over but no callback came before the deadline; `dropped`: discord.js made nothing
 * of it (a malformed payload); `not-ready`: the adapter is not started (or stopped).
 */
export type DispatchOutcome = "answered" | "late" | "dropped" | "not-ready";

/** The Ed25519 public key from its 64 hex characters (the portal's "Public Key"). */
export function publicKeyFromHex(hex: string): KeyObject {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error("a Discord public key is 64 hex characters");
  const x = Buffer.from(hex, "hex").toString("base64url");
  return createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x }, format: "jwk" });
}

/**
 * Whether Discord signed `body` at `timestamp`: Ed25519 over `timestamp + body`, with the
 * timestamp (Unix seconds) within {@link MAX_CLOCK_SKEW_MS} of `nowMs`. Never throws.
 */
export function signedByDiscord(
  key: KeyObject,
  signatureHex: string | null,
  timestamp: string | null,
  body: Buffer,
  nowMs: number,
): "ok" | "bad signature" | "stale timestamp" {
  if (signatureHex === null || !/^[0-9a-fA-F]{128}$/.test(signatureHex)) return "bad signature";
  if (timestamp === null || !/^\d{1,12}$/.test(timestamp)) return "bad signature";
  const signed = Buffer.concat([Buffer.from(timestamp, "utf8"), body]);
  if (!verify(null, signed, key, Buffer.from(signatureHex, "hex"))) return "bad signature";
  // Checked after the signature, so only Discord's own (old) requests are called replays.
  if (Math.abs(nowMs - Number(timestamp) * 1000) > MAX_CLOCK_SKEW_MS) return "stale timestamp";
  return "ok";
}

/** The endpoint: checks size and signature, answers PING, hands the rest to `dispatch`. */
export function interactionsEndpoint(options: {
  readonly publicKey: string;
  readonly dispatch: Dispatch;
  readonly logger: Logger;
  /** Wall clock for the timestamp check (tests pin it). */
  readonly now?: () => number;
}): InteractionsEndpoint {
  const key = publicKeyFromHex(options.publicKey);
  const now = options.now ?? Date.now;
  const { logger } = options;
  return {
    path: INTERACTIONS_PATH,
    async handle(request) {
      const body = await readCapped(request, MAX_INTERACTION_BYTES);
      if (body === null) {
        logger.warn({ route: INTERACTIONS_PATH }, "refused an interaction body over 1 MiB");
        return text(413, "Payload too large.");
      }
      const verdict = signedByDiscord(
        key,
        request.headers.get("x-signature-ed25519"),
        request.headers.get("x-signature-timestamp"),
        body,
        now(),
      );
      if (verdict !== "ok") {
        // Not a warning: anyone can post here, and Discord itself sends bad signatures to
        // check that the endpoint refuses them.
        logger.info({ route: INTERACTIONS_PATH, verdict }, "refused an unsigned interaction");
        return text(401, "Invalid request signature.");
      }
      let interaction: unknown;
      try {
        interaction = JSON.parse(body.toString("utf8"));
      } catch {
        return text(400, "The body is not JSON.");
      }
      if (typeof interaction !== "object" || interaction === null || Array.isArray(interaction))
        return text(400, "The body is not an interaction.");
      const payload = interaction as Record<string, unknown>;
      if (payload.type === 1) return Response.json({ type: 1 });
      const outcome = await options.dispatch(payload);
      if (outcome === "not-ready") return text(503, "The bot is not taking interactions yet.");
      if (outcome === "dropped") return text(400, "The body is not an interaction the bot knows.");
      if (outcome === "late") {
        logger.warn(
          { interactionId: typeof payload.id === "string" ? payload.id : null },
          "an HTTP interaction had no answer within the deadline",
        );
      }
      return new Response(null, { status: 202 });
    },
  };
}

function text(status: number, sentence: string): Response {
  return new Response(sentence, { status, headers: { "content-type": "text/plain" } });
}

/** The body, or null when it is (or says it is) over `limit` bytes; never reads past it. */
async function readCapped(request: Request, limit: number): Promise<Buffer | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > limit) {
    await request.body?.cancel().catch(() => {});
    return null;
  }
  if (!request.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
