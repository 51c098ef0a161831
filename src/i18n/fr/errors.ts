import type { Catalog } from "../catalog.js";
import { MERCHANT_NAMES, STATE_NAMES } from "./names.js";

/** One sentence for each error code. */
export const errors: Catalog["errors"] = {
  MOB_NOT_FOUND: (_f, p) =>
    `Il n'y a pas de mob n°${p.id} ici ; ${p.list} liste les mobs de la communauté.`,
  DATE_UNPARSEABLE: () =>
    "Je ne comprends pas cette date ; écrivez-la comme 2026-12-05 18:00 (fuseau de la communauté), demain 18h ou dans 2h.",
  DATE_IN_PAST: () => "Cette heure est déjà passée ; choisissez un moment dans le futur.",
  DATE_TOO_FAR: () => "C'est dans plus d'un an ; annoncez les mobs au plus un an à l'avance.",
  DATE_NONEXISTENT: (_f, p) =>
    `Cette heure n'existe pas dans le fuseau ${p.zone} (changement d'heure) ; choisissez-en une autre.`,
  AMOUNT_INVALID: (f) => `Je ne comprends pas ${f} ; écrivez un nombre comme 15 ou 12,50.`,
  AMOUNT_NOT_POSITIVE: (f) => `${cap(f)} doit être supérieur à zéro.`,
  AMOUNT_TOO_LARGE: (f, p) => `${cap(f)} semble trop élevé ; le maximum accepté est ${p.max}.`,
  TEXT_EMPTY: (f) => `${cap(f)} est vide ; écrivez quelque chose.`,
  TEXT_TOO_LONG: (f, p) =>
    `${cap(f)} est trop long (${p.length} caractères) ; restez sous ${p.max}.`,
  DURATION_INVALID: () => "La durée doit être entre 15m et 2d, écrite comme 90m ou 2h.",
  SERIES_RULE_UNPARSEABLE: () =>
    "Je ne comprends pas cette règle ; écrivez-la comme toutes les 2 semaines samedi 18h ou chaque mois premier samedi 15h.",
  SERIES_INTERVAL_INVALID: () =>
    "Une série se répète toutes les 1 à 52 semaines, ou chaque mois ; écrivez par exemple toutes les 2 semaines samedi 18h.",
  SERIES_WEEKDAY_INVALID: () =>
    "Indiquez le jour de la semaine, comme samedi ou sam : chaque semaine samedi 18h.",
  SERIES_ORDINAL_INVALID: () =>
    "Indiquez lequel dans le mois : premier, deuxième, troisième, quatrième ou dernier, comme chaque mois dernier vendredi 18h.",
  SERIES_TIME_INVALID: () =>
    "Indiquez l'heure comme 18h, 18h30 ou 18:30 (sur 24 heures, dans le fuseau de votre communauté).",
  SERIES_VOTE_LEAD_INVALID: () =>
    "Le vote s'ouvre entre 2h et 60d avant chaque mob ; écrivez-le comme vote=7d ou vote=3d12h.",
  SERIES_NOT_FOUND: (_f, p) => `Il n'y a pas de série n°${p.id} ici ; /series les liste.`,
  SERIES_STOPPED: (_f, p) => `La série n°${p.id} est déjà arrêtée.`,
  CAPACITY_INVALID: () => "La capacité doit être un nombre entier de 1 à 10000.",
  CURRENCY_INVALID: () =>
    "Je ne connais pas ce code de devise ; utilisez un code ISO 4217, comme EUR, USD, GBP, CHF ou JPY.",
  TIMEZONE_INVALID: () => "Le fuseau horaire doit être un nom IANA comme Europe/Paris.",
  LOCALE_INVALID: () => "La langue doit être en ou fr.",
  BOOLEAN_INVALID: (f) => `${cap(f)} doit être oui ou non.`,
  NOT_ORGANIZER: () =>
    "Seuls les organisateurs peuvent faire cela (admins du groupe sur Telegram, « Gérer les événements » sur Discord).",
  NEEDS_COMMUNITY: () => "Utilisez cette commande dans le groupe ou le serveur, pas en privé.",
  MOB_NOT_DRAFT: (_f, p) =>
    `Le mob n°${p.id} est déjà annoncé ; seul un brouillon peut être confirmé.`,
  MOB_NOT_OPEN: (_f, p) => `Le mob n°${p.id} n'est pas ouvert : il est ${p.state}.`,
  MOB_ALREADY_STARTED: (_f, p) => `Le mob n°${p.id} a déjà commencé ; cela ne peut plus changer.`,
  MOB_NOT_STARTED: (_f, p) =>
    `Le mob n°${p.id} n'a pas encore commencé ; indiquez vos dépenses après le début.`,
  MOB_FINISHED: (_f, p) => `Le mob n°${p.id} est terminé (${p.state}).`,
  MOB_TALLIED: (_f, p) =>
    `Le bilan du mob n°${p.id} est déjà fait ; les dépenses ne peuvent plus changer.`,
  CHECKIN_CLOSED: (_f, p) =>
    `L'arrivée au mob n°${p.id} s'enregistre d'une heure avant le début jusqu'au bilan.`,
  CHECKIN_CODE_WRONG: () =>
    "Ce code n'est pas le bon ; demandez-le à l'organisateur au point de rendez-vous.",
  NOT_PARTICIPANT: (_f, p) => `Vous ne participez pas au mob n°${p.id}.`,
  NOTHING_TO_CHANGE: () => "Rien à changer : indiquez au moins un champ à modifier.",
  ID_INVALID: (_f, p) => `Un numéro de mob est un nombre, comme 12 ; ${p.list} les liste.`,
  USAGE: (_f, p) => `Utilisation : ${p.usage}`,
  UNKNOWN_COMMAND: (_f, p) =>
    `Je ne connais pas cette commande ; ${p.help} liste ce que je sais faire.`,
  UNKNOWN_ACTION: () => "Ce bouton n'est plus valable.",
  LINK_CODE_INVALID: (_f, p) =>
    `Ce n'est pas un code de liaison que j'ai donné ; dans l'autre discussion, un organisateur tape ${p.link} pour en obtenir un.`,
  LINK_CODE_EXPIRED: (_f, p) =>
    `Ce code de liaison a expiré (il dure 15 minutes) ; demandez-en un nouveau avec ${p.link} dans l'autre discussion.`,
  LINK_CODE_USED: (_f, p) =>
    `Ce code de liaison a déjà servi ; demandez-en un nouveau avec ${p.link} dans l'autre discussion.`,
  LINK_SAME_COMMUNITY: () =>
    "Cette discussion fait déjà partie de cette communauté ; rien n'a changé.",
  UNLINK_LAST_CHAT: () =>
    "C'est la seule discussion de la communauté : il n'y a rien dont la délier.",
  UNLINK_NOT_A_CHAT: (_f, p) =>
    `Ce salon ne fait pas partie des discussions de la communauté ; ${p.link} ici le relie.`,
  NUMBER_INVALID: (f) => `${cap(f)} est un nombre entier, comme 3.`,
  NOMINATION_NOT_FOUND: (_f, p) =>
    `Il n'y a pas de proposition n°${p.id} ici ; ${p.nominations} liste la file.`,
  NOMINATION_NOT_QUEUED: (_f, p) =>
    `La proposition n°${p.id} n'est plus dans la file (${p.state === "chosen" ? "un vote l'a choisie" : "elle a été écartée"}).`,
  NOMINATION_DROPPED: (_f, p) =>
    `Un organisateur a jugé ${p.shop} non éligible${p.reason ? ` (${p.reason})` : ""} ; seul un organisateur peut la proposer à nouveau.`,
  VOTE_NOT_FOUND: (_f, p) => `Il n'y a pas de vote n°${p.id} ici.`,
  VOTE_NO_NOMINATIONS: (_f, p) =>
    `Aucune boutique dans la file pour voter ; les membres en proposent une avec ${p.nominate}.`,
  VOTE_ALREADY_OPEN: (_f, p) =>
    `Le vote n°${p.id} est encore ouvert (clôture ${p.closes}) ; fermez-le avec ${p.command} avant d'en ouvrir un autre.`,
  VOTE_CLOSED: (_f, p) => `Le vote n°${p.id} est clos ; les votes ne peuvent plus changer.`,
  VOTE_NOT_MEMBER: () =>
    "Ce vote appartient à une autre communauté ; votez dans l'une de ses discussions.",
  VOTE_NOT_AN_OPTION: (_f, p) =>
    `Cette boutique ne fait plus partie du vote n°${p.id} ; choisissez-en une autre sur le message du vote.`,
  VOTE_NO_SUCH_OPTION: (_f, p) =>
    `Cette boutique ne fait pas partie du vote n°${p.id} ; choisissez-en une sur le message du vote.`,
  VOTE_TOO_LATE: () =>
    "Ce mob est trop proche pour un vote : un vote se clôt au moins une heure avant le mob ; choisissez une date plus lointaine.",
  VOTE_CLOSES_TOO_LATE: () =>
    "Le vote doit se clore au moins une heure avant le mob, pour qu'on puisse demander au commerçant ; choisissez une clôture plus tôt.",
  MERCHANT_STATUS_INVALID: () => "La réponse du commerçant est asked, agreed ou declined.",
  MERCHANT_LINK_OFF: () =>
    "Le site web est désactivé (HTTP_PORT=off) : pas de page commerçant à laquelle renvoyer ; notez sa réponse avec /merchant.",
  MERCHANT_TOO_LATE: (_f, p) =>
    `Le mob n°${p.id} est ${STATE_NAMES[String(p.state)] ?? p.state} ; la réponse du commerçant ne peut plus changer.`,
  MERCHANT_NOT_AGREED: (_f, p) =>
    `Le commerçant du mob n°${p.id} n'a pas encore dit oui (${MERCHANT_NAMES[String(p.status)] ?? p.status}) et cette communauté n'annonce un mob qu'après son accord ; enregistrez-le avec ${p.command}.`,
  GATE_NEEDS_DRAFT: () =>
    "Cette communauté n'annonce un mob qu'après l'accord du commerçant : créez-le en brouillon (draft), enregistrez sa réponse, puis confirmez-le.",
  MOB_NOT_OVER: (_f, p) =>
    `Le mob n°${p.id} n'est pas encore passé ; remerciez le commerçant une fois qu'il est terminé.`,
  PHOTO_MISSING: (_f, p) => `Envoyez la photo elle-même : ${p.how}.`,
  PHOTO_TOO_LARGE: (_f, p) => `Cette photo est trop lourde ; envoyez-en une de ${p.max} au plus.`,
  PHOTO_NOT_AN_IMAGE: () =>
    "Ce fichier n'est pas une photo que je peux prendre ; envoyez une image JPEG, PNG ou WebP.",
  PHOTO_DIMENSIONS: () =>
    "Cette image est trop grande ou trop étroite (10 000 pixels au plus en largeur et hauteur cumulées, 20 fois plus longue que large au plus) ; envoyez-en une autre.",
  PHOTO_UNREADABLE: () => "Je n'ai pas pu récupérer cette photo ; renvoyez-la, s'il vous plaît.",
  PHOTO_CLOSED: (_f, p) =>
    `Les photos du mob n°${p.id} se prennent de son début jusqu'au bilan ; ce n'est pas le moment.`,
  PHOTO_MEMBER_LIMIT: (_f, p) =>
    `Vous avez déjà envoyé ${p.max} photos pour le mob n°${p.id}, le maximum par personne.`,
  PHOTO_MOB_LIMIT: (_f, p) => `L'album du mob n°${p.id} est plein (${p.max} photos).`,
  PHOTO_DUPLICATE: (_f, p) => `Cette photo est déjà dans l'album du mob n°${p.id}.`,
  PHOTO_NOT_FOUND: (_f, p) => `Le mob n°${p.id} n'a pas de photo n°${p.photo}.`,
};

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
