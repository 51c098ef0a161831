import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeTelegram, TELEGRAM_LIMITS } from "../fakes/telegram-server.js";
import { tempDirEachTest } from "../support/each-test.js";
import { type BotProcess, killAll, startBot, waitUntil } from "./bot-process.js";
import { GROUP, seedTelegramFanOut } from "./fan-out.js";
import { nothingDueNow } from "./outbox.js";

const PARTICIPANTS = 200;
const dir = tempDirEachTest("cashmob-tg-conflict-");
let server: FakeTelegram;
const bots: BotProcess[] = [];

beforeEach(async () => {
  server = await new FakeTelegram({ rateLimits: TELEGRAM_LIMITS }).start();
  server.addGroup(GROUP, "Mobbers", [1]);
});
afterEach(async () => {
  await killAll(bots);
  await server.stop();
});

describe("losing Telegram polling to another poller", () => {
  it("stops the bot with one sentence and exit 1, after recording what it was sending: a restart repeats nothing", async () => {
    const path = join(dir(), "bot.db");
    const { users, reached } = await seedTelegramFanOut(server, path, PARTICIPANTS);
    const env = {
      TELEGRAM_BOT_TOKEN: server.token,
      TELEGRAM_API_ROOT: server.apiRoot,
      DATABASE_PATH: path,
      LOG_LEVEL: "info",
    };
    const bot = startBot(env);
    bots.push(bot);
    await waitUntil(() => reached() >= 20, 60_000, "the fan-out to be under way");

    server.conflict();
    const code = await Promise.race([
      bot.exited,
      new Promise<string>((r) => setTimeout(() => r("still running"), 20_000)),
    ]);
    expect(code).toBe(1);
    expect(bot.output.stderr).toBe(
      "cashmob: stopping: another program is polling Telegram with this bot token (409 Conflict); only one bot may run per token.\n",
    );
    expect(bot.output.stdout).toContain('"reason":"telegram polling lost"');
    const reachedAtStop = reached();
    expect(reachedAtStop).toBeLessThan(PARTICIPANTS);

    // The rest goes out after a restart; what the stopped bot sent is not sent again.
    const survivor = startBot(env);
    bots.push(survivor);
    await waitUntil(() => reached() >= PARTICIPANTS, 60_000, "every DM to arrive");
    // A repeat still to come would be a row still queued: wait until nothing due is left.
    await waitUntil(() => nothingDueNow(path), 60_000, "an empty queue");
    survivor.child.kill("SIGTERM");
    expect(await survivor.exited).toBe(0);
    await waitUntil(() => server.idle, 10_000, "the fake to answer the last request");
    expect(survivor.output.stdout).not.toContain("re-sending posts that were in flight");
    expect(users.filter((id) => server.dms(id).length !== 1)).toEqual([]);
  }, 120_000);
});
