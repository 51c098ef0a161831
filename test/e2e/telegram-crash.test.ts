import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeTelegram, TELEGRAM_LIMITS } from "../fakes/telegram-server.js";
import { killRepeatedly, waitUntil } from "./bot-process.js";
import { seedMobs } from "./seed.js";

const GROUP = -1009876543210;
const PARTICIPANTS = 200;
const KILLS = 5;
/** Rows the scheduler claims at once: the most that can be in flight when the process dies. */
const IN_FLIGHT_BOUND = 64;
let dir: string;
let server: FakeTelegram;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "cashmob-tg-crash-"));
  server = await new FakeTelegram({ rateLimits: TELEGRAM_LIMITS }).start();
  server.addGroup(GROUP, "Mobbers", [1]);
});
afterEach(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("crash safety on Telegram", () => {
  it("killed with SIGKILL again and again during a rate-limited fan-out, no DM is lost; repeats stay within what was in flight", async () => {
    const path = join(dir, "bot.db");
    const users = Array.from({ length: PARTICIPANTS }, (_, i) => 20_000 + i);
    for (const id of users) {
      server.addUser(id, `m${id}`);
      server.started.add(id);
    }
    await seedMobs(path, [
      {
        platform: "telegram",
        community: { id: String(GROUP), name: "Mobbers", channelId: String(GROUP) },
        when: "in 24h2s",
        members: users.map(String),
        viaPrivateChat: true,
      },
    ]);
    const reached = () => users.filter((id) => server.dms(id).length > 0).length;
    const { killedAt, survivor } = await killRepeatedly({
      env: {
        TELEGRAM_BOT_TOKEN: server.token,
        TELEGRAM_API_ROOT: server.apiRoot,
        DATABASE_PATH: path,
        LOG_LEVEL: "warn",
      },
      progress: reached,
      total: PARTICIPANTS,
      kills: KILLS,
      seed: 424242,
      share: 0.4,
    });
    expect(killedAt.filter((n) => n > 0 && n < PARTICIPANTS).length).toBeGreaterThanOrEqual(3);
    await waitUntil(() => reached() >= PARTICIPANTS, 60_000, "every DM to arrive");
    await new Promise((r) => setTimeout(r, 500));
    survivor.child.kill("SIGTERM");
    expect(await survivor.exited).toBe(0);

    const perUser = users.map((id) => server.dms(id).length);
    const repeats = perUser.reduce((n, k) => n + Math.max(0, k - 1), 0);
    console.info(`kills at ${killedAt.join(", ")} reached members; ${repeats} repeated DMs`);
    // Telegram has no idempotency key: only messages already sent but not yet recorded can repeat.
    expect(perUser.every((n) => n >= 1)).toBe(true);
    expect(repeats).toBeLessThanOrEqual(KILLS * IN_FLIGHT_BOUND);
  }, 180_000);
});
