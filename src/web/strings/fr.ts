import type { WebStrings } from "./catalog.js";

const plural = (n: number, one: string, many: string) => `${n} ${n <= 1 ? one : many}`;

export const fr: WebStrings = {
  htmlLang: "fr",
  ogLocale: "fr_FR",
  siteName: "Cashmob",
  whatIsTitle: "Un cash mob, c'est quoi ?",
  whatIs:
    "Un flash mob qui fait ses courses : on se retrouve à une heure dite et chacun dépense une somme modeste convenue dans un petit commerce indépendant, pour lui offrir une belle journée. Puis on fête ça à côté.",
  notFoundTitle: "Rien ici",
  notFound: "Cette page n'existe pas, ou le cash mob n'est pas encore public.",
  errorTitle: "Un problème est survenu",
  error: "Désolé, la page n'a pas pu s'afficher. Réessayez dans un instant.",

  byCommunity: (community) => `Un cash mob de ${community}`,
  secretShop: "Boutique secrète",
  secretShopNote: "La boutique est révélée aux participants peu avant le début.",
  states: {
    announced: "À venir",
    live: "En cours",
    ended: "Terminé",
    tallied: "Bilan",
    cancelled: "Annulé",
  },
  label: (name) => `${name} : `,
  when: "Quand",
  meetingPoint: "Point de rendez-vous",
  shop: "Boutique",
  afterParty: "After",
  mapLink: "Plan",
  map: (place) => `Plan : ${place}`,
  pledge: "Promesse",
  pledgeEach: (amount) => `${amount} chacun ; dépenser plus est bienvenu`,
  going: (n) => plural(n, "inscrit", "inscrits"),
  maybe: (n) => `${n} peut-être`,
  waiting: (n) => `${n} en attente`,
  places: (n) => plural(n, "place", "places"),
  goalProgress: (pledged, goal) => `${pledged} promis sur un objectif de ${goal}`,
  joinTitle: "Participer",
  joinOn: (platform) =>
    platform === "telegram" ? "Rejoindre sur Telegram" : "Rejoindre sur Discord",
  joinNone: "Demandez dans le salon de la communauté pour participer.",
  calendarTitle: "Ajouter à l'agenda",
  icsFile: "Fichier agenda (.ics)",
  googleCalendar: "Google Agenda",
  cancelled: "Ce cash mob est annulé.",
  cancelReason: "Raison",
  resultsSoon: "Le mob est terminé ; le bilan arrive bientôt.",
  resultsTitle: "Bilan",
  mobbers: "Présents",
  spent: "Dépensé",
  average: "Moyenne",
  ofGoal: "de l'objectif",
  vsUsualDay: (ratio) => `${ratio} une journée habituelle`,
  shareOfUsualDay: (percent) => `${percent} d'une journée habituelle`,
  photosTitle: "Photos",
  photoAlt: (n) => `Photo ${n} du cash mob`,
  eventSummary: (shop) => `Cash mob : ${shop}`,
  moreInfo: "Détails",

  checkinTitle: (id) => `Arrivée au mob n°${id}`,
  checkinIntro:
    "Vous êtes à la boutique : signalez votre arrivée aux organisateurs, vous compterez dans le bilan.",
  checkinOnDiscord: "Sur Discord, dans le serveur de la communauté, tapez :",
  checkinOnTelegram: "Sur Telegram, envoyez au bot (ou dans le groupe) :",
  checkinNotYet: (at) => `L'arrivée s'enregistre à partir du ${at}.`,
  checkinOpen: "L'arrivée s'enregistre jusqu'au bilan.",
  checkinClosed: "L'enregistrement des arrivées est clos pour ce mob.",
  checkinWrongTitle: "Ce n'est pas le code de ce mob",
  checkinWrong:
    "Le code de ce lien n'est pas le code d'arrivée de ce mob. Demandez-le à l'organisateur à la boutique, ou scannez à nouveau son QR code.",

  communityTitle: (community) => `${community} : cash mobs`,
  upcomingTitle: "À venir",
  pastTitle: "Mobs passés",
  noUpcoming: "Aucun mob n'est prévu pour l'instant.",
  noPast: "Aucun mob n'a encore eu lieu.",
  totals: (mobs, mobbers, total) =>
    `${plural(mobs, "mob", "mobs")}, ${plural(mobbers, "participant", "participants")}, ${total} dépensés dans les commerces du quartier`,
  subscribe: "S'abonner à l'agenda",
  subscribeHint: "Tous les mobs de cette communauté, tenus à jour dans votre agenda.",
  pastLine: (mobbers, total) => `${plural(mobbers, "présent", "présents")}, ${total} dépensés`,

  merchantTitle: (shop) => `Un cash mob pour ${shop}`,
  merchantIntro: (community) =>
    `${community} aimerait organiser un cash mob dans votre commerce. L'accueilleriez-vous ?`,
  expected: "Attendus",
  usualTurnout: "Affluence habituelle de nos mobs",
  perMob: (n) => `environ ${plural(n, "personne", "personnes")} par mob`,
  crowd: (n) => `environ ${plural(n, "personne", "personnes")}`,
  merchantPledge: (amount) => `chacun dépense au moins ${amount}`,
  answers: {
    agreed: "Oui, avec plaisir !",
    other_date: "Oui, mais à une autre date",
    declined: "Non, merci",
  },
  yourAnswer: "Votre réponse",
  answeredOn: (answer, at) => `Vous avez répondu « ${answer} » le ${at}.`,
  changeUntil: (at) => `Vous pouvez la changer jusqu'au ${at}.`,
  noteLabel: "Un mot pour les organisateurs (facultatif)",
  noteHint: "Une autre date qui vous convient, vos horaires, tout ce qui est utile.",
  takingsLabel: (currency) =>
    `Votre chiffre d'affaires quotidien habituel, en ${currency} (facultatif)`,
  takingsHint:
    "Seuls les organisateurs le voient ; les résultats comparent le mob à une journée habituelle. Jamais affiché publiquement.",
  send: "Envoyer ma réponse",
  thanks: "Merci ! Votre réponse est enregistrée et les organisateurs sont prévenus.",
  formErrors: {
    ANSWER_MISSING: () => "Choisissez l'une des trois réponses.",
    NOTE_TOO_LONG: ({ max }) => `Le mot est trop long : ${max} caractères au plus.`,
    TAKINGS_INVALID: () =>
      "Le chiffre d'affaires doit être un montant comme 850 ou 850,50, ou rester vide.",
  },
  linkProblems: {
    invalid: {
      title: "Ce lien n'est pas valide",
      text: "Il a peut-être été coupé en le copiant. Demandez-en un nouveau aux organisateurs.",
    },
    expired: {
      title: "Ce lien a expiré",
      text: "Demandez-en un nouveau aux organisateurs si vous souhaitez toujours répondre.",
    },
    closed: {
      title: "Les réponses sont closes",
      text: "Le mob a commencé : la réponse ne peut plus être changée.",
    },
    cancelled: {
      title: "Ce cash mob a été annulé",
      text: "Il n'y a plus rien à répondre. Merci pour votre temps.",
    },
    gone: {
      title: "Ce cash mob n'existe plus",
      text: "En cas de doute, demandez aux organisateurs.",
    },
    stale_form: {
      title: "Ce formulaire n'est plus à jour",
      text: "Rien n'a été enregistré. Rouvrez le lien et envoyez votre réponse.",
    },
    too_large: {
      title: "Trop de texte",
      text: "Rien n'a été enregistré. Raccourcissez le mot et renvoyez-le.",
    },
    too_slow: {
      title: "La réponse a mis trop de temps à arriver",
      text: "Rien n'a été enregistré. Vérifiez votre connexion et renvoyez-la.",
    },
    too_many: {
      title: "Trop de réponses par ce lien",
      text: "Rien n'a été enregistré. Ce lien prend au plus 20 réponses par heure ; réessayez dans une heure.",
    },
  },
};
