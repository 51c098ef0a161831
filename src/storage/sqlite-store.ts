import { randomBytes } from "node:crypto";
import type Database from "better-sqlite3";
import type { ImageType } from "../domain/image.js";
import type { MerchantAnswer } from "../domain/merchant.js";
import type { Mob, Participant, RsvpStatus } from "../domain/mob.js";
import type { Nomination, NominationStatus, QueuedNomination } from "../domain/nomination.js";
import type { Vote, VoteOption } from "../domain/vote.js";
import type { PlatformName } from "../ports/platform.js";
import type {
  Chat,
  Community,
  LinkCode,
  Member,
  MobPatch,
  NewMob,
  NewNomination,
  NewOutboxRow,
  NewPhoto,
  NewVote,
  OutboxRow,
  OutboxSubject,
  ParticipantView,
  PastMob,
  PastTotals,
  PhotoMeta,
  RowScope,
  RsvpCounts,
  Store,
} from "../ports/store.js";

type Row = Record<string, unknown>;

/** 96 random bits, hex: the public ids of communities and mobs. */
const newPublicId = () => randomBytes(12).toString("hex");

const toCommunity = (r: Row): Community => ({
  id: r.id as number,
  publicId: r.public_id as string,
  name: r.name as string,
  timezone: r.timezone as string,
  locale: r.locale as string,
  currency: r.currency as string,
  organizerRule: r.organizer_rule as Community["organizerRule"],
  merchantGate: r.merchant_gate === 1,
});

const toChat = (r: Row): Chat => ({
  id: r.id as number,
  communityId: r.community_id as number,
  platform: r.platform as PlatformName,
  spaceId: r.space_id as string,
  externalId: r.external_id as string,
  name: r.name as string,
  locale: r.locale as string,
});

const toMember = (r: Row, prefix = ""): Member => ({
  id: r[`${prefix}id`] as number,
  platform: r[`${prefix}platform`] as PlatformName,
  userId: r[`${prefix}user_id`] as string,
  displayName: r[`${prefix}display_name`] as string,
  locale: (r[`${prefix}locale`] as string | null) ?? null,
  dmReachable: r[`${prefix}dm_reachable`] === null ? null : r[`${prefix}dm_reachable`] === 1,
  dmChannel: (r[`${prefix}dm_channel`] as string | null) ?? null,
});

const toMob = (r: Row): Mob => ({
  id: r.id as number,
  publicId: r.public_id as string,
  communityId: r.community_id as number,
  shopId: r.shop_id as number,
  shopName: r.shop_name as string,
  address: (r.address as string | null) ?? null,
  meetingPoint: (r.meeting_point as string | null) ?? null,
  party: (r.party as string | null) ?? null,
  startsAt: r.starts_at as number,
  durationMs: r.duration_ms as number,
  pledgeMinor: r.pledge_minor as number,
  currency: r.currency as string,
  secret: r.secret === 1,
  capacity: (r.capacity as number | null) ?? null,
  goalMinor: (r.goal_minor as number | null) ?? null,
  takingsMinor: (r.takings_minor as number | null) ?? null,
  takingsPublic: r.takings_public === 1,
  merchant: {
    status: r.merchant_status as MerchantAnswer["status"],
    note: (r.merchant_note as string | null) ?? null,
    recordedBy: (r.merchant_recorded_by as number | null) ?? null,
    recordedAt: (r.merchant_recorded_at as number | null) ?? null,
    source: (r.merchant_source as MerchantAnswer["source"]) ?? null,
  },
  status: r.status as Mob["status"],
  createdBy: r.created_by as number,
  checkinCode: r.checkin_code as string,
  cancelReason: (r.cancel_reason as string | null) ?? null,
  createdAt: r.created_at as number,
  updatedAt: r.updated_at as number,
});

const toParticipant = (r: Row): Participant => ({
  memberId: r.member_id as number,
  status: r.status as RsvpStatus,
  pledgeMinor: (r.pledge_minor as number | null) ?? null,
  spentMinor: (r.spent_minor as number | null) ?? null,
  checkedInAt: (r.checked_in_at as number | null) ?? null,
  chatId: (r.chat_id as number | null) ?? null,
});

const toOutbox = (r: Row): OutboxRow => ({
  id: r.id as number,
  key: r.key as string,
  communityId: r.community_id as number,
  subject: r.subject as OutboxSubject,
  subjectId: r.subject_id as number,
  kind: r.kind as string,
  target: r.target as OutboxRow["target"],
  chatId: (r.chat_id as number | null) ?? null,
  memberId: (r.member_id as number | null) ?? null,
  platform: (r.platform as PlatformName | null) ?? null,
  batch: (r.batch as string | null) ?? null,
  payload: JSON.parse(r.payload as string) as Record<string, unknown>,
  dueAt: r.due_at as number,
  state: r.state as OutboxRow["state"],
  attempts: r.attempts as number,
  ref: (r.ref as string | null) ?? null,
  createdAt: r.created_at as number,
});

const MOB_SELECT = `SELECT m.*, s.name AS shop_name, s.takings_minor FROM mobs m JOIN shops s ON s.id = m.shop_id`;

const toPhoto = (r: Row): PhotoMeta => ({
  mobId: r.mob_id as number,
  number: r.number as number,
  memberId: r.member_id as number,
  type: r.type as ImageType,
  width: r.width as number,
  height: r.height as number,
  size: r.size as number,
  createdAt: r.created_at as number,
});

const PHOTO_COLUMNS = "mob_id, number, member_id, type, width, height, size, created_at";

/** Per mob that happened: mobbers and total as computeTally counts them. */
const PAST_MOBS = `SELECT m.id AS mob_id, s.name AS shop_name, m.starts_at, m.currency,
    coalesce(sum(p.spent_minor IS NOT NULL OR p.checked_in_at IS NOT NULL), 0) AS mobbers,
    coalesce(sum(p.spent_minor), 0) AS total_minor
  FROM mobs m JOIN shops s ON s.id = m.shop_id LEFT JOIN participants p ON p.mob_id = m.id
  WHERE m.community_id = @communityId AND m.status IN ('announced', 'tallied')
    AND m.starts_at + m.duration_ms <= @now
  GROUP BY m.id`;

const MOB_COLUMNS: Record<keyof MobPatch, string> = {
  address: "address",
  meetingPoint: "meeting_point",
  party: "party",
  startsAt: "starts_at",
  durationMs: "duration_ms",
  pledgeMinor: "pledge_minor",
  capacity: "capacity",
  goalMinor: "goal_minor",
  status: "status",
  cancelReason: "cancel_reason",
};

const toNomination = (r: Row): Nomination => ({
  id: r.id as number,
  communityId: r.community_id as number,
  name: r.name as string,
  nameKey: r.name_key as string,
  address: (r.address as string | null) ?? null,
  why: (r.why as string | null) ?? null,
  nominatedBy: r.nominated_by as number,
  status: r.status as NominationStatus,
  dropReason: (r.drop_reason as string | null) ?? null,
  mobId: (r.mob_id as number | null) ?? null,
  createdAt: r.created_at as number,
});

const toQueued = (r: Row): QueuedNomination => ({
  ...toNomination(r),
  nominatorName: r.nominator_name as string,
  seconds: r.seconds as number,
});

const toVote = (r: Row): Vote => ({
  id: r.id as number,
  communityId: r.community_id as number,
  mobAt: r.mob_at as number,
  closesAt: r.closes_at as number,
  status: r.status as Vote["status"],
  openedBy: r.opened_by as number,
  closedBy: (r.closed_by as number | null) ?? null,
  winnerId: (r.winner_id as number | null) ?? null,
  mobId: (r.mob_id as number | null) ?? null,
  closedAt: (r.closed_at as number | null) ?? null,
});

const toVoteOption = (r: Row): VoteOption => ({
  nominationId: r.nomination_id as number,
  name: r.name as string,
  address: (r.address as string | null) ?? null,
  position: r.position as number,
  queued: r.status === "queued",
  seconds: r.seconds as number,
  createdAt: r.created_at as number,
  votes: r.votes as number,
});

const SECONDS_OF = "(SELECT count(*) FROM seconds s WHERE s.nomination_id = n.id)";

const toLinkCode = (r: Row): LinkCode => ({
  code: r.code as string,
  communityId: r.community_id as number,
  createdBy: r.created_by as number,
  expiresAt: r.expires_at as number,
  usedAt: (r.used_at as number | null) ?? null,
});

/** `chat_id IS ?` matches NULL to NULL, so one statement serves rows with and without a chat. */
const SCOPE =
  "subject = @subject AND subject_id = @subjectId AND kind = @kind AND chat_id IS @chatId";

const COMMUNITY_COLUMNS = {
  name: "name",
  timezone: "timezone",
  locale: "locale",
  currency: "currency",
  organizerRule: "organizer_rule",
  merchantGate: "merchant_gate",
} as const;

/** The Store port on better-sqlite3. Statements are prepared once. */
export class SqliteStore implements Store {
  readonly #db: Database.Database;
  readonly #s;

  constructor(db: Database.Database) {
    this.#db = db;
    const p = (sql: string) => db.prepare(sql);
    this.#s = {
      getCommunity: p("SELECT * FROM communities WHERE id = ?"),
      getCommunityByPublicId: p("SELECT * FROM communities WHERE public_id = ?"),
      insertCommunity:
        p(`INSERT INTO communities (public_id, name, timezone, locale, currency, organizer_rule,
          merchant_gate, created_at)
        VALUES (@publicId, @name, @timezone, @locale, @currency, @organizerRule, @merchantGate, @now)
        RETURNING *`),
      communityOfSpace: p("SELECT community_id FROM spaces WHERE platform = ? AND space_id = ?"),
      setSpace: p(`INSERT INTO spaces (platform, space_id, community_id) VALUES (?, ?, ?)
        ON CONFLICT (platform, space_id) DO UPDATE SET community_id = excluded.community_id`),
      claimSpace: p(`INSERT INTO spaces (platform, space_id, community_id) VALUES (?, ?, ?)
        ON CONFLICT (platform, space_id) DO NOTHING`),
      findChat: p("SELECT * FROM chats WHERE platform = ? AND external_id = ?"),
      getChat: p("SELECT * FROM chats WHERE id = ?"),
      insertChat:
        p(`INSERT INTO chats (community_id, platform, space_id, external_id, name, locale, created_at)
        VALUES (@communityId, @platform, @spaceId, @externalId, @name, @locale, @now) RETURNING *`),
      chatsOf: p("SELECT * FROM chats WHERE community_id = ? ORDER BY id"),
      moveChat: p("UPDATE chats SET community_id = ? WHERE id = ?"),
      insertLinkCode:
        p(`INSERT INTO link_codes (code, community_id, created_by, created_at, expires_at)
        VALUES (@code, @communityId, @createdBy, @now, @expiresAt)`),
      getLinkCode: p("SELECT * FROM link_codes WHERE code = ?"),
      useLinkCode: p(
        "UPDATE link_codes SET used_at = ?, used_by_chat = ? WHERE code = ? AND used_at IS NULL",
      ),
      upsertMember:
        p(`INSERT INTO members (platform, user_id, display_name, locale, created_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (platform, user_id) DO UPDATE SET display_name = excluded.display_name,
          locale = coalesce(excluded.locale, members.locale)
        RETURNING *`),
      getMember: p("SELECT * FROM members WHERE id = ?"),
      setReachable: p("UPDATE members SET dm_reachable = ? WHERE id = ?"),
      setDmChannel: p("UPDATE members SET dm_channel = ? WHERE id = ?"),
      findShop: p("SELECT id FROM shops WHERE community_id = ? AND name = ? COLLATE NOCASE"),
      insertShop: p(
        "INSERT INTO shops (community_id, name, address, takings_minor, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
      ),
      updateShop: p(
        "UPDATE shops SET address = coalesce(?, address), takings_minor = coalesce(?, takings_minor) WHERE id = ?",
      ),
      insertMob:
        p(`INSERT INTO mobs (public_id, community_id, shop_id, address, meeting_point, party, starts_at, duration_ms,
          pledge_minor, currency, secret, capacity, goal_minor, status, created_by, checkin_code,
          created_at, updated_at)
        VALUES (@publicId, @communityId, @shopId, @address, @meetingPoint, @party, @startsAt, @durationMs,
          @pledgeMinor, @currency, @secret, @capacity, @goalMinor, @status, @createdBy,
          @checkinCode, @now, @now) RETURNING id`),
      getMob: p(`${MOB_SELECT} WHERE m.id = ?`),
      getMobByPublicId: p(`${MOB_SELECT} WHERE m.public_id = ?`),
      listPast: p(`${MOB_SELECT} WHERE m.community_id = @communityId
          AND m.status IN ('announced', 'tallied') AND m.starts_at + m.duration_ms <= @now
        ORDER BY m.starts_at DESC LIMIT @limit`),
      getSecret: p("SELECT value FROM secrets WHERE name = ?"),
      putSecret: p(
        "INSERT INTO secrets (name, value, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING",
      ),
      pendingCount: p("SELECT count(*) AS n FROM outbox WHERE state = 'pending'"),
      oldestDue: p("SELECT min(due_at) AS at FROM outbox WHERE state = 'pending' AND due_at <= ?"),
      listOpen: p(`${MOB_SELECT} WHERE m.community_id = @communityId
          AND m.status IN ('announced', 'draft') AND (@drafts = 1 OR m.status = 'announced')
          AND m.starts_at + m.duration_ms > @now
        ORDER BY m.starts_at LIMIT @limit`),
      setMerchant: p(`UPDATE mobs SET merchant_status = @status, merchant_note = @note,
          merchant_recorded_by = @recordedBy, merchant_recorded_at = @recordedAt,
          merchant_source = @source, updated_at = coalesce(@recordedAt, updated_at)
        WHERE id = @mobId`),
      setTakingsPublic: p("UPDATE mobs SET takings_public = ? WHERE id = ?"),
      mobbedShops: p(`SELECT s.name AS name, m.starts_at AS last_at, m.secret AS secret
        FROM mobs m JOIN shops s ON s.id = m.shop_id
        WHERE m.community_id = ? AND m.status IN ('announced', 'tallied')`),
      insertNomination:
        p(`INSERT INTO nominations (community_id, name, name_key, address, why, nominated_by, created_at)
        VALUES (@communityId, @name, @nameKey, @address, @why, @nominatedBy, @now) RETURNING *`),
      getNomination: p("SELECT * FROM nominations WHERE id = ?"),
      findNomination: p(`SELECT * FROM nominations
        WHERE community_id = ? AND status = ? AND name_key = ? ORDER BY id DESC LIMIT 1`),
      addSecond: p(`INSERT INTO seconds (nomination_id, member_id, created_at) VALUES (?, ?, ?)
        ON CONFLICT DO NOTHING`),
      secondsOf: p("SELECT count(*) AS n FROM seconds WHERE nomination_id = ?"),
      fillNomination: p(
        "UPDATE nominations SET address = coalesce(address, ?), why = coalesce(why, ?) WHERE id = ?",
      ),
      queued: p(`SELECT n.*, mem.display_name AS nominator_name, ${SECONDS_OF} AS seconds
        FROM nominations n JOIN members mem ON mem.id = n.nominated_by
        WHERE n.community_id = ? AND n.status = 'queued'
        ORDER BY seconds DESC, n.created_at, n.id LIMIT ?`),
      countQueued: p(
        "SELECT count(*) AS n FROM nominations WHERE community_id = ? AND status = 'queued'",
      ),
      dropNomination: p(`UPDATE nominations SET status = 'dropped', drop_reason = ?, settled_by = ?,
          settled_at = ? WHERE id = ? AND status = 'queued'`),
      chooseNomination: p(`UPDATE nominations SET status = 'chosen', mob_id = ?, settled_at = ?
        WHERE id = ? AND status = 'queued'`),
      insertVote: p(`INSERT INTO votes (community_id, mob_at, closes_at, opened_by, created_at)
        VALUES (@communityId, @mobAt, @closesAt, @openedBy, @now) RETURNING *`),
      insertOption: p(
        "INSERT INTO vote_options (vote_id, nomination_id, position) VALUES (?, ?, ?)",
      ),
      getVote: p("SELECT * FROM votes WHERE id = ?"),
      openVotes: p("SELECT * FROM votes WHERE community_id = ? AND status = 'open' ORDER BY id"),
      voteOptions: p(`SELECT o.nomination_id, o.position, n.name, n.address, n.status, n.created_at,
          ${SECONDS_OF} AS seconds,
          (SELECT count(*) FROM ballots b
            WHERE b.vote_id = o.vote_id AND b.nomination_id = o.nomination_id) AS votes
        FROM vote_options o JOIN nominations n ON n.id = o.nomination_id
        WHERE o.vote_id = ? ORDER BY o.position`),
      ballotOf: p("SELECT nomination_id FROM ballots WHERE vote_id = ? AND member_id = ?"),
      castBallot:
        p(`INSERT INTO ballots (vote_id, member_id, nomination_id, chat_id, cast_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (vote_id, member_id) DO UPDATE SET nomination_id = excluded.nomination_id,
          chat_id = coalesce(excluded.chat_id, ballots.chat_id), cast_at = excluded.cast_at`),
      ballotCount: p("SELECT count(*) AS n FROM ballots WHERE vote_id = ?"),
      closeVote:
        p(`UPDATE votes SET status = 'closed', closed_by = @closedBy, winner_id = @winnerId,
          mob_id = @mobId, closed_at = @now WHERE id = @id AND status = 'open'`),
      voteOfMob: p(`SELECT v.id AS vote_id,
          (SELECT count(*) FROM ballots b WHERE b.vote_id = v.id) AS total,
          (SELECT count(*) FROM ballots b WHERE b.vote_id = v.id AND b.nomination_id = v.winner_id)
            AS for_shop
        FROM votes v WHERE v.mob_id = ? ORDER BY v.id DESC LIMIT 1`),
      getParticipant: p("SELECT * FROM participants WHERE mob_id = ? AND member_id = ?"),
      setRsvp:
        p(`INSERT INTO participants (mob_id, member_id, status, joined_at, pledge_minor, chat_id) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (mob_id, member_id) DO UPDATE SET status = excluded.status,
          pledge_minor = coalesce(excluded.pledge_minor, participants.pledge_minor),
          chat_id = coalesce(participants.chat_id, excluded.chat_id)`),
      removeParticipant: p("DELETE FROM participants WHERE mob_id = ? AND member_id = ?"),
      setSpent:
        p(`INSERT INTO participants (mob_id, member_id, status, joined_at, spent_minor, spent_at)
        VALUES (@mobId, @memberId, 'going', @now, @spent, @now)
        ON CONFLICT (mob_id, member_id) DO UPDATE SET spent_minor = @spent, spent_at = @now, status = 'going'`),
      setCheckedIn:
        p(`INSERT INTO participants (mob_id, member_id, status, joined_at, checked_in_at)
        VALUES (@mobId, @memberId, 'going', @now, @now)
        ON CONFLICT (mob_id, member_id) DO UPDATE SET checked_in_at = coalesce(checked_in_at, @now), status = 'going'`),
      pledged: p(`SELECT coalesce(sum(p.status = 'going'), 0) AS going,
          coalesce(sum(p.status = 'maybe'), 0) AS maybe,
          coalesce(sum(CASE WHEN p.status = 'going' THEN coalesce(p.pledge_minor, m.pledge_minor) END), 0)
            AS pledgedMinor
        FROM mobs m LEFT JOIN participants p ON p.mob_id = m.id WHERE m.id = ?`),
      counts:
        p(`SELECT coalesce(sum(status = 'going'), 0) AS going, coalesce(sum(status = 'maybe'), 0) AS maybe
        FROM participants WHERE mob_id = ?`),
      participants: p(`SELECT p.*, m.id AS m_id, m.platform AS m_platform, m.user_id AS m_user_id,
          m.display_name AS m_display_name, m.locale AS m_locale, m.dm_reachable AS m_dm_reachable,
          m.dm_channel AS m_dm_channel
        FROM participants p JOIN members m ON m.id = p.member_id WHERE p.mob_id = ? ORDER BY p.joined_at, p.member_id`),
      enqueue:
        p(`INSERT INTO outbox (key, community_id, subject, subject_id, kind, target, chat_id, member_id, batch,
          payload, due_at, created_at, platform)
        VALUES (@key, @communityId, @subject, @subjectId, @kind, @target, @chatId, @memberId, @batch,
          @payload, @dueAt, @now, CASE WHEN @target = 'dm'
            THEN (SELECT platform FROM members WHERE id = @memberId)
            ELSE (SELECT platform FROM chats WHERE id = @chatId) END)
        ON CONFLICT (key) DO UPDATE SET state = 'pending', due_at = excluded.due_at, attempts = 0,
          settled_at = NULL, last_error = NULL, payload = excluded.payload
        WHERE outbox.state = 'withdrawn'`),
      duePlatforms: p(
        "SELECT DISTINCT coalesce(platform, '') AS platform FROM outbox WHERE state = 'pending' AND due_at <= ?",
      ),
      claimDue: p(`UPDATE outbox SET state = 'sending' WHERE id IN (
          SELECT id FROM outbox WHERE state = 'pending' AND platform IS @platform AND due_at <= @now
          ORDER BY due_at, id LIMIT @limit)
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
        "UPDATE outbox SET state = 'withdrawn', settled_at = ? WHERE subject = ? AND subject_id = ? AND state = 'pending'",
      ),
      withdrawKind: p(
        "UPDATE outbox SET state = 'withdrawn', settled_at = ? WHERE subject = ? AND subject_id = ? AND kind = ? AND state = 'pending'",
      ),
      requeue: p("UPDATE outbox SET state = 'pending' WHERE state = 'sending'"),
      nextDue: p("SELECT min(due_at) AS due FROM outbox WHERE state = 'pending'"),
      sentRef: p(
        `SELECT ref FROM outbox WHERE ${SCOPE} AND state = 'sent' AND ref IS NOT NULL ORDER BY id DESC LIMIT 1`,
      ),
      hasPending: p(`SELECT 1 FROM outbox WHERE ${SCOPE} AND state = 'pending' LIMIT 1`),
      hasUnsettled: p(
        `SELECT 1 FROM outbox WHERE ${SCOPE} AND state IN ('pending', 'sending') LIMIT 1`,
      ),
      hasAny: p(`SELECT 1 FROM outbox WHERE ${SCOPE} AND state <> 'withdrawn' LIMIT 1`),
      lastActivity: p(`SELECT max(coalesce(settled_at, due_at)) AS at FROM outbox
        WHERE ${SCOPE} AND state IN ('sending', 'sent')`),
      prune: p(
        `DELETE FROM outbox WHERE state IN ('sent', 'failed', 'skipped', 'withdrawn') AND settled_at < ?`,
      ),
      markHandled: p(
        "INSERT INTO inbound_events (key, handled_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
      ),
      pruneHandled: p("DELETE FROM inbound_events WHERE handled_at < ?"),
      rowsFor: p("SELECT * FROM outbox WHERE subject = ? AND subject_id = ? ORDER BY id"),
      mergeMobs: p("UPDATE mobs SET community_id = ? WHERE community_id = ?"),
      mergeSpaces: p("UPDATE spaces SET community_id = ? WHERE community_id = ?"),
      mergeChats: p("UPDATE chats SET community_id = ? WHERE community_id = ?"),
      mergeCodes: p("UPDATE link_codes SET community_id = ? WHERE community_id = ?"),
      mergeOutbox: p(`UPDATE outbox SET community_id = @into
        WHERE subject = 'mob' AND subject_id IN (SELECT id FROM mobs WHERE community_id = @from)`),
      mergeVoteOutbox: p(`UPDATE outbox SET community_id = @into
        WHERE subject = 'vote' AND subject_id IN (SELECT id FROM votes WHERE community_id = @from)`),
      // A shop queued in both communities stays queued once, with everyone's seconds (the
      // other nominator becomes a second); the other nomination is dropped as merged.
      mergeSeconds: p(`INSERT INTO seconds (nomination_id, member_id, created_at)
        SELECT keep.id, s.member_id, s.created_at
        FROM nominations gone
        JOIN nominations keep ON keep.community_id = @into AND keep.status = 'queued'
          AND keep.name_key = gone.name_key
        JOIN seconds s ON s.nomination_id = gone.id
        WHERE gone.community_id = @from AND gone.status = 'queued' AND s.member_id <> keep.nominated_by
        ON CONFLICT DO NOTHING`),
      mergeNominators: p(`INSERT INTO seconds (nomination_id, member_id, created_at)
        SELECT keep.id, gone.nominated_by, gone.created_at
        FROM nominations gone
        JOIN nominations keep ON keep.community_id = @into AND keep.status = 'queued'
          AND keep.name_key = gone.name_key
        WHERE gone.community_id = @from AND gone.status = 'queued'
          AND gone.nominated_by <> keep.nominated_by
        ON CONFLICT DO NOTHING`),
      mergeDuplicates:
        p(`UPDATE nominations SET status = 'dropped', drop_reason = 'merged', settled_at = @now
        WHERE community_id = @from AND status = 'queued' AND name_key IN (
          SELECT name_key FROM nominations WHERE community_id = @into AND status = 'queued')`),
      mergeNominations: p("UPDATE nominations SET community_id = ? WHERE community_id = ?"),
      mergeVotes: p("UPDATE votes SET community_id = ? WHERE community_id = ?"),
      shopsOf: p("SELECT id, name, address, takings_minor FROM shops WHERE community_id = ?"),
      moveShop: p("UPDATE shops SET community_id = ? WHERE id = ?"),
      repointShop: p("UPDATE mobs SET shop_id = ? WHERE community_id = ? AND shop_id = ?"),
      deleteShop: p("DELETE FROM shops WHERE id = ?"),
      deleteCommunity: p("DELETE FROM communities WHERE id = ?"),
      insertPhoto:
        p(`INSERT INTO photos (mob_id, number, member_id, type, width, height, size, bytes,
          sha256, created_at)
        VALUES (@mobId, (SELECT coalesce(max(number), 0) + 1 FROM photos WHERE mob_id = @mobId),
          @memberId, @type, @width, @height, @size, @bytes, @sha256, @now)
        ON CONFLICT (mob_id, sha256) DO NOTHING RETURNING ${PHOTO_COLUMNS}`),
      photosOf: p(
        `SELECT ${PHOTO_COLUMNS} FROM photos WHERE mob_id = ? AND dropped_at IS NULL ORDER BY number`,
      ),
      getPhoto: p(
        `SELECT ${PHOTO_COLUMNS} FROM photos WHERE mob_id = ? AND number = ? AND dropped_at IS NULL`,
      ),
      photoBytes: p(
        "SELECT bytes FROM photos WHERE mob_id = ? AND number = ? AND dropped_at IS NULL",
      ),
      dropPhoto: p(`UPDATE photos SET bytes = NULL, sha256 = NULL, dropped_at = ?
        WHERE mob_id = ? AND number = ? AND dropped_at IS NULL`),
      pastMobs: p(`${PAST_MOBS} ORDER BY m.starts_at DESC, m.id DESC LIMIT @limit`),
      pastTotals:
        p(`SELECT currency, coalesce(sum(mobbers > 0), 0) AS mobs, sum(mobbers) AS mobbers,
          sum(total_minor) AS total_minor
        FROM (${PAST_MOBS}) GROUP BY currency ORDER BY total_minor DESC, currency`),
    };
  }

  transaction<T>(fn: () => T): T {
    return this.#db.transaction(fn)();
  }

  insertCommunity(
    c: Omit<Community, "id" | "publicId" | "merchantGate"> & { merchantGate?: boolean },
    now: number,
  ): Community {
    return toCommunity(
      this.#s.insertCommunity.get({
        ...c,
        merchantGate: c.merchantGate ? 1 : 0,
        publicId: newPublicId(),
        now,
      }) as Row,
    );
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
        .run(...entries.map(([, v]) => (typeof v === "boolean" ? (v ? 1 : 0) : v)), id);
    }
    const c = this.getCommunity(id);
    if (!c) throw new Error(`community ${id} vanished`);
    return c;
  }

  communityOfSpace(platform: PlatformName, spaceId: string): number | null {
    const r = this.#s.communityOfSpace.get(platform, spaceId) as
      | { community_id: number }
      | undefined;
    return r?.community_id ?? null;
  }

  setSpace(platform: PlatformName, spaceId: string, communityId: number): void {
    this.#s.setSpace.run(platform, spaceId, communityId);
  }

  claimSpace(platform: PlatformName, spaceId: string, communityId: number): number {
    this.#s.claimSpace.run(platform, spaceId, communityId);
    return this.communityOfSpace(platform, spaceId) ?? communityId;
  }

  mergeCommunity(from: number, into: number, now: number): void {
    if (from === into) return;
    const s = this.#s;
    // Shops are unique by name within a community: same-named shops become one.
    const theirs = new Map(
      (s.shopsOf.all(into) as Row[]).map((r) => [String(r.name).toLowerCase(), r.id as number]),
    );
    for (const shop of s.shopsOf.all(from) as Row[]) {
      const same = theirs.get(String(shop.name).toLowerCase());
      if (same === undefined) {
        s.moveShop.run(into, shop.id);
      } else {
        s.updateShop.run(shop.address ?? null, shop.takings_minor ?? null, same);
        s.repointShop.run(same, from, shop.id);
        s.deleteShop.run(shop.id);
      }
    }
    // The outbox first: its rows are found through the mobs and votes still in `from`.
    s.mergeOutbox.run({ into, from });
    s.mergeVoteOutbox.run({ into, from });
    s.mergeSeconds.run({ into, from });
    s.mergeNominators.run({ into, from });
    s.mergeDuplicates.run({ into, from, now });
    for (const move of [
      s.mergeMobs,
      s.mergeSpaces,
      s.mergeChats,
      s.mergeCodes,
      s.mergeNominations,
      s.mergeVotes,
    ])
      move.run(into, from);
    s.deleteCommunity.run(from);
  }

  findChat(platform: PlatformName, externalId: string): Chat | null {
    const r = this.#s.findChat.get(platform, externalId) as Row | undefined;
    return r ? toChat(r) : null;
  }

  getChat(id: number): Chat | null {
    const r = this.#s.getChat.get(id) as Row | undefined;
    return r ? toChat(r) : null;
  }

  insertChat(chat: Omit<Chat, "id">, now: number): Chat {
    return toChat(this.#s.insertChat.get({ ...chat, now }) as Row);
  }

  chatsOf(communityId: number): Chat[] {
    return (this.#s.chatsOf.all(communityId) as Row[]).map(toChat);
  }

  moveChat(chatId: number, communityId: number): Chat {
    this.#s.moveChat.run(communityId, chatId);
    const chat = this.getChat(chatId);
    if (!chat) throw new Error(`chat ${chatId} vanished`);
    return chat;
  }

  updateChat(id: number, patch: Partial<Pick<Chat, "name" | "locale">>): Chat {
    const entries = Object.entries(patch).filter(([, v]) => v !== undefined);
    if (entries.length > 0) {
      const sets = entries.map(([k]) => `${k === "name" ? "name" : "locale"} = ?`);
      this.#db
        .prepare(`UPDATE chats SET ${sets.join(", ")} WHERE id = ?`)
        .run(...entries.map(([, v]) => v), id);
    }
    const chat = this.getChat(id);
    if (!chat) throw new Error(`chat ${id} vanished`);
    return chat;
  }

  insertLinkCode(code: Omit<LinkCode, "usedAt">, now: number): void {
    this.#s.insertLinkCode.run({ ...code, now });
  }

  getLinkCode(code: string): LinkCode | null {
    const r = this.#s.getLinkCode.get(code) as Row | undefined;
    return r ? toLinkCode(r) : null;
  }

  useLinkCode(code: string, chatId: number, now: number): boolean {
    return this.#s.useLinkCode.run(now, chatId, code).changes === 1;
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

  setDmChannel(memberId: number, channel: string | null): void {
    this.#s.setDmChannel.run(channel, memberId);
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
    const { id } = this.#s.insertMob.get({
      ...mob,
      publicId: newPublicId(),
      party: mob.party ?? null,
      secret: mob.secret ? 1 : 0,
    }) as { id: number };
    const created = this.getMob(id);
    if (!created) throw new Error(`mob ${id} vanished`);
    return created;
  }

  getCommunityByPublicId(publicId: string): Community | null {
    const r = this.#s.getCommunityByPublicId.get(publicId) as Row | undefined;
    return r ? toCommunity(r) : null;
  }

  getMobByPublicId(publicId: string): Mob | null {
    const r = this.#s.getMobByPublicId.get(publicId) as Row | undefined;
    return r ? toMob(r) : null;
  }

  listPastMobs(communityId: number, now: number, limit: number): Mob[] {
    return (this.#s.listPast.all({ communityId, now, limit }) as Row[]).map(toMob);
  }

  backlog(now: number): { pending: number; oldestDueAt: number | null } {
    return {
      pending: (this.#s.pendingCount.get() as { n: number }).n,
      oldestDueAt: (this.#s.oldestDue.get(now) as { at: number | null }).at,
    };
  }

  secret(name: string, make: () => string, now: number): string {
    return this.transaction(() => {
      this.#s.putSecret.run(name, make(), now);
      return (this.#s.getSecret.get(name) as { value: string }).value;
    });
  }

  probeWrite(): void {
    // Takes the write lock and gives it back: fails on a read-only, full or locked file.
    this.#db.exec("BEGIN IMMEDIATE; ROLLBACK");
  }

  getMob(id: number): Mob | null {
    const r = this.#s.getMob.get(id) as Row | undefined;
    return r ? toMob(r) : null;
  }

  /** Units of work take their turn on SQLite: reading the mob is holding it. */
  lockMob(id: number): Mob | null {
    return this.getMob(id);
  }

  updateMob(id: number, patch: MobPatch, now: number): Mob {
    const entries = Object.entries(patch).filter(([, v]) => v !== undefined);
    const sets = entries.map(([k]) => `${MOB_COLUMNS[k as keyof MobPatch]} = ?`);
    this.#db
      .prepare(`UPDATE mobs SET ${[...sets, "updated_at = ?"].join(", ")} WHERE id = ?`)
      .run(...entries.map(([, v]) => (typeof v === "boolean" ? (v ? 1 : 0) : v)), now, id);
    const mob = this.getMob(id);
    if (!mob) throw new Error(`mob ${id} vanished`);
    return mob;
  }

  listOpenMobs(communityId: number, now: number, includeDrafts: boolean, limit: number): Mob[] {
    return (
      this.#s.listOpen.all({ communityId, now, drafts: includeDrafts ? 1 : 0, limit }) as Row[]
    ).map(toMob);
  }

  setMerchantAnswer(mobId: number, answer: MerchantAnswer): void {
    this.#s.setMerchant.run({ mobId, ...answer });
  }

  setTakingsPublic(mobId: number, published: boolean): void {
    this.#s.setTakingsPublic.run(published ? 1 : 0, mobId);
  }

  mobbedShops(communityId: number): { name: string; lastAt: number; secret: boolean }[] {
    return (this.#s.mobbedShops.all(communityId) as Row[]).map((r) => ({
      name: r.name as string,
      lastAt: r.last_at as number,
      secret: r.secret === 1,
    }));
  }

  insertNomination(nomination: NewNomination, now: number): Nomination {
    return toNomination(this.#s.insertNomination.get({ ...nomination, now }) as Row);
  }

  getNomination(id: number): Nomination | null {
    const r = this.#s.getNomination.get(id) as Row | undefined;
    return r ? toNomination(r) : null;
  }

  findNomination(
    communityId: number,
    nameKey: string,
    status: NominationStatus,
  ): Nomination | null {
    const r = this.#s.findNomination.get(communityId, status, nameKey) as Row | undefined;
    return r ? toNomination(r) : null;
  }

  addSecond(nominationId: number, memberId: number, now: number): boolean {
    return this.#s.addSecond.run(nominationId, memberId, now).changes === 1;
  }

  secondsOf(nominationId: number): number {
    return (this.#s.secondsOf.get(nominationId) as { n: number }).n;
  }

  fillNomination(id: number, address: string | null, why: string | null): void {
    this.#s.fillNomination.run(address, why, id);
  }

  queuedNominations(communityId: number, limit: number): QueuedNomination[] {
    return (this.#s.queued.all(communityId, limit) as Row[]).map(toQueued);
  }

  countQueued(communityId: number): number {
    return (this.#s.countQueued.get(communityId) as { n: number }).n;
  }

  dropNomination(id: number, by: number, reason: string | null, now: number): boolean {
    return this.#s.dropNomination.run(reason, by, now, id).changes === 1;
  }

  chooseNomination(id: number, mobId: number, now: number): boolean {
    return this.#s.chooseNomination.run(mobId, now, id).changes === 1;
  }

  insertVote(vote: NewVote, nominationIds: readonly number[], now: number): Vote {
    const created = toVote(this.#s.insertVote.get({ ...vote, now }) as Row);
    nominationIds.forEach((n, i) => {
      this.#s.insertOption.run(created.id, n, i + 1);
    });
    return created;
  }

  getVote(id: number): Vote | null {
    const r = this.#s.getVote.get(id) as Row | undefined;
    return r ? toVote(r) : null;
  }

  openVotes(communityId: number): Vote[] {
    return (this.#s.openVotes.all(communityId) as Row[]).map(toVote);
  }

  voteOptions(voteId: number): VoteOption[] {
    return (this.#s.voteOptions.all(voteId) as Row[]).map(toVoteOption);
  }

  ballotOf(voteId: number, memberId: number): number | null {
    const r = this.#s.ballotOf.get(voteId, memberId) as { nomination_id: number } | undefined;
    return r?.nomination_id ?? null;
  }

  castBallot(
    voteId: number,
    memberId: number,
    nominationId: number,
    chatId: number | null,
    now: number,
  ): void {
    this.#s.castBallot.run(voteId, memberId, nominationId, chatId, now);
  }

  ballotCount(voteId: number): number {
    return (this.#s.ballotCount.get(voteId) as { n: number }).n;
  }

  closeVote(
    id: number,
    result: { closedBy: number | null; winnerId: number | null; mobId: number | null },
    now: number,
  ): boolean {
    return this.#s.closeVote.run({ id, ...result, now }).changes === 1;
  }

  voteOfMob(mobId: number): { voteId: number; forShop: number; total: number } | null {
    const r = this.#s.voteOfMob.get(mobId) as Row | undefined;
    return r
      ? { voteId: r.vote_id as number, forShop: r.for_shop as number, total: r.total as number }
      : null;
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
    chatId: number | null = null,
  ): void {
    this.#s.setRsvp.run(mobId, memberId, status, now, pledgeMinor, chatId);
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

  pledged(mobId: number): RsvpCounts & { pledgedMinor: number } {
    return this.#s.pledged.get(mobId) as RsvpCounts & { pledgedMinor: number };
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
        communityId: row.communityId,
        subject: row.subject,
        subjectId: row.subjectId,
        kind: row.kind,
        target: row.target,
        chatId: row.chatId ?? null,
        memberId: row.memberId ?? null,
        batch: row.batch ?? null,
        payload: JSON.stringify(row.payload ?? {}),
        dueAt: row.dueAt,
        now,
      }).changes;
    }
    return added;
  }

  claimDue(now: number, limit: number, busy: ReadonlyMap<string, number> = new Map()): OutboxRow[] {
    const claimed: OutboxRow[] = [];
    for (const { platform } of this.#s.duePlatforms.all(now) as { platform: string }[]) {
      const free = limit - (busy.get(platform) ?? 0);
      if (free <= 0) continue;
      const rows = this.#s.claimDue.all({
        platform: platform === "" ? null : platform,
        now,
        limit: free,
      });
      for (const r of rows as Row[]) claimed.push(toOutbox(r));
    }
    return claimed.sort((a, b) => a.dueAt - b.dueAt || a.id - b.id);
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

  withdrawPending(
    subject: OutboxSubject,
    subjectId: number,
    now: number,
    kinds?: readonly string[],
  ): number {
    if (!kinds) return this.#s.withdrawAll.run(now, subject, subjectId).changes;
    let n = 0;
    for (const kind of kinds) n += this.#s.withdrawKind.run(now, subject, subjectId, kind).changes;
    return n;
  }

  requeueInFlight(): number {
    return this.#s.requeue.run().changes;
  }

  nextDueAt(): number | null {
    return (this.#s.nextDue.get() as { due: number | null }).due;
  }

  sentRef(scope: RowScope): string | null {
    return (this.#s.sentRef.get(scope) as { ref: string } | undefined)?.ref ?? null;
  }

  hasUnsettled(scope: RowScope): boolean {
    return this.#s.hasUnsettled.get(scope) !== undefined;
  }

  hasPending(scope: RowScope): boolean {
    return this.#s.hasPending.get(scope) !== undefined;
  }

  hasAny(scope: RowScope): boolean {
    return this.#s.hasAny.get(scope) !== undefined;
  }

  lastActivityAt(scope: RowScope): number | null {
    return (this.#s.lastActivity.get(scope) as { at: number | null }).at;
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

  insertPhoto(photo: NewPhoto): PhotoMeta | null {
    const r = this.#s.insertPhoto.get({
      mobId: photo.mobId,
      memberId: photo.memberId,
      type: photo.type,
      width: photo.width,
      height: photo.height,
      size: photo.bytes.length,
      bytes: Buffer.from(photo.bytes.buffer, photo.bytes.byteOffset, photo.bytes.byteLength),
      sha256: photo.sha256,
      now: photo.now,
    }) as Row | undefined;
    return r ? toPhoto(r) : null;
  }

  photosOf(mobId: number): PhotoMeta[] {
    return (this.#s.photosOf.all(mobId) as Row[]).map(toPhoto);
  }

  getPhoto(mobId: number, number: number): PhotoMeta | null {
    const r = this.#s.getPhoto.get(mobId, number) as Row | undefined;
    return r ? toPhoto(r) : null;
  }

  photoBytes(mobId: number, number: number): Uint8Array | null {
    const r = this.#s.photoBytes.get(mobId, number) as { bytes: Buffer | null } | undefined;
    return r?.bytes ? new Uint8Array(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength) : null;
  }

  dropPhoto(mobId: number, number: number, now: number): boolean {
    return this.#s.dropPhoto.run(now, mobId, number).changes === 1;
  }

  pastMobs(communityId: number, now: number, limit: number): PastMob[] {
    return (this.#s.pastMobs.all({ communityId, now, limit }) as Row[]).map((r) => ({
      mobId: r.mob_id as number,
      shopName: r.shop_name as string,
      startsAt: r.starts_at as number,
      currency: r.currency as string,
      mobbers: r.mobbers as number,
      totalMinor: r.total_minor as number,
    }));
  }

  pastTotals(communityId: number, now: number): PastTotals {
    const rows = this.#s.pastTotals.all({ communityId, now }) as Row[];
    return {
      mobs: rows.reduce((n, r) => n + (r.mobs as number), 0),
      mobbers: rows.reduce((n, r) => n + (r.mobbers as number), 0),
      spent: rows.map((r) => ({
        currency: r.currency as string,
        totalMinor: r.total_minor as number,
      })),
    };
  }

  rowsFor(subject: OutboxSubject, subjectId: number): OutboxRow[] {
    return (this.#s.rowsFor.all(subject, subjectId) as Row[]).map(toOutbox);
  }
}
