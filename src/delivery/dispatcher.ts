import type { CoreSettings } from "../app/settings.js";
import { computeTally, endsAt, type Mob, stateAt } from "../domain/mob.js";
import { stillWorthSending } from "../domain/plan.js";
import { memberAddress, NoticeBuilder } from "../i18n/notices.js";
import type { Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import type { ChannelAddress, DeliveryResult, Notice, Platform } from "../ports/platform.js";
import {
  type Community,
  fatalStorageFailure,
  type Member,
  type NewOutboxRow,
  type OutboxRow,
  type ParticipantView,
  type Store,
} from "../ports/store.js";

/** After this many transient failures a row is given up (and logged). */
export const MAX_ATTEMPTS = 8;
/** Rate-limit waits don't count as attempts, but even they end somewhere. */
const MAX_RATE_LIMITED = 200;
const MAX_BACKOFF_MS = 10 * 60_000;
const MENTIONS_PER_POST = 50;

/** Kinds that are also sent by DM to participants, and to whom. */
const FAN_OUT: Record<string, (p: ParticipantView, row: OutboxRow) => boolean> = {
  reminder: (p, row) => p.status === "going" || row.payload.includeMaybe === true,
  reveal: () => true,
  spend_question: (p) => p.status === "going",
  cancelled: () => true,
  rescheduled: () => true,
};

/** Kinds still sent after a mob is cancelled. */
const AFTER_CANCEL = new Set(["cancelled", "cta_edit", "event_sync", "unreachable_mentions"]);

export interface DispatcherDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly settings: CoreSettings;
  platform(name: string): Platform | undefined;
  /** Storage is unusable: stop rather than retry forever. */
  onFatal(reason: string, error: unknown): void;
}

/** Can the bot try a DM? Telegram users must have opened a chat first; elsewhere we try until told no. */
function canTryDm(member: Member, platform: Platform): boolean {
  if (!platform.capabilities.canDm || !platform.sendDirect) return false;
  if (member.dmReachable === false) return false;
  return member.dmReachable === true || !platform.capabilities.dmNeedsOptIn;
}

/**
 * Delivers one claimed outbox row: renders it from the mob as it is now,
 * hands it to the platform, and records what happened. Never throws.
 */
export class Dispatcher {
  constructor(private readonly deps: DispatcherDeps) {}

  async deliver(row: OutboxRow): Promise<void> {
    const { store, clock, logger } = this.deps;
    try {
      const mob = store.getMob(row.mobId);
      const community = mob ? store.getCommunity(mob.communityId) : null;
      if (!mob || !community) return store.settle(row.id, "failed", "mob vanished", clock.now());
      const platform = this.deps.platform(community.platform);
      if (!platform) {
        // The platform is off (no token now); keep the row for when it is back.
        return store.retryAt(row.id, clock.now() + 60_000, "platform not attached", false);
      }
      if (row.target === "edit" && !store.sentRef(mob.id, "call_to_action")) {
        // The call-to-action is not out yet: it will show the counts as they are when it goes,
        // unless it is being sent right now, in which case edit it once it is.
        if (store.hasUnsettled(mob.id, "call_to_action")) {
          store.retryAt(row.id, clock.now() + 1_000, "call-to-action not sent yet", false);
        } else {
          store.settle(row.id, "skipped", "no call-to-action", clock.now());
        }
        return;
      }
      const skip = this.skipReason(row, mob);
      if (skip)
        return store.settle(
          row.id,
          skip === "cancelled" ? "withdrawn" : "skipped",
          skip,
          clock.now(),
        );
      const result = await this.send(row, mob, community, platform);
      this.record(row, mob, result);
    } catch (error) {
      logger.error(
        { err: error, outboxId: row.id, kind: row.kind },
        "delivery failed unexpectedly",
      );
      const fatal = fatalStorageFailure(error);
      if (fatal) {
        this.deps.onFatal(fatal, error);
        return;
      }
      this.retry(row, "transient", String(error));
    }
  }

  private skipReason(row: OutboxRow, mob: Mob): string | null {
    if (mob.status === "cancelled" && !AFTER_CANCEL.has(row.kind)) return "cancelled";
    if (mob.status === "draft") return "draft";
    const planned = row.payload.startsAt;
    if (typeof planned === "number" && planned !== mob.startsAt && row.kind !== "cancelled")
      return "rescheduled";
    if (!stillWorthSending(row.kind, mob, this.deps.settings.tallyDelayMs, this.deps.clock.now()))
      return "stale";
    if (row.kind === "tally" && mob.status === "tallied") return "already tallied";
    return null;
  }

  private channel(community: Community, mob: Mob): ChannelAddress {
    return {
      platform: community.platform,
      communityId: community.externalId,
      channelId: mob.channelId,
    };
  }

  private async send(
    row: OutboxRow,
    mob: Mob,
    community: Community,
    platform: Platform,
  ): Promise<DeliveryResult> {
    const { store, clock } = this.deps;
    const now = clock.now();
    const options = { idempotencyKey: row.key };
    switch (row.target) {
      case "edit": {
        const ref = store.sentRef(mob.id, "call_to_action");
        if (!ref || !platform.edit)
          return { ok: false, failure: "not_found", detail: "no call-to-action to edit" };
        const notice = new NoticeBuilder(community, community.locale).callToAction(
          mob,
          stateAt(mob, now),
          store.counts(mob.id),
        );
        return platform.edit(ref, notice);
      }
      case "event": {
        if (!platform.syncEvent)
          return { ok: false, failure: "fatal", detail: "platform has no native events" };
        const existing = store.sentRef(mob.id, "event_sync");
        return platform.syncEvent(
          this.channel(community, mob),
          eventSpec(mob, community),
          existing,
        );
      }
      case "dm": {
        const member = row.memberId === null ? null : store.getMember(row.memberId);
        if (!member || !platform.sendDirect) return { ok: false, failure: "no_dm_channel" };
        const locale = member.locale ?? community.locale;
        const notice = this.render(row.kind, row, mob, community, locale, []);
        return platform.sendDirect(memberAddress(member), notice, options);
      }
      case "channel": {
        if (row.batch) return this.sendMentions(row, mob, community, platform);
        const unreachable = this.fanOut(row, mob, platform);
        const notice = this.render(row.kind, row, mob, community, community.locale, unreachable);
        return platform.publish(this.channel(community, mob), notice, options);
      }
    }
  }

  /** Queues the DMs of a fan-out post; returns who cannot get one, to mention in the channel. */
  private fanOut(row: OutboxRow, mob: Mob, platform: Platform): Member[] {
    const wants = FAN_OUT[row.kind];
    if (!wants) return [];
    const { store, clock } = this.deps;
    const now = clock.now();
    const unreachable: Member[] = [];
    const dms: NewOutboxRow[] = [];
    for (const p of store.participants(mob.id)) {
      if (!wants(p, row)) continue;
      if (canTryDm(p.member, platform)) {
        dms.push({
          key: `${row.key}:dm:${p.member.id}`,
          mobId: mob.id,
          kind: row.kind,
          target: "dm" as const,
          memberId: p.member.id,
          dueAt: now,
          payload: row.payload,
        });
      } else {
        unreachable.push(p.member);
      }
    }
    store.transaction(() => store.enqueue(dms, now));
    return unreachable;
  }

  private render(
    kind: string,
    row: OutboxRow,
    mob: Mob,
    community: Community,
    locale: string,
    unreachable: readonly Member[],
  ): Notice {
    const b = new NoticeBuilder(community, locale);
    const now = this.deps.clock.now();
    switch (kind) {
      case "call_to_action":
        return b.callToAction(mob, stateAt(mob, now), this.deps.store.counts(mob.id));
      case "reminder":
        return b.reminder(mob, now, unreachable);
      case "reveal":
        return b.reveal(mob, unreachable);
      case "start":
        return b.start(mob);
      case "spend_question":
        return b.spendQuestion(mob, unreachable);
      case "tally":
        return b.tally(mob, computeTally(mob, this.deps.store.participants(mob.id)));
      case "cancelled":
        return b.cancelled(mob);
      case "rescheduled":
        return b.rescheduled(mob);
      default:
        throw new Error(`no renderer for outbox kind ${kind} (row ${row.id})`);
    }
  }

  /** One channel post naming everyone a DM of the same fan-out could not reach. */
  private async sendMentions(
    row: OutboxRow,
    mob: Mob,
    community: Community,
    platform: Platform,
  ): Promise<DeliveryResult> {
    const { store } = this.deps;
    const more = store.claimBatch(row.batch ?? "", MENTIONS_PER_POST - 1);
    const rows = [row, ...more];
    const members = rows
      .map((r) => (r.memberId === null ? null : store.getMember(r.memberId)))
      .filter((m) => m !== null);
    const of = String(row.payload.of ?? "reminder");
    const original = this.render(of, row, mob, community, community.locale, []);
    const notice = new NoticeBuilder(community, community.locale).unreachable(original, members);
    const result = await platform.publish(this.channel(community, mob), notice, {
      idempotencyKey: row.key,
    });
    // The claimed companions share the outcome of this one post.
    for (const other of more) this.record(other, mob, result);
    return result;
  }

  private record(row: OutboxRow, mob: Mob, result: DeliveryResult): void {
    const { store, clock, logger } = this.deps;
    const now = clock.now();
    if (result.ok) {
      store.transaction(() => {
        store.markSent(row.id, result.ref, now);
        if (row.target === "dm" && row.memberId !== null) {
          const member = store.getMember(row.memberId);
          if (member && member.dmReachable !== true) store.setReachable(member.id, true);
        }
        if (row.kind === "tally" && mob.status === "announced")
          store.updateMob(mob.id, { status: "tallied" }, now);
      });
      return;
    }
    switch (result.failure) {
      case "rate_limited":
        if (row.attempts >= MAX_RATE_LIMITED) {
          store.settle(row.id, "failed", "rate limited too long", now);
          return;
        }
        store.retryAt(row.id, now + Math.max(result.retryAfterMs, 50), "rate_limited", false);
        return;
      case "transient":
        this.retry(row, "transient", result.detail ?? "");
        return;
      case "no_dm_channel":
        if (row.target !== "dm" || row.memberId === null) {
          store.settle(row.id, "failed", "no_dm_channel", now);
          return;
        }
        this.fallBackToMention(row, mob);
        return;
      default:
        logger.warn(
          { outboxId: row.id, kind: row.kind, failure: result.failure, detail: result.detail },
          "delivery failed",
        );
        store.settle(row.id, "failed", `${result.failure}: ${result.detail ?? ""}`, now);
        return;
    }
  }

  /** A DM that cannot be delivered becomes a mention in the channel; the member is marked unreachable. */
  private fallBackToMention(row: OutboxRow, mob: Mob): void {
    const { store, clock } = this.deps;
    const now = clock.now();
    const parentKey = row.key.replace(/:dm:\d+$/, "");
    store.transaction(() => {
      store.setReachable(row.memberId as number, false);
      store.settle(row.id, "failed", "no_dm_channel", now);
      store.enqueue(
        [
          {
            key: `${parentKey}:mention:${row.memberId}`,
            mobId: mob.id,
            kind: "unreachable_mentions",
            target: "channel",
            memberId: row.memberId,
            batch: `${parentKey}:mention`,
            dueAt: now,
            payload: { ...row.payload, of: row.kind },
          },
        ],
        now,
      );
    });
  }

  private retry(row: OutboxRow, reason: string, detail: string): void {
    const { store, clock, logger } = this.deps;
    const now = clock.now();
    if (row.attempts + 1 >= MAX_ATTEMPTS) {
      logger.error(
        { outboxId: row.id, kind: row.kind, detail },
        "giving up delivery after retries",
      );
      store.settle(row.id, "failed", `${reason}: ${detail}`, now);
      return;
    }
    const backoff = Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** row.attempts);
    store.retryAt(row.id, now + backoff, `${reason}: ${detail}`.slice(0, 500), true);
  }
}

function eventSpec(mob: Mob, community: Community) {
  const name = mob.secret ? `Cash mob #${mob.id}` : `Cash mob: ${mob.shopName}`;
  return {
    mobId: mob.id,
    name: name.slice(0, 100),
    description: `Cash mob #${mob.id} in ${community.name}`.slice(0, 1000),
    location: (
      (mob.secret ? mob.meetingPoint : (mob.address ?? mob.meetingPoint)) ?? community.name
    ).slice(0, 100),
    startsAt: mob.startsAt,
    endsAt: endsAt(mob),
    status: mob.status === "cancelled" ? ("cancelled" as const) : ("scheduled" as const),
  };
}
