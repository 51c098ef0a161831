import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeTelegram } from "../fakes/telegram-server.js";
import { tempDirEachTest } from "../support/each-test.js";
import { freePort } from "../support/ports.js";
import { type BotProcess, killAll, startBot, waitUntil } from "./bot-process.js";

const GROUP = -1009876543210;
const dir = tempDirEachTest("cashmob-tg-webhook-");
let server: FakeTelegram;
const bots: BotProcess[] = [];

beforeEach(async () => {
  server = await new FakeTelegram().start();
  server.addUser(1, "Olga", "en");
  server.addGroup(GROUP, "Mobbers", [1]);
});
afterEach(async () => {
  await killAll(bots);
  await server.stop();
});

describe("npm start with TELEGRAM_WEBHOOK_URL", () => {
  it("sets the webhook, serves POST /telegram/webhook and answers there, never polling", async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/telegram/webhook`;
    const bot = startBot({
      TELEGRAM_BOT_TOKEN: server.token,
      TELEGRAM_API_ROOT: server.apiRoot,
      TELEGRAM_WEBHOOK_URL: url,
      DATABASE_PATH: join(dir(), "bot.db"),
      HTTP_PORT: String(port),
      LOG_LEVEL: "info",
    });
    bots.push(bot);
    await waitUntil(() => server.webhook?.url === url, 30_000, "the webhook to be set");
    server.type(1, GROUP, "/mobs");
    await waitUntil(() => server.chatMessages(GROUP).length > 0, 30_000, "the answer to /mobs");
    expect(server.calls.some((c) => c.method === "getUpdates")).toBe(false);
    const secret = server.webhook?.secretToken ?? "";
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
    // The secret is never logged.
    expect(`${bot.output.stdout}${bot.output.stderr}`).not.toContain(secret);
  }, 60_000);
});
