import type Database from "better-sqlite3";
import type { Mob, Participant, RsvpStatus } from "../domain/mob.js";
import type { PlatformName } from "../ports/platform.js";
import type {
  Community,
  Member,
  MobPatch,
  NewMob,
  NewOutboxRow,
  OutboxRow,
  ParticipantView,
  RsvpCounts,
  Store,
} from "../ports/store.js";

type Row = Record<string, unknown>;

const toCommunity = (r: Row): Community => ({
  id: r.id as number,
  platform: r.platform as PlatformName,
  externalId: r.external_id as string,
  name: r.name as string,
  timezone: r.timezone as string,
  locale: r.locale as string,
  currency: r.currency as string,
  organizerRule: r.organizer_rule as Community["organizerRule"],
});

const toMember = (r: Row, prefix = ""): Member => ({
  id: r[`${prefix}id`] as number,
  platform: r[`${prefix}platform`] as PlatformName,
  userId: r[`${prefix}user_id`] as string,
  displayName: r[`${prefix}display_name`] as string,
  locale: (r[`${prefix}locale`] as string | null) ?? null,
  dmReachable: r[`${prefix}dm_reachable`] === null ? null : r[`${prefix}dm_reachable`] === 1,
});

const toMob = (r: Row): Mob => ({
  id: r.id as number,
  communityId: r.community_id as number,
  channelId: r.channel_id as string,
  shopId: r.shop_id as number,
  shopName: r.shop_name as string,
  address: (r.address as string | null) ?? null,
  meetingPoint: (r.meeting_point as string | null) ?? null,
  startsAt: r.starts_at as number,
  durationMs: r.duration_ms as number,
  pledgeMinor: r.pledge_minor as number,
  currency: r.currency as string,
  secret: r.secret === 1,
  capacity: (r.capacity as number | null) ?? null,
  goalMinor: (r.goal_minor as number | null) ?? null,
  takingsMinor: (r.takings_minor as number | null) ?? null,
  status: r.status as Mob["status"],
  createdBy: r.created_by as number,
  checkinCode: r.checkin_code as string,
  cancelReason: (r.cancel_reason as string | null) ?? null,
  createdAt: r.created_at as number,
});

const toParticipant = (r: Row): Participant => ({
  memberId: r.member_id as number,
  status: r.status as RsvpStatus,
  pledgeMinor: (r.pledge_minor as number | null) ?? null,
  spentMinor: (r.spent_minor as number | null) ?? null,
  checkedInAt: (r.checked_in_at as number | null) ?? null,
});

const toOutbox = (r: Row): OutboxRow => ({
  id: r.id as number,
  key: r.key as string,
  mobId: r.mob_id as number,
  kind: r.kind as string,
  target: r.target as OutboxRow["target"],
  memberId: (r.member_id as number | null) ?? null,
  batch: (r.batch as string | null) ?? null,
  payload: JSON.parse(r.payload as string) as Record<string, unknown>,
  dueAt: r.due_at as number,
  state: r.state as OutboxRow["state"],
  attempts: r.attempts as number,
  ref: (r.ref as string | null) ?? null,
});

const MOB_SELECT = `SELECT m.*, s.name AS shop_name, s.takings_minor FROM mobs m JOIN shops s ON s.id = m.shop_id`;

const MOB_COLUMNS: Record<keyof MobPatch, string> = {
  address: "address",
  meetingPoint: "meeting_point",
  startsAt: "starts_at",
  durationMs: "duration_ms",
  pledgeMinor: "pledge_minor",
  capacity: "capacity",
  goalMinor: "goal_minor",
  status: "status",
  cancelReason: "cancel_reason",
};

const COMMUNITY_COLUMNS = {
  name: "name",
  timezone: "timezone",
  locale: "locale",
  currency: "currency",
  organizerRule: "organizer_rule",
} as const;

/** The Store port on better-sqlite3. Statements are prepared once. */
export class SqliteStore implements Store {
  readonly #db: Database.Database;
  readonly #s;

  constructor(db: Database.Database) {
    this.#db = db;
    const p = (sql: string) => db.prepare(sql);
    this.#s = {
      findCommunity: p("SELECT * FROM communities WHERE platform = ? AND external_id = ?"),
      getCommunity: p("SELECT * FROM communities WHERE id = ?"),
      insertCommunity:
        p(`INSERT INTO communities (platform, external_id, name, timezone, locale, currency, organizer_rule, created_at)
        VALUES (@platform, @externalId, @name, @timezone, @locale, @currency, @organizerRule, @now) RETURNING *`),
      upsertMember:
        p(`INSERT INTO members (platform, user_id, display_name, locale, created_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (platform, user_id) DO UPDATE SET display_name = excluded.display_name,
          locale = coalesce(excluded.locale, members.locale)
        RETURNING *`),
      getMember: p("SELECT * FROM members WHERE id = ?"),
      setReachable: p("UPDATE members SET dm_reachable = ? WHERE id = ?"),
      findShop: p("SELECT id FROM shops WHERE community_id = ? AND name = ? COLLATE NOCASE"),
      insertShop: p(
        "INSERT INTO shops (community_id, name, address, takings_minor, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
      ),
      updateShop: p(
        "UPDATE shops SET address = coalesce(?, address), takings_minor = coalesce(?, takings_minor) WHERE id = ?",
      ),
      insertMob:
        p(`INSERT INTO mobs (community_id, channel_id, shop_id, address, meeting_point, starts_at, duration_ms,
          pledge_minor, currency, secret, capacity, goal_minor, status, created_by, checkin_code, created_at, updated_at)
        VALUES (@communityId, @channelId, @shopId, @address, @meetingPoint, @startsAt, @durationMs, @pledgeMinor,
          @currency, @secret, @capacity, @goalMinor, @status, @createdBy, @checkinCode, @now, @now) RETURNING id`),
      getMob: p(`${MOB_SELECT} WHERE m.id = ?`),
      listOpen: p(`${MOB_SELECT} WHERE m.community_id = @communityId
          AND m.status IN ('announced', 'draft') AND (@drafts = 1 OR m.status = 'announced')
          AND m.starts_at + m.duration_ms > @now
        ORDER BY m.starts_at LIMIT @limit`),
      getParticipant: p("SELECT * FROM participants WHERE mob_id = ? AND member_id = ?"),
      setRsvp:
        p(`INSERT INTO participants (mob_id, member_id, status, joined_at, pledge_minor) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (mob_id, member_id) DO UPDATE SET status = excluded.status,
          pledge_minor = coalesce(excluded.pledge_minor, participants.pledge_minor)`),
      removeParticipant: p("DELETE FROM participants WHERE mob_id = ? AND member_id = ?"),
      setSpent:
        p(`INSERT INTO participants (mob_id, member_id, status, joined_at, spent_minor, spent_at)
        VALUES (@mobId, @memberId, 'going', @now, @spent, @now)
        ON CONFLICT (mob_id, member_id) DO UPDATE SET spent_minor = @spent, spent_at = @now, status = 'going'`),
      setCheckedIn:
        p(`INSERT INTO participants (mob_id, member_id, status, joined_at, checked_in_at)
        VALUES (@mobId, @memberId, 'going', @now, @now)
        ON CONFLICT (mob_id, member_id) DO UPDATE SET checked_in_at = coalesce(checked_in_at, @now), status = 'going'`),
      counts:
        p(`SELECT coalesce(sum(status = 'going'), 0) AS going, coalesce(sum(status = 'maybe'), 0) AS maybe
        FROM participants WHERE mob_id = ?`),
      participants: p(`SELECT p.*, m.id AS m_id, m.platform AS m_platform, m.user_id AS m_user_id,
          m.display_name AS m_display_name, m.locale AS m_locale, m.dm_reachable AS m_dm_reachable
        FROM participants p JOIN members m ON m.id = p.member_id WHERE p.mob_id = ? ORDER BY p.joined_at, p.member_id`),
      enqueue:
        p(`INSERT INTO outbox (key, mob_id, kind, target, member_id, batch, payload, due_at, created_at)
        VALUES (@key, @mobId, @kind, @target, @memberId, @batch, @payload, @dueAt, @now)
        ON CONFLICT (key) DO UPDATE SET state = 'pending', due_at = excluded.due_at, attempts = 0,
          settled_at = NULL, last_error = NULL, payload = excluded.payload
        WHERE outbox.state = 'withdrawn'`),
      claimDue: p(`UPDATE outbox SET state = 'sending' WHERE id IN (
          SELECT id FROM outbox WHERE state = 'pending' AND due_at <= ? ORDER BY due_at, id LIMIT ?)
        RETURNING *`),
      claimBatch: p(`UPDATE outbox SET state = 'sending' WHERE id IN (
          SELECT id FROM outbox WHERE batch = ? AND state = 'pending' ORDER BY id LIMIT ?) RETURNING *`),
      markSent: p(
        "UPDATE outbox SET state = 'sent', ref = ?, settled_at = ?, last_error = NULL WHERE id = ?",
      ),
      retryAt: p(
        "UPDATE outbox SET state = 'pending', due_at = ?, last_error = ?, attempts = attempts + ? WHERE id = ?",
      ),
      settle: p("UPDATE outbox SET state = ?, last_error = ?, settled_at = ? WHERE id = ?"),
      withdrawAll: p(
        "UPDATE outbox SET state = 'withdrawn', settled_at = ? WHERE mob_id = ? AND state = 'pending'",
      ),
      withdrawKind: p(
        "UPDATE outbox SET state = 'withdrawn', settled_at = ? WHERE mob_id = ? AND kind = ? AND state = 'pending'",
      ),
      requeue: p("UPDATE outbox SET state = 'pending' WHERE state = 'sending'"),
      nextDue: p("SELECT min(due_at) AS due FROM outbox WHERE state = 'pending'"),
      sentRef: p(
        "SELECT ref FROM outbox WHERE mob_id = ? AND kind = ? AND state = 'sent' AND ref IS NOT NULL ORDER BY id LIMIT 1",
      ),
      hasPending: p(
        "SELECT 1 FROM outbox WHERE mob_id = ? AND kind = ? AND state = 'pending' LIMIT 1",
      ),
      hasUnsettled: p(
        "SELECT 1 FROM outbox WHERE mob_id = ? AND kind = ? AND state IN ('pending', 'sending') LIMIT 1",
      ),
      lastActivity: p(`SELECT max(coalesce(settled_at, due_at)) AS at FROM outbox
        WHERE mob_id = ? AND kind = ? AND state IN ('sending', 'sent')`),
      prune: p(
        `DELETE FROM outbox WHERE state IN ('sent', 'failed', 'skipped', 'withdrawn') AND settled_at < ?`,
      ),
      markHandled: p(
        "INSERT INTO inbound_events (key, handled_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
      ),
      pruneHandled: p("DELETE FROM inbound_events WHERE handled_at < ?"),
      rowsForMob: p("SELECT * FROM outbox WHERE mob_id = ? ORDER BY id"),
    };
  }

  transaction<T>(fn: () => T): T {
    return this.#db.transaction(fn)();
  }

  findCommunity(platform: PlatformName, externalId: string): Community | null {
    const r = this.#s.findCommunity.get(platform, externalId) as Row | undefined;
    return r ? toCommunity(r) : null;
  }

  insertCommunity(c: Omit<Community, "id">, now: number): Community {
    return toCommunity(this.#s.insertCommunity.get({ ...c, now }) as Row);
  }

  getCommunity(id: number): Community | null {
    const r = this.#s.getCommunity.get(id) as Row | undefined;
    return r ? toCommunity(r) : null;
  }

  updateCommunity(
    id: number,
    patch: Partial<Omit<Community, "id" | "platform" | "externalId">>,
  ): Community {
    const entries = Object.entries(patch).filter(([, v]) => v !== undefined);
    if (entries.length > 0) {
      const sets = entries.map(
        ([k]) => `${COMMUNITY_COLUMNS[k as keyof typeof COMMUNITY_COLUMNS]} = ?`,
      );
      this.#db
        .prepare(`UPDATE communities SET ${sets.join(", ")} WHERE id = ?`)
        .run(...entries.map(([, v]) => v), id);
    }
    const c = this.getCommunity(id);
    if (!c) throw new Error(`community ${id} vanished`);
    return c;
  }

  upsertMember(
    platform: PlatformName,
    userId: string,
    displayName: string,
    locale: string | null,
    now: number,
  ): Member {
    return toMember(this.#s.upsertMember.get(platform, userId, displayName, locale, now) as Row);
  }

  getMember(id: number): Member | null {
    const r = this.#s.getMember.get(id) as Row | undefined;
    return r ? toMember(r) : null;
  }

  setReachable(memberId: number, reachable: boolean): void {
    this.#s.setReachable.run(reachable ? 1 : 0, memberId);
  }

  insertShop(
    communityId: number,
    name: string,
    address: string | null,
    takingsMinor: number | null,
    now: number,
  ): number {
    const found = this.#s.findShop.get(communityId, name) as { id: number } | undefined;
    if (found) {
      this.#s.updateShop.run(address, takingsMinor, found.id);
      return found.id;
    }
    return (this.#s.insertShop.get(communityId, name, address, takingsMinor, now) as { id: number })
      .id;
  }

  setShopTakings(shopId: number, takingsMinor: number): void {
    this.#s.updateShop.run(null, takingsMinor, shopId);
  }

  insertMob(mob: NewMob): Mob {
    const { id } = this.#s.insertMob.get({ ...mob, secret: mob.secret ? 1 : 0 }) as { id: number };
    const created = this.getMob(id);
    if (!created) throw new Error(`mob ${id} vanished`);
    return created;
  }

  getMob(id: number): Mob | null {
    const r = this.#s.getMob.get(id) as Row | undefined;
    return r ? toMob(r) : null;
  }

  updateMob(id: number, patch: MobPatch, now: number): Mob {
    const entries = Object.entries(patch).filter(([, v]) => v !== undefined);
    const sets = entries.map(([k]) => `${MOB_COLUMNS[k as keyof MobPatch]} = ?`);
    this.#db
      .prepare(`UPDATE mobs SET ${[...sets, "updated_at = ?"].join(", ")} WHERE id = ?`)
      .run(...entries.map(([, v]) => v), now, id);
    const mob = this.getMob(id);
    if (!mob) throw new Error(`mob ${id} vanished`);
    return mob;
  }

  listOpenMobs(communityId: number, now: number, includeDrafts: boolean, limit: number): Mob[] {
    return (
      this.#s.listOpen.all({ communityId, now, drafts: includeDrafts ? 1 : 0, limit }) as Row[]
    ).map(toMob);
  }

  getParticipant(mobId: number, memberId: number): Participant | null {
    const r = this.#s.getParticipant.get(mobId, memberId) as Row | undefined;
    return r ? toParticipant(r) : null;
  }

  setRsvp(
    mobId: number,
    memberId: number,
    status: RsvpStatus,
    now: number,
    pledgeMinor: number | null = null,
  ): void {
    this.#s.setRsvp.run(mobId, memberId, status, now, pledgeMinor);
  }

  removeParticipant(mobId: number, memberId: number): void {
    this.#s.removeParticipant.run(mobId, memberId);
  }

  setSpent(mobId: number, memberId: number, spent: number, now: number): void {
    this.#s.setSpent.run({ mobId, memberId, spent, now });
  }

  setCheckedIn(mobId: number, memberId: number, now: number): void {
    this.#s.setCheckedIn.run({ mobId, memberId, now });
  }

  counts(mobId: number): RsvpCounts {
    return this.#s.counts.get(mobId) as RsvpCounts;
  }

  participants(mobId: number): ParticipantView[] {
    return (this.#s.participants.all(mobId) as Row[]).map((r) => ({
      ...toParticipant(r),
      member: toMember(r, "m_"),
    }));
  }

  enqueue(rows: readonly NewOutboxRow[], now: number): number {
    let added = 0;
    for (const row of rows) {
      added += this.#s.enqueue.run({
        key: row.key,
        mobId: row.mobId,
        kind: row.kind,
        target: row.target,
        memberId: row.memberId ?? null,
        batch: row.batch ?? null,
        payload: JSON.stringify(row.payload ?? {}),
        dueAt: row.dueAt,
        now,
      }).changes;
    }
    return added;
  }

  claimDue(now: number, limit: number): OutboxRow[] {
    return (this.#s.claimDue.all(now, limit) as Row[])
      .map(toOutbox)
      .sort((a, b) => a.dueAt - b.dueAt || a.id - b.id);
  }

  claimBatch(batch: string, limit: number): OutboxRow[] {
    return (this.#s.claimBatch.all(batch, limit) as Row[]).map(toOutbox);
  }

  markSent(id: number, ref: string | null, now: number): void {
    this.#s.markSent.run(ref, now, id);
  }

  retryAt(id: number, dueAt: number, error: string, countAttempt: boolean): void {
    this.#s.retryAt.run(dueAt, error, countAttempt ? 1 : 0, id);
  }

  settle(
    id: number,
    state: "failed" | "skipped" | "withdrawn",
    error: string | null,
    now: number,
  ): void {
    this.#s.settle.run(state, error, now, id);
  }

  withdrawPending(mobId: number, now: number, kinds?: readonly string[]): number {
    if (!kinds) return this.#s.withdrawAll.run(now, mobId).changes;
    let n = 0;
    for (const kind of kinds) n += this.#s.withdrawKind.run(now, mobId, kind).changes;
    return n;
  }

  requeueInFlight(): number {
    return this.#s.requeue.run().changes;
  }

  nextDueAt(): number | null {
    return (this.#s.nextDue.get() as { due: number | null }).due;
  }

  sentRef(mobId: number, kind: string): string | null {
    return (this.#s.sentRef.get(mobId, kind) as { ref: string } | undefined)?.ref ?? null;
  }

  hasUnsettled(mobId: number, kind: string): boolean {
    return this.#s.hasUnsettled.get(mobId, kind) !== undefined;
  }

  hasPending(mobId: number, kind: string): boolean {
    return this.#s.hasPending.get(mobId, kind) !== undefined;
  }

  lastActivityAt(mobId: number, kind: string): number | null {
    return (this.#s.lastActivity.get(mobId, kind) as { at: number | null }).at;
  }

  pruneSettled(before: number): number {
    return this.#s.prune.run(before).changes;
  }

  markHandled(key: string, now: number): boolean {
    return this.#s.markHandled.run(key, now).changes === 1;
  }

  pruneHandled(before: number): number {
    return this.#s.pruneHandled.run(before).changes;
  }

  rowsForMob(mobId: number): OutboxRow[] {
    return (this.#s.rowsForMob.all(mobId) as Row[]).map(toOutbox);
  }
}
