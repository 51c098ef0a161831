import type { Catalog } from "../catalog.js";

/** Links to the web side on chat posts (when PUBLIC_URL is set). */
export const links: Catalog["links"] = {
  page: "Mob page",
  calendar: "Add to calendar",
  merchantSent: "I've sent you the merchant's link privately.",
  merchantTitle: (id) => `Merchant link for mob #${id}`,
  merchantLine: (until) =>
    `Pass it to the shop: they see the proposal and answer yes, another date or no (with a note and, for you only, their usual daily takings). It works until ${until}.`,
  merchantNoPublicUrl:
    "Set PUBLIC_URL to the address people reach the bot's web side at, so this is a full link.",
  answeredTitle: (id, shop, answer) => `Mob #${id}: the merchant of ${shop} answered: ${answer}`,
  answeredNote: (note) => `Their note: ${note}`,
};
