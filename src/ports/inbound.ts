/**
 * The inbound side of the platform port: what an adapter hands the core when a
 * person types a command or presses a button, and what it gets back.
 */
import type { PhotoUpload } from "../domain/photo.js";
import type { Notice, PlatformName } from "./platform.js";

export type { PhotoUpload } from "../domain/photo.js";

/** Who acts, where. Adapters fill it from the platform event. */
export interface Actor {
  readonly platform: PlatformName;
  readonly user: {
    readonly id: string;
    readonly displayName: string;
    /** The user's client language, when the platform tells (`fr`, `en-GB`, …). */
    readonly locale?: string;
  };
  /** The group/server the command came from; absent in a private chat. */
  readonly community?: {
    readonly id: string;
    readonly name: string;
    /** The chat itself (Discord channel, Telegram group, console room): where posts go once it is linked. */
    readonly channelId: string;
    /** The channel's own name, when it differs from the server's (Discord). */
    readonly channelName?: string;
  };
  /** The platform says this person may organize here (Telegram admin, Discord Manage Events). */
  readonly isOrganizer: boolean;
  /** The command came through a private chat with the bot, so the bot can DM this user. */
  readonly inPrivateChat: boolean;
}

/**
 * A command as typed: every user-supplied value is raw text, parsed and
 * validated by the core so every platform gets the same rules and sentences.
 */
export type Command =
  | {
      readonly type: "create";
      readonly shop: string;
      readonly when: string;
      readonly pledge?: string;
      readonly currency?: string;
      readonly address?: string;
      readonly meetingPoint?: string;
      /** The after-party place. */
      readonly party?: string;
      readonly secret?: string;
      readonly capacity?: string;
      readonly duration?: string;
      readonly goal?: string;
      readonly takings?: string;
      readonly draft?: string;
    }
  | {
      readonly type: "edit";
      readonly id: string;
      readonly when?: string;
      readonly pledge?: string;
      readonly address?: string;
      readonly meetingPoint?: string;
      readonly party?: string;
      readonly capacity?: string;
      readonly duration?: string;
      readonly goal?: string;
      readonly takings?: string;
    }
  | { readonly type: "list" }
  | { readonly type: "info"; readonly id: string }
  | {
      readonly type: "join";
      readonly id: string;
      readonly maybe?: boolean;
      /** What this person means to spend, when more (or other) than the mob's pledge. */
      readonly pledge?: string;
    }
  | { readonly type: "leave"; readonly id: string }
  | { readonly type: "confirm"; readonly id: string }
  | { readonly type: "cancel"; readonly id: string; readonly reason?: string }
  | { readonly type: "spent"; readonly id: string; readonly amount: string }
  | { readonly type: "checkin"; readonly id: string; readonly code: string }
  | { readonly type: "tally"; readonly id: string }
  | {
      readonly type: "settings";
      readonly timezone?: string;
      readonly locale?: string;
      readonly currency?: string;
      /** `admins` (the platform's organizers) or `anyone`. */
      readonly organizers?: string;
      /** The merchant gate: `on` or `off`. */
      readonly gate?: string;
    }
  /** Put a shop forward; the same shop nominated again seconds it. */
  | {
      readonly type: "nominate";
      readonly shop: string;
      readonly address?: string;
      readonly why?: string;
    }
  | { readonly type: "nominations" }
  /** An organizer marks a nomination ineligible; it leaves the queue. */
  | { readonly type: "dropshop"; readonly id: string; readonly reason?: string }
  /** Open a vote among the queued shops for a mob at `when`. */
  | { readonly type: "vote"; readonly when: string; readonly closes?: string }
  | { readonly type: "closevote"; readonly id: string }
  /**
   * Series (organizers, but for the list): `new` starts one by its rule (the
   * shop of each occurrence comes from a vote), `skip` skips its next
   * occurrence, `stop` ends it.
   */
  | { readonly type: "series"; readonly action: "list" }
  | {
      readonly type: "series";
      readonly action: "new";
      readonly rule: string;
      readonly pledge?: string;
      readonly meetingPoint?: string;
      readonly party?: string;
      readonly capacity?: string;
      readonly duration?: string;
      readonly goal?: string;
      /** How long before each occurrence its vote opens (`7d`). */
      readonly vote?: string;
    }
  | { readonly type: "series"; readonly action: "skip" | "stop"; readonly id: string }
  /** A member's vote (the vote post's button `vote:<vote id>:<nomination id>`). */
  | { readonly type: "ballot"; readonly voteId: string; readonly nominationId: string }
  /** The merchant's answer (`asked`, `agreed`, `declined`) and/or whether the takings may be published. */
  | {
      readonly type: "merchant";
      readonly id: string;
      readonly status?: string;
      readonly note?: string;
      readonly publish?: string;
    }
  /** Ask for a one-time link code (no code), or join the community of the code's chat. */
  | { readonly type: "link"; readonly code?: string }
  /**
   * A photo for the mob's album. `upload` is null when the command came
   * without a picture (`/photo 12` typed as text).
   */
  | { readonly type: "photo"; readonly id: string; readonly upload: PhotoUpload | null }
  /** Removes photo number `photo` from the album (organizers, or who sent it). */
  | { readonly type: "dropphoto"; readonly id: string; readonly photo: string }
  /** Thanks the merchant in every chat, with the card (organizers). */
  | { readonly type: "thanks"; readonly id: string; readonly message?: string }
  /** The shops this community has mobbed, and its running totals. */
  | { readonly type: "history" }
  /** The participants as CSV, privately (organizers). */
  | { readonly type: "export"; readonly id: string }
  /** Take this chat out of its community. */
  | { readonly type: "unlink" }
  /** The merchant's private link for a mob (organizers; answered privately). */
  | { readonly type: "merchantlink"; readonly id: string }
  /**
   * Deep-link start in a private chat (`/start mob_12`), or a plain `/start`.
   * `codes_<community id>` asks for the check-in codes of that community's
   * upcoming mobs the person organizes; the adapter sets `isOrganizer` from
   * their role in that community.
   */
  | { readonly type: "start"; readonly payload?: string }
  | { readonly type: "help" }
  /** A command typed wrongly: the core answers with the usage (when known) or "unknown command". */
  | { readonly type: "malformed"; readonly usage?: string }
  /** A button press, by its action id (`mob:12:join`). */
  | { readonly type: "action"; readonly actionId: string };

export type CommandType = Command["type"];

/** What the adapter shows in answer. */
export interface Reply {
  /**
   * The platform delivered this event before and it was handled then (an
   * update redelivered after a crash): show nothing, the answer went out already.
   */
  readonly duplicate?: true;
  readonly notice: Notice;
  /**
   * `personal`: meant for the actor (ephemeral on Discord, an answer to the
   * button press on Telegram); `channel`: fine for everyone to see.
   */
  readonly audience: "personal" | "channel";
  /**
   * Content for the actor's eyes only (a mob's check-in code, an export with
   * its file): Discord shows it ephemerally, Telegram sends it by DM when it
   * can, else invites the person to open the private chat.
   */
  readonly secret?: Notice;
  /**
   * The command as typed shows what only organizers may see (a secret shop
   * before its reveal, the shop's usual takings, the merchant's note). Where
   * others saw it typed (a Telegram group; Discord's slash commands are seen
   * by nobody) the adapter deletes it; when it cannot, it sends the actor
   * `privately` (naming what shows), or, with no private chat, says `publicly`
   * where the command was typed (no private data in it).
   */
  readonly exposed?: { readonly privately: Notice; readonly publicly: Notice };
}

/** The core as adapters see it. */
export interface CommandHandler {
  /**
   * Runs a command. `eventId` (the platform's update or interaction id) makes it
   * idempotent: a redelivered event is answered `{ duplicate: true }` and changes nothing.
   */
  handle(actor: Actor, command: Command, eventId?: string): Promise<Reply>;
  /**
   * Open mobs of the community a chat belongs to (or, for a channel that is not
   * one of its chats, its server's), for autocomplete: id and a short label
   * (drafts only for an organizer; a secret shop named from its reveal on).
   */
  openMobs(
    platform: PlatformName,
    spaceId: string,
    chatId?: string,
    isOrganizer?: boolean,
  ): Promise<{ id: number; label: string }[]>;
}
