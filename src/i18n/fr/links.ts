import type { Catalog } from "../catalog.js";

/** Links to the web side on chat posts (when PUBLIC_URL is set). */
export const links: Catalog["links"] = {
  page: "Page du mob",
  calendar: "Ajouter à l'agenda",
  merchantSent: "Je vous ai envoyé le lien du commerçant en privé.",
  merchantTitle: (id) => `Lien commerçant pour le mob n°${id}`,
  merchantLine: (until) =>
    `Transmettez-le à la boutique : elle y voit la proposition et répond oui, une autre date ou non (avec une note et, pour vous seuls, son chiffre d'affaires habituel). Il est valable jusqu'au ${until}.`,
  merchantNoPublicUrl:
    "Réglez PUBLIC_URL sur l'adresse où l'on joint le site du bot, pour que ce lien soit complet.",
  answeredTitle: (id, shop, answer) =>
    `Mob n°${id} : le commerçant de ${shop} a répondu : ${answer}`,
  answeredNote: (note) => `Sa note : ${note}`,
};
