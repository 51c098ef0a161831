import type { Catalog } from "../catalog.js";

/** What only organizers may see, kept from the chat where they typed the command. */
export const privacy: Catalog["privacy"] = {
  organizerTitle: (id) => `Mob #${id}, for organizers only`,
  draftPrivately: (id) =>
    `Mob #${id} is a draft, for organizers only: I'm answering you privately.`,
  draftsTitle: "Drafts, for organizers only",
  showsSecretShop: (shop) => `the secret shop (${shop})`,
  showsTakings: "the shop's usual daily takings",
  showsNote: "the merchant's note",
  stillVisible: (command, chat, what) =>
    `Your ${command} in ${chat} still shows ${what} to everyone there: please delete it (make me an admin allowed to delete messages, and I'll do it next time).`,
  stillVisiblePublicly:
    "Organizers: please delete the command above, it shows what only organizers should see (make me an admin allowed to delete messages, and I'll do it next time).",
};
