import type Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Community, Member } from "../../src/domain/community.js";
import type { NewMob } from "../../src/domain/mob.js";
import type { OutboxRow } from "../../src/domain/outbox.js";
import { openDatabase } from "../../src/storage/database.js";
import { SqliteStore } from "../../src/storage/sqlite-store.js";

const T = Date.UTC(2026, 11, 1, 12, 0);
const H = 3_600_000;

let db: Database.Database;
let store: SqliteStore;
let community: Community;
let org: Member;

beforeEach(() => {
  db = openDatabase(":memory:");
  store = new SqliteStore(db);
  community = store.insertCommunity(
    {
      name: "Quartier",
      timezone: "Europe/Paris",
      locale: "fr",
      currency: "EUR",
      organizerRule: "platform",
    },
    T,
  );
  org = store.upsertMember("telegram", "42", "Org", "fr", T);
});
afterEach(() => db.close());

function newMob(over: Partial<NewMob> = {}): NewMob {
  const shopId = store.insertShop(community.id, "Librairie du Parc", "3 rue des Lilas", null, T);
  return {
    communityId: community.id,
    shopId,
    address: "3 rue des Lilas",
    meetingPoint: "Fontaine",
    party: null,
    startsAt: T + 96 * H,
    durationMs: 2 * H,
    pledgeMinor: 1500,
    currency: "EUR",
    secret: false,
    capacity: null,
    goalMinor: null,
    status: "announced",
    createdBy: org.id,
    checkinCode: "ABC234",
    now: T,
    ...over,
  };
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
  it("a community has an unguessable public id and is updated in place", () => {
    expect(community.publicId).toMatch(/^[0-9a-f]{24}$/);
    const other = store.insertCommunity({ ...community }, T);
    expect(other.publicId).not.toBe(community.publicId);
    const updated = store.updateCommunity(community.id, {
      timezone: "UTC",
      organizerRule: "anyone",
    });
    expect(updated).toEqual({ ...community, timezone: "UTC", organizerRule: "anyone" });
    expect(store.getCommunity(community.id)).toEqual(updated);
  });

  it("upserting a member keeps one row, renames them, and keeps a known locale when none is given", () => {
    const again = store.upsertMember("telegram", "42", "Organizer", null, T + H);
    expect(again).toEqual({ ...org, displayName: "Organizer", locale: "fr", dmChannel: null });
    expect(db.prepare("SELECT count(*) AS n FROM members").get()).toEqual({ n: 1 });
    expect(store.upsertMember("discord", "42", "Other", null, T).id).not.toBe(org.id);
  });

  it("DM reachability is unknown until tried, then remembered", () => {
    expect(org.dmReachable).toBeNull();
    store.setReachable(org.id, false);
    expect(store.getMember(org.id)?.dmReachable).toBe(false);
    store.setReachable(org.id, true);
    expect(store.getMember(org.id)?.dmReachable).toBe(true);
  });
});

describe("mobs", () => {
  it("a mob reads back exactly as it was inserted, with its shop's name", () => {
    const mob = store.insertMob(
      newMob({
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
      merchant: {
        status: "not_asked",
        note: null,
        recordedBy: null,
        recordedAt: null,
        source: null,
      },
      status: "announced",
      createdBy: org.id,
      checkinCode: "ABC234",
      cancelReason: null,
      createdAt: T,
      updatedAt: T,
    });
    expect(store.getMob(mob.id)).toEqual(mob);
    expect(store.getMob(mob.id + 1)).toBeNull();
  });

  it("the same shop named again (any case) is one shop, whose takings are kept", () => {
    const a = store.insertShop(community.id, "Cave", null, 40_000, T);
    const b = store.insertShop(community.id, "CAVE", "1 rue X", null, T);
    expect(b).toBe(a);
    const mob = store.insertMob(newMob({ shopId: a }));
    expect(mob.takingsMinor).toBe(40_000);
    store.setShopTakings(a, 50_000);
    expect(store.getMob(mob.id)?.takingsMinor).toBe(50_000);
  });

  it("an update changes only the fields given", () => {
    const mob = store.insertMob(newMob());
    const updated = store.updateMob(
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

  it("open mobs are this community's not-yet-ended ones, soonest first, drafts only when asked", () => {
    const later = store.insertMob(newMob({ startsAt: T + 48 * H }));
    const sooner = store.insertMob(newMob({ startsAt: T + 24 * H }));
    const draft = store.insertMob(newMob({ status: "draft", startsAt: T + 30 * H }));
    store.insertMob(newMob({ status: "cancelled" }));
    store.insertMob(newMob({ startsAt: T - 3 * H }));
    const live = store.insertMob(newMob({ startsAt: T - H }));
    const other = store.insertCommunity({ ...community }, T);
    store.insertMob(newMob({ communityId: other.id }));
    const ids = (drafts: boolean) =>
      store.listOpenMobs(community.id, T, drafts, 20).map((m) => m.id);
    expect(ids(false)).toEqual([live.id, sooner.id, later.id]);
    expect(ids(true)).toEqual([live.id, sooner.id, draft.id, later.id]);
    expect(store.listOpenMobs(community.id, T, true, 2).map((m) => m.id)).toEqual([
      live.id,
      sooner.id,
    ]);
  });
});

describe("participants", () => {
  it("an RSVP, a personal pledge, a spend and a check-in read back, and counts follow", () => {
    const mob = store.insertMob(newMob());
    const alice = store.upsertMember("telegram", "1", "Alice", null, T);
    const bob = store.upsertMember("telegram", "2", "Bob", null, T);
    store.setRsvp(mob.id, alice.id, "going", T, 2500);
    store.setRsvp(mob.id, bob.id, "maybe", T + 1);
    expect(store.counts(mob.id)).toEqual({ going: 1, maybe: 1 });

    store.setRsvp(mob.id, alice.id, "maybe", T + 2);
    expect(store.getParticipant(mob.id, alice.id)).toMatchObject({
      status: "maybe",
      pledgeMinor: 2500,
    });

    store.setSpent(mob.id, bob.id, 1800, T + 97 * H);
    store.setCheckedIn(mob.id, bob.id, T + 96 * H);
    store.setCheckedIn(mob.id, bob.id, T + 98 * H);
    expect(store.getParticipant(mob.id, bob.id)).toEqual({
      memberId: bob.id,
      status: "going",
      pledgeMinor: null,
      spentMinor: 1800,
      checkedInAt: T + 96 * H,
      chatId: null,
    });
    expect(store.participants(mob.id).map((p) => [p.member.displayName, p.status])).toEqual([
      ["Alice", "maybe"],
      ["Bob", "going"],
    ]);

    store.removeParticipant(mob.id, alice.id);
    expect(store.getParticipant(mob.id, alice.id)).toBeNull();
    expect(store.counts(mob.id)).toEqual({ going: 1, maybe: 0 });
  });

  it("a mob nobody joined counts zero, not null", () => {
    const mob = store.insertMob(newMob());
    expect(store.counts(mob.id)).toEqual({ going: 0, maybe: 0 });
    expect(store.participants(mob.id)).toEqual([]);
  });
});

describe("the outbox", () => {
  it("a row is claimed once when due, oldest first, and a known key is not queued twice", () => {
    const mob = store.insertMob(newMob());
    expect(store.enqueue([row(mob.id, "b", T + 2 * H), row(mob.id, "a", T + H)], T)).toBe(2);
    expect(store.enqueue([row(mob.id, "a", T + 5 * H)], T)).toBe(0);
    expect(store.nextDueAt()).toBe(T + H);
    expect(store.claimDue(T, 10)).toEqual([]);
    const claimed = store.claimDue(T + 3 * H, 10);
    expect(claimed.map((r) => [r.key, r.state, r.dueAt, r.payload])).toEqual([
      ["a", "sending", T + H, { key: "a" }],
      ["b", "sending", T + 2 * H, { key: "b" }],
    ]);
    expect(store.claimDue(T + 3 * H, 10)).toEqual([]);
    expect(store.nextDueAt()).toBeNull();
  });

  it("claiming honours the limit", () => {
    const mob = store.insertMob(newMob());
    store.enqueue(
      [1, 2, 3].map((i) => row(mob.id, `k${i}`, T + i)),
      T,
    );
    expect(store.claimDue(T + 10, 2).map((r) => r.key)).toEqual(["k1", "k2"]);
    expect(store.claimDue(T + 10, 2).map((r) => r.key)).toEqual(["k3"]);
  });

  it("a sent row keeps its platform reference; a retried one comes back later with the attempt counted", () => {
    const mob = store.insertMob(newMob());
    store.enqueue([row(mob.id, "cta", T, "call_to_action"), row(mob.id, "r", T)], T);
    const [cta, reminder] = store.claimDue(T, 10) as [OutboxRow, OutboxRow];
    store.markSent(cta.id, "msg-1", T);
    expect(store.sentRef(scope(mob.id, "call_to_action"))).toBe("msg-1");
    expect(store.lastActivityAt(scope(mob.id, "call_to_action"))).toBe(T);

    store.retryAt(reminder.id, T + 60_000, "rate limited", true);
    expect(store.claimDue(T + 59_999, 10)).toEqual([]);
    const [again] = store.claimDue(T + 60_000, 10);
    expect(again).toMatchObject({ key: "r", attempts: 1, state: "sending" });
    store.retryAt(reminder.id, T + 120_000, "transient, not counted", false);
    expect(store.claimDue(T + 120_000, 10)[0]?.attempts).toBe(1);
  });

  it("withdrawing takes back pending rows only, and enqueueing the same key revives a withdrawn row", () => {
    const mob = store.insertMob(newMob());
    store.enqueue(
      [row(mob.id, "r1", T + H), row(mob.id, "s", T + 2 * H, "start"), row(mob.id, "sent", T)],
      T,
    );
    const [sent] = store.claimDue(T, 10) as [OutboxRow];
    store.markSent(sent.id, null, T);
    expect(store.withdrawPending("mob", mob.id, T, ["reminder"])).toBe(1);
    expect(store.hasPending(scope(mob.id, "reminder"))).toBe(false);
    expect(store.hasPending(scope(mob.id, "start"))).toBe(true);
    expect(store.withdrawPending("mob", mob.id, T)).toBe(1);
    expect(store.rowsFor("mob", mob.id).map((r) => [r.key, r.state])).toEqual([
      ["r1", "withdrawn"],
      ["s", "withdrawn"],
      ["sent", "sent"],
    ]);

    // The mob moved back to its old time: the same keys come back, due at the new time.
    expect(store.enqueue([row(mob.id, "r1", T + 3 * H), row(mob.id, "sent", T + 3 * H)], T)).toBe(
      1,
    );
    const revived = store.rowsFor("mob", mob.id).find((r) => r.key === "r1");
    expect(revived).toMatchObject({ state: "pending", dueAt: T + 3 * H, attempts: 0 });
    expect(store.rowsFor("mob", mob.id).find((r) => r.key === "sent")?.state).toBe("sent");
  });

  it("after a crash, rows left sending go back to pending and are claimed again", () => {
    const mob = store.insertMob(newMob());
    store.enqueue([row(mob.id, "a", T), row(mob.id, "b", T)], T);
    const [a] = store.claimDue(T, 1) as [OutboxRow];
    expect(store.requeueInFlight()).toBe(1);
    expect(store.requeueInFlight()).toBe(0);
    expect(store.claimDue(T, 10).map((r) => r.key)).toEqual([a.key, "b"]);
  });

  it("a batch is claimed whole, whatever its rows' due times", () => {
    const mob = store.insertMob(newMob());
    store.enqueue(
      [
        { ...row(mob.id, "m1", T + 5 * H), batch: "mentions:1" },
        { ...row(mob.id, "m2", T + 9 * H), batch: "mentions:1" },
        { ...row(mob.id, "x", T + 9 * H), batch: "mentions:2" },
      ],
      T,
    );
    expect(store.claimBatch("mentions:1", 10).map((r) => r.key)).toEqual(["m1", "m2"]);
    expect(store.claimBatch("mentions:1", 10)).toEqual([]);
  });

  it("settled rows older than the cut-off are pruned; pending ones never are", () => {
    const mob = store.insertMob(newMob());
    store.enqueue(
      [row(mob.id, "done", T), row(mob.id, "failed", T), row(mob.id, "later", T + H)],
      T,
    );
    const [done, failed] = store.claimDue(T, 2) as [OutboxRow, OutboxRow];
    store.markSent(done.id, null, T);
    store.settle(failed.id, "failed", "forbidden", T + 10);
    expect(store.pruneSettled(T + 5)).toBe(1);
    expect(store.pruneSettled(T + 100 * H)).toBe(1);
    expect(store.rowsFor("mob", mob.id).map((r) => r.key)).toEqual(["later"]);
  });

  it("a transaction that throws leaves no row behind", () => {
    const mob = store.insertMob(newMob());
    expect(() =>
      store.transaction(() => {
        store.enqueue([row(mob.id, "half", T)], T);
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(store.rowsFor("mob", mob.id)).toEqual([]);
  });
});
