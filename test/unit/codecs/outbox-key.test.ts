import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeOutboxKey,
  dmParent,
  encodeOutboxKey,
  type OutboxKey,
  outboxKey,
  ROW_NAMES,
  TIMELINE_NAMES,
} from "../../../src/domain/codecs/outbox-key.js";

const id = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
const time = fc.integer({ min: 0, max: 9_999_999_999_999 });
const nonce = fc.oneof(
  fc.uuid().map((u) => u.toLowerCase()),
  time.map(String),
);
const row: fc.Arbitrary<OutboxKey> = fc.record(
  {
    type: fc.constant("row" as const),
    subject: fc.constantFrom("mob" as const, "vote" as const),
    subjectId: id,
    name: fc.constantFrom(...ROW_NAMES),
    nonce,
  },
  { requiredKeys: ["type", "subject", "subjectId", "name"] },
);
const timeline: fc.Arbitrary<OutboxKey> = fc.oneof(
  fc.record({
    type: fc.constant("timeline" as const),
    mobId: id,
    startsAt: time,
    name: fc.constantFrom(...TIMELINE_NAMES.filter((n) => n !== "reminder")),
  }),
  fc.record({
    type: fc.constant("timeline" as const),
    mobId: id,
    startsAt: time,
    name: fc.constant("reminder" as const),
    offsetMs: time,
  }),
);
const change: fc.Arbitrary<OutboxKey> = fc.record({
  type: fc.constant("change" as const),
  mobId: id,
  change: fc.constantFrom("cancelled" as const, "rescheduled" as const),
  startsAt: time,
  at: time,
});
const base = fc.oneof(row, timeline, change);
const keys: fc.Arbitrary<OutboxKey> = fc.oneof(
  base,
  fc
    .tuple(base, id, fc.constantFrom("chat" as const, "mentions" as const))
    .map(([parent, chatId, type]) => ({ type, parent: encodeOutboxKey(parent), chatId })),
  fc
    .tuple(base, id, fc.constantFrom("dm" as const, "mention" as const))
    .map(([parent, memberId, type]) => ({ type, parent: encodeOutboxKey(parent), memberId })),
);

describe("the outbox-key codec", () => {
  it("reads back every key it writes", () => {
    fc.assert(
      fc.property(keys, (key) => {
        expect(decodeOutboxKey(encodeOutboxKey(key))).toEqual(key);
      }),
    );
  });

  it("never throws on junk, and what it reads it writes back the same", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 80 }),
          fc.string({ unit: fc.constantFrom(..."mobvte:@_0123456789chatdmnio"), maxLength: 40 }),
          keys.map(encodeOutboxKey).chain((k) => fc.nat(k.length).map((n) => k.slice(0, n))),
        ),
        (text) => {
          const key = decodeOutboxKey(text);
          if (key !== null) expect(encodeOutboxKey(key)).toBe(text);
        },
      ),
    );
  });

  // Every shape the outbox held before this codec (databases keep pending rows
  // with these strings), built as the code built them, and by the codec now.
  const uuid = randomUUID();
  const at = 1_764_950_400_000;
  it.each([
    // domain/plan.ts: the timeline
    [
      "mob:7@1764950400000:reminder:86400000",
      outboxKey.timeline({ id: 7, startsAt: at }, "reminder", 86_400_000),
    ],
    ["mob:7@1764950400000:reveal", outboxKey.timeline({ id: 7, startsAt: at }, "reveal")],
    ["mob:7@1764950400000:start", outboxKey.timeline({ id: 7, startsAt: at }, "start")],
    [
      "mob:7@1764950400000:spend_question",
      outboxKey.timeline({ id: 7, startsAt: at }, "spend_question"),
    ],
    ["mob:7@1764950400000:tally", outboxKey.timeline({ id: 7, startsAt: at }, "tally")],
    // app/timeline.ts
    ["mob:7:call_to_action", outboxKey.row("mob", 7, "call_to_action")],
    ["mob:7:call_to_action:chat:3", outboxKey.chat(outboxKey.row("mob", 7, "call_to_action"), 3)],
    [`mob:7:event_sync:${uuid}`, outboxKey.row("mob", 7, "event_sync", uuid)],
    [`mob:7:cta_edit:${uuid}`, outboxKey.row("mob", 7, "cta_edit", uuid)],
    [`vote:2:vote_edit:${uuid}`, outboxKey.row("vote", 2, "vote_edit", uuid)],
    [
      "mob:7:cancelled@1764950400000:1764900000000",
      outboxKey.change({ id: 7, startsAt: at }, "cancelled", 1_764_900_000_000),
    ],
    [
      "mob:7:rescheduled@1764950400000:1764900000000",
      outboxKey.change({ id: 7, startsAt: at }, "rescheduled", 1_764_900_000_000),
    ],
    // app/thanks.ts, app/merchant.ts
    [`mob:7:thanks:${uuid}`, outboxKey.row("mob", 7, "thanks", uuid)],
    [
      "mob:7:merchant_answer:1764900060000",
      outboxKey.row("mob", 7, "merchant_answer", "1764900060000"),
    ],
    // app/vote-rows.ts
    ["vote:2:post", outboxKey.row("vote", 2, "post")],
    ["vote:2:close", outboxKey.row("vote", 2, "close")],
    ["vote:2:result", outboxKey.row("vote", 2, "result")],
    ["vote:2:post:chat:3", outboxKey.chat(outboxKey.row("vote", 2, "post"), 3)],
    // delivery/recap.ts
    [
      "mob:7@1764950400000:recap:chat:3",
      outboxKey.chat(outboxKey.timeline({ id: 7, startsAt: at }, "recap"), 3),
    ],
    // delivery/dispatcher.ts, delivery/outcome.ts: fan-out and its fallbacks
    ["mob:7@1764950400000:start:chat:3", outboxKey.chat("mob:7@1764950400000:start", 3)],
    ["mob:7@1764950400000:start:dm:11", outboxKey.dm("mob:7@1764950400000:start", 11)],
    ["mob:7@1764950400000:start:mention:11", outboxKey.mention("mob:7@1764950400000:start", 11)],
    [
      "mob:7@1764950400000:start:mention:chat:3",
      outboxKey.mentions("mob:7@1764950400000:start", 3),
    ],
    [`mob:7:thanks:${uuid}:dm:11`, outboxKey.dm(`mob:7:thanks:${uuid}`, 11)],
    [
      "mob:7:cancelled@1764950400000:1764900000000:dm:11",
      outboxKey.dm("mob:7:cancelled@1764950400000:1764900000000", 11),
    ],
  ])("%s", (wire, built) => {
    expect(built).toBe(wire);
    const key = decodeOutboxKey(wire);
    expect(key).not.toBeNull();
    expect(encodeOutboxKey(key as OutboxKey)).toBe(wire);
  });

  it.each([
    "",
    "mob:7",
    "mob:7:",
    "mob:7:nonsense",
    "mob:07:call_to_action",
    "mob:7:call_to_action:",
    "mob:7:thanks:Not-A-Nonce",
    "mob:7@x:start",
    "mob:7@1:reminder",
    "mob:7@1:start:5",
    "mob:7:cancelled@1",
    "chat:3",
    "mob:7:chat:3",
    "nope:chat:3",
    "mob:7:call_to_action:chat:",
    "mob:7:call_to_action:chat:-3",
    "mob:7:call_to_action:mention:chat:x",
    "update:12:codes:-100",
  ])("%j is no key the outbox writes", (text) => {
    expect(decodeOutboxKey(text)).toBeNull();
  });

  it("a DM's fallback mention hangs off the DM's parent, as the dispatcher stripped `:dm:<id>` before", () => {
    expect(dmParent("mob:7@1764950400000:start:dm:11")).toBe("mob:7@1764950400000:start");
    expect(dmParent("mob:7:cancelled@1764950400000:1764900000000:dm:4")).toBe(
      "mob:7:cancelled@1764950400000:1764900000000",
    );
    expect(dmParent("mob:7@1764950400000:start:chat:3")).toBe("mob:7@1764950400000:start:chat:3");
  });
});
