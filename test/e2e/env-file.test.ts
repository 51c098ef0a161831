import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FakeTelegram } from "../fakes/telegram-server.js";
import { fakeEachTest, tempDirEachTest } from "../support/each-test.js";
import { startBot, waitUntil } from "./bot-process.js";

const dir = tempDirEachTest("cashmob-dotenv-");
const fakeTelegram = fakeEachTest(() => new FakeTelegram().start());

const polled = () =>
  fakeTelegram().calls.some((c) => c.method === "getUpdates" && c.status === 200);

describe(".env in the working directory", () => {
  it("a token copied into .env starts the Telegram adapter, and the token never reaches the output", async () => {
    const telegram = fakeTelegram();
    writeFileSync(
      join(dir(), ".env"),
      [
        "# Copied from .env.example",
        `TELEGRAM_BOT_TOKEN=${telegram.token}`,
        `TELEGRAM_API_ROOT=${telegram.apiRoot}`,
        `DATABASE_PATH=${join(dir(), "bot.db")}`,
        "LOG_LEVEL=debug",
        "",
      ].join("\n"),
    );
    const bot = startBot({}, { cwd: dir() });
    await waitUntil(polled, 20_000, "the Telegram adapter to poll");
    expect(telegram.commands.get("")?.map((c) => c.command)).toContain("newmob");
    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
    // Not the console: it would have printed its answers to stdout, and logs would go to stderr.
    expect(bot.output.stdout).toContain('"telegram":true');
    expect(bot.output.stdout).toContain('"console":false');
    expect(`${bot.output.stdout}${bot.output.stderr}`).not.toContain(telegram.token);
  }, 30_000);

  it("a variable set in the environment wins over the same one in .env", async () => {
    const telegram = fakeTelegram();
    writeFileSync(
      join(dir(), ".env"),
      [
        `TELEGRAM_BOT_TOKEN=${telegram.token}`,
        // Nothing listens there: the bot would fail to start if .env won.
        "TELEGRAM_API_ROOT=http://127.0.0.1:9",
        `DATABASE_PATH=${join(dir(), "bot.db")}`,
      ].join("\n"),
    );
    const bot = startBot({ TELEGRAM_API_ROOT: telegram.apiRoot }, { cwd: dir() });
    await waitUntil(polled, 20_000, "the Telegram adapter to poll");
    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
  }, 30_000);

  it("a line that is not NAME=value stops start-up with one sentence naming the file, not the line", async () => {
    const telegram = fakeTelegram();
    writeFileSync(
      join(dir(), ".env"),
      [`DATABASE_PATH=${join(dir(), "bot.db")}`, `TELEGRAM_BOT_TOKEN ${telegram.token}`].join("\n"),
    );
    const bot = startBot({}, { cwd: dir() });
    expect(await bot.exited).toBe(1);
    expect(bot.output.stderr.trim()).toBe(
      `cashmob: ${join(dir(), ".env")} line 2 is not NAME=value or a # comment; fix or remove that line.`,
    );
    expect(bot.output.stderr).not.toContain(telegram.token);
    expect(telegram.calls).toEqual([]);
  }, 30_000);
});
