import type { Catalog } from "../catalog.js";

/** A full mob's waitlist: the place told, and the place given when one opens. */
export const waitlist: Catalog["waitlist"] = {
  joined: (shop, place) =>
    `The mob at ${shop} is full: you are number ${place} on the waitlist. I'll let you know when a place opens up for you.`,
  already: (place) => `You're already on the waitlist: number ${place}.`,
  left: (shop) => `You left the waitlist for ${shop}.`,
  promotedTitle: (shop) => `A place opened up: you're going to ${shop}!`,
  promotedLine:
    "Can't make it after all? Press Leave, and the next person on the waitlist gets your place.",
};
