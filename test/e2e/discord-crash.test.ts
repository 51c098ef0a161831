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
import { seeded, startBot, waitUntil } from "./bot-process.js";

const PARTICIPANTS = 400;
const KILLS = 5;
let dir: string;
let server: FakeDiscord;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "cashmob-crash-"));
  server = await new FakeDiscord().start();
});
afterEach(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A mob whose 24 h reminder falls due two seconds from now, with many participants. */
async function seed(path: string, userIds: readonly string[]): Promise<void> {
  const db = openDatabase(path);
  const core = createCore({
    store: new SqliteStore(db),
    clock: new FakeClock(Date.now()),
    logger: silentLogger,
    settings: testSettings,
  });
  const channel = server.guild.channels[0]?.id ?? "";
  const where = { id: server.guild.id, name: server.guild.name, channelId: channel };
  const reply = await core.handler.handle(
    {
      platform: "discord",
      user: { id: "1", displayName: "olga" },
      community: where,
      isOrganizer: true,
      inPrivateChat: false,
    },
    { type: "create", shop: "Librairie du Parc", when: "in 24h2s" },
  );
  expect(reply.notice.title).toBe("Mob #1 is announced.");
  for (const id of userIds) {
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

describe("crash safety on Discord", () => {
  it("killed with SIGKILL again and again during a reminder fan-out, no DM is lost and none is sent twice", async () => {
    const path = join(dir, "bot.db");
    const users = Array.from({ length: PARTICIPANTS }, (_, i) =>
      String(200000000000000000n + BigInt(i)),
    );
    for (const id of users) server.addUser(id, `m${id}`);
    await seed(path, users);
    const env = {
      DISCORD_TOKEN: server.token,
      DISCORD_API_URL: server.apiUrl,
      DISCORD_GUILD_ID: server.guild.id,
      DATABASE_PATH: path,
      LOG_LEVEL: "warn",
    };
    const delivered = () => users.reduce((n, id) => n + server.dmMessages(id).length, 0);
    const random = seeded(20261125);
    const killedAt: number[] = [];
    while (killedAt.length < KILLS) {
      const bot = startBot(env);
      const before = delivered();
      // Kill somewhere inside the fan-out: after a random share of what is left has arrived.
      const target = before + Math.max(1, Math.floor(random() * (PARTICIPANTS - before) * 0.5));
      await waitUntil(
        () => delivered() >= target || bot.child.exitCode !== null,
        30_000,
        "DMs to arrive",
      );
      bot.child.kill("SIGKILL");
      await bot.exited;
      killedAt.push(delivered());
    }
    // The kills really landed inside the fan-out, not before or after it.
    expect(killedAt.filter((n) => n > 0 && n < PARTICIPANTS).length).toBeGreaterThanOrEqual(3);
    const last = startBot(env);
    await waitUntil(() => delivered() >= PARTICIPANTS, 30_000, "every DM to arrive");
    // Give a duplicate, if any were coming, the time to show up.
    await new Promise((r) => setTimeout(r, 500));
    last.child.kill("SIGTERM");
    expect(await last.exited).toBe(0);

    const perUser = users.map((id) => server.dmMessages(id).length);
    const dmPosts = server.requests.filter(
      (r) => r.method === "POST" && /\/channels\/\d+\/messages$/.test(r.path) && r.status === 200,
    ).length;
    // More accepted posts than messages stored: the retries after each kill were deduplicated by nonce.
    console.info(
      `kills at ${killedAt.join(", ")} delivered DMs; ${dmPosts} message posts for ${PARTICIPANTS + 2} messages`,
    );
    expect(perUser.filter((n) => n === 0)).toHaveLength(0);
    expect(perUser.filter((n) => n > 1)).toHaveLength(0);
    expect(
      server
        .channelMessages()
        .filter((m) => m.embeds.some((e) => String(e.title).startsWith("Reminder"))),
    ).toHaveLength(1);
  }, 120_000);
});
