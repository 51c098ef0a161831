import { describe, expect, it } from "vitest";
import {
  ALICE,
  buttons,
  GROUP,
  ORG,
  type TelegramRig,
  texts,
  until,
} from "../fakes/telegram-harness.js";
import { answerIn, startTelegram } from "../fakes/telegram-talk.js";

/**
 * What an organizer types in a Telegram group, and the bot's answers there,
 * through real grammY against the fake Telegram: the whole group reads them,
 * so the usual takings, the merchant's note, the check-in code and a secret
 * shop before its reveal go to the organizer's private chat only; a command
 * that itself shows one is deleted when the bot may, else the organizer is
 * told privately to delete it.
 */
const SHOP = "Le Petit Torréfacteur";
const ADDRESS = "8 rue des Grillons";
const NOTE = "Come after five, the roaster cools down";
/** What only organizers may see, as any message could spell it. */
const PRIVATE = /Torréfacteur|Grillons|roaster|1,234|1234|takings/i;

let rig: TelegramRig;

const group = () => rig.server.chatMessages(GROUP);
const typed = () => rig.server.typedIn(GROUP).map((m) => m.text);
const dms = () => texts(rig.server.dms(ORG));

/** Types in the group; resolves with the bot's answer there (its first message after). */
const say = (from: number, text: string) => answerIn(rig, from, GROUP, text);

/** The organizer opens the private chat with the bot (Start). */
async function openPrivateChat(): Promise<void> {
  rig.server.startPrivate(ORG);
  await until(() => rig.server.dms(ORG).length > 0, "the welcome");
}

/** The mob's check-in code, as stored. */
const code = async () => (await rig.h.store.getMob(1))?.checkinCode ?? "no mob";

describe("Telegram: an organizer's /mob in a group", () => {
  it("shows the group the mob as members see it; takings, note and code go privately", async () => {
    rig = await startTelegram();
    rig.server.botMayDelete.add(GROUP);
    await openPrivateChat();
    await say(ORG, "/newmob Librairie du Parc | 2026-12-19 18:00 | 15 | takings=1234");
    await say(ORG, `/merchant 1 agreed ${NOTE}`);
    const dmsBefore = dms().length;
    const answer = await say(ORG, "/mob 1");
    await until(() => dms().length > dmsBefore, "the private part");

    expect(answer).toMatch(/^#1 Cash mob: Librairie du Parc\n/);
    for (const m of texts(group())) {
      expect(m).not.toMatch(PRIVATE);
      expect(m).not.toContain(await code());
      expect(m).not.toMatch(/Merchant:/);
    }
    expect(dms().at(-1)).toBe(
      [
        "Mob #1, for organizers only",
        `Give this code to mobbers at the shop: ${await code()}`,
        "Usual daily takings: €1,234.00",
        `Merchant: agreed (recorded by Olga, Tue 1 Dec 2026, 12:00 (UTC)) · ${NOTE}`,
        "Mobbers may also scan the QR code to check in at mob #1.",
      ].join("\n"),
    );
  });

  it("names a secret shop privately only, and a draft is all private", async () => {
    rig = await startTelegram();
    rig.server.botMayDelete.add(GROUP);
    await openPrivateChat();
    await say(ORG, `/newmob ${SHOP} | 2026-12-19 18:00 | 15 | ${ADDRESS} | secret`);
    await say(ORG, "/newmob Cave à Bières | 2026-12-20 18:00 | draft");
    expect(await say(ORG, "/mob 1")).toMatch(/^#1 Cash mob: a secret shop\n/);
    // Its private part goes out on its own: wait for it before counting the next one.
    await until(() => dms().some((m) => m.startsWith("Mob #1, for organizers only")), "#1's part");
    const dmsBefore = dms().length;
    expect(await say(ORG, "/mob 2")).toBe(
      "Mob #2 is a draft, for organizers only: I'm answering you privately.",
    );
    await until(() => dms().length > dmsBefore, "the draft, privately");
    expect(dms().at(-1)).toMatch(
      /^#2 Draft: Cave à Bières\n[\s\S]*Merchant: not asked\nMobbers may also scan the QR code to check in at mob #2\.$/,
    );
    // Their /mobs lists the drafts privately too.
    const dmsThen = dms().length;
    expect(await say(ORG, "/mobs")).toMatch(/^Upcoming cash mobs\n#1 a secret shop · [^\n]*$/);
    await until(() => dms().length > dmsThen, "the drafts, privately");
    expect(dms().at(-1)).toMatch(/^Drafts, for organizers only\n#2 Cave à Bières · /);
    expect(texts(group()).filter((m) => /Torréfacteur|Grillons|Cave/.test(m))).toEqual([]);
    expect(dms().some((m) => m.includes(`${SHOP}, ${ADDRESS}`))).toBe(true);
  });

  it("without a private chat, says so in the group with the button, without the data", async () => {
    rig = await startTelegram();
    rig.server.botMayDelete.add(GROUP);
    const invites = () => group().filter((m) => /open a private chat with me/.test(m.text));
    await say(ORG, "/newmob Librairie du Parc | 2026-12-19 18:00 | 15 | takings=1234");
    await until(() => invites().length === 1, "the invitation for the code");
    expect(await say(ORG, "/mob 1")).toMatch(/^#1 Cash mob: Librairie du Parc\n/);
    await until(() => invites().length === 2, "the invitation for the private part");
    expect(buttons(invites()[1])).toEqual([`https://t.me/cashmob_test_bot?start=codes_${GROUP}`]);
    for (const m of texts(group())) {
      expect(m).not.toMatch(PRIVATE);
      expect(m).not.toContain(await code());
    }
  });
});

describe("Telegram: a command typed in a group that shows a secret shop, takings or a note", () => {
  it("is deleted when the bot is an admin allowed to delete; the confirmation names the shop privately", async () => {
    rig = await startTelegram();
    rig.server.botMayDelete.add(GROUP);
    await openPrivateChat();
    const typedBefore = typed().length;
    expect(await say(ORG, `/newmob ${SHOP} | 2026-12-19 18:00 | 15 | ${ADDRESS} | secret`)).toBe(
      "Mob #1 is announced.",
    );
    await until(() => dms().length === 2, "the private confirmation");
    expect(typed()).toHaveLength(typedBefore);
    expect(texts(group()).filter((m) => PRIVATE.test(m))).toEqual([]);
    expect(dms()[1]).toBe(
      [
        "Check-in code for mob #1",
        `Give this code to mobbers at the shop: ${await code()}`,
        `The secret shop (organizers only, until the reveal): ${SHOP}, ${ADDRESS}`,
        "Mobbers may also scan the QR code to check in at mob #1.",
      ].join("\n"),
    );

    // Moving the secret shop's address, giving the takings, the merchant's note: deleted too.
    for (const command of [
      "/editmob 1 | address=10 rue des Grillons",
      "/editmob 1 | takings=1234",
      `/merchant 1 agreed ${NOTE}`,
    ]) {
      await say(ORG, command);
      expect(typed()).not.toContain(command);
    }
    // Nothing to hide: kept.
    await say(ORG, "/editmob 1 | meet=Fontaine Place Carnot");
    expect(typed()).toContain("/editmob 1 | meet=Fontaine Place Carnot");
    expect(texts(group()).filter((m) => PRIVATE.test(m))).toEqual([]);
    // No warning was needed.
    expect(dms().filter((m) => m.includes("still shows"))).toEqual([]);
  });

  it("is kept when the bot may not delete it, and the organizer is told privately to", async () => {
    rig = await startTelegram();
    await openPrivateChat();
    const command = `/newmob ${SHOP} | 2026-12-19 18:00 | 15 | ${ADDRESS} | secret`;
    expect(await say(ORG, command)).toBe("Mob #1 is announced.");
    await until(() => dms().length === 3, "the confirmation and the warning");
    expect(typed()).toContain(command);
    expect(dms()[2]).toBe(
      `Your /newmob in Cash mobbers of Lille still shows the secret shop (${SHOP}) to everyone there: please delete it (make me an admin allowed to delete messages, and I'll do it next time).`,
    );
    // The bot's own messages in the group stay silent about it.
    expect(texts(group()).filter((m) => PRIVATE.test(m))).toEqual([]);

    await say(ORG, "/editmob 1 | takings=1234");
    await until(() => dms().length === 4, "the second warning");
    expect(dms()[3]).toMatch(
      /^Your \/editmob in Cash mobbers of Lille still shows the shop's usual daily takings/,
    );
  });

  it("with no private chat either, the group is asked to delete it, without the shop", async () => {
    rig = await startTelegram();
    const before = group().length;
    rig.server.type(ORG, GROUP, `/newmob ${SHOP} | 2026-12-19 18:00 | 15 | ${ADDRESS} | secret`);
    await until(() => group().length >= before + 3, "the answer, the invitation and the warning");
    expect(texts(group()).slice(before, before + 3)).toEqual([
      "Mob #1 is announced.",
      expect.stringMatching(/^I can't send you the check-in code until you open a private chat/),
      "Organizers: please delete the command above, it shows what only organizers should see (make me an admin allowed to delete messages, and I'll do it next time).",
    ]);
    expect(texts(group()).filter((m) => PRIVATE.test(m))).toEqual([]);
  });

  it("is deleted even when refused (a date in the past), but a member's is not theirs to hide", async () => {
    rig = await startTelegram();
    rig.server.botMayDelete.add(GROUP);
    await openPrivateChat();
    const past = `/newmob ${SHOP} | 2026-11-19 18:00 | 15 | ${ADDRESS} | secret`;
    expect(await say(ORG, past)).toMatch(/past/);
    expect(typed()).not.toContain(past);
    const note = `/merchant 9 agreed ${NOTE}`;
    await say(ORG, note);
    expect(typed()).not.toContain(note);
    expect(texts(group()).filter((m) => PRIVATE.test(m))).toEqual([]);
    // A member cannot make a mob, secret or not: their message is theirs.
    const member = `/newmob ${SHOP} | 2026-12-19 18:00 | 15 | secret`;
    await say(ALICE, member);
    expect(typed()).toContain(member);
  });

  it("is left alone when it shows nothing private", async () => {
    rig = await startTelegram();
    rig.server.botMayDelete.add(GROUP);
    await openPrivateChat();
    const command = "/newmob Librairie du Parc | 2026-12-19 18:00 | 15 | 1 place du Parc";
    await say(ORG, command);
    expect(typed()).toContain(command);
    expect(await say(ALICE, "/mob 1")).toMatch(/^#1 Cash mob: Librairie du Parc/);
    expect(typed()).toContain("/mob 1");
  });
});
