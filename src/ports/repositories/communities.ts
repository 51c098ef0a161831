// Communities, their chats and members, and the codes that link chats.
import type { Chat, Community, LinkCode, Member } from "../../domain/community.js";
import type { PlatformName } from "../../domain/platform-name.js";

export interface CommunityRepository {
  /** Adds a community with a fresh public id. */
  insertCommunity(
    c: Omit<Community, "id" | "publicId" | "merchantGate"> & { merchantGate?: boolean },
    now: number,
  ): Promise<Community>;
  getCommunity(id: number): Promise<Community | null>;
  getCommunityByPublicId(publicId: string): Promise<Community | null>;
  updateCommunity(
    id: number,
    patch: Partial<
      Pick<
        Community,
        "name" | "timezone" | "locale" | "currency" | "organizerRule" | "merchantGate"
      >
    >,
  ): Promise<Community>;
  /** The community a platform space (Discord server, Telegram group) belongs to by default. */
  communityOfSpace(platform: PlatformName, spaceId: string): Promise<number | null>;
  setSpace(platform: PlatformName, spaceId: string, communityId: number): Promise<void>;
  /**
   * Makes `communityId` the space's community unless the space has one already: returns the
   * community the space belongs to now (another unit may have claimed it first).
   */
  claimSpace(platform: PlatformName, spaceId: string, communityId: number): Promise<number>;
  /**
   * Moves everything of community `from` (mobs, shops, spaces, link codes, nominations,
   * votes, pending posts) into `into`, then deletes `from`. Shops of the same name become
   * one; a queued nomination of a shop `into` has queued too gives it its seconds.
   */
  mergeCommunity(from: number, into: number, now: number): Promise<void>;
}

export interface ChatRepository {
  findChat(platform: PlatformName, externalId: string): Promise<Chat | null>;
  getChat(id: number): Promise<Chat | null>;
  insertChat(chat: Omit<Chat, "id">, now: number): Promise<Chat>;
  /** A community's chats, oldest first. */
  chatsOf(communityId: number): Promise<Chat[]>;
  moveChat(chatId: number, communityId: number): Promise<Chat>;
  updateChat(id: number, patch: Partial<Pick<Chat, "name" | "locale">>): Promise<Chat>;
}

export interface MemberRepository {
  upsertMember(
    platform: PlatformName,
    userId: string,
    displayName: string,
    locale: string | null,
    now: number,
  ): Promise<Member>;
  getMember(id: number): Promise<Member | null>;
  setReachable(memberId: number, reachable: boolean): Promise<void>;
  setDmChannel(memberId: number, channel: string | null): Promise<void>;
}

export interface LinkCodeRepository {
  insertLinkCode(code: Omit<LinkCode, "usedAt">, now: number): Promise<void>;
  getLinkCode(code: string): Promise<LinkCode | null>;
  /** Marks an unused code used by this chat; false when it was used already (by another unit too). */
  useLinkCode(code: string, chatId: number, now: number): Promise<boolean>;
}
