import type { Catalog } from "../catalog.js";

/** Communities across chats: linking, unlinking, the chats of a community. */
export const chats: Catalog["chats"] = {
  codeSent: "Je vous ai envoyé un code de liaison en privé.",
  codeTitle: (code) => `Code de liaison : ${code}`,
  codeLine: (typed, slash, minutes) =>
    `Dans la discussion à relier, un organisateur tape ${typed} (Telegram) ou ${slash} (Discord) dans les ${minutes} minutes. Le code ne sert qu'une fois.`,
  linked: (community) => `C'est relié ! Cette discussion fait maintenant partie de ${community}.`,
  list: (chats) => `Discussions : ${chats}`,
  unlinked: (community) =>
    `Cette discussion a quitté ${community} ; c'est désormais une communauté à part entière.`,
  platformNames: { discord: "Discord", telegram: "Telegram", console: "console" },
};
