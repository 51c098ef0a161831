/** Communities, their chats, and the members who act in them (as stored). */
import type { PlatformName } from "./platform-name.js";

/** A cash-mob group: platform-free, living in one or more chats. */
export interface Community {
  readonly id: number;
  /** Unguessable id for public pages and feeds (never the sequential id). */
  readonly publicId: string;
  readonly name: string;
  readonly timezone: string;
  /** Language of the community's public pages; each chat has its own for posts. */
  readonly locale: string;
  readonly currency: string;
  readonly organizerRule: "platform" | "anyone";
  /** A draft is only announced once the merchant agreed (`/settings gate on`). */
  readonly merchantGate: boolean;
}

/** One chat a community lives in: a Discord channel, a Telegram group, a console room. */
export interface Chat {
  readonly id: number;
  readonly communityId: number;
  readonly platform: PlatformName;
  /** Discord server, Telegram chat, console room. */
  readonly spaceId: string;
  /** Where posts go: Discord channel, Telegram chat, console room. */
  readonly externalId: string;
  readonly name: string;
  readonly locale: string;
}

export interface Member {
  readonly id: number;
  readonly platform: PlatformName;
  readonly userId: string;
  readonly displayName: string;
  readonly locale: string | null;
  /** null: never tried; true: can DM; false: no DM channel. */
  readonly dmReachable: boolean | null;
  /** The platform's private channel with this member, once known (Discord DM channel id). */
  readonly dmChannel: string | null;
}

export interface LinkCode {
  readonly code: string;
  readonly communityId: number;
  readonly createdBy: number;
  readonly expiresAt: number;
  readonly usedAt: number | null;
}
