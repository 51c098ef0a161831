import { describe, expect, it } from "vitest";
import { ALICE, buttons, GROUP, ORG, until } from "../fakes/telegram-harness.js";
import { telegramScene } from "../fakes/telegram-talk.js";

const { rig, start, group, said } = telegramScene();

const INVITE =
  "I can't send you the check-in code until you open a private chat with me: tap the button, then Start, and it comes there.";

/** An admin who never opened a private chat with the bot creates a mob in the group. */
async function createWithoutPrivateChat(shop = "Librairie du Parc"): Promise<string> {
  const before = group().length;
  rig().server.type(ORG, GROUP, `/newmob ${shop} | 2026-12-05 18:00 | 15`);
  await until(
    () =>
      group()
        .slice(before)
        .some((m) => m.text === INVITE),
    "the invitation",
  );
  const mob = (await rig().h.store.listOpenMobs(1, rig().h.clock.now(), true, 10)).find(
    (m) => m.shopName === shop,
  );
  if (!mob) throw new Error("no mob");
  return mob.checkinCode;
}

describe("Telegram: the check-in code of an organizer without a private chat", () => {
  it("is announced in the group without the code, with the button that opens the private chat", async () => {
    const { server } = await start();
    const code = await createWithoutPrivateChat();
    const invite = group().find((m) => m.text === INVITE);
    expect(buttons(invite)).toEqual([`https://t.me/cashmob_test_bot?start=codes_${GROUP}`]);
    expect(group().map((m) => m.text)).toContain("Mob #1 is announced.");
    expect(group().some((m) => m.text.includes(code))).toBe(false);
    expect(server.dms(ORG)).toEqual([]);
  });

  it("arrives privately once the organizer opens the chat from that button", async () => {
    const { server } = await start();
    const code = await createWithoutPrivateChat();
    server.startPrivate(ORG, `codes_${GROUP}`);
    await until(() => server.dms(ORG).length === 2, "the welcome and the codes");
    expect(server.dms(ORG)[1]?.text).toBe(
      [
        "Your check-in codes for Cash mobbers of Lille",
        `#1 Librairie du Parc: ${code}`,
        "Give each mob's code to mobbers at the shop.",
        "Mobbers may also scan the QR code to check in at mob #1.",
      ].join("\n"),
    );
    expect(group().some((m) => m.text.includes(code))).toBe(false);
  });

  it("arrives with any /start, every withheld mob's code in one message, and only once", async () => {
    const { server } = await start();
    const first = await createWithoutPrivateChat("Librairie du Parc");
    const second = await createWithoutPrivateChat("Cave à vins");
    server.startPrivate(ORG);
    await until(() => server.dms(ORG).length === 2, "the welcome and the codes");
    expect(server.dms(ORG)[1]?.text).toContain(`#1 Librairie du Parc: ${first}`);
    expect(server.dms(ORG)[1]?.text).toContain(`#2 Cave à vins: ${second}`);
    // A second /start is only a welcome: the codes were handed over.
    server.startPrivate(ORG);
    await until(() => server.dms(ORG).length === 3, "the second welcome");
    expect(server.dms(ORG)[2]?.text).toMatch(/^Hi! I'm Cashmob\./);
  });

  it("is still owed after a restart (or to the replica the /start reaches): kept in the database", async () => {
    const { server } = await start();
    const code = await createWithoutPrivateChat();
    await rig().restart();
    server.startPrivate(ORG);
    await until(() => server.dms(ORG).length === 2, "the welcome and the codes");
    expect(server.dms(ORG)[1]?.text).toContain(`#1 Librairie du Parc: ${code}`);
    const [owed] = await rig().h.query("SELECT count(*) AS n FROM withheld_secrets");
    expect(Number(owed?.n)).toBe(0);
  });

  it("gives nothing to someone who does not organize that group and follows the same link", async () => {
    const { server } = await start();
    const code = await createWithoutPrivateChat();
    server.startPrivate(ALICE, `codes_${GROUP}`);
    expect(await said(ALICE, ALICE, 0)).toEqual([
      "Hi! I'm Cashmob.\nI'll send you reminders for the mobs you join here.",
    ]);
    expect(server.dms(ALICE).some((m) => m.text.includes(code))).toBe(false);
  });
});
