import {
  type APIApplicationCommandBasicOption,
  ApplicationCommandType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { Command } from "../../src/ports/inbound.js";
import { option, sub } from "./command-options.js";
import type { RawOption } from "./to-command.js";

const seriesId = () =>
  option("id", "integer", "The series' number (#1)", "Le numéro de la série (n°1)", {
    required: true,
  });

/** The options of `/series new` and the Command fields they fill. */
const NEW_OPTIONS: readonly [APIApplicationCommandBasicOption, string][] = [
  [
    option(
      "rule",
      "string",
      "e.g. every 2 weeks saturday 18:00, monthly first saturday 15:00",
      "ex. toutes les 2 semaines samedi 18h, chaque mois premier samedi 15h",
      { required: true },
    ),
    "rule",
  ],
  [
    option("pledge", "number", "What each person spends, e.g. 15", "Ce que chacun dépense, ex. 15"),
    "pledge",
  ],
  [
    option(
      "meeting_point",
      "string",
      "Where people meet before going in",
      "Où l'on se retrouve avant d'entrer",
    ),
    "meetingPoint",
  ],
  [
    option(
      "party",
      "string",
      "The after-party: a bar or café nearby",
      "L'after : un bar ou un café tout près",
    ),
    "party",
  ],
  [
    option("capacity", "integer", "Most people who can join", "Nombre maximum de participants"),
    "capacity",
  ],
  [
    option("duration", "string", "How long each mob lasts, e.g. 2h", "Durée de chaque mob, ex. 2h"),
    "duration",
  ],
  [
    option("goal", "number", "Total spend each mob aims for", "Dépense totale visée par mob"),
    "goal",
  ],
  [
    option(
      "vote",
      "string",
      "How long before each mob its vote opens (default 7d)",
      "Combien de temps avant chaque mob son vote s'ouvre (7d par défaut)",
    ),
    "vote",
  ],
];

/**
 * `/series`: a second top-level command, since `/mob` already has the 25
 * subcommands Discord allows in one command (and a subcommand group counts as
 * one of those 25, so groups could only make room by renaming what exists).
 * Organizer subcommands are checked by the core, as `/mob`'s are.
 */
export const SERIES_COMMAND: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  name: "series",
  type: ApplicationCommandType.ChatInput,
  description: "Cash mobs that come back, a new shop each time",
  description_localizations: {
    fr: "Des cash mobs qui reviennent, une nouvelle boutique à chaque fois",
  },
  contexts: [InteractionContextType.Guild],
  options: [
    sub("list", "The series and their next date", "Les séries et leur prochaine date"),
    sub(
      "new",
      "Start a series; each mob's shop is voted among the queue (Manage Events)",
      "Lancer une série ; la boutique de chaque mob est votée dans la file (Gérer les événements)",
      NEW_OPTIONS.map(([o]) => o),
    ),
    sub(
      "skip",
      "Skip the next mob of a series (Manage Events)",
      "Sauter le prochain mob d'une série (Gérer les événements)",
      [seriesId()],
    ),
    sub("stop", "End a series (Manage Events)", "Arrêter une série (Gérer les événements)", [
      seriesId(),
    ]),
  ],
};

/** A `/series <subcommand>` as a core command; null for one this adapter does not know. */
export function toSeriesCommand(subcommand: string, options: readonly RawOption[]): Command | null {
  const value = (name: string) => {
    const v = options.find((o) => o.name === name)?.value;
    return v === undefined ? undefined : String(v);
  };
  switch (subcommand) {
    case "list":
      return { type: "series", action: "list" };
    case "skip":
    case "stop":
      return { type: "series", action: subcommand, id: value("id") ?? "" };
    case "new": {
      const fields: Record<string, string> = {};
      for (const [o, field] of NEW_OPTIONS) {
        const v = value(o.name);
        if (v !== undefined) fields[field] = v;
      }
      return { type: "series", action: "new", ...fields, rule: fields.rule ?? "" };
    }
    default:
      return null;
  }
}
