import { describe, expect, it } from "vitest";
import { HOUR, MINUTE } from "../fakes/core-harness.js";
import { discordCore } from "../fakes/discord-core.js";
import { ALICE as D_ALICE, ORG as D_ORG, readable } from "../fakes/discord-harness.js";
import { EPHEMERAL, type StoredMessage } from "../fakes/discord-model.js";
import { PERMISSIONS } from "../fakes/discord-server.js";
import { ALICE, GROUP, ORG, type TelegramRig, until } from "../fakes/telegram-harness.js";
import { answerIn, startTelegram } from "../fakes/telegram-talk.js";

/**
 * A secret shop through the real clients against the fakes: what the group
 * and the server store stays free of the shop until the reveal; at the reveal
 * the call-to-action is edited to name it, and Discord's event takes its name
 * and address.
 */
const SHOP = "Le Petit Torréfacteur";
const ADDRESS = "8 rue des Grillons";
const START = Date.UTC(2026, 11, 19, 18, 0);
const REVEAL = START - HOUR;
const GIVEAWAY = /Torréfacteur|Grillons|Zinc/;

describe("Telegram: a secret shop", () => {
  let rig: TelegramRig;

  const group = () => rig.server.chatMessages(GROUP);
  const say = (from: number, text: string) => answerIn(rig, from, GROUP, text);
  /**
   * The answer, in the group or, when the group is busy (the reveal's posts just went out),
   * in the member's private chat: a personal answer may go there rather than wait its turn.
   */
  async function ask(from: number, text: string): Promise<string> {
    const before = group().length;
    const dmsBefore = rig.server.dms(from).length;
    rig.server.type(from, GROUP, text);
    const privately = () => rig.server.dms(from).slice(dmsBefore);
    await until(() => group().length > before || privately().length > 0, `an answer to ${text}`);
    return group()[before]?.text ?? privately()[0]?.text ?? "";
  }

  it("stays out of the group until the reveal; then the call-to-action is edited to name it", async () => {
    rig = await startTelegram();
    for (const who of [ORG, ALICE]) {
      rig.server.startPrivate(who);
      await until(() => rig.server.dms(who).length > 0, "the welcome");
    }
    expect(
      await say(
        ORG,
        `/newmob ${SHOP} | 2026-12-19 18:00 | 15 | ${ADDRESS} | secret | party=Le Zinc`,
      ),
    ).toBe("Mob #1 is announced.");
    expect(await say(ALICE, "/join 1")).toBe("You're in! See you at a secret shop.");
    expect(await say(ALICE, "/mob 1")).toContain("#1 Cash mob: a secret shop");
    // The organizer's answer is seen by the whole group: the shop goes to their private chat only.
    const dmsBefore = rig.server.dms(ORG).length;
    expect(await say(ORG, "/mob 1")).toContain("#1 Cash mob: a secret shop");
    await until(() => rig.server.dms(ORG).length > dmsBefore, "the organizer's private part");
    expect(rig.server.dms(ORG).at(-1)?.text).toContain(`${SHOP}, ${ADDRESS}`);

    await rig.h.advance(REVEAL - MINUTE - rig.h.clock.now(), 6 * HOUR);
    expect(group().filter((m) => GIVEAWAY.test(m.text))).toEqual([]);
    expect(rig.server.dms(ALICE).filter((m) => GIVEAWAY.test(m.text))).toEqual([]);

    const cta = group().find((m) => m.text.startsWith("Cash mob: a secret shop"));
    await rig.h.advance(2 * MINUTE);
    expect(cta?.edits).toBeGreaterThan(0);
    expect(cta?.text).toContain(`Cash mob: ${SHOP}`);
    expect(cta?.text).toContain(`Address: ${ADDRESS}`);
    expect(cta?.text).not.toContain("secret");
    expect(await ask(ALICE, "/mobs")).toContain(`#1 ${SHOP}`);
    expect(await ask(ALICE, "/mob 1")).toContain(`#1 Cash mob: ${SHOP}`);
  });
});

describe("Discord: a secret shop", () => {
  it("is named neither in the channel, the scheduled event nor autocomplete until the reveal; then all of them say it", async () => {
    const { server, h } = await discordCore();
    const organizer = { user: D_ORG, permissions: PERMISSIONS.manageEvents };
    const created = await server.answered(
      server.slash({
        ...organizer,
        subcommand: "create",
        options: {
          shop: SHOP,
          when: "2026-12-19 18:00",
          pledge: 15,
          address: ADDRESS,
          meeting_point: "Fontaine Place Carnot",
          party: "Le Zinc",
          secret: true,
        },
      }),
      1,
    );
    expect(created.original && readable(created.original)).toBe("Mob #1 is announced.");
    await server.answered(server.slash({ user: D_ALICE, subcommand: "join", options: { id: 1 } }));
    await server.answered(
      server.slash({
        ...organizer,
        subcommand: "create",
        options: { shop: "Brouillon Discret", when: "2026-12-26 18:00", draft: true },
      }),
      1,
    );
    await h.drain();
    const suggested = async (who: { user: string; permissions?: string } = { user: D_ALICE }) =>
      (
        await server.answered(
          server.autocomplete({ ...who, subcommand: "info", focused: "id", options: { id: "" } }),
        )
      ).callbacks[0]?.data?.choices;
    const publicText = () =>
      [
        ...server.channelMessages().map(readable),
        ...server.events().map((e) => `${e.name} ${e.entity_metadata?.location ?? ""}`),
      ].join("\n");

    await h.advance(REVEAL - MINUTE - h.clock.now(), 6 * HOUR);
    expect(publicText()).not.toMatch(GIVEAWAY);
    expect(server.events()[0]).toMatchObject({
      name: "Cash mob #1",
      entity_metadata: { location: "Fontaine Place Carnot" },
    });
    // A member is offered neither the shop nor the organizers' draft; an organizer gets the draft.
    expect(await suggested()).toEqual([{ name: "#1 ? (announced)", value: 1 }]);
    expect(await suggested(organizer)).toEqual([
      { name: "#1 ? (announced)", value: 1 },
      { name: "#2 Brouillon Discret (draft)", value: 2 },
    ]);
    const info = await server.answered(
      server.slash({ user: D_ALICE, subcommand: "info", options: { id: 1 } }),
    );
    expect(readable(info.original as StoredMessage)).not.toMatch(GIVEAWAY);

    await h.advance(2 * MINUTE);
    await server.waitFor(() => server.events()[0]?.name === `Cash mob: ${SHOP}`);
    expect(server.events()[0]?.entity_metadata?.location).toBe(ADDRESS);
    const cta = server.channelMessages()[0];
    await server.waitFor(() => readable(cta as StoredMessage).includes(SHOP));
    expect(readable(cta as StoredMessage)).toContain(`Address: ${ADDRESS}`);
    expect(await suggested()).toEqual([{ name: `#1 ${SHOP} (announced)`, value: 1 }]);
    const after = await server.answered(
      server.slash({ user: D_ALICE, subcommand: "info", options: { id: 1 } }),
    );
    expect((after.original?.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(readable(after.original as StoredMessage)).toContain(`#1 Cash mob: ${SHOP}`);
  });
});
