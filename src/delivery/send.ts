import type { Chat, Member } from "../domain/community.js";
import type { OutboxRow } from "../domain/outbox.js";
import { memberAddress, NoticeBuilder } from "../i18n/notices.js";
import type {
  ChannelAddress,
  DeliveryResult,
  Notice,
  Platform,
  SendOptions,
} from "../ports/platform.js";
import type { Lease } from "../ports/repositories.js";
import type { Tx } from "../ports/unit-of-work.js";
import type { CardInput } from "../render/card.js";
import type { BoundRow } from "./kinds.js";
import type { Destination } from "./outcome.js";

const MENTIONS_PER_POST = 50;

/**
 * A row ready to go: read, decided and rendered in a unit of work; what is
 * left is the platform call, made outside any unit, and then its outcome.
 */
export interface Ready {
  readonly bound: BoundRow;
  readonly to: Destination;
  /** Rows of the same batch claimed with this one: they share its outcome. */
  readonly companions: readonly OutboxRow[];
  /** Makes the platform call; `signal` calls it off while it waits in the adapter (Abortable). */
  send(signal?: AbortSignal): Promise<DeliveryResult>;
}

export interface SendContext {
  readonly now: number;
  /** What rows claimed with this one (a batch's companions) are held under. */
  readonly lease: Lease;
  /** The card drawn onto the notice (outside the unit, when sending); the notice alone if drawing fails. */
  withCard(notice: Notice, input: CardInput): Promise<Notice>;
}

const chatAddress = (chat: Chat): ChannelAddress => ({
  platform: chat.platform,
  communityId: chat.spaceId,
  channelId: chat.externalId,
});

/**
 * Renders what goes to the destination, reading through `tx` what it shows;
 * the platform call is left to make, with no unit open.
 */
export async function prepareSend(
  tx: Tx,
  row: OutboxRow,
  bound: BoundRow,
  to: Destination,
  context: SendContext,
): Promise<Ready> {
  const { platform } = to;
  const options = (signal?: AbortSignal): SendOptions => ({ idempotencyKey: row.key, signal });
  const { now } = context;
  const ready = (send: (signal?: AbortSignal) => Promise<DeliveryResult>): Ready => ({
    bound,
    to,
    companions: [],
    send,
  });
  /** An answer known without asking the platform. */
  const answer = (result: DeliveryResult) => ready(async () => result);
  if (to.member) {
    if (!platform.sendDirect) return answer({ ok: false, failure: "no_dm_channel" });
    const direct = platform.sendDirect.bind(platform);
    const notice = await bound.render(tx, row.kind, {
      locale: await bound.memberLocale(tx, to.member),
      platform: platform.name,
      unreachable: [],
      now,
    });
    const address = memberAddress(to.member);
    return ready((signal) => direct(address, notice, options(signal)));
  }
  const chat = to.chat;
  const input = { locale: chat.locale, platform: chat.platform, unreachable: [], now };
  switch (row.target) {
    case "edit": {
      const ref = bound.edits
        ? await tx.sentRef({
            subject: row.subject,
            subjectId: row.subjectId,
            kind: bound.edits,
            chatId: chat.id,
          })
        : null;
      if (!ref || !platform.edit || !bound.edits)
        return answer({ ok: false, failure: "not_found", detail: "no post to edit" });
      const edit = platform.edit.bind(platform);
      const notice = await bound.render(tx, bound.edits, input);
      return ready((signal) => edit(ref, notice, { signal }));
    }
    case "event": {
      const spec = bound.event();
      if (!platform.syncEvent || !spec)
        return answer({ ok: false, failure: "fatal", detail: "platform has no native events" });
      const syncEvent = platform.syncEvent.bind(platform);
      const existing = await tx.sentRef({
        subject: row.subject,
        subjectId: row.subjectId,
        kind: "event_sync",
        chatId: chat.id,
      });
      return ready((signal) => syncEvent(chatAddress(chat), spec, existing, { signal }));
    }
    default: {
      if (row.batch) return prepareMentions(tx, row, bound, chat, platform, context);
      if (bound.album) {
        const album = await bound.album.pictures(tx, chat.locale);
        if (!platform.publishAlbum || !album)
          return answer({ ok: false, failure: "not_found", detail: "the album is empty" });
        const publishAlbum = platform.publishAlbum.bind(platform);
        return ready((signal) => publishAlbum(chatAddress(chat), album, options(signal)));
      }
      const ids = Array.isArray(row.payload.mention) ? (row.payload.mention as number[]) : [];
      const unreachable: Member[] = [];
      for (const id of ids) {
        const member = await tx.getMember(id);
        if (member !== null) unreachable.push(member);
      }
      const notice = await bound.render(tx, row.kind, { ...input, unreachable });
      const card = bound.card ? await bound.card(tx, chat.locale) : null;
      return ready(async (signal) =>
        platform.publish(
          chatAddress(chat),
          card ? await context.withCard(notice, card) : notice,
          options(signal),
        ),
      );
    }
  }
}

/**
 * One chat post naming everyone a DM of the same fan-out could not reach,
 * from that chat: the batch's other pending rows are claimed with this one
 * and share its outcome.
 */
async function prepareMentions(
  tx: Tx,
  row: OutboxRow,
  bound: BoundRow,
  chat: Chat,
  platform: Platform,
  context: SendContext,
): Promise<Ready> {
  const more = await tx.claimBatch(row.batch ?? "", MENTIONS_PER_POST - 1, context.lease);
  const members: Member[] = [];
  for (const r of [row, ...more]) {
    const member = r.memberId === null ? null : await tx.getMember(r.memberId);
    if (member !== null) members.push(member);
  }
  const of = String(row.payload.of ?? "reminder");
  const original = await bound.render(tx, of, {
    locale: chat.locale,
    platform: chat.platform,
    unreachable: [],
    now: context.now,
  });
  const notice = new NoticeBuilder(bound.community, chat.locale, chat.platform).unreachable(
    original,
    members,
  );
  return {
    bound,
    to: { platform, chat },
    companions: more,
    send: (signal) =>
      platform.publish(chatAddress(chat), notice, { idempotencyKey: row.key, signal }),
  };
}
