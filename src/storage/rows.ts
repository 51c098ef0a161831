/**
 * Rows as both engines return them (SQLite's representation, kept by PostgreSQL's schema:
 * ids, instants and money as numbers, flags 0/1, JSON as text) mapped to domain types,
 * written once.
 */
import { randomBytes } from "node:crypto";
import type { Chat, Community, LinkCode, Member } from "../domain/community.js";
import type { PastMob, PastTotals } from "../domain/history.js";
import type { ImageType } from "../domain/image.js";
import type { MerchantAnswer } from "../domain/merchant.js";
import type { Mob, MobPatch, Participant, RsvpStatus, Waiting } from "../domain/mob.js";
import type { Nomination, NominationStatus, QueuedNomination } from "../domain/nomination.js";
import type { OutboxRow, OutboxSubject } from "../domain/outbox.js";
import type { PhotoMeta } from "../domain/photo.js";
import type { PlatformName } from "../domain/platform-name.js";
import { decodeSeriesRule, type Series } from "../domain/series.js";
import type { Vote, VoteOption } from "../domain/vote.js";

export type Row = Record<string, unknown>;

/**
 * The key a shop's name is unique by within a community (`shops.name_key`), on both
 * engines: "Épicerie" and "épicerie" are one shop.
 */
export const shopKey = (name: string): string => name.toLowerCase();

/** 96 random bits, hex: the public ids of communities and mobs. */
export const newPublicId = (): string => randomBytes(12).toString("hex");

/** The column of each community setting that can be changed. */
export const COMMUNITY_COLUMNS = {
  name: "name",
  timezone: "timezone",
  locale: "locale",
  currency: "currency",
  organizerRule: "organizer_rule",
  merchantGate: "merchant_gate",
} as const;

/** The column of each field a mob's edit can change. */
export const MOB_COLUMNS: Record<keyof MobPatch, string> = {
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

/** The row mapped by `to`, or null when the statement found none. */
export const orNull = <T>(r: Row | undefined, to: (r: Row) => T): T | null => (r ? to(r) : null);

const opt = <T>(v: unknown): T | null => (v as T | null | undefined) ?? null;

export const toCommunity = (r: Row): Community => ({
  id: r.id as number,
  publicId: r.public_id as string,
  name: r.name as string,
  timezone: r.timezone as string,
  locale: r.locale as string,
  currency: r.currency as string,
  organizerRule: r.organizer_rule as Community["organizerRule"],
  merchantGate: r.merchant_gate === 1,
});

export const toChat = (r: Row): Chat => ({
  id: r.id as number,
  communityId: r.community_id as number,
  platform: r.platform as PlatformName,
  spaceId: r.space_id as string,
  externalId: r.external_id as string,
  name: r.name as string,
  locale: r.locale as string,
});

/** A member, from its own row or from columns prefixed `m_` in a join. */
export const toMember = (r: Row, prefix = ""): Member => {
  const reachable = r[`${prefix}dm_reachable`];
  return {
    id: r[`${prefix}id`] as number,
    platform: r[`${prefix}platform`] as PlatformName,
    userId: r[`${prefix}user_id`] as string,
    displayName: r[`${prefix}display_name`] as string,
    locale: opt<string>(r[`${prefix}locale`]),
    dmReachable: reachable === null || reachable === undefined ? null : reachable === 1,
    dmChannel: opt<string>(r[`${prefix}dm_channel`]),
  };
};

export const toLinkCode = (r: Row): LinkCode => ({
  code: r.code as string,
  communityId: r.community_id as number,
  createdBy: r.created_by as number,
  expiresAt: r.expires_at as number,
  usedAt: opt<number>(r.used_at),
});

/** A mob row joined with its shop's `shop_name` and `takings_minor`. */
export const toMob = (r: Row): Mob => ({
  id: r.id as number,
  publicId: r.public_id as string,
  communityId: r.community_id as number,
  shopId: r.shop_id as number,
  shopName: r.shop_name as string,
  address: opt<string>(r.address),
  meetingPoint: opt<string>(r.meeting_point),
  party: opt<string>(r.party),
  startsAt: r.starts_at as number,
  durationMs: r.duration_ms as number,
  pledgeMinor: r.pledge_minor as number,
  currency: r.currency as string,
  secret: r.secret === 1,
  capacity: opt<number>(r.capacity),
  goalMinor: opt<number>(r.goal_minor),
  takingsMinor: opt<number>(r.takings_minor),
  takingsPublic: r.takings_public === 1,
  merchant: {
    status: r.merchant_status as MerchantAnswer["status"],
    note: opt<string>(r.merchant_note),
    recordedBy: opt<number>(r.merchant_recorded_by),
    recordedAt: opt<number>(r.merchant_recorded_at),
    source: opt<MerchantAnswer["source"]>(r.merchant_source) as MerchantAnswer["source"],
  },
  status: r.status as Mob["status"],
  createdBy: r.created_by as number,
  checkinCode: r.checkin_code as string,
  cancelReason: opt<string>(r.cancel_reason),
  createdAt: r.created_at as number,
  updatedAt: r.updated_at as number,
});

export const toParticipant = (r: Row): Participant => ({
  memberId: r.member_id as number,
  status: r.status as RsvpStatus,
  pledgeMinor: opt<number>(r.pledge_minor),
  spentMinor: opt<number>(r.spent_minor),
  checkedInAt: opt<number>(r.checked_in_at),
  chatId: opt<number>(r.chat_id),
});

export const toWaiting = (r: Row): Waiting => ({
  memberId: r.member_id as number,
  pledgeMinor: opt<number>(r.pledge_minor),
  chatId: opt<number>(r.chat_id),
});

export const toOutbox = (r: Row): OutboxRow => ({
  id: r.id as number,
  key: r.key as string,
  communityId: r.community_id as number,
  subject: r.subject as OutboxSubject,
  subjectId: r.subject_id as number,
  kind: r.kind as string,
  target: r.target as OutboxRow["target"],
  chatId: opt<number>(r.chat_id),
  memberId: opt<number>(r.member_id),
  platform: opt<PlatformName>(r.platform),
  batch: opt<string>(r.batch),
  payload: JSON.parse(r.payload as string) as Record<string, unknown>,
  dueAt: r.due_at as number,
  state: r.state as OutboxRow["state"],
  attempts: r.attempts as number,
  ref: opt<string>(r.ref),
  createdAt: r.created_at as number,
});

export const PHOTO_COLUMNS = "mob_id, number, member_id, type, width, height, size, created_at";

export const toPhoto = (r: Row): PhotoMeta => ({
  mobId: r.mob_id as number,
  number: r.number as number,
  memberId: r.member_id as number,
  type: r.type as ImageType,
  width: r.width as number,
  height: r.height as number,
  size: r.size as number,
  createdAt: r.created_at as number,
});

export const toNomination = (r: Row): Nomination => ({
  id: r.id as number,
  communityId: r.community_id as number,
  name: r.name as string,
  nameKey: r.name_key as string,
  address: opt<string>(r.address),
  why: opt<string>(r.why),
  nominatedBy: r.nominated_by as number,
  status: r.status as NominationStatus,
  dropReason: opt<string>(r.drop_reason),
  mobId: opt<number>(r.mob_id),
  createdAt: r.created_at as number,
});

/** A nomination joined with `nominator_name` and its count of `seconds`. */
export const toQueued = (r: Row): QueuedNomination => ({
  ...toNomination(r),
  nominatorName: r.nominator_name as string,
  seconds: r.seconds as number,
});

export const toVote = (r: Row): Vote => ({
  id: r.id as number,
  communityId: r.community_id as number,
  mobAt: r.mob_at as number,
  closesAt: r.closes_at as number,
  status: r.status as Vote["status"],
  openedBy: r.opened_by as number,
  closedBy: opt<number>(r.closed_by),
  winnerId: opt<number>(r.winner_id),
  mobId: opt<number>(r.mob_id),
  closedAt: opt<number>(r.closed_at),
  seriesId: opt<number>(r.series_id),
});

export const toSeries = (r: Row): Series => ({
  id: r.id as number,
  communityId: r.community_id as number,
  rule: decodeSeriesRule(r.rule as string),
  anchorAt: r.anchor_at as number,
  nextAt: r.next_at as number,
  voteLeadMs: r.vote_lead_ms as number,
  pledgeMinor: r.pledge_minor as number,
  currency: r.currency as string,
  meetingPoint: opt<string>(r.meeting_point),
  party: opt<string>(r.party),
  capacity: opt<number>(r.capacity),
  durationMs: r.duration_ms as number,
  goalMinor: opt<number>(r.goal_minor),
  status: r.status as Series["status"],
  createdBy: r.created_by as number,
  createdAt: r.created_at as number,
  stoppedAt: opt<number>(r.stopped_at),
});

export const toVoteOption = (r: Row): VoteOption => ({
  nominationId: r.nomination_id as number,
  name: r.name as string,
  address: opt<string>(r.address),
  position: r.position as number,
  queued: r.status === "queued",
  seconds: r.seconds as number,
  createdAt: r.created_at as number,
  votes: r.votes as number,
});

/** A row of the past mobs query (`mob_id`, `shop_name`, `starts_at`, `currency`, `mobbers`, `total_minor`). */
export const toPastMob = (r: Row): PastMob => ({
  mobId: r.mob_id as number,
  shopName: r.shop_name as string,
  startsAt: r.starts_at as number,
  currency: r.currency as string,
  mobbers: r.mobbers as number,
  totalMinor: r.total_minor as number,
});

/** The past totals, from one row per currency (`mobs`, `mobbers`, `currency`, `total_minor`). */
export const toPastTotals = (rows: readonly Row[]): PastTotals => ({
  mobs: rows.reduce((n, r) => n + (r.mobs as number), 0),
  mobbers: rows.reduce((n, r) => n + (r.mobbers as number), 0),
  spent: rows.map((r) => ({
    currency: r.currency as string,
    totalMinor: r.total_minor as number,
  })),
});
