import type { APIApplicationCommandSubcommandOption } from "discord.js";
import {
  address,
  capacity,
  currency,
  duration,
  goal,
  id,
  meetingPoint,
  option,
  party,
  pledge,
  sub,
  takings,
  when,
} from "./command-options.js";

/** /mob's subcommands for one mob's life: plan, join, report, tally, thank, export. */
export const MOB_SUBCOMMANDS: readonly APIApplicationCommandSubcommandOption[] = [
  sub("create", "Plan a cash mob (Manage Events)", "Organiser un cash mob (Gérer les événements)", [
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
  ]),
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
];

/** /mob's subcommands for the merchant's answer. */
export const MERCHANT_SUBCOMMANDS: readonly APIApplicationCommandSubcommandOption[] = [
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
];
