import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeDiscord } from "../fakes/discord-server.js";
import { FakeTelegram, TELEGRAM_LIMITS } from "../fakes/telegram-server.js";
import { tempDirEachTest } from "../support/each-test.js";
import { crashThrough, waitUntil } from "./bot-process.js";
import { discordMembers } from "./fan-out.js";
import { InFlightLedger } from "./outbox.js";
import { seedingCore, seedLinkedMob } from "./seed.js";

const GROUP = -1009876543210;
const PER_PLATFORM = 150;
const KILLS = 5;
const dir = tempDirEachTest("cashmob-mixed-crash-");
let discord: FakeDiscord;
let telegram: FakeTelegram;

beforeEach(async () => {
  discord = await new FakeDiscord().start();
  telegram = await new FakeTelegram({ rateLimits: TELEGRAM_LIMITS }).start();
  telegram.addGroup(GROUP, "Mobbers", [1]);
});
afterEach(async () => {
  await discord.stop();
  await telegram.stop();
});

/**
 * A Telegram group and a Discord channel linked into one community, one mob
 * whose 24 h reminder falls due two seconds later, members on both platforms;
 * written through the real core, as commands make it.
 */
async function seed(path: string, discordUsers: string[], telegramUsers: number[]) {
  const { core, uow } = seedingCore(path);
  const channelId = discord.guild.channels[0]?.id ?? "";
  const place = { id: discord.guild.id, name: discord.guild.name, channelId };
  await seedLinkedMob(
    core,
    { telegramGroup: GROUP, discord: place },
    "in 24h2s",
    discordUsers,
    telegramUsers,
  );
  await uow.close();
}

describe("crash safety across platforms", () => {
  it("killed with SIGKILL during a fan-out to Discord and Telegram at once: no DM lost, Discord never repeats, Telegram only a message sent but unrecorded at a kill", async () => {
    const path = join(dir(), "bot.db");
    const dUsers = discordMembers(discord, PER_PLATFORM, "d");
    const tUsers = Array.from({ length: PER_PLATFORM }, (_, i) => 20_000 + i);
    for (const id of tUsers) {
      telegram.addUser(id, `t${id}`);
      telegram.started.add(id);
    }
    await seed(path, dUsers, tUsers);
    const reached = () =>
      dUsers.filter((id) => discord.dmMessages(id).length > 0).length +
      tUsers.filter((id) => telegram.dms(id).length > 0).length;
    const total = 2 * PER_PLATFORM;
    const reminders = (messages: readonly { text: string }[]) =>
      messages.filter((m) => m.text.startsWith("Reminder")).length;
    // Telegram's reminders, per private chat and in the group: once, plus what a kill repeats.
    const ledger = new InFlightLedger(
      path,
      "reminder",
      () =>
        new Map([
          ...tUsers.map((id) => [`telegram:${id}`, reminders(telegram.dms(id))] as const),
          [`telegram:${GROUP}`, reminders(telegram.chatMessages(GROUP))],
        ]),
    );
    const killedAt = await crashThrough(path, {
      env: {
        DISCORD_TOKEN: discord.token,
        DISCORD_API_URL: discord.apiUrl,
        DISCORD_GUILD_ID: discord.guild.id,
        TELEGRAM_BOT_TOKEN: telegram.token,
        TELEGRAM_API_ROOT: telegram.apiRoot,
        DATABASE_PATH: path,
        LOG_LEVEL: "warn",
      },
      progress: reached,
      total,
      kills: KILLS,
      seed: 777,
      share: 0.4,
      afterKill: async () => {
        await waitUntil(
          () => telegram.idle,
          10_000,
          "the fake to answer the dead bot's last request",
        );
        ledger.killed();
      },
      doneWithinMs: 90_000,
    });
    await waitUntil(() => telegram.idle, 10_000, "the fake to answer the last request");

    const dPer = dUsers.map((id) => discord.dmMessages(id).length);
    console.info(
      `kills at ${killedAt.join(", ")} reached members; Telegram rows claimed / sent but unrecorded at each kill: ${ledger.kills
        .map((k) => `${k.claimed}/${k.sentUnrecorded.length}`)
        .join(", ")}`,
    );
    expect(dPer.filter((n) => n === 0)).toHaveLength(0);
    expect(dPer.filter((n) => n > 1)).toHaveLength(0);
    expect(tUsers.filter((id) => reminders(telegram.dms(id)) === 0)).toEqual([]);
    // Telegram has no idempotency key: exactly the messages sent but not recorded at a kill come twice.
    expect(ledger.repeats()).toEqual(ledger.allowedRepeats());
    // One reminder post in each chat.
    const dReminders = discord
      .channelMessages()
      .filter((m) => m.embeds.some((e) => String(e.title).startsWith("Reminder")));
    expect(dReminders).toHaveLength(1);
    expect(reminders(telegram.chatMessages(GROUP))).toBeGreaterThanOrEqual(1);
  }, 240_000);
});
