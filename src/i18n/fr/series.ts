import type { Catalog } from "../catalog.js";

/** Series: mobs that come back by a rule, a new shop each time. */
export const series: Catalog["series"] = {
  created: (id, rule, next, opens) =>
    `La série n°${id} est lancée : ${rule}. Prochain : ${next} ; son vote parmi les boutiques de la file s'ouvre ${opens}.`,
  listTitle: (n) => `Séries (${n})`,
  newCommand: "/series <règle>",
  listEmpty: (command) => `Aucune série pour l'instant ; ${command} en lance une.`,
  listItem: (id, rule, next) => `n°${id} ${rule} ; prochain : ${next}`,
  skipped: (id, skipped, next) =>
    `Série n°${id} : le mob du ${skipped} est sauté ; le suivant est le ${next}.`,
  stopped: (id) => `La série n°${id} est arrêtée ; les mobs déjà créés restent tels quels.`,
  noShopTitle: (date) => `Pas encore de boutique pour le mob du ${date}`,
  noShop: {
    empty_queue: "La file était vide quand son vote devait s'ouvrir : il n'y a donc pas de vote.",
    no_votes: "Personne n'a voté : le vote n'a choisi aucune boutique.",
    too_late: "Il était trop tard pour un vote quand je m'en suis occupé.",
  },
  noShopWhat: (nominate, create) =>
    `Créez celui-ci vous-même avec ${create} si vous voulez, et faites proposer des boutiques avec ${nominate} pour le suivant.`,
};
