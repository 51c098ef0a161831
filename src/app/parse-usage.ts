import type { Command } from "../ports/inbound.js";
import { SERIES_USAGE } from "./parse-series.js";

/** What parsing a typed command gives: the command, or the usage line to answer with. */
export type ParsedText =
  | { readonly ok: true; readonly command: Command }
  | { readonly ok: false; readonly code: "USAGE"; readonly usage: string }
  | { readonly ok: false; readonly code: "UNKNOWN_COMMAND" };

/** The usage line each typed command is answered with when it is typed wrong. */
export const USAGE = {
  newmob: "/newmob <shop> | <when> [| <pledge> [| <address>]] [| key=value …]",
  mob: "/mob <id>",
  join: "/join <id> [pledge]",
  maybe: "/maybe <id>",
  leave: "/leave <id>",
  confirm: "/confirm <id>",
  cancelmob: "/cancelmob <id> [reason]",
  editmob:
    "/editmob <id> | when=… | pledge=… | address=… | meet=… | party=… | capacity=… | duration=… | goal=… | takings=…",
  spent: "/spent <id> <amount>",
  checkin: "/checkin <id> <code>",
  tally: "/tally <id>",
  photo: "/photo <id>, as the caption of a photo sent to me in private",
  dropphoto: "/dropphoto <id> <photo number>",
  thanks: "/thanks <id> [message]",
  history: "/history",
  export: "/export <id>",
  link: "/link [code]",
  unlink: "/unlink",
  settings:
    "/settings [timezone <zone>] [language en|fr] [currency <code>] [organizers admins|anyone] [gate on|off]",
  nominate: "/nominate <shop> [| <address>] [| <why>]",
  nominations: "/nominations",
  dropshop: "/dropshop <n> [reason]",
  vote: "/vote <when the mob happens> [| closes=<when>]",
  closevote: "/closevote <vote>",
  series: SERIES_USAGE,
  merchantlink: "/merchantlink <id>",
  merchant: "/merchant <id> asked|agreed|declined [note] · /merchant <id> publish yes|no",
} as const;
