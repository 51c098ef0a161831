import type { Catalog } from "./catalog.js";
import { after } from "./fr/after.js";
import { chats } from "./fr/chats.js";
import { choose } from "./fr/choose.js";
import { errors } from "./fr/errors.js";
import { fields } from "./fr/fields.js";
import { links } from "./fr/links.js";
import { mob } from "./fr/mob.js";
import { privacy } from "./fr/privacy.js";
import { series } from "./fr/series.js";
import { waitlist } from "./fr/waitlist.js";

/** The French catalogue, assembled from its sections in src/i18n/fr/. */
export const fr: Catalog = {
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
