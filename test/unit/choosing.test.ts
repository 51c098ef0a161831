import { describe, expect, it } from "vitest";
import { actionId, actionToCommand } from "../../src/app/action-ids.js";
import { parseTextCommand } from "../../src/app/parse-command.js";
import { USAGE } from "../../src/app/parse-usage.js";
import { nextMerchantAnswer, parseMerchantStatus } from "../../src/domain/merchant.js";
import { foldName } from "../../src/domain/nomination.js";
import { closingTime, pickWinner, type VoteOption } from "../../src/domain/vote.js";
import type { Command } from "../../src/ports/inbound.js";

const H = 3_600_000;
const NOW = Date.UTC(2026, 11, 1, 12);

describe("choosing-the-shop commands as typed", () => {
  it.each<[string, Command]>([
    ["/nominate Librairie du Parc", { type: "nominate", shop: "Librairie du Parc" }],
    [
      "/nominate Librairie du Parc | 3 rue des Lilas | best bookshop",
      {
        type: "nominate",
        shop: "Librairie du Parc",
        address: "3 rue des Lilas",
        why: "best bookshop",
      },
    ],
    ["/nominate Cave | | family-run", { type: "nominate", shop: "Cave", why: "family-run" }],
    ["/nominations", { type: "nominations" }],
    ["/dropshop 4", { type: "dropshop", id: "4" }],
    ["/dropshop 4 a national chain", { type: "dropshop", id: "4", reason: "a national chain" }],
    ["/vote 2026-12-12 18:00", { type: "vote", when: "2026-12-12 18:00" }],
    [
      "/vote 2026-12-12 18:00 | closes=2026-12-10 20:00",
      { type: "vote", when: "2026-12-12 18:00", closes: "2026-12-10 20:00" },
    ],
    ["/vote in 5d | closes: in 24h", { type: "vote", when: "in 5d", closes: "in 24h" }],
    ["/vote in 5d | in 24h", { type: "vote", when: "in 5d", closes: "in 24h" }],
    ["/closevote 2", { type: "closevote", id: "2" }],
    ["/merchant 3 agreed", { type: "merchant", id: "3", status: "agreed" }],
    [
      "/merchant 3 declined too busy in December",
      { type: "merchant", id: "3", status: "declined", note: "too busy in December" },
    ],
    ["/merchant 3 publish yes", { type: "merchant", id: "3", publish: "yes" }],
    ["/settings gate on", { type: "settings", gate: "on" }],
  ])("%j", (text, command) => {
    expect(parseTextCommand(text)).toEqual({ ok: true, command });
  });

  it.each<[string, keyof typeof USAGE]>([
    ["/nominate", "nominate"],
    ["/nominate A | B | C | D", "nominate"],
    ["/nominations now", "nominations"],
    ["/dropshop", "dropshop"],
    ["/vote", "vote"],
    ["/vote a | b | c", "vote"],
    ["/closevote", "closevote"],
    ["/closevote 1 2", "closevote"],
    ["/merchant 3", "merchant"],
    ["/merchant 3 publish", "merchant"],
  ])("%j shows the usage", (text, usage) => {
    expect(parseTextCommand(text)).toEqual({ ok: false, code: "USAGE", usage: USAGE[usage] });
  });
});

describe("the vote button codec", () => {
  it("round-trips every vote button id, and each fits Telegram's 64 bytes", () => {
    for (const [vote, nomination] of [
      [1, 1],
      [42, 7],
      [999_999_999, 999_999_999],
    ] as const) {
      const id = actionId.vote(vote, nomination);
      expect(Buffer.byteLength(id)).toBeLessThanOrEqual(64);
      expect(actionToCommand(id)).toEqual({
        type: "ballot",
        voteId: String(vote),
        nominationId: String(nomination),
      });
    }
  });

  it.each(["vote:1", "vote:1:", "vote:x:1", "vote:1:2:3", "vote:1234567890:1", " vote:1:1"])(
    "%j is no valid button",
    (id) => {
      expect(actionToCommand(id)).toBeNull();
    },
  );
});

describe("foldName: the same shop, however it is typed", () => {
  it.each([
    ["Librairie du Parc", "librairie  du parc"],
    ["Épicerie Mado", "epicerie mado"],
    ["L’Atelier", "l'atelier"],
    ["CAFÉ NOIR ", " café noir"],
    ["Ｃａｖｅ", "cave"],
  ])("%j = %j", (a, b) => {
    expect(foldName(a)).toBe(foldName(b));
  });

  it("different shops stay different", () => {
    expect(foldName("Cave Rouge")).not.toBe(foldName("Cave Blanche"));
  });
});

const option = (over: Partial<VoteOption>): VoteOption => ({
  nominationId: 1,
  name: "A",
  address: null,
  position: 1,
  queued: true,
  seconds: 0,
  createdAt: NOW,
  votes: 0,
  ...over,
});

describe("pickWinner", () => {
  it("most votes wins", () => {
    const won = pickWinner([
      option({ nominationId: 1, votes: 3, seconds: 9 }),
      option({ nominationId: 2, votes: 4 }),
    ]);
    expect(won?.nominationId).toBe(2);
  });

  it("a tie goes to the most seconded, then to the earliest nominated", () => {
    expect(
      pickWinner([
        option({ nominationId: 1, votes: 2, seconds: 1 }),
        option({ nominationId: 2, votes: 2, seconds: 3 }),
      ])?.nominationId,
    ).toBe(2);
    expect(
      pickWinner([
        option({ nominationId: 5, votes: 2, createdAt: NOW + 1 }),
        option({ nominationId: 9, votes: 2, createdAt: NOW }),
      ])?.nominationId,
    ).toBe(9);
  });

  it("a dropped shop cannot win, and nobody voting means no winner", () => {
    expect(
      pickWinner([
        option({ nominationId: 1, votes: 5, queued: false }),
        option({ nominationId: 2, votes: 1 }),
      ])?.nominationId,
    ).toBe(2);
    expect(pickWinner([option({ votes: 0 }), option({ nominationId: 2, votes: 0 })])).toBeNull();
    expect(pickWinner([])).toBeNull();
  });
});

describe("closingTime", () => {
  it.each([
    ["48 h after opening by default", NOW + 10 * 24 * H, null, NOW + 48 * H],
    ["an hour before a mob sooner than that", NOW + 30 * H, null, NOW + 29 * H],
    ["as asked", NOW + 10 * 24 * H, NOW + 5 * H, NOW + 5 * H],
    ["as asked, right up to an hour before the mob", NOW + 10 * H, NOW + 9 * H, NOW + 9 * H],
  ])("%s", (_what, mobAt, asked, closes) => {
    expect(closingTime(NOW, mobAt, asked)).toEqual({ ok: true, value: closes });
  });

  it("refuses a closing less than an hour before the mob, and a mob too soon for any vote", () => {
    expect(closingTime(NOW, NOW + 10 * H, NOW + 9 * H + 1)).toMatchObject({
      ok: false,
      code: "VOTE_CLOSES_TOO_LATE",
    });
    expect(closingTime(NOW, NOW + H, null)).toMatchObject({ ok: false, code: "VOTE_TOO_LATE" });
  });
});

describe("the merchant's answer", () => {
  it.each([
    ["asked", "asked"],
    ["Agreed", "agreed"],
    ["oui", "agreed"],
    ["d'accord", "agreed"],
    ["declined", "declined"],
    ["refusé", "declined"],
    ["maybe", null],
    ["other_date", null],
  ])("%j is %j", (typed, status) => {
    expect(parseMerchantStatus(typed)).toBe(status);
  });

  it("organizers record asked/agreed/declined, the link agreed/declined/other_date, only while the mob is ahead", () => {
    const ahead = { id: 1, state: "draft" } as const;
    expect(nextMerchantAnswer(ahead, "asked", "organizer")).toEqual({ ok: true, value: "asked" });
    expect(nextMerchantAnswer(ahead, "other_date", "organizer").ok).toBe(false);
    expect(nextMerchantAnswer(ahead, "other_date", "merchant_link").ok).toBe(true);
    expect(nextMerchantAnswer(ahead, "asked", "merchant_link").ok).toBe(false);
    expect(nextMerchantAnswer({ id: 1, state: "announced" }, "declined", "merchant_link").ok).toBe(
      true,
    );
    for (const state of ["live", "ended", "tallied", "cancelled"] as const)
      expect(nextMerchantAnswer({ id: 1, state }, "agreed", "organizer")).toMatchObject({
        ok: false,
        code: "MERCHANT_TOO_LATE",
      });
  });
});
