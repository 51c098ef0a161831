import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/log/logger.js";
import type { CommandHandler, Reply } from "../../src/ports/inbound.js";
import { sampleNotice } from "../contract/platform-contract.js";
import { ALICE, type DiscordRig, discordRig, readable } from "../fakes/discord-harness.js";
import type { InteractionRecord } from "../fakes/discord-model.js";

let rig: DiscordRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const handler: CommandHandler = {
  async handle(): Promise<Reply> {
    return { audience: "personal", notice: sampleNotice("Done.", { kind: "reply", actions: [] }) };
  },
  openMobs: async () => [],
};

/** The real discord.js client on the fake Discord, logging to a string. */
async function started() {
  const lines = new PassThrough();
  const log = { text: "" };
  lines.on("data", (d: Buffer) => {
    log.text += d.toString();
  });
  const logger = createLogger({ level: "debug", secrets: [], destination: lines });
  rig = await discordRig({}, { logger, ackAfterMs: 300 });
  await rig.adapter.start(handler);
  return { server: rig.server, log };
}

/** Log lines at warn (pino level 40) saying a gateway event was dropped. */
function dropped(log: { text: string }): Record<string, unknown>[] {
  return log.text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => l.level === 40 && String(l.msg).includes("dropped"));
}

const INTERACTION = { command: 2, component: 3 } as const;

describe("a malformed Discord gateway event is logged and dropped, and the bot carries on", () => {
  const cases: [string, (s: DiscordRig["server"]) => InteractionRecord][] = [
    [
      "a button press without the message it sits on",
      (s) =>
        s.malformed(
          INTERACTION.component,
          { user: ALICE },
          { custom_id: "mob:1:join", component_type: 2 },
        ),
    ],
    [
      "a user context-menu command without resolved data",
      (s) =>
        s.malformed(
          INTERACTION.command,
          { user: ALICE },
          { id: "990000000000000001", name: "Invite to mob", type: 2, target_id: ALICE },
        ),
    ],
    [
      "a message context-menu command without resolved data",
      (s) =>
        s.malformed(
          INTERACTION.command,
          { user: ALICE },
          { id: "990000000000000002", name: "Mob here", type: 3, target_id: "1" },
        ),
    ],
  ];

  it.each(cases)("%s", async (_, send) => {
    const { server, log } = await started();
    const bad = send(server);
    // The next, valid, command is still answered by the same client.
    const good = await server.answered(server.slash({ user: ALICE, subcommand: "list" }));
    expect(readable(good.original!)).toContain("Done.");
    expect(bad.callbacks).toEqual([]);

    const warnings = dropped(log);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ event: "INTERACTION_CREATE", interactionId: bad.id });
    expect(log.text).not.toContain(bad.token);
    expect(log.text).not.toContain(server.token);
  });
});
