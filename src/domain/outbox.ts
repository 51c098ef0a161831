/** The outbox: every message the bot owes, as a row written before it is sent. */
import type { PlatformName } from "./platform-name.js";

/**
 * Who an outbox row is for: the whole community (fanned out into chats and DMs
 * when due), one chat, one member on their own platform, the call-to-action
 * message in one chat (an edit), or the native event of one chat's server.
 */
export type OutboxTarget = "community" | "chat" | "dm" | "edit" | "event";
export type OutboxState = "pending" | "sending" | "sent" | "failed" | "skipped" | "withdrawn";
/** What a row is about: a mob, a vote on the next shop, or a series (its occurrences' steps). */
export type OutboxSubject = "mob" | "vote" | "series";

/** What every row says: its key, whose it is, what about, which kind, to whom. */
interface OutboxRowHead {
  readonly key: string;
  readonly communityId: number;
  readonly subject: OutboxSubject;
  readonly subjectId: number;
  readonly kind: string;
  readonly target: OutboxTarget;
}

export interface OutboxRow extends OutboxRowHead {
  readonly id: number;
  readonly chatId: number | null;
  readonly memberId: number | null;
  /** The platform it goes out on (its chat's or member's); null for a community row. */
  readonly platform: PlatformName | null;
  readonly batch: string | null;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly dueAt: number;
  readonly state: OutboxState;
  readonly attempts: number;
  readonly ref: string | null;
  /** When the row first became pending (retries give up on age, not on count). */
  readonly createdAt: number;
}

export interface NewOutboxRow extends OutboxRowHead {
  readonly chatId?: number | null;
  readonly memberId?: number | null;
  readonly batch?: string | null;
  readonly payload?: Readonly<Record<string, unknown>>;
  readonly dueAt: number;
}

/** A subject's rows of one kind, in one chat (or in none: `null` matches rows without a chat). */
export interface RowScope {
  readonly subject: OutboxSubject;
  readonly subjectId: number;
  readonly kind: string;
  readonly chatId: number | null;
}
