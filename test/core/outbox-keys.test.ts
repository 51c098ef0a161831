import { afterEach, describe, expect, it } from "vitest";
import { decodeOutboxKey, encodeOutboxKey } from "../../src/domain/codecs/outbox-key.js";
import { groupActor, HOUR, organizer, reply, say } from "../fakes/core-harness.js";
import { type Harness, recordingHarness } from "../fakes/core-scene.js";

let h: Harness;
afterEach(() => h?.close());

describe("every key the outbox holds after a mob's life", () => {
  it("is one the outbox-key codec reads and writes back the same", async () => {
    ({ h } = recordingHarness());
    const create = (shop: string) =>
      reply(h.core, organizer(), {
        type: "create",
        shop,
        when: "2026-12-05 18:00",
        pledge: "15",
        address: "3 rue des Lilas",
      });
    await create("Librairie du Parc");
    await create("Fromagerie");
    await h.drain();
    await say(h.core, groupActor("alice"), { type: "action", actionId: "mob:1:join" });
    await say(h.core, groupActor("bob"), { type: "action", actionId: "mob:2:maybe" });
    await say(h.core, organizer(), { type: "edit", id: "1", when: "2026-12-05 19:00" });
    await say(h.core, organizer(), { type: "cancel", id: "2", reason: "closed" });
    await h.advance(5 * 24 * HOUR, HOUR);
    await say(h.core, groupActor("alice"), { type: "action", actionId: "mob:1:spent:1500" });
    await say(h.core, organizer(), { type: "thanks", id: "1" });
    await h.advance(2 * 24 * HOUR, HOUR);

    const rows = (await h.query("SELECT key, batch FROM outbox")) as {
      key: string;
      batch: string | null;
    }[];
    const kinds = new Set(rows.map((r) => r.key.replace(/\d+|[0-9a-f-]{36}/g, "N")));
    expect(kinds.size).toBeGreaterThan(10);
    for (const { key, batch } of rows) {
      const decoded = decodeOutboxKey(key);
      expect(decoded, key).not.toBeNull();
      expect(encodeOutboxKey(decoded!)).toBe(key);
      if (batch !== null) expect(decodeOutboxKey(batch), batch).not.toBeNull();
    }
  });
});
