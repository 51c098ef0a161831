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
}

const TEXT_COMMANDS: CommandSyntax = {
  list: "/mobs",
  help: "/help",
  create: "/newmob",
  link: (code) => (code ? `/link ${code}` : "/link"),
  confirm: (id) => `/confirm ${id}`,
  spent: (id) => `/spent ${id} <amount>`,
  nominate: "/nominate <shop> | <address> | <why>",
  nominations: "/nominations",
  closevote: (id) => `/closevote ${id}`,
  merchant: (id, status) => `/merchant ${id} ${status}`,
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
};

/** Discord has slash subcommands; Telegram and the console have typed commands. */
export function commandSyntax(platform: string | undefined): CommandSyntax {
  return platform === "discord" ? SLASH_COMMANDS : TEXT_COMMANDS;
}
