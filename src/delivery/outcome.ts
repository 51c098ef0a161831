import { dmParent, outboxKey } from "../domain/codecs/outbox-key.js";
import type { Chat, Member } from "../domain/community.js";
import type { OutboxRow } from "../domain/outbox.js";
import type { PlatformName } from "../domain/platform-name.js";
import type { Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import type { Metrics } from "../ports/metrics.js";
import type { DeliveryResult, Platform } from "../ports/platform.js";
import type { Tx } from "../ports/unit-of-work.js";
import { MAX_PROBE_GAP_MS, type PlatformGate } from "../scheduler/platform-gate.js";
import type { BoundRow } from "./kinds.js";

/**
 * Transient failures back off exponentially up to this, and are retried for as
 * long as the post is still worth sending: an outage of a few minutes loses nothing.
 */
export const MAX_BACKOFF_MS = 60_000;
/** Even a post that is always worth sending (a tally) is given up after this long. */
export const MAX_RETRY_AGE_MS = 3 * 86_400_000;
/**
 * When a platform comes back, its rows that backed off during the outage are due at once; a
 * row that failed more often than this is left to its own back-off (it fails on its own).
 */
export const BACKLOG_MAX_ATTEMPTS = 8;

/** Who a claimed row goes to, once resolved. */
export type Destination =
  | { readonly platform: Platform; readonly chat: Chat; readonly member?: undefined }
  | { readonly platform: Platform; readonly member: Member; readonly chat?: undefined };

/** Where someone who cannot get a DM is mentioned: the chat they joined from, else one on their platform. */
export function mentionChat(
  chatId: number | null,
  member: Member,
  chats: readonly Chat[],
): Chat | null {
  return (
    chats.find((c) => c.id === chatId && c.platform === member.platform) ??
    chats.find((c) => c.platform === member.platform) ??
    null
  );
}

export interface OutcomeDeps {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly gate: PlatformGate;
}

/**
 * What the dispatcher records once a platform has answered, inside the unit of
 * work that follows the send: sent, retried (with back-off, or after the
 * platform's pause), fallen back to a mention, or given up.
 */
export class DeliveryOutcomes {
  constructor(private readonly deps: OutcomeDeps) {}

  /**
   * Records what the platform answered to a send begun at `startedAt`. Pauses and outages are
   * the platform's (in the database, for every replica): a bot-wide 429 pauses it; a transient
   * failure marks it down, probed with one row at a time after a back-off; the first send that
   * gets through brings it back, with its backlog due at once.
   */
  async record(
    tx: Tx,
    row: OutboxRow,
    bound: BoundRow,
    to: Destination,
    result: DeliveryResult,
    startedAt: number,
  ): Promise<void> {
    const { clock, metrics, gate } = this.deps;
    const now = clock.now();
    const platform = to.platform.name;
    if (result.ok) metrics.postSent(platform, row.kind);
    else metrics.postFailed(platform, row.kind, result.failure);
    if (result.ok) {
      await tx.markSent(row.id, result.ref, now);
      if (gate.isDown(platform) && (await tx.platformBack(platform, now, BACKLOG_MAX_ATTEMPTS))) {
        gate.up(platform);
        this.deps.logger.info({ platform }, "the platform answers again: sending its backlog");
      }
      const member = to.member;
      if (member) {
        if (member.dmReachable !== true) await tx.setReachable(member.id, true);
        if (result.dmChannel && result.dmChannel !== member.dmChannel)
          await tx.setDmChannel(member.id, result.dmChannel);
      }
      return;
    }
    switch (result.failure) {
      case "rate_limited": {
        metrics.rateLimited(to.platform.name);
        const until = now + Math.max(result.retryAfterMs, 50);
        if (result.scope === "bot") await this.pause(tx, platform, until);
        await tx.retryAt(row.id, until, "rate_limited", false);
        return;
      }
      case "transient": {
        const wasDown = gate.isDown(platform);
        const state = await tx.platformFailed(platform, startedAt, now, MAX_PROBE_GAP_MS);
        gate.note(state);
        if (!wasDown)
          this.deps.logger.warn(
            { platform, detail: result.detail },
            "the platform does not answer: probing it with one post at a time until it does",
          );
        await this.retry(tx, row, "transient", result.detail ?? "");
        return;
      }
      case "no_dm_channel":
        if (!to.member || bound.privateOnly) {
          await tx.settle(row.id, "failed", "no_dm_channel", now);
          return;
        }
        await this.fallBackToMention(tx, row, bound, to.member);
        return;
      case "not_found":
        if (to.member?.dmChannel) {
          // The remembered DM channel is gone: forget it and open a new one.
          await tx.setDmChannel(to.member.id, null);
          await tx.retryAt(row.id, now, "dm channel gone", false);
          return;
        }
        await this.giveUp(tx, row, result.failure, result.detail);
        return;
      default:
        await this.giveUp(tx, row, result.failure, result.detail);
        return;
    }
  }

  private async giveUp(
    tx: Tx,
    row: OutboxRow,
    failure: string,
    detail: string | undefined,
  ): Promise<void> {
    const { clock, logger } = this.deps;
    logger.warn({ outboxId: row.id, kind: row.kind, failure, detail }, "delivery failed");
    await tx.settle(row.id, "failed", `${failure}: ${detail ?? ""}`, clock.now());
  }

  /** Nothing more goes to a platform that limits the whole bot, until it says (every replica). */
  private async pause(tx: Tx, platform: PlatformName, until: number): Promise<void> {
    const { gate } = this.deps;
    await tx.pausePlatform(platform, until);
    if (gate.pausedUntil(platform) >= until) return;
    gate.notePause(platform, until);
    this.deps.logger.warn(
      { platform, pauseMs: until - this.deps.clock.now() },
      "the platform rate-limits the whole bot: pausing sends to it",
    );
  }

  /** A DM that cannot be delivered becomes a mention in the member's chat; the member is marked unreachable. */
  private async fallBackToMention(
    tx: Tx,
    row: OutboxRow,
    bound: BoundRow,
    member: Member,
  ): Promise<void> {
    const now = this.deps.clock.now();
    const parentKey = dmParent(row.key);
    const joined = await bound.joinedFrom(tx, member);
    const chat = mentionChat(joined, member, await tx.chatsOf(bound.communityId));
    await tx.setReachable(member.id, false);
    await tx.settle(row.id, "failed", "no_dm_channel", now);
    if (!chat) return;
    await tx.enqueue(
      [
        {
          key: outboxKey.mention(parentKey, member.id),
          communityId: bound.communityId,
          subject: row.subject,
          subjectId: row.subjectId,
          kind: "unreachable_mentions",
          target: "chat",
          chatId: chat.id,
          memberId: member.id,
          batch: outboxKey.mentions(parentKey, chat.id),
          dueAt: now,
          payload: { ...row.payload, of: row.kind },
        },
      ],
      now,
    );
  }

  /**
   * Transient failures (the platform or the network down) are retried with a
   * back-off capped at a minute for as long as the post is worth sending
   * (checked before each attempt); only a very old row is given up.
   */
  async retry(tx: Tx, row: OutboxRow, reason: string, detail: string): Promise<void> {
    const { clock, logger } = this.deps;
    const now = clock.now();
    if (now - row.createdAt > MAX_RETRY_AGE_MS) {
      logger.error({ outboxId: row.id, kind: row.kind, detail }, "giving up a post after days");
      await tx.settle(row.id, "failed", `${reason}: ${detail}`, now);
      return;
    }
    if (row.attempts > 0 && (row.attempts & (row.attempts - 1)) === 0)
      logger.warn(
        { outboxId: row.id, kind: row.kind, attempts: row.attempts, detail },
        "still retrying a post",
      );
    const backoff = Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** Math.min(row.attempts, 16));
    await tx.retryAt(row.id, now + backoff, `${reason}: ${detail}`.slice(0, 500), true);
  }
}
