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

describe("platforms share the scheduler fairly", () => {
  it("a stuck platform never holds back another: Discord DMs go out while 64 Telegram sends hang", async () => {
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
    let release = () => {};
    telegram.gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    h.clock.set(START - 24 * HOUR);
    const draining = h.drain();
    // The Discord rows get through while Telegram's are stuck: waited for, however long a
    // loaded machine takes (held back, they would never come and the wait would time out).
    for (
      const end = Date.now() + 10_000;
      discord.sent.filter((s) => s.via === "dm").length < 10;
    ) {
      if (Date.now() > end) throw new Error("Discord's DMs were held back by Telegram's");
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(discord.sent.filter((s) => s.via === "dm").map((s) => s.to)).toHaveLength(10);
    expect(telegram.sent.filter((s) => s.via === "dm")).toHaveLength(0);
    release();
    telegram.gate = null;
    await draining;
    await h.drain();
    expect(telegram.sent.filter((s) => s.via === "dm")).toHaveLength(100);
  });
});
