/**
 * The fake Discord's HTTP-interactions mode: instead of a gateway dispatch, an interaction is
 * POSTed, signed, to the bot's Interactions Endpoint URL, as Discord does once the developer
 * portal has one. It signs with an Ed25519 key pair of its own (the test gives the bot
 * `publicKey`) and judges the answer as Discord does: a callback made by REST (while the POST
 * is open or within the 3 s after the interaction) or a response body with a `type` answers
 * it; with neither, the person sees "The application did not respond".
 */
import { generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import { changeLast } from "../support/forged.js";
import type { InteractionRecord } from "./discord-model.js";
import { type RestState, route } from "./discord-routes.js";

/** What Discord shows when an interaction is not answered in time. */
export const DID_NOT_RESPOND = "The application did not respond";

export interface SignedRequest {
  readonly body: string | Buffer;
  readonly headers: Readonly<Record<string, string>>;
}

export class HttpInteractions {
  /** The application's public key as the developer portal shows it: 64 hex characters. */
  readonly publicKey: string;
  readonly #privateKey: KeyObject;
  readonly #state: RestState;
  #url: string | null = null;
  /** Each delivered interaction's request, as sent, for `replay`. */
  readonly #sent = new Map<string, SignedRequest>();
  #tamper: ((request: SignedRequest) => SignedRequest) | null = null;

  constructor(state: RestState) {
    this.#state = state;
    const pair = generateKeyPairSync("ed25519");
    this.#privateKey = pair.privateKey;
    const jwk = pair.publicKey.export({ format: "jwk" });
    this.publicKey = Buffer.from(jwk.x ?? "", "base64url").toString("hex");
  }

  /** The Interactions Endpoint URL, when set: interactions are POSTed there, not dispatched. */
  get url(): string | null {
    return this.#url;
  }

  /** Sets the Interactions Endpoint URL (the fake only ever reaches 127.0.0.1); null: gateway. */
  use(url: string | null): void {
    if (url !== null && new URL(url).hostname !== "127.0.0.1")
      throw new Error(`the fake Discord only posts to 127.0.0.1 (got ${url})`);
    this.#url = url;
  }

  /** Discord's two headers for `body`, signed at `timestamp` (Unix seconds; default now). */
  sign(body: string | Buffer, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
    const stamp = String(timestamp);
    const data = Buffer.concat([Buffer.from(stamp), Buffer.from(body)]);
    return {
      "x-signature-ed25519": sign(null, data, this.#privateKey).toString("hex"),
      "x-signature-timestamp": stamp,
    };
  }

  /** POSTs `body` with `headers` to the endpoint; its status and body (status 0: no answer). */
  async post(request: SignedRequest): Promise<{ status: number; body: string }> {
    const url = this.#url;
    if (url === null) throw new Error("no Interactions Endpoint URL: call useHttpInteractions");
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "Discord-Interactions/1.0 (+https://discord.com)",
          ...request.headers,
        },
        body: request.body,
        signal: AbortSignal.timeout(this.#state.interactionTimeoutMs + 2_000),
      });
      return { status: res.status, body: await res.text() };
    } catch {
      return { status: 0, body: "" };
    }
  }

  /** A PING, as the portal sends when the URL is saved; the endpoint's answer. */
  async ping(): Promise<{ status: number; body: string }> {
    const body = JSON.stringify({
      id: "1",
      application_id: this.#state.applicationId,
      type: 1,
      token: "ping-token",
      version: 1,
    });
    return this.post({ body, headers: this.sign(body) });
  }

  /**
   * The next delivery goes out as `change` makes it (a forged signature, an old timestamp, a
   * padded body): what someone other than Discord could post, with a real interaction in it.
   */
  tamperNext(change: (request: SignedRequest) => SignedRequest): void {
    this.#tamper = change;
  }

  /** The next delivery carries a signature one hex digit off: what a forger would send. */
  forgeNext(): void {
    this.tamperNext(({ body, headers }) => ({
      body,
      headers: {
        ...headers,
        "x-signature-ed25519": changeLast(headers["x-signature-ed25519"] ?? ""),
      },
    }));
  }

  /** Delivers an interaction and records whether it was answered in time. */
  async deliver(record: InteractionRecord, payload: Record<string, unknown>): Promise<void> {
    const body = JSON.stringify(payload);
    const signed = { body, headers: this.sign(body) };
    const request = this.#tamper ? this.#tamper(signed) : signed;
    this.#tamper = null;
    this.#sent.set(record.id, request);
    const answer = await this.post(request);
    record.delivered = { ...answer, at: Date.now() };
    if (answer.status < 200 || answer.status > 299) {
      record.failure = DID_NOT_RESPOND;
      return;
    }
    const inBody = typed(answer.body);
    if (inBody) {
      // The answer in the body: Discord takes it as the callback.
      const taken = route(this.#state, {
        method: "POST",
        path: `/interactions/${record.id}/${record.token}/callback`,
        query: new URLSearchParams(),
        body: inBody,
        files: [],
      });
      if (taken.status >= 400) record.failure = DID_NOT_RESPOND;
      return;
    }
    const deadline = record.createdAt + this.#state.interactionTimeoutMs;
    while (record.callbacks.length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    if (record.callbacks.length === 0) record.failure = DID_NOT_RESPOND;
  }

  /** POSTs a delivered interaction again, byte for byte (a replay to another replica). */
  async replay(record: InteractionRecord): Promise<{ status: number; body: string }> {
    const request = this.#sent.get(record.id);
    if (!request) throw new Error(`interaction ${record.id} was not delivered over HTTP`);
    return this.post(request);
  }
}

/** A JSON response body that is an interaction response (has a numeric `type`), else null. */
function typed(text: string): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const json = JSON.parse(text) as unknown;
    return typeof json === "object" &&
      json !== null &&
      typeof (json as { type?: unknown }).type === "number"
      ? (json as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
