import {
  ApplicationCommandType,
  InteractionContextType,
  type RESTPutAPIApplicationCommandsJSONBody,
} from "discord.js";
import { CHOOSING_SUBCOMMANDS } from "./choosing-subcommands.js";
import { COMMUNITY_SUBCOMMANDS } from "./community-subcommands.js";
import { MERCHANT_SUBCOMMANDS, MOB_SUBCOMMANDS } from "./mob-subcommands.js";

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
      // At most 25 subcommands (Discord's limit), in this order.
      ...MOB_SUBCOMMANDS,
      ...COMMUNITY_SUBCOMMANDS,
      ...CHOOSING_SUBCOMMANDS,
      ...MERCHANT_SUBCOMMANDS,
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
