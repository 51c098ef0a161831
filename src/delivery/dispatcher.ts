import type { CoreSettings } from "../app/settings.js";
import { outboxKey } from "../domain/codecs/outbox-key.js";
import type { Member } from "../domain/community.js";
import type { NewOutboxRow, OutboxRow, RowScope } from "../domain/outbox.js";
import type { Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import type { Metrics } from "../ports/metrics.js";
import type { Notice, Platform } from "../ports/platform.js";
import type { Lease } from "../ports/repositories.js";
import { fatalStorageFailure } from "../ports/storage-errors.js";
import type { Tx, UnitOfWork } from "../ports/unit-of-work.js";
import type { CardInput } from "../render/card.js";
import type { PlatformGate } from "../scheduler/platform-gate.js";
import { type BoundRow, bind } from "./kinds.js";
import { DeliveryOutcomes, type Destination, mentionChat } from "./outcome.js";
import { prepareSend, type Ready } from "./send.js";
import { TallyCards } from "./tally-card.js";

export { MAX_BACKOFF_MS, MAX_RETRY_AGE_MS } from "./outcome.js";

export interface DispatcherDeps {
  /** Its outcome writes fenced by the row's holder (fencedUnits in fence.ts). */
  readonly uow: Pick<UnitOfWork, "run">;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly settings: CoreSettings;
  readonly metrics: Metrics;
  platform(name: string): Platform | undefined;
  /** What the rows this process claims are held under (the scheduler's lease, from now). */
  lease(): Lease;
  /** Pauses, outages and who sends where, shared with the scheduler. */
  readonly gate: PlatformGate;
  /** Storage is unusable: stop rather than retry forever. */
  onFatal(reason: string, error: unknown): void;
}

/** Can the bot try a DM? Telegram users must have opened a chat first; elsewhere we try until told no. */
function canTryDm(member: Member, platform: Platform | undefined): boolean {
  if (!platform?.capabilities.canDm || !platform.sendDirect) return false;
  if (member.dmReachable === false) return false;
  return member.dmReachable === true || !platform.capabilities.dmNeedsOptIn;
}

/**
 * Delivers one claimed outbox row, whatever it is about (a mob, a vote): the
 * row is bound to its subject and its kind's entry (src/delivery/kinds.ts);
 * a community row fans out into a post per chat and a DM per participant; a
 * transition row (a vote's close) runs its use case; the others are rendered
 * from the subject as it is now, in the chat's (or member's) language, handed
 * to that chat's (or member's) platform, and recorded. Never throws.
 *
 * Storage is read and written in units of work, never across a platform call:
 * one unit binds, decides and renders (or settles, fans out, runs the
 * transition); the post goes out with no unit open; another unit records
 * what the platform answered.
 */
export class Dispatcher {
  readonly #cards = new TallyCards();
  readonly #outcomes: DeliveryOutcomes;

  constructor(private readonly deps: DispatcherDeps) {
    this.#outcomes = new DeliveryOutcomes(deps);
  }

  async deliver(row: OutboxRow): Promise<void> {
    const { uow, clock, logger } = this.deps;
    try {
      const ready = await uow.run((tx) => this.prepare(tx, row));
      if (!ready) return;
      if (row.attempts === 0 && row.target !== "edit")
        this.deps.metrics.schedulerLateness(Math.max(0, clock.now() - row.dueAt) / 1000);
      // Aborted when this replica's turn at the platform ends (another replica sends there).
      const { signal, release } = this.deps.gate.turn(ready.to.platform.name);
      const startedAt = clock.now();
      const result = signal?.aborted ? null : await ready.send(signal).finally(release);
      if (!result || (signal?.aborted && !result.ok)) {
        // Not sent (or called off while it waited in the adapter's queue): due again now, for
        // the platform's sender, no attempt counted.
        await uow.run(async (tx) => {
          for (const r of [...ready.companions, row])
            await tx.retryAt(r.id, clock.now(), "not this replica's turn", false);
        });
        return;
      }
      await uow.run(async (tx) => {
        // The claimed companions share the outcome of this one post.
        for (const other of ready.companions)
          await this.#outcomes.record(tx, other, ready.bound, ready.to, result, startedAt);
        await this.#outcomes.record(tx, row, ready.bound, ready.to, result, startedAt);
      });
    } catch (error) {
      // Most often the database is away: what this replica sends now could not be recorded,
      // and would go again from another replica. It sends nothing more until a look at the
      // outbox renews its sender leases (at once, if the database answers).
      this.deps.gate.forgetSenders();
      logger.error(
        { err: error, outboxId: row.id, kind: row.kind },
        "delivery failed unexpectedly",
      );
      const fatal = fatalStorageFailure(error);
      if (fatal) {
        this.deps.onFatal(fatal, error);
        return;
      }
      await uow.run((tx) => this.#outcomes.retry(tx, row, "transient", String(error)));
    }
  }

  /**
   * Binds the row and decides: settled (vanished, skipped, waiting, fanned
   * out, transition run) gives null; otherwise the send, rendered.
   */
  private async prepare(tx: Tx, row: OutboxRow): Promise<Ready | null> {
    const { clock } = this.deps;
    const bound = await bind(tx, row, this.kindDeps(), clock.now());
    if (!bound) {
      await tx.settle(row.id, "failed", `${row.subject} vanished`, clock.now());
      return null;
    }
    if (bound.skip) {
      await tx.settle(row.id, bound.skip.state, bound.skip.reason, clock.now());
      return null;
    }
    if (bound.transition) {
      await this.runTransition(tx, row, bound);
      return null;
    }
    if (row.target === "community") {
      await this.fanOut(tx, row, bound);
      return null;
    }
    const to = await this.destination(tx, row, bound);
    if (!to) return null;
    const paused = this.deps.gate.pausedUntil(to.platform.name);
    if (paused > clock.now()) {
      await tx.retryAt(row.id, paused, "rate_limited: the platform paused the bot", false);
      return null;
    }
    if (row.target === "edit" && !(await this.originalSent(tx, row, bound))) return null;
    if (!(await this.readyToFollow(tx, row, bound, to.platform))) return null;
    return prepareSend(tx, row, bound, to, {
      now: clock.now(),
      lease: this.deps.lease(),
      withCard: (notice, input) => this.withCard(notice, input),
    });
  }

  /** What the per-kind entries need: settings, and the platforms' capabilities. */
  private kindDeps() {
    return {
      settings: this.deps.settings,
      capabilities: (name: string) => this.deps.platform(name)?.capabilities ?? null,
    };
  }

  /** A row whose delivery is a state change (a vote's close): it and the row's "done" land together. */
  private async runTransition(tx: Tx, row: OutboxRow, bound: BoundRow): Promise<void> {
    const now = this.deps.clock.now();
    await bound.transition?.(tx, now);
    await tx.markSent(row.id, null, now);
  }

  /** The chat (still the subject's community's) or the member, and their platform; null when the row was settled. */
  private async destination(tx: Tx, row: OutboxRow, bound: BoundRow): Promise<Destination | null> {
    const { clock } = this.deps;
    const now = clock.now();
    /** The platform when it is attached; else the row waits for it (no token now), kept. */
    const attached = async (name: string) => {
      const platform = this.deps.platform(name);
      if (!platform) await tx.retryAt(row.id, now + 60_000, "platform not attached", false);
      return platform;
    };
    if (row.target === "dm") {
      const member = row.memberId === null ? null : await tx.getMember(row.memberId);
      if (!member) {
        await tx.settle(row.id, "failed", "member vanished", now);
        return null;
      }
      const platform = await attached(member.platform);
      return platform ? { platform, member } : null;
    }
    const chat = row.chatId === null ? null : await tx.getChat(row.chatId);
    if (!chat || chat.communityId !== bound.communityId) {
      await tx.settle(row.id, "skipped", "chat no longer linked", now);
      return null;
    }
    const platform = await attached(chat.platform);
    return platform ? { platform, chat } : null;
  }

  /**
   * An edit needs the chat's original post (call-to-action, vote) to be out.
   * If it is on its way, the edit waits for it; if there is none, the original
   * will show things as they are when it goes.
   */
  private async originalSent(tx: Tx, row: OutboxRow, bound: BoundRow): Promise<boolean> {
    const { clock } = this.deps;
    if (!bound.edits) {
      await tx.settle(row.id, "failed", `${row.kind} edits nothing`, clock.now());
      return false;
    }
    const original: RowScope = {
      subject: row.subject,
      subjectId: row.subjectId,
      kind: bound.edits,
      chatId: row.chatId,
    };
    // Unsettled first, then sent: a post turns from one to the other, never back, so on an
    // engine where each read sees the latest commit, the original is never missed in between.
    const waiting =
      (await tx.hasUnsettled(original)) || (await tx.hasUnsettled({ ...original, chatId: null }));
    if (await tx.sentRef(original)) return true;
    if (waiting) {
      await tx.retryAt(row.id, clock.now() + 1_000, "original post not sent yet", false);
    } else {
      await tx.settle(row.id, "skipped", "no original post", clock.now());
    }
    return false;
  }

  /**
   * A post that follows another in its chat (the recap after the tally) waits
   * while that one is on its way; an album is skipped where there is nothing
   * to post or no album to post it in.
   */
  private async readyToFollow(
    tx: Tx,
    row: OutboxRow,
    bound: BoundRow,
    platform: Platform,
  ): Promise<boolean> {
    const { clock } = this.deps;
    if (bound.album && (!platform.publishAlbum || (await bound.album.empty(tx)))) {
      await tx.settle(row.id, "skipped", "no photos, or no albums on this platform", clock.now());
      return false;
    }
    if (!bound.follows) return true;
    const before: RowScope = {
      subject: row.subject,
      subjectId: row.subjectId,
      kind: bound.follows,
      chatId: row.chatId,
    };
    if (!(await tx.hasUnsettled(before))) return true;
    await tx.retryAt(row.id, clock.now() + 1_000, `${bound.follows} not posted yet`, false);
    return false;
  }

  /** The card goes with the post; a post without it beats no post, should drawing fail. */
  private async withCard(notice: Notice, input: CardInput): Promise<Notice> {
    try {
      return { ...notice, image: await this.#cards.picture(input) };
    } catch (error) {
      this.deps.logger.error({ err: error }, "drawing the card failed");
      return notice;
    }
  }

  /**
   * A community row, when due: one row per linked chat (with the members to
   * mention there) and, for fan-out kinds, one DM per participant on their own
   * platform; all in the row's unit with the row's own "done".
   */
  private async fanOut(tx: Tx, row: OutboxRow, bound: BoundRow): Promise<void> {
    const now = this.deps.clock.now();
    const chats = await tx.chatsOf(bound.communityId);
    const dms: NewOutboxRow[] = [];
    const mentions = new Map<number, number[]>();
    const base = { communityId: bound.communityId, subject: row.subject, subjectId: row.subjectId };
    for (const p of await bound.dmRecipients(tx)) {
      if (canTryDm(p.member, this.deps.platform(p.member.platform))) {
        dms.push({
          ...base,
          key: outboxKey.dm(row.key, p.member.id),
          kind: row.kind,
          target: "dm",
          memberId: p.member.id,
          dueAt: now,
          payload: row.payload,
        });
        continue;
      }
      const chat = mentionChat(p.chatId, p.member, chats);
      if (chat) mentions.set(chat.id, [...(mentions.get(chat.id) ?? []), p.member.id]);
    }
    // The chat posts first, then the DMs (rows go out in the order they were queued).
    const rows: NewOutboxRow[] = chats.map((chat) => ({
      ...base,
      key: outboxKey.chat(row.key, chat.id),
      kind: row.kind,
      target: "chat",
      chatId: chat.id,
      dueAt: now,
      payload: { ...row.payload, mention: mentions.get(chat.id) ?? [] },
    }));
    await tx.enqueue([...rows, ...dms], now);
    await tx.markSent(row.id, null, now);
    await bound.onFanOut?.(tx, now);
  }
}
