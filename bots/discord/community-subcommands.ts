import type { APIApplicationCommandSubcommandOption } from "discord.js";
import { currency, option, sub } from "./command-options.js";

/** /mob's subcommands for the community: its settings, and linking chats into it. */
export const COMMUNITY_SUBCOMMANDS: readonly APIApplicationCommandSubcommandOption[] = [
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
];
