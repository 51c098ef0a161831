import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FakeDiscord } from "../fakes/discord-server.js";
import { fakeEachTest, tempDirEachTest } from "../support/each-test.js";
import { crashThrough } from "./bot-process.js";
import { discordMembers } from "./fan-out.js";
import { seedMobs } from "./seed.js";

const PARTICIPANTS = 400;
const KILLS = 5;
const dir = tempDirEachTest("cashmob-crash-");
const discord = fakeEachTest(() => new FakeDiscord().start());

describe("crash safety on Discord", () => {
  it("killed with SIGKILL again and again during a reminder fan-out, no DM is lost and none is sent twice", async () => {
    const server = discord();
    const path = join(dir(), "bot.db");
    const users = discordMembers(server, PARTICIPANTS, "m");
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
    const killedAt = await crashThrough(path, {
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
      doneWithinMs: 30_000,
    });

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
