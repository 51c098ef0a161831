import type { CoreSettings } from "../app/settings.js";
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
  fatalStorageFailure,
  type Member,
  type NewOutboxRow,
  type OutboxRow,
  type RowScope,
  type Store,
} from "../ports/store.js";
import type { CardInput } from "../render/card.js";
import { type BoundRow, bind } from "./kinds.js";
import { TallyCards } from "./tally-card.js";

/**
 * Transient failures back off exponentially up to this, and are retried for as
 * long as the post is still worth sending: an outage of a few minutes loses nothing.
 */
export const MAX_BACKOFF_MS = 60_000;
/** Even a post that is always worth sending (a tally) is given up after this long. */
export const MAX_RETRY_AGE_MS = 3 * 86_400_000;
const MENTIONS_PER_POST = 50;

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
 * Delivers one claimed outbox row, whatever it is about (a mob, a vote): the
 * row is bound to its subject and its kind's entry (src/delivery/kinds.ts);
 * a community row fans out into a post per chat and a DM per participant; a
 * transition row (a vote's close) runs its use case; the others are rendered
 * from the subject as it is now, in the chat's (or member's) language, handed
 * to that chat's (or member's) platform, and recorded. Never throws.
 */
export class Dispatcher {
  /** Platforms that said the whole bot is rate-limited, and until when. */
  readonly #pausedUntil = new Map<PlatformName, number>();
  readonly #cards = new TallyCards();

  constructor(private readonly deps: DispatcherDeps) {}

  async deliver(row: OutboxRow): Promise<void> {
    const { store, clock, logger } = this.deps;
    try {
      const bound = bind(row, this.kindDeps(), clock.now());
      if (!bound) return store.settle(row.id, "failed", `${row.subject} vanished`, clock.now());
      if (bound.skip) return store.settle(row.id, bound.skip.state, bound.skip.reason, clock.now());
      if (bound.transition) return this.runTransition(row, bound);
      if (row.target === "community") return this.fanOut(row, bound);
      const to = this.destination(row, bound);
      if (!to) return;
      const paused = this.#pausedUntil.get(to.platform.name) ?? 0;
      if (paused > clock.now())
        return store.retryAt(row.id, paused, "rate_limited: the platform paused the bot", false);
      if (row.target === "edit" && !this.originalSent(row, bound)) return;
      if (!this.readyToFollow(row, bound, to.platform)) return;
      if (row.attempts === 0 && row.target !== "edit")
        this.deps.metrics.schedulerLateness(Math.max(0, clock.now() - row.dueAt) / 1000);
      const result = await this.send(row, bound, to);
      this.record(row, bound, to, result);
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

  /** What the per-kind entries need: storage, settings, and the platforms' capabilities. */
  private kindDeps() {
    return {
      store: this.deps.store,
      settings: this.deps.settings,
      capabilities: (name: string) => this.deps.platform(name)?.capabilities ?? null,
    };
  }

  /** A row whose delivery is a state change (a vote's close): it and the row's "done" land together. */
  private runTransition(row: OutboxRow, bound: BoundRow): void {
    const { store, clock } = this.deps;
    const now = clock.now();
    store.transaction(() => {
      bound.transition?.(now);
      store.markSent(row.id, null, now);
    });
  }

  /** The chat (still the subject's community's) or the member, and their platform; null when the row was settled. */
  private destination(row: OutboxRow, bound: BoundRow): Destination | null {
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
    if (!chat || chat.communityId !== bound.communityId) {
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
   * An edit needs the chat's original post (call-to-action, vote) to be out.
   * If it is on its way, the edit waits for it; if there is none, the original
   * will show things as they are when it goes.
   */
  private originalSent(row: OutboxRow, bound: BoundRow): boolean {
    const { store, clock } = this.deps;
    if (!bound.edits) {
      store.settle(row.id, "failed", `${row.kind} edits nothing`, clock.now());
      return false;
    }
    const original: RowScope = {
      subject: row.subject,
      subjectId: row.subjectId,
      kind: bound.edits,
      chatId: row.chatId,
    };
    if (store.sentRef(original)) return true;
    if (store.hasUnsettled(original) || store.hasUnsettled({ ...original, chatId: null })) {
      store.retryAt(row.id, clock.now() + 1_000, "original post not sent yet", false);
    } else {
      store.settle(row.id, "skipped", "no original post", clock.now());
    }
    return false;
  }

  /**
   * A post that follows another in its chat (the recap after the tally) waits
   * while that one is on its way; an album is skipped where there is nothing
   * to post or no album to post it in.
   */
  private readyToFollow(row: OutboxRow, bound: BoundRow, platform: Platform): boolean {
    const { store, clock } = this.deps;
    if (bound.album && (!platform.publishAlbum || bound.album.empty())) {
      store.settle(row.id, "skipped", "no photos, or no albums on this platform", clock.now());
      return false;
    }
    if (!bound.follows) return true;
    const before: RowScope = {
      subject: row.subject,
      subjectId: row.subjectId,
      kind: bound.follows,
      chatId: row.chatId,
    };
    if (!store.hasUnsettled(before)) return true;
    store.retryAt(row.id, clock.now() + 1_000, `${bound.follows} not posted yet`, false);
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
   * platform; all in one transaction with the row's own "done".
   */
  private fanOut(row: OutboxRow, bound: BoundRow): void {
    const { store, clock } = this.deps;
    const now = clock.now();
    const chats = store.chatsOf(bound.communityId);
    const dms: NewOutboxRow[] = [];
    const mentions = new Map<number, number[]>();
    const base = { communityId: bound.communityId, subject: row.subject, subjectId: row.subjectId };
    for (const p of bound.dmRecipients()) {
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
      bound.onFanOut?.(now);
    });
  }

  private async send(row: OutboxRow, bound: BoundRow, to: Destination): Promise<DeliveryResult> {
    const { store, clock } = this.deps;
    const { platform } = to;
    const options = { idempotencyKey: row.key };
    const now = clock.now();
    if (to.member) {
      if (!platform.sendDirect) return { ok: false, failure: "no_dm_channel" };
      const notice = bound.render(row.kind, {
        locale: bound.memberLocale(to.member),
        platform: platform.name,
        unreachable: [],
        now,
      });
      return platform.sendDirect(memberAddress(to.member), notice, options);
    }
    const chat = to.chat;
    const input = { locale: chat.locale, platform: chat.platform, unreachable: [], now };
    switch (row.target) {
      case "edit": {
        const ref = bound.edits
          ? store.sentRef({
              subject: row.subject,
              subjectId: row.subjectId,
              kind: bound.edits,
              chatId: chat.id,
            })
          : null;
        if (!ref || !platform.edit || !bound.edits)
          return { ok: false, failure: "not_found", detail: "no post to edit" };
        return platform.edit(ref, bound.render(bound.edits, input));
      }
      case "event": {
        const spec = bound.event();
        if (!platform.syncEvent || !spec)
          return { ok: false, failure: "fatal", detail: "platform has no native events" };
        const existing = store.sentRef({
          subject: row.subject,
          subjectId: row.subjectId,
          kind: "event_sync",
          chatId: chat.id,
        });
        return platform.syncEvent(chatAddress(chat), spec, existing);
      }
      default: {
        if (row.batch) return this.sendMentions(row, bound, chat, platform);
        if (bound.album) {
          const album = bound.album.pictures(chat.locale);
          if (!platform.publishAlbum || !album)
            return { ok: false, failure: "not_found", detail: "the album is empty" };
          return platform.publishAlbum(chatAddress(chat), album, options);
        }
        const ids = Array.isArray(row.payload.mention) ? (row.payload.mention as number[]) : [];
        const unreachable = ids.map((id) => store.getMember(id)).filter((m) => m !== null);
        const notice = bound.render(row.kind, { ...input, unreachable });
        const card = bound.card?.(chat.locale);
        return platform.publish(
          chatAddress(chat),
          card ? await this.withCard(notice, card) : notice,
          options,
        );
      }
    }
  }

  /** One chat post naming everyone a DM of the same fan-out could not reach, from that chat. */
  private async sendMentions(
    row: OutboxRow,
    bound: BoundRow,
    chat: Chat,
    platform: Platform,
  ): Promise<DeliveryResult> {
    const { store, clock } = this.deps;
    const more = store.claimBatch(row.batch ?? "", MENTIONS_PER_POST - 1);
    const rows = [row, ...more];
    const members = rows
      .map((r) => (r.memberId === null ? null : store.getMember(r.memberId)))
      .filter((m) => m !== null);
    const of = String(row.payload.of ?? "reminder");
    const original = bound.render(of, {
      locale: chat.locale,
      platform: chat.platform,
      unreachable: [],
      now: clock.now(),
    });
    const notice = new NoticeBuilder(bound.community, chat.locale, chat.platform).unreachable(
      original,
      members,
    );
    const result = await platform.publish(chatAddress(chat), notice, { idempotencyKey: row.key });
    // The claimed companions share the outcome of this one post.
    for (const other of more) this.record(other, bound, { platform, chat }, result);
    return result;
  }

  private record(row: OutboxRow, bound: BoundRow, to: Destination, result: DeliveryResult): void {
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
        if (!to.member || bound.privateOnly) {
          store.settle(row.id, "failed", "no_dm_channel", now);
          return;
        }
        this.fallBackToMention(row, bound, to.member);
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
  private fallBackToMention(row: OutboxRow, bound: BoundRow, member: Member): void {
    const { store, clock } = this.deps;
    const now = clock.now();
    const parentKey = row.key.replace(/:dm:\d+$/, "");
    const chat = mentionChat(bound.joinedFrom(member), member, store.chatsOf(bound.communityId));
    store.transaction(() => {
      store.setReachable(member.id, false);
      store.settle(row.id, "failed", "no_dm_channel", now);
      if (!chat) return;
      store.enqueue(
        [
          {
            key: `${parentKey}:mention:${member.id}`,
            communityId: bound.communityId,
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
