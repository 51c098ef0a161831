import type { Catalog } from "../catalog.js";

/** What only organizers may see, kept from the chat where they typed the command. */
export const privacy: Catalog["privacy"] = {
  organizerTitle: (id) => `Mob n°${id}, pour les organisateurs seulement`,
  draftPrivately: (id) =>
    `Le mob n°${id} est un brouillon, réservé aux organisateurs : je vous réponds en privé.`,
  draftsTitle: "Brouillons, pour les organisateurs seulement",
  showsSecretShop: (shop) => `la boutique secrète (${shop})`,
  showsTakings: "le chiffre d'affaires quotidien habituel de la boutique",
  showsNote: "la note du commerçant",
  stillVisible: (command, chat, what) =>
    `Votre ${command} dans ${chat} montre toujours ${what} à tout le monde : supprimez-la, s'il vous plaît (faites de moi un administrateur autorisé à supprimer des messages, et je m'en chargerai la prochaine fois).`,
  stillVisiblePublicly:
    "Organisateurs : supprimez la commande ci-dessus, s'il vous plaît, elle montre ce que seuls les organisateurs devraient voir (faites de moi un administrateur autorisé à supprimer des messages, et je m'en chargerai la prochaine fois).",
};
