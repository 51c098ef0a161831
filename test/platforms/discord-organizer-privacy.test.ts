import { describe, expect, it } from "vitest";
import { discordCore } from "../fakes/discord-core.js";
import { ORG, readable } from "../fakes/discord-harness.js";
import { EPHEMERAL } from "../fakes/discord-model.js";
import { PERMISSIONS } from "../fakes/discord-server.js";

/**
 * The same organizer commands through real discord.js against the fake
 * Discord: slash commands are seen by nobody but their author, and what only
 * organizers may see (the usual takings, the merchant's answer, a draft) is
 * never in a message the channel shows.
 */

const organizer = { user: ORG, permissions: PERMISSIONS.manageEvents };

describe("Discord: an organizer's answers", () => {
  it("/mob info is ephemeral; /mob list is public without the drafts, which follow ephemerally", async () => {
    const { server, h } = await discordCore();
    const created = await server.answered(
      server.slash({
        ...organizer,
        subcommand: "create",
        options: { shop: "Cave à Bières", when: "2026-12-05 18:00", takings: 1234, draft: true },
      }),
      1,
    );
    expect(created.original?.flags).toBe(EPHEMERAL);

    const info = await server.answered(
      server.slash({ ...organizer, subcommand: "info", options: { id: 1 } }),
      1,
    );
    expect(info.original?.flags).toBe(EPHEMERAL);
    expect(info.followups[0]?.flags).toBe(EPHEMERAL);
    expect(readable(info.followups[0]!)).toContain("Usual daily takings: €1,234.00");

    const list = await server.answered(
      server.slash({ ...organizer, subcommand: "list", options: {} }),
      1,
    );
    expect(list.original?.flags ?? 0).not.toBe(EPHEMERAL);
    expect(readable(list.original!)).not.toContain("Cave");
    expect(list.followups[0]?.flags).toBe(EPHEMERAL);
    expect(readable(list.followups[0]!)).toMatch(/Drafts, for organizers only[\s\S]*Cave à Bières/);
    await h.drain();
    expect(server.channelMessages().filter((m) => /Cave|1,234/.test(readable(m)))).toEqual([]);
  });
});
