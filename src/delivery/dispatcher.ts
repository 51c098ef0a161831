import type { CoreSettings } from "../app/settings.js";
import { computeTally, endsAt, type Mob, stateAt } from "../domain/mob.js";
import { stillWorthSending } from "../domain/plan.js";
import { memberAddress, NoticeBuilder } from "../i18n/notices.js";
import type { Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import type { Metrics } from "../ports/metrics.js";
import type {
  ChannelAddress,
  DeliveryResult,
  Notice,
  Platform,
  PlatformName,
} from "../ports/platform.js";
import {
  type Chat,
  type Community,
  fatalStorageFailure,
  type Member,
  type NewOutboxRow,
  type OutboxRow,
  type ParticipantView,
  type RowScope,
  type Store,
} from "../ports/store.js";

/**
 * Transient failures back off exponentially up to this, and are retried for as
 * long as the post is still worth sending: an outage of a few minutes loses nothing.
 */
export const MAX_BACKOFF_MS = 60_000;
/** Even a post that is always worth sending (a tally) is given up after this long. */
export const MAX_RETRY_AGE_MS = 3 * 86_400_000;
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
  readonly metrics: Metrics;
  platform(name: string): Platform | undefined;
  /** Storage is unusable: stop rather than retry forever. */
  onFatal(reason: string, error: unknown): void;
}

/** Can the bot try a DM? Telegram users must have opened a chat first; elsewhere we try until told no. */
function canTryDm(member: Member, platform: Platform | undefined): boolean {
  if (!platform?.capabilities.canDm || !platform.sendDirect) return false;
  if (member.dmReachable === false) return false;
  return member.dmReachable === true || !platform.capabilities.dmNeedsOptIn;
}

/** Where someone who cannot get a DM is mentioned: the chat they joined from, else one on their platform. */
function mentionChat(chatId: number | null, member: Member, chats: readonly Chat[]): Chat | null {
  return (
    chats.find((c) => c.id === chatId && c.platform === member.platform) ??
    chats.find((c) => c.platform === member.platform) ??
    null
  );
}

const chatAddress = (chat: Chat): ChannelAddress => ({
  platform: chat.platform,
  communityId: chat.spaceId,
  channelId: chat.externalId,
});

/** Who a claimed row goes to, once resolved. */
type Destination =
  | { readonly platform: Platform; readonly chat: Chat; readonly member?: undefined }
  | { readonly platform: Platform; readonly member: Member; readonly chat?: undefined };

/**
 * Delivers one claimed outbox row: a community row fans out into a post per
 * chat and a DM per participant; the others are rendered from the mob as it
 * is now, in the chat's (or member's) language, handed to that chat's (or
 * member's) platform, and recorded. Never throws.
 */
export class Dispatcher {
  /** Platforms that said the whole bot is rate-limited, and until when. */
  readonly #pausedUntil = new Map<PlatformName, number>();

  constructor(private readonly deps: DispatcherDeps) {}

  async deliver(row: OutboxRow): Promise<void> {
    const { store, clock, logger } = this.deps;
    try {
      const mob = row.subject === "mob" ? store.getMob(row.subjectId) : null;
      const community = mob ? store.getCommunity(mob.communityId) : null;
      if (!mob || !community) return store.settle(row.id, "failed", "mob vanished", clock.now());
      const skip = this.skipReason(row, mob);
      if (skip)
        return store.settle(
          row.id,
          skip === "cancelled" ? "withdrawn" : "skipped",
          skip,
          clock.now(),
        );
      if (row.target === "community") return this.fanOut(row, mob);
      const to = this.destination(row, mob);
      if (!to) return;
      const paused = this.#pausedUntil.get(to.platform.name) ?? 0;
      if (paused > clock.now())
        return store.retryAt(row.id, paused, "rate_limited: the platform paused the bot", false);
      if (row.target === "edit" && !this.ctaSent(row, mob)) return;
      if (row.attempts === 0 && row.target !== "edit")
        this.deps.metrics.schedulerLateness(Math.max(0, clock.now() - row.dueAt) / 1000);
      const result = await this.send(row, mob, community, to);
      this.record(row, mob, to, result);
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
    if (row.target === "community" && row.kind === "tally" && mob.status === "tallied")
      return "already tallied";
    return null;
  }

  /** The chat (still the mob's community's) or the member, and their platform; null when the row was settled. */
  private destination(row: OutboxRow, mob: Mob): Destination | null {
    const { store, clock } = this.deps;
    const now = clock.now();
    if (row.target === "dm") {
      const member = row.memberId === null ? null : store.getMember(row.memberId);
      if (!member) {
        store.settle(row.id, "failed", "member vanished", now);
        return null;
      }
      const platform = this.deps.platform(member.platform);
      if (!platform) {
        // That platform is off (no token now); keep the row for when it is back.
        store.retryAt(row.id, now + 60_000, "platform not attached", false);
        return null;
      }
      return { platform, member };
    }
    const chat = row.chatId === null ? null : store.getChat(row.chatId);
    if (!chat || chat.communityId !== mob.communityId) {
      store.settle(row.id, "skipped", "chat no longer linked", now);
      return null;
    }
    const platform = this.deps.platform(chat.platform);
    if (!platform) {
      store.retryAt(row.id, now + 60_000, "platform not attached", false);
      return null;
    }
    return { platform, chat };
  }

  /**
   * An edit needs the chat's call-to-action to be out. If it is on its way, the
   * edit waits for it; if there is none, the call-to-action will show the counts
   * as they are when it goes.
   */
  private ctaSent(row: OutboxRow, mob: Mob): boolean {
    const { store, clock } = this.deps;
    const cta: RowScope = {
      subject: "mob",
      subjectId: mob.id,
      kind: "call_to_action",
      chatId: row.chatId,
    };
    if (store.sentRef(cta)) return true;
    if (store.hasUnsettled(cta) || store.hasUnsettled({ ...cta, chatId: null })) {
      store.retryAt(row.id, clock.now() + 1_000, "call-to-action not sent yet", false);
    } else {
      store.settle(row.id, "skipped", "no call-to-action", clock.now());
    }
    return false;
  }

  /**
   * A community row, when due: one row per linked chat (with the members to
   * mention there) and, for fan-out kinds, one DM per participant on their own
   * platform; all in one transaction with the row's own "done".
   */
  private fanOut(row: OutboxRow, mob: Mob): void {
    const { store, clock } = this.deps;
    const now = clock.now();
    const chats = store.chatsOf(mob.communityId);
    const dms: NewOutboxRow[] = [];
    const mentions = new Map<number, number[]>();
    const wants = FAN_OUT[row.kind];
    const base = { communityId: mob.communityId, subject: row.subject, subjectId: row.subjectId };
    if (wants) {
      for (const p of store.participants(mob.id)) {
        if (!wants(p, row)) continue;
        if (canTryDm(p.member, this.deps.platform(p.member.platform))) {
          dms.push({
            ...base,
            key: `${row.key}:dm:${p.member.id}`,
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
    }
    // The chat posts first, then the DMs (rows go out in the order they were queued).
    const rows: NewOutboxRow[] = chats.map((chat) => ({
      ...base,
      key: `${row.key}:chat:${chat.id}`,
      kind: row.kind,
      target: "chat",
      chatId: chat.id,
      dueAt: now,
      payload: { ...row.payload, mention: mentions.get(chat.id) ?? [] },
    }));
    store.transaction(() => {
      store.enqueue([...rows, ...dms], now);
      store.markSent(row.id, null, now);
      if (row.kind === "tally" && mob.status === "announced")
        store.updateMob(mob.id, { status: "tallied" }, now);
    });
  }

  private async send(
    row: OutboxRow,
    mob: Mob,
    community: Community,
    to: Destination,
  ): Promise<DeliveryResult> {
    const { store, clock } = this.deps;
    const { platform } = to;
    const options = { idempotencyKey: row.key };
    if (to.member) {
      if (!platform.sendDirect) return { ok: false, failure: "no_dm_channel" };
      const notice = this.render(
        row,
        mob,
        community,
        this.memberLocale(to.member, mob, community),
        platform.name,
        [],
      );
      return platform.sendDirect(memberAddress(to.member), notice, options);
    }
    const chat = to.chat;
    switch (row.target) {
      case "edit": {
        const ref = store.sentRef({
          subject: "mob",
          subjectId: mob.id,
          kind: "call_to_action",
          chatId: chat.id,
        });
        if (!ref || !platform.edit)
          return { ok: false, failure: "not_found", detail: "no call-to-action to edit" };
        const notice = new NoticeBuilder(community, chat.locale, chat.platform).callToAction(
          mob,
          stateAt(mob, clock.now()),
          store.counts(mob.id),
          this.deps.settings.publicUrl ?? null,
        );
        return platform.edit(ref, notice);
      }
      case "event": {
        if (!platform.syncEvent)
          return { ok: false, failure: "fatal", detail: "platform has no native events" };
        const existing = store.sentRef({
          subject: "mob",
          subjectId: mob.id,
          kind: "event_sync",
          chatId: chat.id,
        });
        return platform.syncEvent(chatAddress(chat), eventSpec(mob, community), existing);
      }
      default: {
        if (row.batch) return this.sendMentions(row, mob, community, chat, platform);
        const ids = Array.isArray(row.payload.mention) ? (row.payload.mention as number[]) : [];
        const unreachable = ids.map((id) => store.getMember(id)).filter((m) => m !== null);
        const notice = this.render(row, mob, community, chat.locale, chat.platform, unreachable);
        return platform.publish(chatAddress(chat), notice, options);
      }
    }
  }

  /** A member's own language, else that of the chat they joined from, else the community's. */
  private memberLocale(member: Member, mob: Mob, community: Community): string {
    if (member.locale) return member.locale;
    const chatId = this.deps.store.getParticipant(mob.id, member.id)?.chatId ?? null;
    return (chatId === null ? null : this.deps.store.getChat(chatId)?.locale) ?? community.locale;
  }

  private render(
    row: Pick<OutboxRow, "id" | "kind">,
    mob: Mob,
    community: Community,
    locale: string,
    platform: PlatformName,
    unreachable: readonly Member[],
    kind = row.kind,
  ): Notice {
    const b = new NoticeBuilder(community, locale, platform);
    const now = this.deps.clock.now();
    switch (kind) {
      case "call_to_action":
        return b.callToAction(
          mob,
          stateAt(mob, now),
          this.deps.store.counts(mob.id),
          this.deps.settings.publicUrl ?? null,
        );
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

  /** One chat post naming everyone a DM of the same fan-out could not reach, from that chat. */
  private async sendMentions(
    row: OutboxRow,
    mob: Mob,
    community: Community,
    chat: Chat,
    platform: Platform,
  ): Promise<DeliveryResult> {
    const { store } = this.deps;
    const more = store.claimBatch(row.batch ?? "", MENTIONS_PER_POST - 1);
    const rows = [row, ...more];
    const members = rows
      .map((r) => (r.memberId === null ? null : store.getMember(r.memberId)))
      .filter((m) => m !== null);
    const of = String(row.payload.of ?? "reminder");
    const original = this.render(row, mob, community, chat.locale, chat.platform, [], of);
    const notice = new NoticeBuilder(community, chat.locale, chat.platform).unreachable(
      original,
      members,
    );
    const result = await platform.publish(chatAddress(chat), notice, { idempotencyKey: row.key });
    // The claimed companions share the outcome of this one post.
    for (const other of more) this.record(other, mob, { platform, chat }, result);
    return result;
  }

  private record(row: OutboxRow, mob: Mob, to: Destination, result: DeliveryResult): void {
    const { store, clock } = this.deps;
    const now = clock.now();
    const { metrics } = this.deps;
    if (result.ok) metrics.postSent(to.platform.name, row.kind);
    else metrics.postFailed(to.platform.name, row.kind, result.failure);
    if (result.ok) {
      store.transaction(() => {
        store.markSent(row.id, result.ref, now);
        const member = to.member;
        if (member) {
          if (member.dmReachable !== true) store.setReachable(member.id, true);
          if (result.dmChannel && result.dmChannel !== member.dmChannel)
            store.setDmChannel(member.id, result.dmChannel);
        }
      });
      return;
    }
    switch (result.failure) {
      case "rate_limited": {
        metrics.rateLimited(to.platform.name);
        const until = now + Math.max(result.retryAfterMs, 50);
        if (result.scope === "bot") this.pause(to.platform.name, until);
        store.retryAt(row.id, until, "rate_limited", false);
        return;
      }
      case "transient":
        this.retry(row, "transient", result.detail ?? "");
        return;
      case "no_dm_channel":
        if (!to.member) {
          store.settle(row.id, "failed", "no_dm_channel", now);
          return;
        }
        this.fallBackToMention(row, mob, to.member);
        return;
      case "not_found":
        if (to.member?.dmChannel) {
          // The remembered DM channel is gone: forget it and open a new one.
          store.setDmChannel(to.member.id, null);
          store.retryAt(row.id, now, "dm channel gone", false);
          return;
        }
        this.giveUp(row, result.failure, result.detail);
        return;
      default:
        this.giveUp(row, result.failure, result.detail);
        return;
    }
  }

  private giveUp(row: OutboxRow, failure: string, detail: string | undefined): void {
    const { store, clock, logger } = this.deps;
    logger.warn({ outboxId: row.id, kind: row.kind, failure, detail }, "delivery failed");
    store.settle(row.id, "failed", `${failure}: ${detail ?? ""}`, clock.now());
  }

  /** Nothing more goes to a platform that limits the whole bot, until it says. */
  private pause(platform: PlatformName, until: number): void {
    if ((this.#pausedUntil.get(platform) ?? 0) >= until) return;
    this.#pausedUntil.set(platform, until);
    this.deps.logger.warn(
      { platform, pauseMs: until - this.deps.clock.now() },
      "the platform rate-limits the whole bot: pausing sends to it",
    );
  }

  /** A DM that cannot be delivered becomes a mention in the member's chat; the member is marked unreachable. */
  private fallBackToMention(row: OutboxRow, mob: Mob, member: Member): void {
    const { store, clock } = this.deps;
    const now = clock.now();
    const parentKey = row.key.replace(/:dm:\d+$/, "");
    const joined = store.getParticipant(mob.id, member.id)?.chatId ?? null;
    const chat = mentionChat(joined, member, store.chatsOf(mob.communityId));
    store.transaction(() => {
      store.setReachable(member.id, false);
      store.settle(row.id, "failed", "no_dm_channel", now);
      if (!chat) return;
      store.enqueue(
        [
          {
            key: `${parentKey}:mention:${member.id}`,
            communityId: mob.communityId,
            subject: row.subject,
            subjectId: row.subjectId,
            kind: "unreachable_mentions",
            target: "chat",
            chatId: chat.id,
            memberId: member.id,
            batch: `${parentKey}:mention:chat:${chat.id}`,
            dueAt: now,
            payload: { ...row.payload, of: row.kind },
          },
        ],
        now,
      );
    });
  }

  /**
   * Transient failures (the platform or the network down) are retried with a
   * back-off capped at a minute for as long as the post is worth sending
   * (checked before each attempt); only a very old row is given up.
   */
  private retry(row: OutboxRow, reason: string, detail: string): void {
    const { store, clock, logger } = this.deps;
    const now = clock.now();
    if (now - row.createdAt > MAX_RETRY_AGE_MS) {
      logger.error({ outboxId: row.id, kind: row.kind, detail }, "giving up a post after days");
      store.settle(row.id, "failed", `${reason}: ${detail}`, now);
      return;
    }
    if (row.attempts > 0 && (row.attempts & (row.attempts - 1)) === 0)
      logger.warn(
        { outboxId: row.id, kind: row.kind, attempts: row.attempts, detail },
        "still retrying a post",
      );
    const backoff = Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** Math.min(row.attempts, 16));
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
