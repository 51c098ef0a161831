import type { Client, Interaction } from "discord.js";
import type { Logger } from "../../src/ports/logger.js";
import { ANSWER_DEADLINE_MS, type Dispatch } from "./http-interactions.js";

/**
 * discord.js's entry point for an interaction payload: the client's InteractionCreate action,
 * which the gateway's INTERACTION_CREATE handler calls with the dispatch's `d` (private in its
 * typings, there throughout v14). It builds the interaction (its channel from the cache, as
 * for a gateway event) and emits `interactionCreate` synchronously. Called directly rather
 * than through `client.ws.handlePacket`, which holds packets back while the gateway is not
 * ready: an HTTP interaction needs no gateway session.
 */
interface InteractionAction {
  handle(data: unknown): void;
}

/** The REST request discord.js's REST manager reports with each response. */
interface RestRequest {
  readonly method: string;
  readonly path: string;
}

const CALLBACK = /^\/interactions\/(\d+)\/[^/]+\/callback$/;

/**
 * Hands HTTP interactions to the real discord.js client, so bots/discord/interactions.ts
 * answers them as it answers the gateway's, and tells the endpoint when discord.js made its
 * callback (seen on the REST manager's `response` event, listened to only while an HTTP
 * interaction waits). `answering` is the adapter's handler, null while it is not started;
 * the adapter calls `started` from its `interactionCreate` listener with the work it began.
 */
export function httpDispatch(
  client: Client,
  answering: () => ((interaction: Interaction) => Promise<void>) | null,
  logger: Logger,
): { dispatch: Dispatch; started(id: string, run: Promise<void>): void } {
  const action = (client as unknown as { actions?: { InteractionCreate?: InteractionAction } })
    .actions?.InteractionCreate;
  if (typeof action?.handle !== "function") {
    // A discord.js upgrade moved it: fail at start-up rather than answer nothing.
    throw new Error(
      "discord.js has no client.actions.InteractionCreate any more: update http-dispatch.ts",
    );
  }
  /** Interaction id → the endpoints waiting for its callback. */
  const waiting = new Map<string, Set<() => void>>();
  const onResponse = (request: RestRequest) => {
    const id = CALLBACK.exec(request.path)?.[1];
    if (id === undefined || request.method.toUpperCase() !== "POST") return;
    for (const settle of waiting.get(id) ?? []) settle();
  };
  const watch = (id: string, settle: () => void) => {
    if (waiting.size === 0) client.rest.on("response", onResponse);
    const set = waiting.get(id) ?? new Set();
    set.add(settle);
    waiting.set(id, set);
  };
  const unwatch = (id: string, settle: () => void) => {
    const set = waiting.get(id);
    set?.delete(settle);
    if (set?.size === 0) waiting.delete(id);
    if (waiting.size === 0) client.rest.off("response", onResponse);
  };
  /** The work the `interactionCreate` listener began for the payload being handed over. */
  let begun: Promise<void> | null = null;

  const dispatch: Dispatch = async (payload) => {
    if (answering() === null) return "not-ready";
    const id = typeof payload.id === "string" ? payload.id : "";
    let settle = () => {};
    const called = new Promise<"answered">((resolve) => {
      settle = () => resolve("answered");
    });
    watch(id, settle);
    let timer: NodeJS.Timeout | undefined;
    try {
      begun = null;
      try {
        action.handle(payload);
      } catch (error) {
        // A payload real Discord would not send (see packet-guard.ts): dropped, as there.
        logger.warn(
          { interactionId: id, error: error instanceof Error ? error.message : String(error) },
          "dropped a malformed Discord HTTP interaction",
        );
        return "dropped";
      }
      // Set by the listener inside handle() (emit is synchronous); TypeScript cannot see that.
      const run = begun as Promise<void> | null;
      begun = null;
      if (run === null) return "dropped";
      const deadline = new Promise<"late">((resolve) => {
        timer = setTimeout(() => resolve("late"), ANSWER_DEADLINE_MS);
      });
      // onInteraction never rejects; its end also ends the wait (a duplicate answers nothing).
      return await Promise.race([called, run.then(() => "answered" as const), deadline]);
    } finally {
      clearTimeout(timer);
      unwatch(id, settle);
    }
  };
  return {
    dispatch,
    started(_id, run) {
      begun = run;
    },
  };
}
