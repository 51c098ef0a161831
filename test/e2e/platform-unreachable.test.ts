import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FakeDiscord } from "../fakes/discord-server.js";
import { FakeTelegram } from "../fakes/telegram-server.js";
import { tempDirEachTest } from "../support/each-test.js";
import { freePort } from "../support/ports.js";
import { type BotProcess, startBot, waitUntil } from "./bot-process.js";

/**
 * A platform the bot cannot reach (a closed port on 127.0.0.1, never a real
 * host) does not stop it: the other platform and the web side keep working,
 * /healthz answers 503 naming it and why, and it connects once it is back.
 * A token the platform refuses stops start-up with one sentence.
 */
const dir = tempDirEachTest("cashmob-unreachable-");
let bot: BotProcess | null = null;
const fakes: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  if (bot && bot.child.exitCode === null) {
    bot.child.kill("SIGTERM");
    await bot.exited;
  }
  bot = null;
  for (const fake of fakes.splice(0)) await fake.stop();
});

async function health(port: number): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Polls /healthz until it answers `status`; returns that answer. */
async function healthBecomes(port: number, status: number, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  let last: Awaited<ReturnType<typeof health>> | null = null;
  while (Date.now() < until) {
    last = await health(port).catch(() => null);
    if (last?.status === status) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`/healthz never answered ${status}; last: ${JSON.stringify(last)}`);
}

/** Someone types /mobs in a new Telegram group; resolves once the bot answered there. */
async function telegramAnswers(telegram: FakeTelegram): Promise<void> {
  const group = telegram.addGroup(-1001, "Bookworms");
  telegram.addUser(42, "Alice");
  telegram.type(42, group.id, "/mobs");
  await waitUntil(() => telegram.chatMessages(group.id).length > 0, 10_000, "Telegram's answer");
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe("a platform that cannot be reached", () => {
  it("Telegram unreachable at start-up: Discord answers, /healthz says why, and Telegram connects once it is up", async () => {
    const discord = await new FakeDiscord().start();
    fakes.push(discord);
    const telegram = new FakeTelegram();
    const telegramPort = await freePort();
    const web = await freePort();
    bot = startBot({
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.apiUrl,
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: `http://127.0.0.1:${telegramPort}`,
      DATABASE_PATH: join(dir(), "bot.db"),
      HTTP_PORT: String(web),
      LOG_LEVEL: "info",
    });
    const out = bot.output;
    await waitUntil(() => out.stdout.includes("cashmob started"), 20_000, "start-up");
    expect(out.stderr).toBe(
      `cashmob: Telegram could not be reached at http://127.0.0.1:${telegramPort} (ECONNREFUSED): check the network, or TELEGRAM_API_ROOT; the rest runs meanwhile, and Telegram is retried with back-off.\n`,
    );

    // Discord works meanwhile.
    const asked = discord.slash({ user: "700000000000000001", subcommand: "list" });
    await waitUntil(() => asked.original !== null, 10_000, "Discord's answer");
    const down = await healthBecomes(web, 503, 5_000);
    expect(down.body).toMatchObject({ failing: ["telegram"], platforms: { discord: "connected" } });
    expect(String((down.body.platforms as Record<string, string>).telegram)).toContain(
      `Telegram could not be reached at http://127.0.0.1:${telegramPort} (ECONNREFUSED)`,
    );

    // Telegram comes up where the bot was told it is.
    await telegram.start(telegramPort);
    fakes.push(telegram);
    const up = await healthBecomes(web, 200, 40_000);
    expect(up.body).toMatchObject({ platforms: { discord: "connected", telegram: "connected" } });
    await telegramAnswers(telegram);
    // One log line for the failure, however many attempts, one for the recovery; never the token.
    expect(count(out.stdout, '"msg":"Telegram unreachable; the rest keeps running')).toBe(1);
    expect(out.stdout).toContain('"msg":"Telegram reached; connected"');
    expect(out.stdout + out.stderr).not.toContain(telegram.token);
    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
  }, 90_000);

  it("Discord unreachable at start-up: Telegram answers, /healthz says why, and Discord connects once it is up", async () => {
    const telegram = await new FakeTelegram().start();
    fakes.push(telegram);
    const discord = new FakeDiscord();
    const discordPort = await freePort();
    const web = await freePort();
    bot = startBot({
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: `http://127.0.0.1:${discordPort}/api`,
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      DATABASE_PATH: join(dir(), "bot.db"),
      HTTP_PORT: String(web),
    });
    const out = bot.output;
    await waitUntil(() => out.stdout.includes("cashmob started"), 20_000, "start-up");
    expect(out.stderr).toBe(
      `cashmob: Discord could not be reached at http://127.0.0.1:${discordPort} (ECONNREFUSED): check the network, or DISCORD_API_URL; the rest runs meanwhile, and Discord is retried with back-off.\n`,
    );
    await telegramAnswers(telegram);
    const down = await healthBecomes(web, 503, 5_000);
    expect(down.body).toMatchObject({ failing: ["discord"], platforms: { telegram: "connected" } });

    await discord.start(discordPort);
    fakes.push(discord);
    await healthBecomes(web, 200, 40_000);
    const asked = discord.slash({ user: "700000000000000001", subcommand: "list" });
    await waitUntil(() => asked.original !== null, 10_000, "Discord's answer");
    expect(out.stdout + out.stderr).not.toContain(discord.token);
  }, 90_000);

  it("Telegram lost after start-up: /healthz answers 503 with the reason while it is down, 200 once it is back", async () => {
    const telegram = await new FakeTelegram().start();
    fakes.push(telegram);
    const web = await freePort();
    const port = Number(new URL(telegram.apiRoot).port);
    bot = startBot({
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      DATABASE_PATH: join(dir(), "bot.db"),
      HTTP_PORT: String(web),
    });
    await healthBecomes(web, 200, 20_000);
    await telegram.stop();
    const down = await healthBecomes(web, 503, 20_000);
    expect(down.body).toMatchObject({ failing: ["telegram"] });
    // The connections it had are reset, then new ones refused.
    expect((down.body.platforms as Record<string, string>).telegram).toMatch(
      new RegExp(
        `^Telegram could not be reached at http://127\\.0\\.0\\.1:${port} \\((ECONNRESET|ECONNREFUSED)\\): check the network, or TELEGRAM_API_ROOT\\.$`,
      ),
    );
    await telegram.start(port);
    await healthBecomes(web, 200, 40_000);
    await telegramAnswers(telegram);
    // One line per kind of failure, however many attempts.
    const failures = bot.output.stdout
      .split("\n")
      .filter((l) => l.includes('"msg":"Telegram unreachable; retrying"'));
    expect(failures.length).toBeGreaterThan(0);
    expect(new Set(failures.map((l) => (JSON.parse(l) as { reason: string }).reason)).size).toBe(
      failures.length,
    );
    expect(bot.output.stdout).toContain('"msg":"Telegram reachable again"');
    expect(bot.output.stderr).toBe("");
  }, 90_000);
});

describe("Discord lost after start-up", () => {
  it("/healthz answers 503 while its gateway is down, and Telegram keeps answering", async () => {
    const discord = await new FakeDiscord().start();
    const telegram = await new FakeTelegram().start();
    fakes.push(telegram);
    const web = await freePort();
    bot = startBot({
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.apiUrl,
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      DATABASE_PATH: join(dir(), "bot.db"),
      HTTP_PORT: String(web),
    });
    await healthBecomes(web, 200, 20_000);
    // discord.js keeps trying to reconnect by itself; the client still calls itself ready.
    await discord.stop();
    const down = await healthBecomes(web, 503, 20_000);
    expect(down.body).toMatchObject({
      failing: ["discord"],
      platforms: {
        discord: "the Discord gateway is not connected (reconnecting)",
        telegram: "connected",
      },
    });
    await telegramAnswers(telegram);
    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
  }, 60_000);
});

describe("a token the platform refuses stops start-up with one sentence", () => {
  const refusals = [
    {
      platform: "Telegram",
      wrong: "123456789:AAWrongTokenWrongTokenWrongToken0000",
      secretPart: "WrongToken",
      env: async (wrong: string) => {
        const telegram = await new FakeTelegram().start();
        fakes.push(telegram);
        return { TELEGRAM_BOT_TOKEN: wrong, TELEGRAM_API_ROOT: telegram.apiRoot };
      },
      sentence:
        "cashmob: stopping: Telegram refused the bot token (401 Unauthorized): check TELEGRAM_BOT_TOKEN.\n",
    },
    {
      platform: "Discord",
      wrong: "MTAxNTk5.GhZ3xq.wrong-discord-token-value",
      secretPart: "wrong-discord-token",
      env: async (wrong: string) => {
        const discord = await new FakeDiscord().start();
        fakes.push(discord);
        return { DISCORD_TOKEN: wrong, DISCORD_API_URL: discord.apiUrl };
      },
      sentence:
        "cashmob: stopping: Discord refused the bot token (401 Unauthorized): check DISCORD_TOKEN.\n",
    },
  ];
  it.each(refusals)(
    "$platform",
    async ({ wrong, secretPart, env, sentence }) => {
      bot = startBot({ ...(await env(wrong)), DATABASE_PATH: join(dir(), "bot.db") });
      expect(await bot.exited).toBe(1);
      expect(bot.output.stderr).toBe(sentence);
      expect(bot.output.stdout + bot.output.stderr).not.toContain(secretPart);
    },
    30_000,
  );
});
