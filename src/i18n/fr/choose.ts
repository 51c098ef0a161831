import type { Catalog } from "../catalog.js";
import { MERCHANT_NAMES } from "./names.js";

/** Choosing the shop: nominations, the vote, the merchant's answer. */
export const choose: Catalog["choose"] = {
  nominated: (id, shop) =>
    `${shop} est proposée (n°${id}) ; les autres l'appuient en la proposant à leur tour.`,
  seconded: (shop, seconds) => `Appuyé ! ${shop} a maintenant ${secondsText(seconds)}.`,
  alreadySeconded: (shop) => `Vous avez déjà appuyé ${shop} ; rien n'a changé.`,
  ownNomination: (shop) =>
    `Vous avez vous-même proposé ${shop} ; les autres l'appuient en la proposant à leur tour.`,
  mobbedOn: (date) => `déjà mobbée le ${date}`,
  mobPlannedOn: (date) => `un mob y est prévu le ${date}`,
  queueTitle: (n) => `Boutiques dans la file (${n})`,
  queueEmpty: (command) => `Aucune boutique dans la file ; ${command} en propose une.`,
  queueItem: (id, shop) => `n°${id} ${shop}`,
  seconds: secondsText,
  nominatedBy: (name, self) =>
    self
      ? "proposée par vous"
      : `proposée par ${/^(vous|toi|moi)$/i.test(name.trim()) ? `« ${name} »` : name}`,
  why: "Pourquoi",
  more: (n) => `… et ${n} de plus.`,
  checklistTitle: "Avant un vote, les organisateurs vérifient que la boutique :",
  checklist: {
    independent: "est indépendante, tenue par des gens du coin",
    fewLocations: "a au plus quelques points de vente",
    roomForCrowd: "a la place et le personnel pour accueillir du monde",
    carryHome: "vend des choses qu'on peut emporter",
  },
  dropped: (id, shop) =>
    `La proposition n°${id} (${shop}) est jugée non éligible ; elle quitte la file.`,
  voteOpened: (id, closes) =>
    `Le vote n°${id} est ouvert jusqu'au ${closes} ; il est publié dans chaque discussion.`,
  voteTitle: (date) => `Vote : où fait-on le mob du ${date} ?`,
  voteCloses: "Clôture du vote",
  voteOption: (position, shop, votes) => `${position}. ${shop} : ${votesText(votes)}`,
  voteWinner: (line) => `${line} ✓ choisie`,
  voteHow:
    "Une voix chacun, depuis n'importe laquelle de nos discussions ; vous pouvez changer jusqu'à la clôture.",
  votedTotal: (n) => `${n} membre${n > 1 ? "s ont" : " a"} voté.`,
  voteClosed: "Le vote est clos.",
  voted: (shop) => `Vous avez voté pour ${shop}.`,
  voteMoved: (shop, from) => `Vous avez reporté votre voix sur ${shop} (au lieu de ${from}).`,
  alreadyVoted: (shop) => `Vous avez déjà voté pour ${shop}.`,
  closedNow: (id) => `Le vote n°${id} est clos ; le résultat est publié dans chaque discussion.`,
  resultTitle: (shop) => `Le vote a choisi ${shop} !`,
  resultNoneTitle: "Le vote s'est clos sans gagnant",
  resultNone: "Personne n'a voté : les boutiques restent dans la file pour le prochain vote.",
  resultDraft: (id, date) =>
    `Le mob n°${id} du ${date} est un brouillon : les organisateurs demandent l'accord du commerçant avant de l'annoncer.`,
  resultTie: "Égalité de voix : la boutique la plus appuyée (puis la première proposée) l'emporte.",
  merchant: "Commerçant",
  merchantNames: MERCHANT_NAMES,
  merchantRecorded: (id, status) =>
    `Mob n°${id} : la réponse du commerçant est enregistrée (${status}).`,
  merchantBy: (who, when) => `enregistrée par ${who}, ${when}`,
  merchantByLink: (when) => `répondu par son lien, ${when}`,
  merchantNextConfirm: (command) => `Annoncez-le avec ${command}.`,
  publishOn: (id) =>
    `Mob n°${id} : le commerçant accepte que le bilan compare à son chiffre d'affaires habituel.`,
  publishOff: (id) =>
    `Mob n°${id} : le chiffre d'affaires habituel du commerçant reste entre organisateurs.`,
  takingsPrivate:
    "Seuls les organisateurs le voient ; le bilan public le montre si le commerçant l'accepte.",
  gateOn: "Accord du commerçant requis : un mob n'est annoncé qu'une fois le commerçant d'accord.",
  gateOff:
    "Accord du commerçant non requis : les organisateurs annoncent les mobs quand ils veulent.",
};

function secondsText(n: number): string {
  return n === 0 ? "aucun appui" : `${n} appui${n > 1 ? "s" : ""}`;
}

function votesText(n: number): string {
  return `${n} voix`;
}
