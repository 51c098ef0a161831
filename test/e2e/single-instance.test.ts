import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeTelegram, TELEGRAM_LIMITS } from "../fakes/telegram-server.js";
import { tempDirEachTest } from "../support/each-test.js";
import { type BotProcess, killAll, startBot, waitUntil } from "./bot-process.js";
import { GROUP, seedTelegramFanOut } from "./fan-out.js";
import { nothingDueNow } from "./outbox.js";

const ORGANIZER = 1;
const PARTICIPANTS = 200;
const dir = tempDirEachTest("cashmob-single-");
let path: string;
let server: FakeTelegram;
const bots: BotProcess[] = [];

beforeEach(async () => {
  path = join(dir(), "bot.db");
  server = await new FakeTelegram({ rateLimits: TELEGRAM_LIMITS }).start();
  server.addGroup(GROUP, "Mobbers", [ORGANIZER]);
});
afterEach(async () => {
  await killAll(bots);
  await server.stop();
});

function start(extra: Record<string, string> = {}, args: readonly string[] = []): BotProcess {
  const bot = startBot(
    {
      TELEGRAM_BOT_TOKEN: server.token,
      TELEGRAM_API_ROOT: server.apiRoot,
      DATABASE_PATH: path,
      LOG_LEVEL: "info",
      ...extra,
    },
    { args },
  );
  bots.push(bot);
  return bot;
}

async function ready(bot: BotProcess): Promise<void> {
  await waitUntil(
    () => bot.output.stdout.includes("cashmob started") || bot.child.exitCode !== null,
    30_000,
    "the bot to start",
  );
  expect(bot.output.stderr).toBe("");
  expect(bot.child.exitCode).toBeNull();
}

/** The exit code, or "still running" after `ms`. */
function exitWithin(bot: BotProcess, ms: number): Promise<number | null | "still running"> {
  return Promise.race([
    bot.exited,
    new Promise<"still running">((r) => setTimeout(() => r("still running"), ms)),
  ]);
}

const inUse = () => `cashmob: the database ${path} is in use by another running Cashmob bot`;

describe("one running bot per database", () => {
  it("a second bot started during a fan-out refuses with one sentence, and no member gets the reminder twice", async () => {
    const { users, reached } = await seedTelegramFanOut(server, path, PARTICIPANTS);
    const first = start({ LOG_LEVEL: "warn" });
    await waitUntil(() => reached() >= 20, 60_000, "the fan-out to be under way");

    const second = start({ LOG_LEVEL: "warn" });
    expect(await exitWithin(second, 15_000)).toBe(1);
    expect(second.output.stderr).toBe(
      `${inUse()}; stop that one first, or start this one with --wait-for-lock (or WAIT_FOR_LOCK=1) to take over when it stops.\n`,
    );
    expect(second.output.stdout).toBe("");

    await waitUntil(() => reached() >= PARTICIPANTS, 60_000, "every DM to arrive");
    // A repeat still to come would be a row still queued: wait until nothing due is left.
    await waitUntil(() => nothingDueNow(path), 60_000, "an empty queue");
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    await waitUntil(() => server.idle, 10_000, "the fake to answer the last request");
    const twice = users.filter((id) => server.dms(id).length > 1);
    expect(twice).toEqual([]);
    expect(server.chatMessages(GROUP).filter((m) => m.text.includes("Reminder"))).toHaveLength(1);
  }, 120_000);

  it("with --wait-for-lock it says once that it waits, then takes over when the running bot stops", async () => {
    const first = start();
    await ready(first);
    const second = start({}, ["--wait-for-lock"]);
    await waitUntil(() => second.output.stderr.includes("waiting"), 30_000, "the second to wait");
    // It keeps waiting, quietly, and does not start while the first runs: the first still answers.
    server.type(ORGANIZER, GROUP, "/mobs");
    await waitUntil(() => server.chatMessages(GROUP).length === 1, 10_000, "the first to answer");
    expect(second.output.stderr).toBe(`${inUse()}; waiting for it to stop.\n`);
    expect(second.output.stdout).not.toContain("cashmob started");
    expect(second.child.exitCode).toBeNull();

    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    await waitUntil(
      () => second.output.stdout.includes("telegram adapter ready"),
      30_000,
      "the second to take over",
    );
    // The bot now running answers the group.
    server.type(ORGANIZER, GROUP, "/mobs");
    await waitUntil(() => server.chatMessages(GROUP).length === 2, 10_000, "an answer");
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
    expect(second.output.stderr).toBe(`${inUse()}; waiting for it to stop.\n`);
  }, 60_000);

  it("WAIT_FOR_LOCK=1s gives up after a second with one more sentence and a non-zero exit", async () => {
    const first = start();
    await ready(first);
    const second = start({ WAIT_FOR_LOCK: "1s" });
    expect(await exitWithin(second, 15_000)).toBe(1);
    expect(second.output.stderr).toBe(
      `${inUse()}; waiting for it to stop (at most 1s).\n` +
        `${inUse()}, still after waiting 1s; stop that one first.\n`,
    );
    expect(second.output.stdout).toBe("");
    // The first never noticed.
    expect(first.child.exitCode).toBeNull();
  }, 60_000);
});
