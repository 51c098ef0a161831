import type { Catalog } from "../catalog.js";

/** Communities across chats: linking, unlinking, the chats of a community. */
export const chats: Catalog["chats"] = {
  codeSent: "I've sent you a link code privately.",
  codeTitle: (code) => `Link code: ${code}`,
  codeLine: (typed, slash, minutes) =>
    `In the chat to link, an organizer types ${typed} (Telegram) or ${slash} (Discord) within ${minutes} minutes. The code works once.`,
  linked: (community) => `Linked! This chat is now part of ${community}.`,
  list: (chats) => `Chats: ${chats}`,
  unlinked: (community) => `This chat has left ${community}; it is now a community of its own.`,
  platformNames: { discord: "Discord", telegram: "Telegram", console: "console" },
};
