import { formatTextCommand } from "../app/command-text.js";
import type { Command } from "../ports/inbound.js";

/** How people type the bot's commands on each platform, for sentences that name one. */
export interface CommandSyntax {
  readonly list: string;
  readonly help: string;
  readonly create: string;
  /** Asks for a link code (no argument) or uses one. */
  link(code?: string): string;
  confirm(id: number): string;
  spent(id: number): string;
  readonly nominate: string;
  readonly nominations: string;
  closevote(id: number): string;
  merchant(id: number, status: string): string;
  /** How to send a photo for a mob's album, in the words of an English or French sentence. */
  photo(id: number, locale: string): string;
}

/** A typed command as app/command-text.ts writes it (and parses it back). */
const typed = (command: Command): string => formatTextCommand(command) ?? "";

const TEXT_COMMANDS: CommandSyntax = {
  list: "/mobs",
  help: "/help",
  create: "/newmob",
  link: (code) => typed(code ? { type: "link", code } : { type: "link" }),
  confirm: (id) => typed({ type: "confirm", id: String(id) }),
  spent: (id) => `/spent ${id} <amount>`,
  nominate: "/nominate <shop> | <address> | <why>",
  nominations: "/nominations",
  closevote: (id) => typed({ type: "closevote", id: String(id) }),
  merchant: (id, status) => typed({ type: "merchant", id: String(id), status }),
  photo: (id, locale) =>
    locale.startsWith("fr")
      ? `une photo en privé, avec la légende /photo ${id}`
      : `a photo sent to me in private, with the caption /photo ${id}`,
};

/** The console types Telegram's commands, and names a file for a photo. */
const CONSOLE_COMMANDS: CommandSyntax = {
  ...TEXT_COMMANDS,
  photo: (id) => `/photo ${id} <file>`,
};

const SLASH_COMMANDS: CommandSyntax = {
  list: "/mob list",
  help: "/mob",
  create: "/mob create",
  link: (code) => (code ? `/mob link code:${code}` : "/mob link"),
  confirm: (id) => `/mob confirm id:${id}`,
  spent: (id) => `/mob spent id:${id} amount:…`,
  nominate: "/mob nominate shop:… address:… why:…",
  nominations: "/mob nominations",
  closevote: (id) => `/mob closevote id:${id}`,
  merchant: (id, status) => `/mob merchant id:${id} status:${status}`,
  photo: (id) => `/mob photo id:${id} image:…`,
};

/** Discord has slash subcommands; Telegram and the console have typed commands. */
export function commandSyntax(platform: string | undefined): CommandSyntax {
  if (platform === "discord") return SLASH_COMMANDS;
  return platform === "console" ? CONSOLE_COMMANDS : TEXT_COMMANDS;
}
