import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeDiscord } from "../fakes/discord-server.js";
import { tempDirEachTest } from "../support/temp-dir.js";
import { killRepeatedly, waitUntil } from "./bot-process.js";
import { nothingDueNow } from "./outbox.js";
import { seedMobs } from "./seed.js";

const PARTICIPANTS = 400;
const KILLS = 5;
const dir = tempDirEachTest("cashmob-crash-");
let server: FakeDiscord;

beforeEach(async () => {
  server = await new FakeDiscord().start();
});
afterEach(async () => {
  await server.stop();
});

describe("crash safety on Discord", () => {
  it("killed with SIGKILL again and again during a reminder fan-out, no DM is lost and none is sent twice", async () => {
    const path = join(dir(), "bot.db");
    const users = Array.from({ length: PARTICIPANTS }, (_, i) =>
      String(200000000000000000n + BigInt(i)),
    );
    for (const id of users) server.addUser(id, `m${id}`);
    const channelId = server.guild.channels[0]?.id ?? "";
    await seedMobs(path, [
      {
        platform: "discord",
        community: { id: server.guild.id, name: server.guild.name, channelId },
        when: "in 24h2s",
        members: users,
        viaPrivateChat: false,
      },
    ]);
    const delivered = () => users.reduce((n, id) => n + server.dmMessages(id).length, 0);
    const { killedAt, survivor } = await killRepeatedly({
      env: {
        DISCORD_TOKEN: server.token,
        DISCORD_API_URL: server.apiUrl,
        DISCORD_GUILD_ID: server.guild.id,
        DATABASE_PATH: path,
        LOG_LEVEL: "warn",
      },
      progress: delivered,
      total: PARTICIPANTS,
      kills: KILLS,
      seed: 20261125,
      share: 0.5,
    });
    // The kills really landed inside the fan-out, not before or after it.
    expect(killedAt.filter((n) => n > 0 && n < PARTICIPANTS).length).toBeGreaterThanOrEqual(3);
    await waitUntil(() => delivered() >= PARTICIPANTS, 30_000, "every DM to arrive");
    // A duplicate still to come would be a row still queued: wait until nothing due is left.
    await waitUntil(() => nothingDueNow(path), 30_000, "an empty queue");
    survivor.child.kill("SIGTERM");
    expect(await survivor.exited).toBe(0);

    const perUser = users.map((id) => server.dmMessages(id).length);
    const posts = server.requests.filter(
      (r) => r.method === "POST" && /\/channels\/\d+\/messages$/.test(r.path) && r.status === 200,
    ).length;
    // More accepted posts than messages stored: retries after a kill were deduplicated by nonce.
    console.info(
      `kills at ${killedAt.join(", ")} DMs; ${posts} message posts for ${PARTICIPANTS + 2} messages`,
    );
    expect(perUser.filter((n) => n === 0)).toHaveLength(0);
    expect(perUser.filter((n) => n > 1)).toHaveLength(0);
    const reminders = server
      .channelMessages()
      .filter((m) => m.embeds.some((e) => String(e.title).startsWith("Reminder")));
    expect(reminders).toHaveLength(1);
  }, 120_000);
});
