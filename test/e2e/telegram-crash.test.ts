import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeTelegram, TELEGRAM_LIMITS } from "../fakes/telegram-server.js";
import { tempDirEachTest } from "../support/each-test.js";
import { crashThrough, startBot, waitUntil } from "./bot-process.js";
import { GROUP, seedTelegramFanOut } from "./fan-out.js";
import { InFlightLedger } from "./outbox.js";

const PARTICIPANTS = 200;
const KILLS = 5;
const dir = tempDirEachTest("cashmob-tg-crash-");
let server: FakeTelegram;

beforeEach(async () => {
  server = await new FakeTelegram({ rateLimits: TELEGRAM_LIMITS }).start();
  server.addGroup(GROUP, "Mobbers", [1]);
});
afterEach(async () => {
  await server.stop();
});

describe("crash safety on Telegram", () => {
  it("killed with SIGKILL again and again during a rate-limited fan-out, no DM is lost; only a message sent but not yet recorded at a kill is repeated", async () => {
    const path = join(dir(), "bot.db");
    const { users, reached } = await seedTelegramFanOut(server, path, PARTICIPANTS);
    // What each member's private chat and the group hold: the reminder, once, plus what a kill
    // repeats. Only reminders count: the group also gets the call-to-action, whose row a kill
    // may catch in flight too (the ledger follows one kind).
    const reminders = (messages: readonly { text: string }[]) =>
      messages.filter((m) => m.text.startsWith("Reminder")).length;
    const ledger = new InFlightLedger(
      path,
      "reminder",
      () =>
        new Map([
          ...users.map((id) => [`telegram:${id}`, reminders(server.dms(id))] as const),
          [`telegram:${GROUP}`, reminders(server.chatMessages(GROUP))],
        ]),
    );
    const killedAt = await crashThrough(path, {
      env: {
        TELEGRAM_BOT_TOKEN: server.token,
        TELEGRAM_API_ROOT: server.apiRoot,
        DATABASE_PATH: path,
        LOG_LEVEL: "warn",
      },
      progress: reached,
      total: PARTICIPANTS,
      kills: KILLS,
      seed: 424242,
      share: 0.4,
      afterKill: async () => {
        await waitUntil(
          () => server.idle,
          10_000,
          "the fake to answer the dead bot's last request",
        );
        ledger.killed();
      },
      doneWithinMs: 60_000,
    });
    await waitUntil(() => server.idle, 10_000, "the fake to answer the last request");

    console.info(
      `kills at ${killedAt.join(", ")} reached members; claimed rows / sent but unrecorded at each kill: ${ledger.kills
        .map((k) => `${k.claimed}/${k.sentUnrecorded.length}`)
        .join(", ")}`,
    );
    // Telegram has no idempotency key: exactly the messages sent but not recorded at a kill come twice.
    expect(users.filter((id) => server.dms(id).length === 0)).toEqual([]);
    expect(reminders(server.chatMessages(GROUP))).toBeGreaterThanOrEqual(1);
    expect(ledger.repeats()).toEqual(ledger.allowedRepeats());
  }, 180_000);
});

describe("an update still being handled when the bot is killed", () => {
  it("comes again after the restart and is answered; the ones handled beside it are not handled twice", async () => {
    const OTHER = -1009876543211;
    const ORGANIZER = 1;
    const MEMBER = 2;
    server.addUser(ORGANIZER, "Olga");
    server.addUser(MEMBER, "Alice");
    server.addGroup(OTHER, "Neighbours");
    const env = {
      TELEGRAM_BOT_TOKEN: server.token,
      TELEGRAM_API_ROOT: server.apiRoot,
      DATABASE_PATH: join(dir(), "bot.db"),
      LOG_LEVEL: "warn",
    };
    const polls = () => server.calls.filter((c) => c.method === "getUpdates").length;
    const bot = startBot(env);
    await waitUntil(() => polls() > 0, 20_000, "the bot to poll");

    // Telegram is slow to say who is an admin: the organizer's /newmob stays under way.
    server.stall("getChatMember");
    server.type(ORGANIZER, GROUP, "/newmob Librairie du Parc | 2026-12-19 18:00 | 15");
    await waitUntil(() => server.stalledCalls("getChatMember") === 1, 10_000, "the admin check");
    // Meanwhile another group is answered, and the bot goes on fetching updates.
    server.type(MEMBER, OTHER, "/help");
    await waitUntil(() => server.chatMessages(OTHER).length === 1, 10_000, "the other answer");
    const fetched = polls();
    await waitUntil(() => polls() >= fetched + 2, 10_000, "later fetches");
    bot.child.kill("SIGKILL");
    await bot.exited;
    server.release("getChatMember");
    await waitUntil(() => server.idle, 10_000, "the fake to answer the dead bot's last request");
    expect(server.chatMessages(GROUP)).toEqual([]);

    const survivor = startBot(env);
    await waitUntil(
      () => server.chatMessages(GROUP).some((m) => m.text === "Mob #1 is announced."),
      30_000,
      "the organizer's answer",
    );
    // The other group's /help came again with it: handled once. Its chat's next answer shows it.
    server.type(MEMBER, OTHER, "/mob 999");
    await waitUntil(() => server.chatMessages(OTHER).length >= 2, 10_000, "the marker's answer");
    expect(server.chatMessages(OTHER).map((m) => m.text)).toEqual([
      server.chatMessages(OTHER)[0]?.text,
      expect.stringContaining("#999"),
    ]);
    survivor.child.kill("SIGTERM");
    expect(await survivor.exited).toBe(0);
    expect(server.pendingUpdates).toBe(0);
  }, 90_000);
});
