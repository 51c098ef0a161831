import type Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Community, Member } from "../../src/domain/community.js";
import { NOT_ASKED } from "../../src/domain/merchant.js";
import type { NewMob } from "../../src/domain/mob.js";
import type { OutboxRow } from "../../src/domain/outbox.js";
import type { Tx } from "../../src/ports/unit-of-work.js";
import { openDatabase } from "../../src/storage/database.js";
import { SqliteUnitOfWork } from "../../src/storage/sqlite/unit-of-work.js";
import { autocommit } from "../support/autocommit.js";
import { HELD } from "../support/lease.js";
import { H, mobOf, newCommunity, T } from "./contract/fixtures.js";

let db: Database.Database;
let uow: SqliteUnitOfWork;
let store: Tx;
let community: Community;
let org: Member;

beforeEach(async () => {
  db = openDatabase(":memory:");
  uow = new SqliteUnitOfWork(db);
  store = autocommit(uow);
  community = await newCommunity(store);
  org = await store.upsertMember("telegram", "42", "Org", "fr", T);
});
afterEach(() => db.close());

async function newMob(over: Partial<NewMob> = {}): Promise<NewMob> {
  const shopId = await store.insertShop(
    community.id,
    "Librairie du Parc",
    "3 rue des Lilas",
    null,
    T,
  );
  return mobOf(community, shopId, org.id, over);
}

const row = (mobId: number, key: string, dueAt: number, kind = "reminder") => ({
  key,
  communityId: community.id,
  subject: "mob" as const,
  subjectId: mobId,
  kind,
  target: "community" as const,
  dueAt,
  payload: { key },
});

const scope = (mobId: number, kind: string, chatId: number | null = null) => ({
  subject: "mob" as const,
  subjectId: mobId,
  kind,
  chatId,
});

describe("communities and members", () => {
  it("a community has an unguessable public id and is updated in place", async () => {
    expect(community.publicId).toMatch(/^[0-9a-f]{24}$/);
    const other = await store.insertCommunity({ ...community }, T);
    expect(other.publicId).not.toBe(community.publicId);
    const updated = await store.updateCommunity(community.id, {
      timezone: "UTC",
      organizerRule: "anyone",
    });
    expect(updated).toEqual({ ...community, timezone: "UTC", organizerRule: "anyone" });
    expect(await store.getCommunity(community.id)).toEqual(updated);
  });

  it("upserting a member keeps one row, renames them, and keeps a known locale when none is given", async () => {
    const again = await store.upsertMember("telegram", "42", "Organizer", null, T + H);
    expect(again).toEqual({ ...org, displayName: "Organizer", locale: "fr", dmChannel: null });
    expect(db.prepare("SELECT count(*) AS n FROM members").get()).toEqual({ n: 1 });
    expect((await store.upsertMember("discord", "42", "Other", null, T)).id).not.toBe(org.id);
  });

  it("DM reachability is unknown until tried, then remembered", async () => {
    expect(org.dmReachable).toBeNull();
    await store.setReachable(org.id, false);
    expect((await store.getMember(org.id))?.dmReachable).toBe(false);
    await store.setReachable(org.id, true);
    expect((await store.getMember(org.id))?.dmReachable).toBe(true);
  });
});

describe("mobs", () => {
  it("a mob reads back exactly as it was inserted, with its shop's name", async () => {
    const mob = await store.insertMob(
      await newMob({
        secret: true,
        capacity: 30,
        goalMinor: 30_000,
        party: "Le Zinc",
      }),
    );
    expect(mob.publicId).toMatch(/^[0-9a-f]{24}$/);
    expect(mob).toEqual({
      id: mob.id,
      publicId: mob.publicId,
      communityId: community.id,
      shopId: mob.shopId,
      shopName: "Librairie du Parc",
      address: "3 rue des Lilas",
      meetingPoint: "Fontaine",
      party: "Le Zinc",
      startsAt: T + 96 * H,
      durationMs: 2 * H,
      pledgeMinor: 1500,
      currency: "EUR",
      secret: true,
      capacity: 30,
      goalMinor: 30_000,
      takingsMinor: null,
      takingsPublic: false,
      merchant: NOT_ASKED,
      status: "announced",
      createdBy: org.id,
      checkinCode: "ABC234",
      cancelReason: null,
      createdAt: T,
      updatedAt: T,
    });
    expect(await store.getMob(mob.id)).toEqual(mob);
    expect(await store.getMob(mob.id + 1)).toBeNull();
  });

  it("the same shop named again (any case) is one shop, whose takings are kept", async () => {
    const a = await store.insertShop(community.id, "Cave", null, 40_000, T);
    const b = await store.insertShop(community.id, "CAVE", "1 rue X", null, T);
    expect(b).toBe(a);
    const mob = await store.insertMob(await newMob({ shopId: a }));
    expect(mob.takingsMinor).toBe(40_000);
    await store.setShopTakings(a, 50_000);
    expect((await store.getMob(mob.id))?.takingsMinor).toBe(50_000);
  });

  it("an update changes only the fields given", async () => {
    const mob = await store.insertMob(await newMob());
    const updated = await store.updateMob(
      mob.id,
      { status: "cancelled", cancelReason: "Travaux" },
      T + H,
    );
    expect(updated).toEqual({
      ...mob,
      status: "cancelled",
      cancelReason: "Travaux",
      updatedAt: T + H,
    });
  });

  it("open mobs are this community's not-yet-ended ones, soonest first, drafts only when asked", async () => {
    const later = await store.insertMob(await newMob({ startsAt: T + 48 * H }));
    const sooner = await store.insertMob(await newMob({ startsAt: T + 24 * H }));
    const draft = await store.insertMob(await newMob({ status: "draft", startsAt: T + 30 * H }));
    await store.insertMob(await newMob({ status: "cancelled" }));
    await store.insertMob(await newMob({ startsAt: T - 3 * H }));
    const live = await store.insertMob(await newMob({ startsAt: T - H }));
    const other = await store.insertCommunity({ ...community }, T);
    await store.insertMob(await newMob({ communityId: other.id }));
    const ids = async (drafts: boolean) =>
      (await store.listOpenMobs(community.id, T, drafts, 20)).map((m) => m.id);
    expect(await ids(false)).toEqual([live.id, sooner.id, later.id]);
    expect(await ids(true)).toEqual([live.id, sooner.id, draft.id, later.id]);
    expect((await store.listOpenMobs(community.id, T, true, 2)).map((m) => m.id)).toEqual([
      live.id,
      sooner.id,
    ]);
  });
});

describe("participants", () => {
  it("an RSVP, a personal pledge, a spend and a check-in read back, and counts follow", async () => {
    const mob = await store.insertMob(await newMob());
    const alice = await store.upsertMember("telegram", "1", "Alice", null, T);
    const bob = await store.upsertMember("telegram", "2", "Bob", null, T);
    await store.setRsvp(mob.id, alice.id, "going", T, 2500);
    await store.setRsvp(mob.id, bob.id, "maybe", T + 1);
    expect(await store.counts(mob.id)).toEqual({ going: 1, maybe: 1, waiting: 0 });

    await store.setRsvp(mob.id, alice.id, "maybe", T + 2);
    expect(await store.getParticipant(mob.id, alice.id)).toMatchObject({
      status: "maybe",
      pledgeMinor: 2500,
    });

    await store.setSpent(mob.id, bob.id, 1800, T + 97 * H);
    await store.setCheckedIn(mob.id, bob.id, T + 96 * H);
    await store.setCheckedIn(mob.id, bob.id, T + 98 * H);
    expect(await store.getParticipant(mob.id, bob.id)).toEqual({
      memberId: bob.id,
      status: "going",
      pledgeMinor: null,
      spentMinor: 1800,
      checkedInAt: T + 96 * H,
      chatId: null,
    });
    expect((await store.participants(mob.id)).map((p) => [p.member.displayName, p.status])).toEqual(
      [
        ["Alice", "maybe"],
        ["Bob", "going"],
      ],
    );

    await store.removeParticipant(mob.id, alice.id);
    expect(await store.getParticipant(mob.id, alice.id)).toBeNull();
    expect(await store.counts(mob.id)).toEqual({ going: 1, maybe: 0, waiting: 0 });
  });

  it("a mob nobody joined counts zero, not null", async () => {
    const mob = await store.insertMob(await newMob());
    expect(await store.counts(mob.id)).toEqual({ going: 0, maybe: 0, waiting: 0 });
    expect(await store.participants(mob.id)).toEqual([]);
  });
});

describe("the outbox", () => {
  it("a row is claimed once when due, oldest first, and a known key is not queued twice", async () => {
    const mob = await store.insertMob(await newMob());
    expect(await store.enqueue([row(mob.id, "b", T + 2 * H), row(mob.id, "a", T + H)], T)).toBe(2);
    expect(await store.enqueue([row(mob.id, "a", T + 5 * H)], T)).toBe(0);
    expect(await store.nextDueAt()).toBe(T + H);
    expect(await store.claimDue(T, 10, new Map(), HELD)).toEqual([]);
    const claimed = await store.claimDue(T + 3 * H, 10, new Map(), HELD);
    expect(claimed.map((r) => [r.key, r.state, r.dueAt, r.payload])).toEqual([
      ["a", "sending", T + H, { key: "a" }],
      ["b", "sending", T + 2 * H, { key: "b" }],
    ]);
    expect(await store.claimDue(T + 3 * H, 10, new Map(), HELD)).toEqual([]);
    // Nothing pending: the next instant that matters is when the claimed rows' lease ends.
    expect(await store.nextDueAt()).toBe(HELD.until);
  });

  it("claiming honours the limit", async () => {
    const mob = await store.insertMob(await newMob());
    await store.enqueue(
      [1, 2, 3].map((i) => row(mob.id, `k${i}`, T + i)),
      T,
    );
    expect((await store.claimDue(T + 10, 2, new Map(), HELD)).map((r) => r.key)).toEqual([
      "k1",
      "k2",
    ]);
    expect((await store.claimDue(T + 10, 2, new Map(), HELD)).map((r) => r.key)).toEqual(["k3"]);
  });

  it("a sent row keeps its platform reference; a retried one comes back later with the attempt counted", async () => {
    const mob = await store.insertMob(await newMob());
    await store.enqueue([row(mob.id, "cta", T, "call_to_action"), row(mob.id, "r", T)], T);
    const [cta, reminder] = (await store.claimDue(T, 10, new Map(), HELD)) as [
      OutboxRow,
      OutboxRow,
    ];
    await store.markSent(cta.id, "msg-1", T);
    expect(await store.sentRef(scope(mob.id, "call_to_action"))).toBe("msg-1");
    expect(await store.lastActivityAt(scope(mob.id, "call_to_action"))).toBe(T);

    await store.retryAt(reminder.id, T + 60_000, "rate limited", true);
    expect(await store.claimDue(T + 59_999, 10, new Map(), HELD)).toEqual([]);
    const [again] = await store.claimDue(T + 60_000, 10, new Map(), HELD);
    expect(again).toMatchObject({ key: "r", attempts: 1, state: "sending" });
    await store.retryAt(reminder.id, T + 120_000, "transient, not counted", false);
    expect((await store.claimDue(T + 120_000, 10, new Map(), HELD))[0]?.attempts).toBe(1);
  });

  it("withdrawing takes back pending rows only, and enqueueing the same key revives a withdrawn row", async () => {
    const mob = await store.insertMob(await newMob());
    await store.enqueue(
      [row(mob.id, "r1", T + H), row(mob.id, "s", T + 2 * H, "start"), row(mob.id, "sent", T)],
      T,
    );
    const [sent] = (await store.claimDue(T, 10, new Map(), HELD)) as [OutboxRow];
    await store.markSent(sent.id, null, T);
    expect(await store.withdrawPending("mob", mob.id, T, ["reminder"])).toBe(1);
    expect(await store.hasPending(scope(mob.id, "reminder"))).toBe(false);
    expect(await store.hasPending(scope(mob.id, "start"))).toBe(true);
    expect(await store.withdrawPending("mob", mob.id, T)).toBe(1);
    expect((await store.rowsFor("mob", mob.id)).map((r) => [r.key, r.state])).toEqual([
      ["r1", "withdrawn"],
      ["s", "withdrawn"],
      ["sent", "sent"],
    ]);

    // The mob moved back to its old time: the same keys come back, due at the new time.
    expect(
      await store.enqueue([row(mob.id, "r1", T + 3 * H), row(mob.id, "sent", T + 3 * H)], T),
    ).toBe(1);
    const revived = (await store.rowsFor("mob", mob.id)).find((r) => r.key === "r1");
    expect(revived).toMatchObject({ state: "pending", dueAt: T + 3 * H, attempts: 0 });
    expect((await store.rowsFor("mob", mob.id)).find((r) => r.key === "sent")?.state).toBe("sent");
  });

  it("after a crash, rows left sending go back to pending and are claimed again", async () => {
    const mob = await store.insertMob(await newMob());
    await store.enqueue([row(mob.id, "a", T), row(mob.id, "b", T)], T);
    const [a] = (await store.claimDue(T, 1, new Map(), HELD)) as [OutboxRow];
    expect(await store.requeueInFlight()).toBe(1);
    expect(await store.requeueInFlight()).toBe(0);
    expect((await store.claimDue(T, 10, new Map(), HELD)).map((r) => r.key)).toEqual([a.key, "b"]);
  });

  it("a batch is claimed whole, whatever its rows' due times", async () => {
    const mob = await store.insertMob(await newMob());
    await store.enqueue(
      [
        { ...row(mob.id, "m1", T + 5 * H), batch: "mentions:1" },
        { ...row(mob.id, "m2", T + 9 * H), batch: "mentions:1" },
        { ...row(mob.id, "x", T + 9 * H), batch: "mentions:2" },
      ],
      T,
    );
    expect((await store.claimBatch("mentions:1", 10, HELD)).map((r) => r.key)).toEqual([
      "m1",
      "m2",
    ]);
    expect(await store.claimBatch("mentions:1", 10, HELD)).toEqual([]);
  });

  it("settled rows older than the cut-off are pruned; pending ones never are", async () => {
    const mob = await store.insertMob(await newMob());
    await store.enqueue(
      [row(mob.id, "done", T), row(mob.id, "failed", T), row(mob.id, "later", T + H)],
      T,
    );
    const [done, failed] = (await store.claimDue(T, 2, new Map(), HELD)) as [OutboxRow, OutboxRow];
    await store.markSent(done.id, null, T);
    await store.settle(failed.id, "failed", "forbidden", T + 10);
    expect(await store.pruneSettled(T + 5)).toBe(1);
    expect(await store.pruneSettled(T + 100 * H)).toBe(1);
    expect((await store.rowsFor("mob", mob.id)).map((r) => r.key)).toEqual(["later"]);
  });

  it("a unit of work that throws leaves no row behind", async () => {
    const mob = await store.insertMob(await newMob());
    await expect(
      uow.run(async (tx) => {
        await tx.enqueue([row(mob.id, "half", T)], T);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await store.rowsFor("mob", mob.id)).toEqual([]);
  });
});
