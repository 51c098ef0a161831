import { afterEach, describe, expect, it } from "vitest";
import type { Actor } from "../../src/ports/inbound.js";
import { type Harness, HOUR, makeHarness, reply, say } from "../fakes/core-harness.js";
import { RecordingPlatform } from "../fakes/recording-platform.js";

let h: Harness;
afterEach(() => h.close());

const START = Date.UTC(2026, 11, 5, 18, 0);
const inGroup = (platform: "telegram" | "discord", user: string, isOrganizer = false): Actor => ({
  platform,
  user: { id: user, displayName: user },
  community:
    platform === "telegram"
      ? { id: "-100", name: "Group", channelId: "-100" }
      : { id: "guild", name: "Server", channelId: "chan" },
  isOrganizer,
  inPrivateChat: false,
});

/** A community on both platforms, a mob with 100 Telegram and 10 Discord members, its posts out. */
async function linkedMob() {
  h = makeHarness();
  const telegram = new RecordingPlatform({ now: () => h.clock.now() }, "telegram");
  const discord = new RecordingPlatform({ now: () => h.clock.now() }, "discord");
  h.core.attach(telegram);
  h.core.attach(discord);
  const asked = await reply(h.core, inGroup("telegram", "olga", true), { type: "link" });
  const code = /Link code: (\S+)/.exec(asked.secret?.title ?? "")?.[1] ?? "";
  await say(h.core, inGroup("discord", "dora", true), { type: "link", code });
  await say(h.core, inGroup("telegram", "olga", true), {
    type: "create",
    shop: "Cave",
    when: "2026-12-05 18:00",
  });
  // Telegram members first, so their DMs come first in the queue.
  for (let i = 0; i < 100; i++)
    await say(h.core, inGroup("telegram", `t${i}`), { type: "join", id: "1" });
  for (let i = 0; i < 10; i++)
    await say(h.core, inGroup("discord", `d${i}`), { type: "join", id: "1" });
  await h.drain();
  return { telegram, discord, stuck: hang(telegram) };
}

/** Holds every send on `platform` until released. */
function hang(platform: RecordingPlatform) {
  let release = () => {};
  platform.gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  return () => {
    release();
    platform.gate = null;
  };
}

/**
 * Waits, however long a loaded machine takes, for `done`: held back, it would never come
 * and the wait would time out with `failure`.
 */
async function eventually(done: () => boolean, failure: string): Promise<void> {
  for (const end = Date.now() + 10_000; !done(); ) {
    if (Date.now() > end) {
      const rows = await h.query(
        "SELECT platform, state, target, count(*) AS n, min(last_error) AS e FROM outbox GROUP BY platform, state, target ORDER BY 1, 2, 3",
      );
      throw new Error(`${failure} ${JSON.stringify(rows)}`);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
}

const dms = (p: RecordingPlatform) => p.sent.filter((s) => s.via === "dm");

describe("platforms share the scheduler fairly", () => {
  it("a stuck platform never holds back another: Discord DMs go out while 64 Telegram sends hang", async () => {
    const { telegram, discord, stuck } = await linkedMob();
    h.clock.set(START - 24 * HOUR);
    const draining = h.drain();
    await eventually(() => dms(discord).length >= 10, "Discord's DMs were held back by Telegram's");
    expect(dms(discord)).toHaveLength(10);
    expect(dms(telegram)).toHaveLength(0);
    stuck();
    await draining;
    await h.drain();
    expect(dms(telegram)).toHaveLength(100);
  });

  it("a mob announced while Telegram's sends hang reaches the Discord channel at once", async () => {
    const { telegram, discord, stuck } = await linkedMob();
    h.clock.set(START - 24 * HOUR);
    const draining = h.drain();
    await eventually(() => dms(discord).length >= 10, "Discord's DMs were held back by Telegram's");
    discord.clear();
    telegram.clear();
    await say(h.core, inGroup("discord", "dora", true), {
      type: "create",
      shop: "Librairie",
      when: "2026-12-10 18:00",
    });
    await eventually(
      () => discord.log().includes("channel chan call_to_action"),
      "the new mob's call-to-action waited for Telegram's stuck sends",
    );
    expect(telegram.log()).toEqual([]);
    stuck();
    await draining;
    await h.drain();
    expect(telegram.log()).toContain("channel -100 call_to_action");
  });
});
