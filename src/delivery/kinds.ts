import type { CoreSettings } from "../app/settings.js";
import type { Community, Member } from "../domain/community.js";
import type { ParticipantView } from "../domain/mob.js";
import type { OutboxRow } from "../domain/outbox.js";
import type { PlatformName } from "../domain/platform-name.js";
import type { Album, NativeEventSpec, Notice, PlatformCapabilities } from "../ports/platform.js";
import type { Tx } from "../ports/unit-of-work.js";
import type { CardInput } from "../render/card.js";
import { bindMob, isMobKind, type MobKind } from "./mob-kinds.js";
import { bindSeries, isSeriesKind, type SeriesKind } from "./series-kinds.js";
import { bindVote, isVoteKind, type VoteKind } from "./vote-kinds.js";

/**
 * Every kind of outbox row, as a closed union per subject (mob-kinds.ts, vote-kinds.ts), each
 * with one entry saying who receives it, whether it is still worth sending, and how it renders.
 */
export type OutboxKind = MobKind | VoteKind | SeriesKind;

/** What a notice is rendered for: a chat's or a member's language and platform. */
export interface RenderInput {
  readonly locale: string;
  readonly platform: PlatformName;
  /** Members mentioned in the post because a DM could not reach them. */
  readonly unreachable: readonly Member[];
  readonly now: number;
}

/**
 * A claimed row bound to its subject as it is now: what the dispatcher asks of
 * any row, whatever it is about. Built fresh for each delivery, so a post
 * always shows the subject as it is when it goes. What reads storage takes the
 * unit of work's `tx`: it reads first, then renders from what it read.
 */
export interface BoundRow {
  readonly communityId: number;
  readonly community: Community;
  /** Why the row is not sent (null: send it). */
  readonly skip: { readonly state: "skipped" | "withdrawn"; readonly reason: string } | null;
  /** For an edit: the kind of message it rewrites in its chat. */
  readonly edits: OutboxKind | null;
  /** A delivery that is a state change and no message (a vote's close); run in the row's unit. */
  readonly transition: ((tx: Tx, now: number) => Promise<void>) | null;
  /** Runs in the unit that fans a community row out (a tally marks the mob tallied). */
  readonly onFanOut: ((tx: Tx, now: number) => Promise<void>) | null;
  /** For a community row: the participants who also get it by DM. */
  dmRecipients(tx: Tx): Promise<readonly ParticipantView[]>;
  /**
   * The notice of a kind of this subject (the row's, the one an edit rewrites,
   * or a batch's `of`): what it shows is read through `tx`, then rendered.
   */
  render(tx: Tx, kind: string, input: RenderInput): Promise<Notice>;
  /** The native event mirroring the subject (event rows). */
  event(): NativeEventSpec | null;
  /** The language a member reads a DM about this subject in. */
  memberLocale(tx: Tx, member: Member): Promise<string>;
  /** The chat a member acted from (where to mention them when a DM fails). */
  joinedFrom(tx: Tx, member: Member): Promise<number | null>;
  /** For one person only: a DM that fails is given up, never posted in a chat as a mention. */
  readonly privateOnly: boolean;
  /** The card drawn with the post (the tally, the thanks), in a chat's language; null: none. */
  readonly card: ((tx: Tx, locale: string) => Promise<CardInput>) | null;
  /** A post that follows this kind's post in the same chat (the recap after the tally). */
  readonly follows: OutboxKind | null;
  /** For an album row: whether it has nothing to post, and its pictures in a chat's language. */
  readonly album: {
    empty(tx: Tx): Promise<boolean>;
    pictures(tx: Tx, locale: string): Promise<Album | null>;
  } | null;
}

/** What binding needs (storage comes as the `tx` of the unit the row is handled in). */
export interface KindDeps {
  readonly settings: CoreSettings;
  capabilities(platform: string): PlatformCapabilities | null;
}

/** Binds a claimed row to its subject; null when the subject or the kind is unknown. */
export async function bind(
  tx: Tx,
  row: OutboxRow,
  deps: KindDeps,
  now: number,
): Promise<BoundRow | null> {
  switch (row.subject) {
    case "mob":
      return isMobKind(row.kind) ? bindMob(tx, row, row.kind, deps, now) : null;
    case "vote":
      return isVoteKind(row.kind) ? bindVote(tx, row, row.kind, deps, now) : null;
    case "series":
      return isSeriesKind(row.kind) ? bindSeries(tx, row, row.kind) : null;
  }
}
