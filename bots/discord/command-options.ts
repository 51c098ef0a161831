import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
} from "discord.js";

/** The pieces the slash commands are built of: an option, a subcommand, and the options several share. */

export type Basic = APIApplicationCommandBasicOption;
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

export const id = () =>
  option("id", "integer", "The mob's number (#12)", "Le numéro du mob (#12)", {
    required: true,
    autocomplete: true,
  });
export const when = (required: boolean) =>
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
export const pledge = () =>
  option("pledge", "number", "What each person spends, e.g. 15", "Ce que chacun dépense, ex. 15");
export const address = () =>
  option("address", "string", "The shop's address", "L'adresse de la boutique");
export const meetingPoint = () =>
  option(
    "meeting_point",
    "string",
    "Where people meet before going in",
    "Où l'on se retrouve avant d'entrer",
  );
export const party = () =>
  option(
    "party",
    "string",
    "The after-party: a bar or café nearby",
    "L'after : un bar ou un café tout près",
  );
export const capacity = () =>
  option("capacity", "integer", "Most people who can join", "Nombre maximum de participants");
export const duration = () =>
  option("duration", "string", "How long it lasts, e.g. 2h or 90m", "Durée, ex. 2h ou 90m");
export const goal = () =>
  option("goal", "number", "Total spend the mob aims for", "Dépense totale visée");
export const takings = () =>
  option(
    "takings",
    "number",
    "The shop's usual daily takings, for the tally",
    "Chiffre d'affaires habituel d'une journée, pour le bilan",
  );
export const currency = () =>
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
