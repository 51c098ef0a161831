import type { Chat } from "../domain/community.js";
import { catalog } from "../i18n/index.js";

/** "Telegram Paris cash mob, Discord Lyon #mobs": a community's chats, for answers. */
export function describeChats(chats: readonly Chat[], locale: string): string {
  const names = catalog(locale).chats.platformNames;
  return chats.map((chat) => `${names[chat.platform] ?? chat.platform} ${chat.name}`).join(", ");
}
