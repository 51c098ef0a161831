import type { CommandType } from "../../src/ports/inbound.js";

/** Commands shown in Telegram's menu, per language (setMyCommands). */
export const MENU: Record<"en" | "fr", { command: string; description: string }[]> = {
  en: [
    { command: "newmob", description: "Create a cash mob: shop | when | pledge | address" },
    { command: "mobs", description: "Upcoming cash mobs" },
    { command: "mob", description: "A mob's details: /mob <id>" },
    { command: "join", description: "Join a mob: /join <id> [pledge]" },
    { command: "leave", description: "Leave a mob: /leave <id>" },
    { command: "confirm", description: "The merchant agreed: announce a draft" },
    { command: "editmob", description: "Change a mob: /editmob <id> | when=…" },
    { command: "cancelmob", description: "Cancel a mob: /cancelmob <id> [reason]" },
    { command: "spent", description: "Report what you spent: /spent <id> <amount>" },
    { command: "checkin", description: "Check in at the shop: /checkin <id> <code>" },
    { command: "tally", description: "A mob's results: /tally <id>" },
    { command: "settings", description: "Time zone, language, currency of this group" },
    { command: "link", description: "Link this group with other chats: /link [code]" },
    { command: "unlink", description: "Take this group out of its linked community" },
    { command: "help", description: "What Cashmob can do" },
  ],
  fr: [
    { command: "newmob", description: "Créer un cash mob : boutique | quand | promesse | adresse" },
    { command: "mobs", description: "Les prochains cash mobs" },
    { command: "mob", description: "Le détail d'un mob : /mob <n°>" },
    { command: "join", description: "Participer : /join <n°> [promesse]" },
    { command: "leave", description: "Se retirer : /leave <n°>" },
    { command: "confirm", description: "Le commerçant est d'accord : annoncer un brouillon" },
    { command: "editmob", description: "Modifier un mob : /editmob <n°> | when=…" },
    { command: "cancelmob", description: "Annuler un mob : /cancelmob <n°> [raison]" },
    { command: "spent", description: "Déclarer sa dépense : /spent <n°> <montant>" },
    { command: "checkin", description: "Enregistrer son arrivée : /checkin <n°> <code>" },
    { command: "tally", description: "Le bilan d'un mob : /tally <n°>" },
    { command: "settings", description: "Fuseau, langue, devise du groupe" },
    { command: "link", description: "Relier ce groupe à d'autres discussions : /link [code]" },
    { command: "unlink", description: "Sortir ce groupe de sa communauté reliée" },
    { command: "help", description: "Ce que Cashmob sait faire" },
  ],
};

/** Commands whose answer depends on whether the person is a group admin. */
export const NEEDS_ADMIN_CHECK: ReadonlySet<CommandType> = new Set([
  "create",
  "edit",
  "confirm",
  "cancel",
  "settings",
  "info",
  "list",
  "link",
  "unlink",
]);
