import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeTelegram, TELEGRAM_LIMITS } from "../fakes/telegram-server.js";
import { killRepeatedly, waitUntil } from "./bot-process.js";
import { InFlightLedger, nothingDueNow } from "./outbox.js";
import { seedMobs } from "./seed.js";

const GROUP = -1009876543210;
const PARTICIPANTS = 200;
const KILLS = 5;
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
  it("killed with SIGKILL again and again during a rate-limited fan-out, no DM is lost; only a message sent but not yet recorded at a kill is repeated", async () => {
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
    // What each member's private chat and the group hold: the reminder, once, plus what a kill repeats.
    const ledger = new InFlightLedger(
      path,
      "reminder",
      () =>
        new Map([
          ...users.map((id) => [`telegram:${id}`, server.dms(id).length] as const),
          [`telegram:${GROUP}`, server.chatMessages(GROUP).length],
        ]),
    );
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
      afterKill: async () => {
        await waitUntil(
          () => server.idle,
          10_000,
          "the fake to answer the dead bot's last request",
        );
        ledger.killed();
      },
    });
    expect(killedAt.filter((n) => n > 0 && n < PARTICIPANTS).length).toBeGreaterThanOrEqual(3);
    await waitUntil(() => reached() >= PARTICIPANTS, 60_000, "every DM to arrive");
    // A repeat still to come would be a row still queued: wait until nothing of today's is left.
    await waitUntil(() => nothingDueNow(path), 60_000, "an empty queue");
    survivor.child.kill("SIGTERM");
    expect(await survivor.exited).toBe(0);
    await waitUntil(() => server.idle, 10_000, "the fake to answer the last request");

    console.info(
      `kills at ${killedAt.join(", ")} reached members; claimed rows / sent but unrecorded at each kill: ${ledger.kills
        .map((k) => `${k.claimed}/${k.sentUnrecorded.length}`)
        .join(", ")}`,
    );
    // Telegram has no idempotency key: exactly the messages sent but not recorded at a kill come twice.
    expect(users.filter((id) => server.dms(id).length === 0)).toEqual([]);
    expect(server.chatMessages(GROUP).length).toBeGreaterThanOrEqual(1);
    expect(ledger.repeats()).toEqual(ledger.allowedRepeats());
  }, 180_000);
});
