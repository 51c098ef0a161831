import type { Catalog } from "../catalog.js";

/** After the mob: the after-party, photos, thanks, history, export. */
export const after: Catalog["after"] = {
  party: "After",
  photos: (n) => `${n} photo${n > 1 ? "s" : ""} dans l'album`,
  photoAdded: (photo, id, mine, max) =>
    `La photo n°${photo} est dans l'album du mob n°${id} (${mine} sur vos ${max}).`,
  photoDropped: (photo, id) => `La photo n°${photo} est retirée de l'album du mob n°${id}.`,
  recapCaption: (shop) => `Les photos du cash mob chez ${shop}`,
  photoAlt: (photo) => `Photo n°${photo}`,
  thanksTitle: (shop) => `Merci, ${shop} !`,
  thanksResults: (mobbers, total) =>
    `Nous étions ${mobbers} présent${mobbers > 1 ? "s" : ""}, et ${total} ont été dépensés dans votre boutique.`,
  thanksPosted: (id) =>
    `Vos remerciements pour le mob n°${id} sont publiés dans chaque discussion.`,
  thanksLink: (url) => `Transmettez la page du mob à la boutique : ${url}`,
  thanksNoLink:
    "La page du mob n'a pas encore d'adresse publique (PUBLIC_URL n'est pas défini) : pas de lien à transmettre.",
  historyTitle: "Les boutiques que nous avons soutenues",
  historyEmpty: "Aucun mob n'a encore eu lieu ici.",
  historyTotals: (mobs, mobbers, spent) =>
    `${mobs} mob${mobs > 1 ? "s" : ""}, ${mobbers} participant${mobbers > 1 ? "s" : ""}, ${spent} dépensés dans les commerces du quartier.`,
  historyItem: (date, shop, mobbers, total) =>
    `${date} · ${shop} · ${mobbers} présent${mobbers > 1 ? "s" : ""} · ${total}`,
  exportSent: (id) => `Je vous ai envoyé en privé les participants du mob n°${id}, en fichier.`,
  exportTitle: (id, shop) => `Participants du mob n°${id} (${shop})`,
  exportLine: (rows) =>
    `${rows} participant${rows > 1 ? "s" : ""}, en CSV (s'ouvre dans tout tableur).`,
  exportColumns: (currency) => [
    "nom",
    "plateforme",
    "statut",
    `promesse (${currency})`,
    "arrivée",
    `dépense (${currency})`,
  ],
  exportStatus: { going: "inscrit", maybe: "peut-être" },
  fileNeedsPrivateChat:
    "Je ne peux pas vous envoyer le fichier tant que vous n'avez pas ouvert une discussion privée avec moi : touchez le bouton, puis Démarrer, et redemandez.",
  fileNeedsPrivateChatButton: "Ouvrir une discussion privée",
};
