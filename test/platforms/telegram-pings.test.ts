import { describe, expect, it } from "vitest";
import { HOUR, MINUTE } from "../fakes/core-harness.js";
import { ALICE, BOB, GROUP, ORG, type TelegramRig, until } from "../fakes/telegram-harness.js";
import { asRead, type SentMessage } from "../fakes/telegram-server.js";
import { answerIn, startTelegram } from "../fakes/telegram-talk.js";

/**
 * Text people typed and the bot repeats notifies no one on Telegram, through
 * real grammY against the fake Bot API, which reports whom Telegram would
 * notify: an `@username` in a shop name, a merchant's note, a cancel reason or
 * a thank-you is shown as typed but linked to no one; the only ping is the
 * bot's own mention of a member it could not reach privately, by id.
 */
const START = Date.UTC(2026, 11, 5, 18, 0);
/** A member of the group whose username people may type. */
const SOMEONE = 1005;

let rig: TelegramRig;

const group = () => rig.server.chatMessages(GROUP);
/** Everyone Telegram notifies by name for these messages, as user ids. */
const pinged = (messages: readonly SentMessage[]) => messages.flatMap((m) => rig.server.pinged(m));

const say = async (from: number, chat: number, text: string) =>
  asRead(await answerIn(rig, from, chat, text));

async function start(): Promise<void> {
  rig = await startTelegram();
  rig.server.addUser(SOMEONE, "Someone", "en", "someone");
}

describe("Telegram: user text pings no one", () => {
  it("a shop name and an address with @someone: the call-to-action shows them and notifies no one", async () => {
    await start();
    expect(
      await say(
        ORG,
        GROUP,
        "/newmob Chez @someone | 2026-12-05 18:00 | 15 | @someone, 3 rue des Lilas",
      ),
    ).toBe("Mob #1 is announced.");
    await rig.h.drain();
    await until(() => group().some((m) => m.text.startsWith("Cash mob:")), "the call-to-action");
    const cta = group().find((m) => m.text.startsWith("Cash mob:")) as SentMessage;
    expect(asRead(cta.text).split("\n")[0]).toBe("Cash mob: Chez @someone");
    expect(asRead(cta.text)).toContain("@someone, 3 rue des Lilas");
    expect(pinged(group())).toEqual([]);
  });

  it("a merchant's note with @someone reaches the organizer and notifies no one", async () => {
    await start();
    rig.server.startPrivate(ORG);
    await until(() => rig.server.dms(ORG).length > 0, "the welcome");
    await say(ORG, GROUP, "/newmob Librairie du Parc | 2026-12-05 18:00 | 15");
    await say(ORG, GROUP, "/merchant 1 agreed ask @someone at the till");
    const before = rig.server.dms(ORG).length;
    await say(ORG, GROUP, "/mob 1");
    await until(() => rig.server.dms(ORG).length > before, "the private part");
    const note = rig.server.dms(ORG).at(-1) as SentMessage;
    expect(asRead(note.text)).toContain("· ask @someone at the till");
    expect(pinged([...group(), ...rig.server.dms(ORG)])).toEqual([]);
  });

  it("a cancel reason with @someone: the group and the participants read it, no one is notified", async () => {
    await start();
    await say(ORG, GROUP, "/newmob Librairie du Parc | 2026-12-05 18:00 | 15");
    rig.server.startPrivate(ALICE, "mob_1");
    await until(() => rig.server.dms(ALICE).length > 0, "Alice's join");
    expect(await say(ORG, GROUP, "/cancelmob 1 Flooded, says @someone")).toBe(
      "Mob #1 is cancelled; participants are told.",
    );
    await rig.h.drain();
    const withReason = (messages: readonly SentMessage[]) =>
      messages.filter((m) => asRead(m.text).includes("Reason: Flooded, says @someone"));
    await until(() => withReason(group()).length > 0, "the cancellation in the group");
    await until(() => withReason(rig.server.dms(ALICE)).length > 0, "Alice's cancellation");
    expect(pinged([...group(), ...rig.server.dms(ALICE)])).toEqual([]);
  });

  it("a reminder for a shop named @someone pings only the participant it mentions, by id", async () => {
    await start();
    await say(ORG, GROUP, "/newmob Chez @someone | 2026-12-05 18:00 | 15");
    await until(() => group().some((m) => m.text.startsWith("I can't send you")), "the invitation");
    // Bob never opened a private chat with the bot: the reminder mentions him in the group.
    expect(await say(BOB, GROUP, "/join 1")).toMatch(/^You're in!/);
    await rig.h.drain();
    await rig.h.advance(START - 24 * HOUR - rig.h.clock.now());
    const reminder = () => group().find((m) => m.text.startsWith("Reminder:"));
    await until(() => reminder() !== undefined, "the reminder in the group");
    expect(asRead(reminder()?.text ?? "")).toMatch(/^Reminder: cash mob at Chez @someone\n/);
    expect(reminder()?.html).toContain(`<a href="tg://user?id=${BOB}">Bob</a>`);
    expect(pinged(group())).toEqual([String(BOB)]);
  });

  it("a thank-you with @someone is the card's caption and notifies no one", async () => {
    await start();
    await say(ORG, GROUP, "/newmob Librairie du Parc | 2026-12-05 18:00 | 15");
    rig.server.startPrivate(ALICE);
    await until(() => rig.server.dms(ALICE).length > 0, "the welcome");
    expect(await say(ALICE, GROUP, "/join 1")).toMatch(/^You're in!/);
    await rig.h.drain();
    rig.h.clock.set(START + 10 * MINUTE);
    expect(await say(ALICE, GROUP, "/spent 1 25")).toBe("Thanks! €25.00 recorded.");
    rig.h.clock.set(START + 3 * HOUR);
    expect(await say(ORG, GROUP, "/thanks 1 Merci @someone et toute l'équipe")).toMatch(
      /^Your thanks for mob #1 is posted/,
    );
    await rig.h.drain();
    await until(() => group().some((m) => m.text.startsWith("Thank you")), "the thanks");
    const thanks = group().find((m) => m.text.startsWith("Thank you")) as SentMessage;
    expect(thanks.photo).toBeDefined();
    expect(asRead(thanks.text)).toContain("“Merci @someone et toute l'équipe”");
    expect(pinged(group())).toEqual([]);
  });

  it("an e-mail address in user text stays as typed, for Telegram to link as an address", async () => {
    await start();
    await say(
      ORG,
      GROUP,
      "/newmob Librairie du Parc | 2026-12-05 18:00 | 15 | write to someone@parc.fr",
    );
    await rig.h.drain();
    await until(() => group().some((m) => m.text.startsWith("Cash mob:")), "the call-to-action");
    const cta = group().find((m) => m.text.startsWith("Cash mob:")) as SentMessage;
    expect(cta.text).toContain("write to someone@parc.fr");
    expect(pinged(group())).toEqual([]);
  });
});
