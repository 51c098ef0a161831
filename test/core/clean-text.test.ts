import { afterEach, describe, expect, it } from "vitest";
import type { Actor } from "../../src/ports/inbound.js";
import {
  groupActor,
  type Harness,
  HOUR,
  makeHarness,
  organizer,
  say,
} from "../fakes/core-harness.js";
import { orgCreates } from "../fakes/core-scene.js";
import { coreWebPort } from "../fakes/core-web.js";

/**
 * One cleaning rule wherever people's text enters, chat or web: a bidi
 * override (U+202E), a zero-width space (U+200B), bidi marks, a word joiner,
 * a byte-order mark, a soft hyphen and a control character never reach what
 * is stored, so they can never reorder or hide text in anyone's chat.
 */
const DIRTY = "\u202eLa\u200b Cave\u200e \u2060du\u00ad\ufeff Parc\u0007\u202c";
const CLEAN = "La Cave du Parc";
// What the rule promises to remove, to check nothing of it is left anywhere.
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: detecting them is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u200b\u200e\u202a-\u202e\u2060\ufeff]/;

let h: Harness;
afterEach(() => h.close());

async function mob(over: Record<string, string> = {}): Promise<void> {
  await orgCreates(h.core, { shop: "Cave", when: "2026-12-05 18:00", ...over });
}

const mobOne = () => h.store.getMob(1);

type Entry = readonly [string, (dirty: string) => Promise<string | null | undefined>];

const ENTRIES: readonly Entry[] = [
  [
    "/create shop",
    async (t) => {
      await mob({ shop: t });
      return (await mobOne())?.shopName;
    },
  ],
  [
    "/create address",
    async (t) => {
      await mob({ address: t });
      return (await mobOne())?.address;
    },
  ],
  [
    "/create meeting point",
    async (t) => {
      await mob({ meetingPoint: t });
      return (await mobOne())?.meetingPoint;
    },
  ],
  [
    "/create party",
    async (t) => {
      await mob({ party: t });
      return (await mobOne())?.party;
    },
  ],
  [
    "/edit address",
    async (t) => {
      await mob();
      await say(h.core, organizer(), { type: "edit", id: "1", address: t });
      return (await mobOne())?.address;
    },
  ],
  [
    "/edit meeting point",
    async (t) => {
      await mob();
      await say(h.core, organizer(), { type: "edit", id: "1", meetingPoint: t });
      return (await mobOne())?.meetingPoint;
    },
  ],
  [
    "/edit party",
    async (t) => {
      await mob();
      await say(h.core, organizer(), { type: "edit", id: "1", party: t });
      return (await mobOne())?.party;
    },
  ],
  [
    "/cancel reason",
    async (t) => {
      await mob();
      await say(h.core, organizer(), { type: "cancel", id: "1", reason: t });
      return (await mobOne())?.cancelReason;
    },
  ],
  [
    "/merchant note",
    async (t) => {
      await mob({ draft: "yes" });
      await say(h.core, organizer(), { type: "merchant", id: "1", status: "asked", note: t });
      return (await mobOne())?.merchant.note;
    },
  ],
  [
    "the merchant's link note (web)",
    async (t) => {
      await mob({ draft: "yes" });
      const answer = { mobId: 1, answer: "agreed", note: t, usualTakingsMinor: null } as const;
      await coreWebPort(h).recordMerchantAnswer({ ...answer, now: h.clock.now() });
      return (await mobOne())?.merchant.note;
    },
  ],
  [
    "/thanks message",
    async (t) => {
      await mob();
      h.clock.set(Date.UTC(2026, 11, 6, 12, 0));
      await say(h.core, organizer(), { type: "thanks", id: "1", message: t });
      const row = (await h.store.rowsFor("mob", 1)).find((r) => r.kind === "thanks");
      return row?.payload.message as string | undefined;
    },
  ],
  [
    "/nominate shop",
    async (t) => {
      await nominate({ shop: t });
      return (await h.store.getNomination(1))?.name;
    },
  ],
  [
    "/nominate address",
    async (t) => {
      await nominate({ address: t });
      return (await h.store.getNomination(1))?.address;
    },
  ],
  [
    "/nominate why",
    async (t) => {
      await nominate({ why: t });
      return (await h.store.getNomination(1))?.why;
    },
  ],
  [
    "/dropshop reason",
    async (t) => {
      await nominate({});
      await say(h.core, organizer(), { type: "dropshop", id: "1", reason: t });
      return (await h.store.getNomination(1))?.dropReason;
    },
  ],
  [
    "a member's display name",
    async (t) => {
      const ann: Actor = groupActor("ann", { user: { id: "ann", displayName: t } });
      await say(h.core, ann, { type: "list" });
      return (await h.store.getMember(1))?.displayName;
    },
  ],
  [
    "a chat's name",
    async (t) => {
      const actor = organizer();
      await say(
        h.core,
        { ...actor, community: { id: "g9", name: t, channelId: "g9" } },
        {
          type: "list",
        },
      );
      return (await h.store.findChat("console", "g9"))?.name;
    },
  ],
];

async function nominate(over: { shop?: string; address?: string; why?: string }): Promise<void> {
  await say(h.core, groupActor("ann"), { type: "nominate", shop: "Cave", ...over });
}

describe("every entry point of people's text follows the one cleaning rule", () => {
  it.each(ENTRIES)(
    "%s is stored without bidi, zero-width or control characters",
    async (_, run) => {
      h = makeHarness();
      expect(await run(DIRTY)).toBe(CLEAN);
    },
  );

  it.each(ENTRIES)("%s keeps emoji sequences and right-to-left text as typed", async (_, run) => {
    h = makeHarness();
    const text = "مكتبة 👨‍👩‍👧";
    const stored = await run(text);
    expect(stored).toBe(text);
    expect(stored).not.toMatch(UNSAFE);
  });

  it("the merchant's web note keeps its line breaks, each line cleaned", async () => {
    h = makeHarness();
    await mob({ draft: "yes" });
    await coreWebPort(h).recordMerchantAnswer({
      mobId: 1,
      answer: "other_date",
      note: `${DIRTY}\r\n\r\n\r\n\u200bThursday?\u202e `,
      usualTakingsMinor: null,
      now: h.clock.now() + HOUR,
    });
    expect((await mobOne())?.merchant.note).toBe(`${CLEAN}\n\nThursday?`);
  });
});
