import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCore } from "../../src/core.js";
import { silentLogger } from "../../src/ports/logger.js";
import { openDatabase } from "../../src/storage/database.js";
import { SqliteStore } from "../../src/storage/sqlite-store.js";
import { FakeClock } from "../fakes/clock.js";
import { testSettings } from "../fakes/core-harness.js";
import { FakeTelegram, TELEGRAM_LIMITS } from "../fakes/telegram-server.js";
import { seeded, startBot, waitUntil } from "./bot-process.js";

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

/** A mob whose 24 h reminder falls due two seconds from now; every participant opened a private chat. */
async function seed(path: string, userIds: readonly number[]): Promise<void> {
  const db = openDatabase(path);
  const core = createCore({
    store: new SqliteStore(db),
    clock: new FakeClock(Date.now()),
    logger: silentLogger,
    settings: testSettings,
  });
  const where = { id: String(GROUP), name: "Mobbers", channelId: String(GROUP) };
  await core.handler.handle(
    {
      platform: "telegram",
      user: { id: "1", displayName: "olga" },
      community: where,
      isOrganizer: true,
      inPrivateChat: false,
    },
    { type: "create", shop: "Cave", when: "in 24h2s" },
  );
  for (const id of userIds) {
    await core.handler.handle(
      {
        platform: "telegram",
        user: { id: String(id), displayName: `m${id}` },
        isOrganizer: false,
        inPrivateChat: true,
      },
      { type: "start", payload: "mob_1" },
    );
  }
  db.close();
}

describe("crash safety on Telegram", () => {
  it("killed with SIGKILL again and again during a fan-out under the rate limits, no DM is lost; repeats stay within what was in flight", async () => {
    const path = join(dir, "bot.db");
    const users = Array.from({ length: PARTICIPANTS }, (_, i) => 20_000 + i);
    for (const id of users) {
      server.addUser(id, `m${id}`);
      server.started.add(id);
    }
    await seed(path, users);
    const env = {
      TELEGRAM_BOT_TOKEN: server.token,
      TELEGRAM_API_ROOT: server.apiRoot,
      DATABASE_PATH: path,
      LOG_LEVEL: "warn",
    };
    const reached = () => users.filter((id) => server.dms(id).length > 0).length;
    const random = seeded(424242);
    const killedAt: number[] = [];
    while (killedAt.length < KILLS) {
      const bot = startBot(env);
      const before = reached();
      const target = before + Math.max(1, Math.floor(random() * (PARTICIPANTS - before) * 0.4));
      await waitUntil(
        () => reached() >= target || bot.child.exitCode !== null,
        60_000,
        "DMs to arrive",
      );
      bot.child.kill("SIGKILL");
      await bot.exited;
      killedAt.push(reached());
    }
    expect(killedAt.filter((n) => n > 0 && n < PARTICIPANTS).length).toBeGreaterThanOrEqual(3);
    const last = startBot(env);
    await waitUntil(() => reached() >= PARTICIPANTS, 60_000, "every DM to arrive");
    await new Promise((r) => setTimeout(r, 500));
    last.child.kill("SIGTERM");
    expect(await last.exited).toBe(0);

    const perUser = users.map((id) => server.dms(id).length);
    const repeats = perUser.reduce((n, k) => n + Math.max(0, k - 1), 0);
    console.info(`kills at ${killedAt.join(", ")} reached members; ${repeats} repeated DMs`);
    // Telegram has no idempotency key: only messages already sent but not yet recorded can repeat.
    expect(perUser.every((n) => n >= 1)).toBe(true);
    expect(repeats).toBeLessThanOrEqual(KILLS * IN_FLIGHT_BOUND);
  }, 180_000);
});
