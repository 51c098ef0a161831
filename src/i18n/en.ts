import type { Catalog } from "./catalog.js";
import { after } from "./en/after.js";
import { chats } from "./en/chats.js";
import { choose } from "./en/choose.js";
import { errors } from "./en/errors.js";
import { fields } from "./en/fields.js";
import { links } from "./en/links.js";
import { mob } from "./en/mob.js";
import { privacy } from "./en/privacy.js";
import { series } from "./en/series.js";
import { waitlist } from "./en/waitlist.js";

/** The English catalogue, assembled from its sections in src/i18n/en/. */
export const en: Catalog = {
  fields,
  errors,
  t: mob,
  after,
  chats,
  choose,
  series,
  links,
  privacy,
  waitlist,
};
