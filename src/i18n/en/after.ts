import type { Catalog } from "../catalog.js";

/** After the mob: the after-party, photos, thanks, history, export. */
export const after: Catalog["after"] = {
  party: "After-party",
  photos: (n) => `${n} photo${n === 1 ? "" : "s"} in the album`,
  photoAdded: (photo, id, mine, max) =>
    `Photo #${photo} is in mob #${id}'s album (${mine} of your ${max}).`,
  photoDropped: (photo, id) => `Photo #${photo} is out of mob #${id}'s album.`,
  recapCaption: (shop) => `Photos from the cash mob at ${shop}`,
  photoAlt: (photo) => `Photo #${photo}`,
  thanksTitle: (shop) => `Thank you, ${shop}!`,
  thanksResults: (mobbers, total) => `${mobbers} of us came, and ${total} was spent in your shop.`,
  thanksPosted: (id) => `Your thanks for mob #${id} is posted in every chat.`,
  thanksLink: (url) => `Pass the mob's page on to the shop: ${url}`,
  thanksNoLink:
    "The mob's page has no public address yet (PUBLIC_URL is not set), so there is no link to pass on.",
  historyTitle: "Shops we've mobbed",
  historyEmpty: "No mob has happened here yet.",
  historyTotals: (mobs, mobbers, spent) =>
    `${mobs} mob${mobs === 1 ? "" : "s"}, ${mobbers} mobber${mobbers === 1 ? "" : "s"}, ${spent} spent in local shops.`,
  historyItem: (date, shop, mobbers, total) => `${date} · ${shop} · ${mobbers} came · ${total}`,
  exportSent: (id) => `I've sent you mob #${id}'s participants privately, as a file.`,
  exportTitle: (id, shop) => `Participants of mob #${id} (${shop})`,
  exportLine: (rows) =>
    `${rows} participant${rows === 1 ? "" : "s"}, as CSV (opens in any spreadsheet).`,
  exportColumns: (currency) => [
    "name",
    "platform",
    "status",
    `pledge (${currency})`,
    "checked in",
    `spent (${currency})`,
  ],
  exportStatus: { going: "going", maybe: "maybe" },
  fileNeedsPrivateChat:
    "I can't send you the file until you open a private chat with me: tap the button, then Start, and ask again.",
  fileNeedsPrivateChatButton: "Open a private chat",
};
