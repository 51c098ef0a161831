import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FakeTelegram } from "../fakes/telegram-server.js";
import { fakeEachTest, tempDirEachTest } from "../support/each-test.js";
import { freePort, heldPort } from "../support/ports.js";
import { type BotProcess, startBot, waitUntil } from "./bot-process.js";

const dir = tempDirEachTest("cashmob-web-");
const telegram = fakeEachTest(() => new FakeTelegram().start());

/** The bot on the fake Telegram with its web server on `port`, and `extra` in its environment. */
function startWithWeb(port: number, extra: Record<string, string> = {}): BotProcess {
  return startBot({
    TELEGRAM_BOT_TOKEN: telegram().token,
    TELEGRAM_API_ROOT: telegram().apiRoot,
    DATABASE_PATH: join(dir(), "bot.db"),
    HTTP_PORT: String(port),
    ...extra,
  });
}

const adapterReady = (bot: BotProcess) =>
  waitUntil(() => bot.output.stdout.includes("telegram adapter ready"), 20_000, "start");

describe("the web server inside the bot process", () => {
  it("answers health and metrics while the bot runs, and stops with it", async () => {
    const port = await freePort();
    const bot = startWithWeb(port, { LOG_LEVEL: "info" });
    const base = `http://127.0.0.1:${port}`;
    await adapterReady(bot);
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      database: "ok",
      platforms: { telegram: "connected" },
    });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain("cashmob_outbox_pending");
    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  }, 60_000);

  it("listening on 0.0.0.0 without METRICS_TOKEN or METRICS_PORT, /metrics is not served, and the log says how to turn it on", async () => {
    const port = await freePort();
    const bot = startWithWeb(port, { HTTP_HOST: "0.0.0.0", LOG_LEVEL: "info" });
    const base = `http://127.0.0.1:${port}`;
    await adapterReady(bot);
    expect((await fetch(`${base}/healthz`)).status).not.toBe(404);
    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.status).toBe(404);
    expect(await metrics.text()).not.toContain("cashmob_");
    expect(bot.output.stdout).toContain("set METRICS_TOKEN, or METRICS_PORT");
    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
  }, 60_000);

  it("METRICS_PORT serves /metrics on its own loopback listener, behind METRICS_TOKEN, and not on the public one", async () => {
    const port = await freePort();
    const metricsPort = await freePort();
    const token = "scrape-me-0123456789";
    const bot = startWithWeb(port, {
      HTTP_HOST: "0.0.0.0",
      METRICS_PORT: String(metricsPort),
      METRICS_TOKEN: token,
      LOG_LEVEL: "info",
    });
    await adapterReady(bot);
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(404);
    const own = `http://127.0.0.1:${metricsPort}/metrics`;
    expect((await fetch(own)).status).toBe(401);
    const scraped = await fetch(own, { headers: { authorization: `Bearer ${token}` } });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain("cashmob_outbox_pending");
    expect(bot.output.stdout).not.toContain(token);
    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
  }, 60_000);

  it("a port already in use stops start-up with one sentence naming it", async () => {
    const { port, server } = await heldPort();
    try {
      const bot = startWithWeb(port);
      expect(await bot.exited).toBe(1);
      expect(bot.output.stderr).toContain(
        `cashmob: stopping: cannot listen on 127.0.0.1:${port}: the port is in use; set HTTP_PORT to another port, or off.`,
      );
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }, 60_000);
});
