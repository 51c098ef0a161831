import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ORG, PEOPLE } from "../fakes/discord-harness.js";
import { FakeDiscord, PERMISSIONS } from "../fakes/discord-server.js";
import { fakeEachTest, tempDirEachTest } from "../support/each-test.js";
import { freePort } from "../support/ports.js";
import { startBot, waitUntil } from "./bot-process.js";

const dir = tempDirEachTest("cashmob-dchttp-");
const discord = fakeEachTest(() => new FakeDiscord({ users: PEOPLE }).start());

describe("the bot process with DISCORD_PUBLIC_KEY", () => {
  it("serves POST /discord/interactions on its web server and answers slash commands there", async () => {
    const server = discord();
    const port = await freePort();
    const bot = startBot({
      DISCORD_TOKEN: server.token,
      DISCORD_API_URL: server.apiUrl,
      DISCORD_GUILD_ID: server.guild.id,
      DISCORD_PUBLIC_KEY: server.http.publicKey,
      DATABASE_PATH: join(dir(), "bot.db"),
      HTTP_PORT: String(port),
      LOG_LEVEL: "info",
    });
    await waitUntil(() => bot.output.stdout.includes("discord adapter ready"), 20_000, "start");
    server.useHttpInteractions(`http://127.0.0.1:${port}/discord/interactions`);
    expect(JSON.parse((await server.http.ping()).body)).toEqual({ type: 1 });
    const listed = await server.answered(
      server.slash({ user: ORG, permissions: PERMISSIONS.manageEvents, subcommand: "list" }),
    );
    expect(listed.delivered?.status).toBe(202);
    expect(listed.original).not.toBeNull();
    // Nothing of the key pair's secret half or the interaction's token reaches the log.
    expect(bot.output.stdout).not.toContain(listed.token);
    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
  }, 60_000);

  it("with HTTP_PORT=off, stops at start-up with one sentence naming both variables", async () => {
    const server = discord();
    const bot = startBot({
      DISCORD_TOKEN: server.token,
      DISCORD_API_URL: server.apiUrl,
      DISCORD_PUBLIC_KEY: server.http.publicKey,
      DATABASE_PATH: join(dir(), "bot.db"),
      HTTP_PORT: "off",
    });
    expect(await bot.exited).toBe(1);
    expect(bot.output.stderr).toContain("DISCORD_PUBLIC_KEY must have the web server on");
    expect(bot.output.stderr).toContain("HTTP_PORT is off");
  }, 30_000);
});
