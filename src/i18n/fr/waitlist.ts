import type { Catalog } from "../catalog.js";

/** A full mob's waitlist: the place told, and the place given when one opens. */
export const waitlist: Catalog["waitlist"] = {
  joined: (shop, place) =>
    `Le mob chez ${shop} est complet : vous êtes n° ${place} sur la liste d'attente. Je vous préviens dès qu'une place se libère pour vous.`,
  already: (place) => `Vous êtes déjà sur la liste d'attente, en n° ${place}.`,
  left: (shop) => `Vous avez quitté la liste d'attente pour ${shop}.`,
  promotedTitle: (shop) => `Une place s'est libérée : vous participez au mob chez ${shop} !`,
  promotedLine:
    "Finalement empêché ? Appuyez sur « Je me retire », et la personne suivante sur la liste d'attente aura votre place.",
};
