/**
 * The platform port: what the core needs from a chat platform, and nothing more.
 * Adapters (bots/discord, bots/telegram, bots/console) implement it; the core
 * never builds HTML, embeds or keyboards, it hands over neutral notices.
 */

import type { StartPayload } from "../domain/codecs/deep-link.js";
import type { PlatformName } from "../domain/platform-name.js";

export type { PlatformName };

/** Where a community's posts go: the platform's community id and a channel in it. */
export interface ChannelAddress {
  readonly platform: PlatformName;
  /** Discord guild id, Telegram chat id, console room name. */
  readonly communityId: string;
  /** Discord channel id, Telegram chat id (same as communityId), console room name. */
  readonly channelId: string;
}

/** A person on a platform. `userId` is the platform's own id, as a string. */
export interface MemberAddress {
  readonly platform: PlatformName;
  readonly userId: string;
  readonly displayName: string;
  /** Their private channel with the bot, as the adapter reported it before (saves opening it). */
  readonly dmChannel?: string;
}

/** Opaque reference to a posted message or native event, as the adapter encoded it. */
export type MessageRef = string;

/** A piece of a line. User text is always `text`/`bold`: the adapter escapes it. */
export type Inline =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "bold"; readonly text: string }
  /** An instant. `text` is already formatted in the community's zone and locale;
   * a platform with native timestamps (Discord `<t:…>`) may render `at` instead. */
  | { readonly kind: "time"; readonly at: number; readonly text: string }
  | { readonly kind: "link"; readonly text: string; readonly url: string }
  /** A mention the bot means to make (allowed to ping). */
  | { readonly kind: "mention"; readonly member: MemberAddress };

export type Line = readonly Inline[];

export type ActionStyle = "primary" | "secondary" | "success" | "danger";

/** A button. `id` is stable and parsed back by the core (e.g. `mob:12:join`). */
export interface NoticeAction {
  readonly id: string;
  readonly label: string;
  readonly style: ActionStyle;
}

export type NoticeKind =
  | "call_to_action"
  | "reminder"
  | "reveal"
  | "start"
  | "spend_question"
  | "tally"
  | "cancelled"
  | "rescheduled"
  /** To one member: a place opened on a full mob's waitlist, and it is theirs. */
  | "promoted"
  | "thanks"
  | "unreachable_mentions"
  /** A vote on the next shop, with one button per shop; edited as votes come in. */
  | "vote"
  | "vote_result"
  /** To a series' creator alone: an occurrence has no shop (empty queue, nobody voted). */
  | "series_no_shop"
  | "reply"
  | "error";

/** A picture to show: PNG, JPEG or WebP bytes, with a file name and words for who cannot see it. */
export interface Picture {
  readonly bytes: Uint8Array;
  /** `card.png`, `photo-3.jpg`: ASCII, what the platform shows and links by. */
  readonly filename: string;
  /** `image/png`, `image/jpeg`, `image/webp`. */
  readonly mime: string;
  /** Alternative text (Discord attachment description, console output). */
  readonly alt: string;
}

/** A file to hand over (a CSV export). */
export interface NoticeFile {
  readonly bytes: Uint8Array;
  readonly filename: string;
  readonly mime: string;
}

/**
 * A neutral message: the adapter renders it (HTML for Telegram, an embed for
 * Discord, plain text for the console) and escapes every text piece.
 */
export interface Notice {
  readonly kind: NoticeKind;
  readonly mobId?: number;
  readonly voteId?: number;
  readonly tone: "info" | "success" | "warning" | "error";
  readonly title: string;
  readonly lines: readonly Line[];
  /** Rows of buttons. */
  readonly actions: readonly (readonly NoticeAction[])[];
  /**
   * An invitation to open a private chat with the bot, for platforms that need
   * one before they can DM (Telegram deep link `?start=<payload>`). Others ignore it.
   */
  readonly dmInvite?: { readonly payload: StartPayload; readonly label: string };
  /** Locale the texts are in (`en` / `fr`). */
  readonly locale: string;
  /**
   * A picture that goes with the text (the tally card): Telegram sends a photo
   * with the text as its caption (or the text after it, when too long for one),
   * Discord attaches it to the embed, the console saves it and says where.
   */
  readonly image?: Picture;
  /** A file that goes with the text (a CSV sent privately). */
  readonly file?: NoticeFile;
}

/** Photos posted together (the recap after a tally), with one line above or under them. */
export interface Album {
  readonly caption: string;
  /** One to ten pictures. */
  readonly pictures: readonly Picture[];
  readonly locale: string;
}

/** What a platform can do; optional methods below are present exactly when these say so. */
export interface PlatformCapabilities {
  readonly canEdit: boolean;
  readonly canDm: boolean;
  /** The bot may only DM users who opened a chat with it first (Telegram). */
  readonly dmNeedsOptIn: boolean;
  readonly ephemeralReplies: boolean;
  readonly nativeEvents: boolean;
  readonly maxTextLength: number;
  readonly maxActionIdLength: number;
  /** Minimum gap between two edits of the same message (coalescing window). */
  readonly editIntervalMs: number;
}

/** Platform failures, translated by the adapter; the core decides retries from this alone. */
export type DeliveryFailure =
  | {
      readonly ok: false;
      readonly failure: "rate_limited";
      readonly retryAfterMs: number;
      /**
       * `bot`: the platform limits the whole bot (Discord's global limit; Telegram, which
       * does not say, counts every 429 as one): nothing else should be sent to it until then.
       */
      readonly scope?: "bot" | "route";
    }
  /** The member cannot be reached privately (DMs closed, never started the bot, blocked it). */
  | { readonly ok: false; readonly failure: "no_dm_channel"; readonly detail?: string }
  | {
      readonly ok: false;
      readonly failure: "forbidden" | "not_found" | "transient" | "fatal";
      readonly detail?: string;
    };

export type DeliveryResult =
  | {
      readonly ok: true;
      readonly ref: MessageRef;
      /** For a DM: the private channel used, for the core to remember (MemberAddress.dmChannel). */
      readonly dmChannel?: string;
    }
  | DeliveryFailure;

/** What lets the core call off a request the adapter has not sent yet. */
export interface Abortable {
  /**
   * Aborted when this replica may no longer send to the platform (its sender lease is near its
   * end, or in doubt): a request still waiting in the adapter's queue must not leave; one already
   * on the wire may finish. Absent where no lease governs the platform (one process).
   */
  readonly signal?: AbortSignal;
}

export interface SendOptions extends Abortable {
  /** Stable across retries of the same outbox row (Discord uses it as the message nonce). */
  readonly idempotencyKey: string;
}

/** A native calendar event (Discord Guild Scheduled Event) mirroring a mob. */
export interface NativeEventSpec {
  readonly mobId: number;
  readonly name: string;
  readonly description: string;
  readonly location: string;
  readonly startsAt: number;
  readonly endsAt: number;
  readonly status: "scheduled" | "cancelled";
}

export interface Platform {
  readonly name: PlatformName;
  readonly capabilities: PlatformCapabilities;
  /**
   * The platform is this process's own (the console's terminal): no budget shared with other
   * replicas, so no replica waits for a sender lease to write to it.
   */
  readonly processLocal?: boolean;
  /** Posts to a community channel. */
  publish(channel: ChannelAddress, notice: Notice, options: SendOptions): Promise<DeliveryResult>;
  /** Replaces a message's content and buttons (present when `canEdit`). */
  edit?(ref: MessageRef, notice: Notice, options?: Abortable): Promise<DeliveryResult>;
  /** Sends privately (present when `canDm`). */
  sendDirect?(member: MemberAddress, notice: Notice, options: SendOptions): Promise<DeliveryResult>;
  /**
   * Posts pictures together: a Telegram album, one Discord message with the
   * files. Optional: the core skips the recap where a platform has none.
   */
  publishAlbum?(
    channel: ChannelAddress,
    album: Album,
    options: SendOptions,
  ): Promise<DeliveryResult>;
  /**
   * The link that opens a private chat with the bot and sends `/start <payload>`
   * (a Telegram deep link), or null while the bot's own name is not known yet.
   * Optional: only platforms with such links have it. Synchronous, so a command
   * never waits on the platform inside its unit of work.
   */
  startLink?(payload: StartPayload): string | null;
  /** Creates (`existing` null) or updates the native event; the ref is the event id (present when `nativeEvents`). */
  syncEvent?(
    channel: ChannelAddress,
    event: NativeEventSpec,
    existing: MessageRef | null,
    options?: Abortable,
  ): Promise<DeliveryResult>;
}
