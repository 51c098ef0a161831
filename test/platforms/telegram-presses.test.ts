import { describe, expect, it } from "vitest";
import { createTelegramAdapter, type TelegramAdapter } from "../../bots/telegram/adapter.js";
import type { CommandHandler } from "../../src/ports/inbound.js";
import { silentLogger } from "../../src/ports/logger.js";
import { ALICE, CAROL, GROUP, ORG, type TelegramRig, until } from "../fakes/telegram-harness.js";
import { FakeTelegram } from "../fakes/telegram-server.js";
import { startTelegram } from "../fakes/telegram-talk.js";

let rig: TelegramRig | undefined;

const group = () => rig?.server.chatMessages(GROUP) ?? [];

/** The toast Telegram showed for a callback query, once the bot answered it. */
async function answerTo(server: FakeTelegram, callbackId: string): Promise<string | undefined> {
  await until(
    () => server.callbackAnswers.some((a) => a.id === callbackId),
    `an answer to press ${callbackId}`,
  );
  return server.callbackAnswers.find((a) => a.id === callbackId)?.text;
}

async function withMob(): Promise<TelegramRig> {
  rig = await startTelegram();
  rig.server.startPrivate(ORG);
  rig.server.type(ORG, GROUP, "/newmob Cave | 2026-12-05 18:00");
  await until(() => group().length > 0, "the answer");
  await rig.h.drain();
  await until(() => group().some((m) => m.text.startsWith("Cash mob:")), "the call-to-action");
  return rig;
}

describe("Telegram: every button press is answered, so no button keeps spinning", () => {
  it("a press whose message is gone (only an inline message id) gets one sentence", async () => {
    const { server } = await withMob();
    const id = server.pressRaw(ALICE, { inline_message_id: "AAQAAAB", data: "mob:1:join" });
    expect(await answerTo(server, id)).toBe("That button is no longer valid.");
    const inFrench = server.pressRaw(CAROL, { inline_message_id: "AAQAAAC", data: "mob:1:join" });
    expect(await answerTo(server, inFrench)).toBe("Ce bouton n'est plus valable.");
    expect((await rig?.h.store.counts(1))?.going).toBe(0);
  });

  it("a press on a message too old to show (date 0) still acts, in its chat", async () => {
    const { server } = await withMob();
    const chat = { id: GROUP, type: "supergroup", title: "Cash mobbers of Lille" };
    const id = server.pressRaw(ALICE, {
      message: { message_id: 999, chat, date: 0 },
      data: "mob:1:join",
    });
    expect(await answerTo(server, id)).toBe("You're in! See you at Cave.");
    expect((await rig?.h.store.counts(1))?.going).toBe(1);
  });

  it("a press without data, or with data the bot does not know, gets one sentence", async () => {
    const { server } = await withMob();
    const cta = group().find((m) => m.text.startsWith("Cash mob:"));
    if (!cta) throw new Error("no call-to-action");
    const message = {
      message_id: cta.message_id,
      chat: { id: GROUP, type: "supergroup" },
      date: 1,
    };
    const game = server.pressRaw(ALICE, { message, game_short_name: "quiz" });
    expect(await answerTo(server, game)).toBe("That button is no longer valid.");
    const stale = server.pressRaw(ALICE, { message, data: "poll:3:7" });
    expect(await answerTo(server, stale)).toBe("That button is no longer valid.");
    // A vote button of a vote that does not exist (any more) says so.
    const gone = server.pressRaw(ALICE, { message, data: "vote:3:7" });
    expect(await answerTo(server, gone)).toBe("There is no vote #3 here.");
  });

  it("a press the core fails on gets the apology, and the bot keeps answering", async () => {
    const server = await new FakeTelegram().start();
    server.addGroup(GROUP, "Cash mobbers of Lille", [ORG]);
    let fail = true;
    const handler: CommandHandler = {
      async handle() {
        if (fail) throw new Error("disk on fire");
        return {
          audience: "personal",
          notice: {
            kind: "reply",
            tone: "success",
            title: "Done.",
            lines: [],
            actions: [],
            locale: "en",
          },
        };
      },
      openMobs: async () => [],
    };
    const adapter: TelegramAdapter = createTelegramAdapter({
      token: server.token,
      apiRoot: server.apiRoot,
      logger: silentLogger,
      pollTimeoutSeconds: 1,
      throttle: false,
    });
    try {
      await adapter.start(handler);
      const chat = { id: GROUP, type: "supergroup" };
      const broken = server.pressRaw(ALICE, {
        message: { message_id: 1, chat, date: 1 },
        data: "mob:1:join",
      });
      expect(await answerTo(server, broken)).toBe(
        "Sorry, something went wrong on my side; nothing was changed. Please try again.",
      );
      fail = false;
      const next = server.pressRaw(ALICE, {
        message: { message_id: 1, chat, date: 1 },
        data: "mob:1:join",
      });
      expect(await answerTo(server, next)).toBe("Done.");
    } finally {
      await adapter.stop();
      await server.stop();
    }
  });
});
