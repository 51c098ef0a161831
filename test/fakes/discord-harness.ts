import { createDiscordAdapter, type DiscordAdapter } from "../../bots/discord/adapter.js";
import { type Logger, silentLogger } from "../../src/ports/logger.js";
import type { StoredMessage } from "./discord-model.js";
import { FakeDiscord, type FakeDiscordOptions } from "./discord-server.js";

/** People in the fake guild. */
export const ALICE = "100000000000000001";
export const BOB = "100000000000000002";
export const CAROL = "100000000000000003";
/** Has closed DMs. */
export const DAVE = "100000000000000004";
export const ORG = "100000000000000009";

export const PEOPLE = {
  [ALICE]: "alice",
  [BOB]: "bob",
  [CAROL]: "carol",
  [DAVE]: "dave",
  [ORG]: "olga",
};

export interface DiscordRig {
  readonly server: FakeDiscord;
  readonly adapter: DiscordAdapter;
  close(): Promise<void>;
}

/** A fake Discord on port 0 and a (not yet started) adapter pointed at it. */
export async function discordRig(
  options: FakeDiscordOptions = {},
  adapter: {
    logger?: Logger;
    ackAfterMs?: number;
    now?: () => number;
    maxQueueWaitMs?: number;
    globalRequestsPerSecond?: number;
    /** Give the adapter the fake's public key, so its `endpoint` takes HTTP interactions. */
    httpInteractions?: boolean;
  } = {},
): Promise<DiscordRig> {
  const server = await new FakeDiscord({ users: PEOPLE, closedDms: [DAVE], ...options }).start();
  const { httpInteractions, ...rest } = adapter;
  const made = createDiscordAdapter({
    token: server.token,
    apiUrl: server.apiUrl,
    guildId: server.guild.id,
    logger: adapter.logger ?? silentLogger,
    ...rest,
    ...(httpInteractions ? { publicKey: server.http.publicKey } : {}),
  });
  return {
    server,
    adapter: made,
    async close() {
      await made.stop();
      await server.stop();
    },
  };
}

/** What a person reads in a message: content and embed text with Discord markdown resolved. */
export function readable(m: StoredMessage): string {
  const parts: string[] = [];
  if (m.content) parts.push(m.content);
  for (const e of m.embeds) {
    if (typeof e.title === "string") parts.push(e.title);
    if (typeof e.description === "string") parts.push(e.description);
  }
  return unmarkdown(
    parts
      .join("\n")
      .replace(/<t:(\d+):F> \(<t:\d+:R>\)/g, (_, sec: string) =>
        new Date(Number(sec) * 1000).toISOString(),
      ),
  );
}

/** Discord markdown → the text shown: escapes resolved, bold markers and link targets dropped. */
function unmarkdown(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\\" && i + 1 < text.length && /[!-/:-@[-`{-~]/.test(text[i + 1] ?? "")) {
      out += text[++i];
    } else if (c === "*" && text[i + 1] === "*") {
      i++;
    } else if (c === "]" && text[i + 1] === "(") {
      // The end of a masked link's label: skip "(url)".
      i = text.indexOf(")", i);
    } else if (c !== "[") {
      out += c;
    }
  }
  return out;
}

/** Buttons on a message, by custom_id. */
export function buttonIds(m: StoredMessage): string[] {
  return m.components.flatMap((row) =>
    ((row.components as { custom_id?: string }[] | undefined) ?? []).map((b) => b.custom_id ?? ""),
  );
}
