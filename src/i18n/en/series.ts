import type { Catalog } from "../catalog.js";

/** Series: mobs that come back by a rule, a new shop each time. */
export const series: Catalog["series"] = {
  created: (id, rule, next, opens) =>
    `Series #${id} is on: ${rule}. Next: ${next}; its vote among the queued shops opens ${opens}.`,
  listTitle: (n) => `Series (${n})`,
  newCommand: "/series <rule>",
  listEmpty: (command) => `No series yet; ${command} starts one.`,
  listItem: (id, rule, next) => `#${id} ${rule}; next: ${next}`,
  skipped: (id, skipped, next) =>
    `Series #${id}: the mob of ${skipped} is skipped; the next one is ${next}.`,
  stopped: (id) => `Series #${id} is stopped; mobs already made stay as they are.`,
  noShopTitle: (date) => `No shop yet for the mob of ${date}`,
  noShop: {
    empty_queue: "The queue was empty when its vote was to open, so there is no vote for it.",
    no_votes: "Nobody voted, so the vote chose no shop.",
    too_late: "It was too late for a vote when I got to it.",
  },
  noShopWhat: (nominate, create) =>
    `Create this one yourself with ${create} if you like, and have members nominate shops with ${nominate} for the next one.`,
};
