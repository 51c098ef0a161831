import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCore } from "../../src/core.js";
import { silentLogger } from "../../src/ports/logger.js";
import { openDatabase } from "../../src/storage/database.js";
import { SqliteStore } from "../../src/storage/sqlite-store.js";
import { FakeClock } from "../fakes/clock.js";
import { testSettings } from "../fakes/core-harness.js";
import { FakeDiscord } from "../fakes/discord-server.js";
import { startBot, waitUntil } from "./bot-process.js";

const DISCORD_TOKEN = "MTAxNTk5.GhZ3xq.s3cr3t-discord-token-value-do-not-log";
let dir: string;
let discord: FakeDiscord;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "cashmob-secrets-"));
  discord = await new FakeDiscord({ token: DISCORD_TOKEN }).start();
});
afterEach(async () => {
  await discord.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function seedDiscordMob(path: string, members: readonly string[]): Promise<void> {
  const db = openDatabase(path);
  const core = createCore({
    store: new SqliteStore(db),
    clock: new FakeClock(Date.now()),
    logger: silentLogger,
    settings: testSettings,
  });
  const where = {
    id: discord.guild.id,
    name: discord.guild.name,
    channelId: discord.guild.channels[0]?.id ?? "",
  };
  await core.handler.handle(
    {
      platform: "discord",
      user: { id: "1", displayName: "olga" },
      community: where,
      isOrganizer: true,
      inPrivateChat: false,
    },
    { type: "create", shop: "Cave", when: "in 24h1s" },
  );
  for (const id of members) {
    await core.handler.handle(
      {
        platform: "discord",
        user: { id, displayName: `m${id}` },
        community: where,
        isOrganizer: false,
        inPrivateChat: false,
      },
      { type: "join", id: "1" },
    );
  }
  db.close();
}

describe("logs and secrets", () => {
  it("no token appears in any log line at trace level, including errors from the client library", async () => {
    const path = join(dir, "bot.db");
    const members = ["300000000000000001", "300000000000000002", "300000000000000003"];
    for (const id of members) discord.addUser(id, `m${id}`);
    await seedDiscordMob(path, members);
    // Make discord.js fail in several ways: server errors and a refusal, each logged.
    discord.failNext(/POST .*\/messages$/, 2, 500);
    discord.failNext(/POST .*\/users\/@me\/channels$/, 1, 403, {
      code: 50001,
      message: "Missing Access",
    });
    const bot = startBot({
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
    bot.child.kill("SIGTERM");
    await bot.exited;
    const output = bot.output.stdout + bot.output.stderr;
    expect(output).toContain('"msg":"discord adapter ready"');
    expect(output).toMatch(/"detail":"403 50001: Missing Access","msg":"discord request failed"/);
    const secretPart = DISCORD_TOKEN.split(".").at(-1) ?? DISCORD_TOKEN;
    expect(output).not.toContain(DISCORD_TOKEN);
    expect(output).not.toContain(secretPart);
  }, 60_000);
});
