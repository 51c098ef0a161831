import type { APIApplicationCommandSubcommandOption } from "discord.js";
import { address, option, sub } from "./command-options.js";

/** /mob's subcommands for choosing the next shop: nominations and votes. */
export const CHOOSING_SUBCOMMANDS: readonly APIApplicationCommandSubcommandOption[] = [
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
      option("id", "integer", "The nomination's number (#4)", "Le numéro de la proposition (#4)", {
        required: true,
      }),
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
];
