import type { Catalog } from "./catalog.js";

const STATE_NAMES: Record<string, string> = {
  draft: "un brouillon",
  announced: "annoncé",
  live: "en cours",
  ended: "terminé",
  tallied: "clos",
  cancelled: "annulé",
};

const MERCHANT_NAMES: Record<string, string> = {
  not_asked: "pas encore demandé",
  asked: "demandé",
  agreed: "d'accord",
  declined: "refusé",
  other_date: "préfère une autre date",
};

export const fr: Catalog = {
  fields: {
    when: "la date",
    pledge: "la promesse",
    amount: "le montant",
    goal: "l'objectif",
    takings: "le chiffre d'affaires quotidien habituel",
    shop: "le nom de la boutique",
    address: "l'adresse",
    meetingPoint: "le point de rendez-vous",
    party: "le lieu de l'after",
    message: "le message",
    photo: "le numéro de la photo",
    reason: "la raison",
    code: "le code d'arrivée",
    duration: "la durée",
    rule: "la règle",
    capacity: "la capacité",
    currency: "la devise",
    secret: "secret",
    draft: "brouillon",
    id: "le numéro du mob",
    why: "la raison de la choisir",
    closes: "l'heure de clôture",
    status: "la réponse du commerçant",
    vote: "le numéro du vote",
    nomination: "le numéro de la proposition",
    gate: "l'accord du commerçant requis",
    note: "la note",
    publish: "publier",
  },
  errors: {
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
    MOB_FULL: (_f, p) =>
      `Le mob n°${p.id} est complet (${p.capacity} inscrits) ; vous pouvez répondre « peut-être ».`,
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
  },
  t: {
    bug: "Désolé, une erreur s'est produite de mon côté ; rien n'a été modifié. Réessayez.",
    ctaTitle: (shop) => `Cash mob : ${shop}`,
    secretShop: "une boutique secrète",
    when: "Quand",
    pledge: "Promesse",
    address: "Adresse",
    meetingPoint: "Point de rendez-vous",
    addressSecret: "révélée peu avant le début",
    counts: (going, maybe, capacity) =>
      `${going} inscrit${going > 1 ? "s" : ""}${capacity ? ` sur ${capacity}` : ""} · ${maybe} peut-être`,
    goal: "Objectif",
    join: "J'y vais",
    maybe: "Peut-être",
    leave: "Je me retire",
    cantMakeIt: "Je ne peux plus",
    dmInvite: "Recevoir les rappels en privé",
    draftTitle: (shop) => `Brouillon : ${shop}`,
    created: (id) => `Le mob n°${id} est annoncé.`,
    createdDraft: (id, confirm) =>
      `Le mob n°${id} est enregistré comme brouillon ; quand le commerçant est d'accord, ${confirm} l'annonce.`,
    checkinCodeTitle: (id) => `Code d'arrivée du mob n°${id}`,
    checkinCodeLine: (code) => `Donnez ce code aux participants à la boutique : ${code}`,
    secretShopPrivate: (shop) =>
      `La boutique secrète (organisateurs seulement, jusqu'à la révélation) : ${shop}`,
    codeNeedsPrivateChat:
      "Je ne peux pas vous envoyer le code d'arrivée tant que vous n'avez pas ouvert une discussion privée avec moi : touchez le bouton, puis Démarrer, et il arrivera là.",
    codeNeedsPrivateChatButton: "Recevoir le code d'arrivée en privé",
    checkinCodesTitle: (community) => `Vos codes d'arrivée pour ${community}`,
    checkinCodesItem: (id, shop, code) => `n°${id} ${shop} : ${code}`,
    checkinCodesLine: "Donnez à chaque mob son code, aux participants à la boutique.",
    reminderTitle: (shop) => `Rappel : cash mob chez ${shop}`,
    reminderLine: (relative) => `Début ${relative}.`,
    unreachableLine: "Je n'ai pas pu joindre ces participants en privé :",
    revealTitle: "La boutique secrète est révélée !",
    revealLine: (shop) => `Rendez-vous chez ${shop}.`,
    startTitle: (shop) => `C'est parti : cash mob chez ${shop} !`,
    startLine: (party) =>
      party
        ? "Venez, dépensez ce que vous avez promis (plus, c'est bienvenu), et profitez de l'after."
        : "Venez et dépensez ce que vous avez promis (plus, c'est bienvenu).",
    spendTitle: (shop) => `Merci d'avoir soutenu ${shop} !`,
    spendLine: (command) => `Combien avez-vous dépensé ? Touchez un montant ou tapez ${command}.`,
    spendOther: "Autre montant",
    tallyTitle: (shop) => `Bilan : cash mob chez ${shop}`,
    tallyVoted: "Votes",
    tallyVotedLine: (forShop, total) =>
      `${forShop} pour cette boutique (sur ${total} bulletin${total > 1 ? "s" : ""})`,
    tallyGoing: "Inscrits",
    tallyCame: "Présents",
    tallySpent: "Dépensé",
    tallySpentBy: (amount, people) => `${amount} par ${people} personne${people > 1 ? "s" : ""}`,
    tallyAverage: "Moyenne",
    tallyVsGoal: (pct) => `${pct} % de l'objectif`,
    tallyPledged: "Promis",
    tallyVsPledged: (pct) => `${pct} % tenu`,
    tallyVsTakings: (ratio) => `${ratio} le chiffre d'affaires quotidien habituel`,
    tallyShareOfTakings: (pct) => `${pct} % du chiffre d'affaires quotidien habituel`,
    tallyNone: "Aucune dépense déclarée pour l'instant.",
    cancelledTitle: (shop) => `Annulé : cash mob chez ${shop}`,
    cancelledReason: "Raison",
    rescheduledTitle: (shop) => `Nouvel horaire : cash mob chez ${shop}`,
    mentionsTitle: "Je n'ai pas pu vous écrire en privé, alors voici :",
    joined: (shop) => `C'est noté ! Rendez-vous chez ${shop}.`,
    joinedMaybe: (shop) => `Noté comme « peut-être » pour ${shop}.`,
    alreadyJoined: "Vous êtes déjà inscrit.",
    alreadyMaybe: "Vous êtes déjà en « peut-être ».",
    left: (shop) => `Vous vous êtes retiré du mob chez ${shop}.`,
    notJoined: "Vous ne participiez pas à ce mob ; rien n'a changé.",
    confirmed: (id) => `Le commerçant est d'accord : le mob n°${id} est annoncé.`,
    cancelled: (id) => `Le mob n°${id} est annulé ; les participants sont prévenus.`,
    edited: (id) => `Le mob n°${id} est modifié.`,
    spentRecorded: (amount) => `Merci ! ${amount} enregistrés.`,
    spentUpdated: (amount) => `Corrigé : ${amount} enregistrés.`,
    checkedIn: (shop) => `Arrivée enregistrée chez ${shop}. Bon mob !`,
    alreadyCheckedIn: "Votre arrivée est déjà enregistrée.",
    listTitle: "Prochains cash mobs",
    listEmpty: (create) => `Aucun mob à venir. Les organisateurs en créent un avec ${create}.`,
    listItem: (id, shop) => `n°${id} ${shop}`,
    listDraft: "brouillon",
    stateNames: STATE_NAMES,
    status: "État",
    settingsTitle: "Réglages de la communauté",
    settingsLine: (zone, locale, currency, rule, gate) =>
      `Fuseau ${zone} · langue ${locale} · devise ${currency} · organisateurs : ${rule} · accord du commerçant requis : ${gate ? "oui" : "non"}`,
    welcome: "Bonjour ! Je suis Cashmob.",
    welcomeLine: "Je vous enverrai ici les rappels des mobs que vous rejoignez.",
    helpTitle: "Commandes Cashmob",
    help: [
      "/newmob <boutique> | <quand> [| <promesse> [| <adresse>]] [| clé=valeur …] — créer un mob (organisateurs) ; clés : meet, party (l'after), secret, capacity, duration, goal, takings, currency, draft",
      "/mobs — les mobs à venir",
      "/mob <n°> — le détail",
      "/join <n°> [promesse] · /maybe <n°> · /leave <n°> — participer (avec votre promesse) ou se retirer",
      "/confirm <n°> — le commerçant est d'accord : annoncer un brouillon (organisateurs)",
      "/editmob <n°> | clé=valeur … — modifier when, pledge, address, meet, party, capacity, duration, goal, takings (organisateurs)",
      "/cancelmob <n°> [raison] — annuler (organisateurs)",
      "/spent <n°> <montant> — déclarer sa dépense",
      "/checkin <n°> <code> — enregistrer son arrivée à la boutique",
      "/tally <n°> — le bilan",
      "/settings [timezone <fuseau>] [language en|fr] [currency <code>] [organizers admins|anyone] — réglages (organisateurs) ; la langue est celle de cette discussion",
      "/link — un code pour relier cette discussion à une autre (Discord ou Telegram) en une communauté · /link <code> — rejoindre la communauté du code · /unlink — la quitter (organisateurs)",
      "/nominate <boutique> [| <adresse>] [| <pourquoi>] — proposer une boutique (la même à nouveau l'appuie) · /nominations — la file",
      "/dropshop <n°> [raison] — écarter une proposition non éligible (organisateurs)",
      "/vote <date du mob> [| closes=<quand>] — ouvrir un vote sur la file (organisateurs) · /closevote <n° du vote> — le clore maintenant",
      "/merchant <n°> asked|agreed|declined [note] · /merchant <n°> publish yes|no — la réponse du commerçant, et s'il accepte que le bilan compare à son chiffre habituel (organisateurs)",
      "/settings gate on|off — avec gate on, un mob n'est annoncé qu'après l'accord du commerçant",
      "/merchantlink <n°> — un lien privé d'où le commerçant répond, envoyé en privé (organisateurs ; le site web doit être actif)",
      "/dropphoto <n°> <photo> — retirer une photo de l'album du mob (organisateurs, ou qui l'a envoyée)",
      "/thanks <n°> [message] — remercier le commerçant dans chaque discussion, avec la carte (organisateurs)",
      "/history — les boutiques soutenues par la communauté, et ses totaux",
      "/export <n°> — les participants en fichier tableur, en privé (organisateurs)",
    ],
    helpTelegram: [
      "/photo <n°> — en légende d'une photo envoyée en privé, du début jusqu'au bilan (ou en réponse à ma question sur la dépense)",
      "/start — dans une discussion privée avec moi, pour recevoir les rappels ; /start mob_<n°> (le lien d'un mob) vous y inscrit aussi",
    ],
    helpConsole: [
      "/photo <n°> <fichier> — ajouter la photo de ce fichier à l'album du mob, du début jusqu'au bilan",
      "/as <nom> — agir comme un autre membre (vous êtes l'organisateur)",
      "/press <id du bouton> — appuyer sur un bouton, ex. /press mob:1:join",
      "/room <nom> — passer dans une autre discussion locale, par ex. pour essayer /link",
    ],
    organizer: "Organisateur",
    until: "Jusqu'à",
    takings: "Chiffre d'affaires quotidien habituel",
  },
  after: {
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
  },
  chats: {
    codeSent: "Je vous ai envoyé un code de liaison en privé.",
    codeTitle: (code) => `Code de liaison : ${code}`,
    codeLine: (typed, slash, minutes) =>
      `Dans la discussion à relier, un organisateur tape ${typed} (Telegram) ou ${slash} (Discord) dans les ${minutes} minutes. Le code ne sert qu'une fois.`,
    linked: (community) => `C'est relié ! Cette discussion fait maintenant partie de ${community}.`,
    list: (chats) => `Discussions : ${chats}`,
    unlinked: (community) =>
      `Cette discussion a quitté ${community} ; c'est désormais une communauté à part entière.`,
    platformNames: { discord: "Discord", telegram: "Telegram", console: "console" },
  },
  choose: {
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
    resultTie:
      "Égalité de voix : la boutique la plus appuyée (puis la première proposée) l'emporte.",
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
    gateOn:
      "Accord du commerçant requis : un mob n'est annoncé qu'une fois le commerçant d'accord.",
    gateOff:
      "Accord du commerçant non requis : les organisateurs annoncent les mobs quand ils veulent.",
  },
  links: {
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
  },
  privacy: {
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
  },
};

function secondsText(n: number): string {
  return n === 0 ? "aucun appui" : `${n} appui${n > 1 ? "s" : ""}`;
}

function votesText(n: number): string {
  return `${n} voix`;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
