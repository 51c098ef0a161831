import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  type RESTPutAPIApplicationCommandsJSONBody,
} from "discord.js";

type Basic = APIApplicationCommandBasicOption;
type Kind = "string" | "integer" | "number" | "boolean" | "attachment";

const TYPES = {
  string: ApplicationCommandOptionType.String,
  integer: ApplicationCommandOptionType.Integer,
  number: ApplicationCommandOptionType.Number,
  boolean: ApplicationCommandOptionType.Boolean,
  attachment: ApplicationCommandOptionType.Attachment,
} as const;

/** One option: its type, English and French descriptions, and whether it is required / autocompleted. */
export function option(
  name: string,
  kind: Kind,
  en: string,
  fr: string,
  extra: { required?: boolean; autocomplete?: boolean; choices?: readonly string[] } = {},
): Basic {
  return {
    name,
    type: TYPES[kind],
    description: en,
    description_localizations: { fr },
    ...(extra.required ? { required: true } : {}),
    ...(extra.autocomplete ? { autocomplete: true } : {}),
    ...(extra.choices ? { choices: extra.choices.map((c) => ({ name: c, value: c })) } : {}),
  } as Basic;
}

const id = () =>
  option("id", "integer", "The mob's number (#12)", "Le numéro du mob (#12)", {
    required: true,
    autocomplete: true,
  });
const when = (required: boolean) =>
  option(
    "when",
    "string",
    "Start, e.g. 2026-12-05 18:00 (community time zone)",
    "Début, ex. 2026-12-05 18:00 (fuseau de la communauté)",
    {
      required,
      autocomplete: true,
    },
  );
const pledge = () =>
  option("pledge", "number", "What each person spends, e.g. 15", "Ce que chacun dépense, ex. 15");
const address = () => option("address", "string", "The shop's address", "L'adresse de la boutique");
const meetingPoint = () =>
  option(
    "meeting_point",
    "string",
    "Where people meet before going in",
    "Où l'on se retrouve avant d'entrer",
  );
const party = () =>
  option(
    "party",
    "string",
    "The after-party: a bar or café nearby",
    "L'after : un bar ou un café tout près",
  );
const capacity = () =>
  option("capacity", "integer", "Most people who can join", "Nombre maximum de participants");
const duration = () =>
  option("duration", "string", "How long it lasts, e.g. 2h or 90m", "Durée, ex. 2h ou 90m");
const goal = () => option("goal", "number", "Total spend the mob aims for", "Dépense totale visée");
const takings = () =>
  option(
    "takings",
    "number",
    "The shop's usual daily takings, for the tally",
    "Chiffre d'affaires habituel d'une journée, pour le bilan",
  );
const currency = () =>
  option("currency", "string", "ISO currency code, e.g. EUR", "Code de devise ISO, ex. EUR", {
    autocomplete: true,
  });

export function sub(
  name: string,
  en: string,
  fr: string,
  options: Basic[] = [],
): APIApplicationCommandSubcommandOption {
  return {
    name,
    type: ApplicationCommandOptionType.Subcommand,
    description: en,
    description_localizations: { fr },
    options,
  };
}

/**
 * `/mob` and its subcommands, as DESIGN.md's user-facing contract names them.
 * No `default_member_permissions`: Discord applies it to a whole command, and
 * members must see `/mob join`; organizer subcommands are checked by the core
 * from Manage Events (Actor.isOrganizer), which also honours `organizers anyone`.
 */
export const COMMANDS: RESTPutAPIApplicationCommandsJSONBody = [
  {
    name: "mob",
    type: ApplicationCommandType.ChatInput,
    description: "Cash mobs: rally the community to spend at a small shop",
    description_localizations: {
      fr: "Cash mobs : rallier la communauté pour dépenser dans une petite boutique",
    },
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    options: [
      sub(
        "create",
        "Plan a cash mob (Manage Events)",
        "Organiser un cash mob (Gérer les événements)",
        [
          option("shop", "string", "The shop's name", "Le nom de la boutique", { required: true }),
          when(true),
          pledge(),
          currency(),
          address(),
          meetingPoint(),
          party(),
          option(
            "secret",
            "boolean",
            "Keep the shop secret until the reveal",
            "Garder la boutique secrète jusqu'à la révélation",
          ),
          capacity(),
          duration(),
          goal(),
          takings(),
          option(
            "draft",
            "boolean",
            "Not announced until the merchant approves (/mob confirm)",
            "Pas annoncé avant l'accord du commerçant (/mob confirm)",
          ),
        ],
      ),
      sub("edit", "Change a mob (Manage Events)", "Modifier un mob (Gérer les événements)", [
        id(),
        when(false),
        pledge(),
        address(),
        meetingPoint(),
        party(),
        capacity(),
        duration(),
        goal(),
        takings(),
      ]),
      sub("list", "The mobs coming up here", "Les prochains mobs ici"),
      sub("info", "A mob's details", "Les détails d'un mob", [id()]),
      sub("join", "Join a mob", "Participer à un mob", [
        id(),
        option(
          "pledge",
          "number",
          "What you mean to spend, if not the usual",
          "Ce que vous comptez dépenser, si autre chose",
        ),
      ]),
      sub("leave", "Leave a mob", "Quitter un mob", [id()]),
      sub(
        "confirm",
        "The merchant approved: announce a draft (Manage Events)",
        "Le commerçant est d'accord : annoncer un brouillon (Gérer les événements)",
        [id()],
      ),
      sub("cancel", "Cancel a mob (Manage Events)", "Annuler un mob (Gérer les événements)", [
        id(),
        option("reason", "string", "Why, told to participants", "Pourquoi, dit aux participants"),
      ]),
      sub("spent", "Report what you spent", "Indiquer ce que vous avez dépensé", [
        id(),
        option("amount", "number", "Amount, e.g. 18.50", "Montant, ex. 18,50", { required: true }),
      ]),
      sub("checkin", "Check in at the shop with the code", "Pointer à la boutique avec le code", [
        id(),
        option(
          "code",
          "string",
          "The code the organizer shares on site",
          "Le code donné sur place par l'organisateur",
          { required: true },
        ),
      ]),
      sub("tally", "A mob's results", "Le bilan d'un mob", [id()]),
      // One subcommand adds and removes: /mob holds at most 25 (Discord's limit), and has them all.
      sub(
        "photo",
        "Add a photo to the mob's album (start to tally), or remove one",
        "Ajouter une photo à l'album du mob (du début au bilan), ou en retirer une",
        [
          id(),
          option("image", "attachment", "A JPEG, PNG or WebP photo", "Une photo JPEG, PNG ou WebP"),
          option(
            "remove",
            "integer",
            "Instead: the number of a photo to take out (Manage Events)",
            "Ou : le numéro d'une photo à retirer (Gérer les événements)",
          ),
        ],
      ),
      sub(
        "thanks",
        "Thank the merchant in every chat, with the card (Manage Events)",
        "Remercier le commerçant dans chaque discussion, avec la carte (Gérer les événements)",
        [
          id(),
          option("message", "string", "A few words for the shop", "Quelques mots pour la boutique"),
        ],
      ),
      sub(
        "history",
        "The shops this community has mobbed, and its totals",
        "Les boutiques soutenues par la communauté, et ses totaux",
      ),
      sub(
        "export",
        "A mob's participants as a spreadsheet file, only for you (Manage Events)",
        "Les participants d'un mob en fichier tableur, pour vous seul (Gérer les événements)",
        [id()],
      ),
      sub(
        "settings",
        "This community's settings (changing them: Manage Events)",
        "Réglages de la communauté (les changer : Gérer les événements)",
        [
          option(
            "timezone",
            "string",
            "IANA time zone, e.g. Europe/Paris",
            "Fuseau IANA, ex. Europe/Paris",
            { autocomplete: true },
          ),
          option("language", "string", "Language of posts", "Langue des messages", {
            choices: ["en", "fr"],
          }),
          currency(),
          option(
            "organizers",
            "string",
            "Who may organize: admins (Manage Events) or anyone",
            "Qui peut organiser : admins (Gérer les événements) ou tout le monde",
            {
              choices: ["admins", "anyone"],
            },
          ),
          option(
            "gate",
            "string",
            "Announce a mob only once the merchant agreed: on or off",
            "N'annoncer un mob qu'après l'accord du commerçant : on ou off",
            { choices: ["on", "off"] },
          ),
        ],
      ),
      sub(
        "link",
        "Link this channel with other chats into one community (Manage Events)",
        "Relier ce salon à d'autres discussions en une communauté (Gérer les événements)",
        [
          option(
            "code",
            "string",
            "A code from /link in the other chat; leave empty to get one",
            "Un code obtenu par /link dans l'autre discussion ; vide pour en obtenir un",
          ),
        ],
      ),
      sub(
        "unlink",
        "Take this channel out of its linked community (Manage Events)",
        "Sortir ce salon de sa communauté reliée (Gérer les événements)",
      ),
      sub(
        "nominate",
        "Put a shop forward for a cash mob (the same shop again seconds it)",
        "Proposer une boutique pour un cash mob (la même à nouveau l'appuie)",
        [
          option("shop", "string", "The shop's name", "Le nom de la boutique", { required: true }),
          address(),
          option(
            "why",
            "string",
            "Why this shop deserves a mob",
            "Pourquoi cette boutique mérite un mob",
          ),
        ],
      ),
      sub(
        "nominations",
        "The shops in the queue, most seconded first",
        "Les boutiques proposées, les plus appuyées d'abord",
      ),
      sub(
        "dropshop",
        "Mark a nomination ineligible; it leaves the queue (Manage Events)",
        "Écarter une proposition non éligible de la file (Gérer les événements)",
        [
          option(
            "id",
            "integer",
            "The nomination's number (#4)",
            "Le numéro de la proposition (#4)",
            {
              required: true,
            },
          ),
          option("reason", "string", "Why it is not eligible", "Pourquoi elle n'est pas éligible"),
        ],
      ),
      sub(
        "vote",
        "Open a vote on the queued shops (Manage Events)",
        "Ouvrir un vote sur les boutiques proposées (Gérer les événements)",
        [
          option(
            "when",
            "string",
            "When the mob happens, e.g. 2026-12-12 18:00",
            "Quand a lieu le mob, ex. 2026-12-12 18:00",
            { required: true, autocomplete: true },
          ),
          option(
            "closes",
            "string",
            "When voting closes (default: in 48 h, an hour before the mob at the latest)",
            "Clôture du vote (par défaut dans 48 h, au plus tard une heure avant le mob)",
          ),
        ],
      ),
      sub(
        "closevote",
        "Close a vote now (Manage Events)",
        "Clore un vote maintenant (Gérer les événements)",
        [
          option("id", "integer", "The vote's number (#2)", "Le numéro du vote (#2)", {
            required: true,
          }),
        ],
      ),
      sub(
        "merchant",
        "Record the merchant's answer (Manage Events)",
        "Enregistrer la réponse du commerçant (Gérer les événements)",
        [
          id(),
          option("status", "string", "What the merchant said", "La réponse du commerçant", {
            choices: ["asked", "agreed", "declined"],
          }),
          option("note", "string", "A note for the organizers", "Une note pour les organisateurs"),
          option(
            "publish",
            "boolean",
            "The merchant lets the tally compare with their usual takings",
            "Le commerçant accepte que le bilan compare à son chiffre habituel",
          ),
        ],
      ),
      sub(
        "merchantlink",
        "A private link the merchant answers from (Manage Events)",
        "Un lien privé d'où le commerçant répond (Gérer les événements)",
        [id()],
      ),
    ],
  },
];

/** Subcommands whose answer is usually for the whole channel, so a slow answer is deferred publicly. */
export const PUBLIC_ANSWERS: ReadonlySet<string> = new Set([
  "list",
  "tally",
  "settings",
  "nominations",
  "nominate",
  "history",
]);
