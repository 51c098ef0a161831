import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeDiscord } from "../fakes/discord-server.js";
import { FakeTelegram } from "../fakes/telegram-server.js";
import { tempDirEachTest } from "../support/each-test.js";
import { startBot, waitUntil } from "./bot-process.js";
import { seedMobs } from "./seed.js";

const DISCORD_TOKEN = "MTAxNTk5.GhZ3xq.s3cr3t-discord-token-value-do-not-log";
const TELEGRAM_TOKEN = "7012345678:AAHs3cr3tTelegramTokenValueDoNotLog42";
const TG_GROUP = -1005550001;
const dir = tempDirEachTest("cashmob-secrets-");
let discord: FakeDiscord;
let telegram: FakeTelegram;

beforeEach(async () => {
  discord = await new FakeDiscord({ token: DISCORD_TOKEN }).start();
  telegram = await new FakeTelegram({ token: TELEGRAM_TOKEN }).start();
  telegram.addGroup(TG_GROUP, "Mobbers", [1]);
});
afterEach(async () => {
  await discord.stop();
  await telegram.stop();
});

describe("logs and secrets", () => {
  it("no token appears in any log line at trace level, including errors from the client library", async () => {
    const path = join(dir(), "bot.db");
    const members = ["300000000000000001", "300000000000000002", "300000000000000003"];
    for (const id of members) discord.addUser(id, `m${id}`);
    const tgMembers = [40001, 40002];
    for (const id of tgMembers) {
      telegram.addUser(id, `m${id}`);
      telegram.started.add(id);
    }
    // One blocked the bot: grammY throws a 403 for them.
    telegram.block(40002);
    const guild = discord.guild;
    await seedMobs(path, [
      {
        platform: "discord",
        community: { id: guild.id, name: guild.name, channelId: guild.channels[0]?.id ?? "" },
        when: "in 24h1s",
        members,
        viaPrivateChat: false,
      },
      {
        platform: "telegram",
        community: { id: String(TG_GROUP), name: "Mobbers", channelId: String(TG_GROUP) },
        when: "in 24h1s",
        members: tgMembers.map(String),
        viaPrivateChat: true,
      },
    ]);
    // Make discord.js fail in several ways: server errors and a refusal, each logged.
    discord.failNext(/POST .*\/messages$/, 2, 500);
    discord.failNext(/POST .*\/users\/@me\/channels$/, 1, 403, {
      code: 50001,
      message: "Missing Access",
    });
    const bot = startBot({
      TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      DISCORD_TOKEN,
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_GUILD_ID: discord.guild.id,
      DATABASE_PATH: path,
      LOG_LEVEL: "trace",
    });
    await waitUntil(
      () => members.filter((id) => discord.dmMessages(id).length > 0).length >= 2,
      30_000,
      "DMs",
    );
    await waitUntil(() => telegram.dms(40001).length > 0, 30_000, "the Telegram DM");
    // Telegram goes away under the bot's feet: grammY's network errors carry request URLs.
    await telegram.stop();
    bot.child.kill("SIGTERM");
    await bot.exited;
    const output = bot.output.stdout + bot.output.stderr;
    // grammY's FetchError names the request URL, token included: it reached the log, scrubbed.
    expect(output).toContain("/bot[redacted]/getUpdates failed");
    expect(output).toContain('"msg":"discord adapter ready"');
    expect(output).toMatch(/"detail":"403 50001: Missing Access","msg":"discord request failed"/);
    expect(output).toContain('"msg":"telegram adapter ready"');
    for (const secret of [
      DISCORD_TOKEN,
      DISCORD_TOKEN.split(".").at(-1) ?? DISCORD_TOKEN,
      TELEGRAM_TOKEN,
      TELEGRAM_TOKEN.split(":").at(-1) ?? TELEGRAM_TOKEN,
    ]) {
      expect(output).not.toContain(secret);
    }
  }, 60_000);
});
