import type { Command } from "../ports/inbound.js";
import { parseSeries, SERIES_USAGE } from "./parse-series.js";

export type ParsedText =
  | { readonly ok: true; readonly command: Command }
  | { readonly ok: false; readonly code: "USAGE"; readonly usage: string }
  | { readonly ok: false; readonly code: "UNKNOWN_COMMAND" };

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

/** `key=value` names accepted after the positional parts of /newmob and /editmob. */
const KEYS: Record<string, string> = {
  shop: "shop",
  when: "when",
  pledge: "pledge",
  address: "address",
  meet: "meetingPoint",
  meeting: "meetingPoint",
  meeting_point: "meetingPoint",
  party: "party",
  afterparty: "party",
  secret: "secret",
  capacity: "capacity",
  duration: "duration",
  goal: "goal",
  takings: "takings",
  currency: "currency",
  draft: "draft",
};

const CREATE_POSITIONAL = ["shop", "when", "pledge", "address"] as const;

/** The command to hand the core for a parse result: the command, or what was wrong with it. */
export function commandOf(parsed: ParsedText): Command {
  if (parsed.ok) return parsed.command;
  return parsed.code === "USAGE"
    ? { type: "malformed", usage: parsed.usage }
    : { type: "malformed" };
}

/**
 * Parses a Telegram-style command line (`/join 12`, `/newmob A | B`,
 * `/join@cashmob_bot 12`). Returns null for text that is not a command.
 */
export function parseTextCommand(input: string): ParsedText | null {
  const m = /^\/([a-z_]+)(?:@\w+)?(?:\s+([\s\S]*))?$/i.exec(input.trim());
  if (!m) return null;
  const name = (m[1] ?? "").toLowerCase();
  const rest = (m[2] ?? "").trim();
  const words = rest === "" ? [] : rest.split(/\s+/);
  const ok = (command: Command): ParsedText => ({ ok: true, command });
  const usage = (key: keyof typeof USAGE): ParsedText => ({
    ok: false,
    code: "USAGE",
    usage: USAGE[key],
  });
  const idOnly = (
    type: "info" | "join" | "leave" | "confirm" | "tally",
    key: keyof typeof USAGE,
  ) => (words.length === 1 && words[0] ? ok({ type, id: words[0] }) : usage(key));

  switch (name) {
    case "newmob":
      return parseCreate(rest);
    case "mobs":
      return ok({ type: "list" });
    case "mob":
      return idOnly("info", "mob");
    case "join":
      if (words.length === 2 && words[0] && words[1])
        return ok({ type: "join", id: words[0], pledge: words[1] });
      return idOnly("join", "join");
    case "maybe":
      return words.length === 1 && words[0]
        ? ok({ type: "join", id: words[0], maybe: true })
        : usage("maybe");
    case "leave":
      return idOnly("leave", "leave");
    case "confirm":
      return idOnly("confirm", "confirm");
    case "tally":
      return idOnly("tally", "tally");
    case "cancelmob": {
      const [id, ...reason] = words;
      if (!id) return usage("cancelmob");
      return ok(
        reason.length > 0
          ? { type: "cancel", id, reason: reason.join(" ") }
          : { type: "cancel", id },
      );
    }
    case "spent": {
      const [id, ...amount] = words;
      return id && amount.length > 0
        ? ok({ type: "spent", id, amount: amount.join(" ") })
        : usage("spent");
    }
    case "checkin":
      return words.length === 2 && words[0] && words[1]
        ? ok({ type: "checkin", id: words[0], code: words[1] })
        : usage("checkin");
    case "editmob":
      return parseEdit(rest);
    // A photo comes with the command as its caption; typed alone, the core says how to send one.
    case "photo":
      return words.length === 1 && words[0]
        ? ok({ type: "photo", id: words[0], upload: null })
        : usage("photo");
    case "dropphoto":
      return words.length === 2 && words[0] && words[1]
        ? ok({ type: "dropphoto", id: words[0], photo: words[1].replace(/^#/, "") })
        : usage("dropphoto");
    case "thanks": {
      const [id, ...message] = words;
      if (!id) return usage("thanks");
      // The message as typed, line breaks and all (the core cleans it).
      const text = rest.slice(rest.indexOf(id) + id.length).trim();
      return ok(
        message.length > 0 ? { type: "thanks", id, message: text } : { type: "thanks", id },
      );
    }
    case "history":
      return words.length === 0 ? ok({ type: "history" }) : usage("history");
    case "export":
      return words.length === 1 && words[0]
        ? ok({ type: "export", id: words[0] })
        : usage("export");
    case "link":
      // Codes are shown as ABCD-EFGH; people may type them with a space instead.
      return rest === "" ? ok({ type: "link" }) : ok({ type: "link", code: words.join("") });
    case "unlink":
      return words.length === 0 ? ok({ type: "unlink" }) : usage("unlink");
    case "settings":
      return parseSettings(words);
    case "nominate":
      return parseNominate(rest);
    case "nominations":
      return words.length === 0 ? ok({ type: "nominations" }) : usage("nominations");
    case "dropshop": {
      const [id, ...reason] = words;
      if (!id) return usage("dropshop");
      return ok(
        reason.length > 0
          ? { type: "dropshop", id, reason: reason.join(" ") }
          : { type: "dropshop", id },
      );
    }
    case "vote":
      return parseVote(rest);
    case "closevote":
      return words.length === 1 && words[0]
        ? ok({ type: "closevote", id: words[0] })
        : usage("closevote");
    case "series":
      return parseSeries(rest);
    case "merchant":
      return parseMerchant(words);
    case "merchantlink":
      return words.length === 1 && words[0]
        ? ok({ type: "merchantlink", id: words[0] })
        : usage("merchantlink");
    case "start":
      return ok(words[0] ? { type: "start", payload: words[0] } : { type: "start" });
    case "help":
      return ok({ type: "help" });
    default:
      return { ok: false, code: "UNKNOWN_COMMAND" };
  }
}

function splitKeyValue(segment: string): [string, string] | null {
  const kv = /^([a-z_]+)\s*[=:]\s*([\s\S]*)$/i.exec(segment);
  if (kv) {
    const key = KEYS[(kv[1] ?? "").toLowerCase()];
    if (key) return [key, (kv[2] ?? "").trim()];
  }
  const flag = segment.toLowerCase();
  if (flag === "secret" || flag === "draft") return [flag, "true"];
  return null;
}

function parseCreate(rest: string): ParsedText {
  const segments = rest === "" ? [] : rest.split("|").map((s) => s.trim());
  const fields: Record<string, string> = {};
  let position = 0;
  for (const segment of segments) {
    const kv = position >= 2 ? splitKeyValue(segment) : null;
    if (kv) {
      fields[kv[0]] = kv[1];
    } else if (position < CREATE_POSITIONAL.length) {
      const key = CREATE_POSITIONAL[position] as string;
      if (segment !== "") fields[key] = segment;
      position++;
    } else {
      return { ok: false, code: "USAGE", usage: USAGE.newmob };
    }
  }
  const { shop, when, ...optional } = fields;
  if (!shop || !when) return { ok: false, code: "USAGE", usage: USAGE.newmob };
  return { ok: true, command: { type: "create", shop, when, ...optional } };
}

function parseEdit(rest: string): ParsedText {
  const [head, ...segments] = rest.split("|").map((s) => s.trim());
  const headWords = (head ?? "").split(/\s+/).filter(Boolean);
  const id = headWords[0];
  if (!id) return { ok: false, code: "USAGE", usage: USAGE.editmob };
  // Also accept `/editmob 12 when 2026-12-05 18:00` without pipes.
  if (headWords.length > 1) segments.unshift(`${headWords[1]}=${headWords.slice(2).join(" ")}`);
  const fields: Record<string, string> = {};
  for (const segment of segments) {
    const kv = splitKeyValue(segment);
    if (!kv || ["shop", "secret", "draft", "currency"].includes(kv[0])) {
      return { ok: false, code: "USAGE", usage: USAGE.editmob };
    }
    fields[kv[0]] = kv[1];
  }
  return { ok: true, command: { type: "edit", id, ...fields } };
}

/** `/nominate <shop> [| <address>] [| <why>]`: a blank address keeps the reason in third place. */
function parseNominate(rest: string): ParsedText {
  const [shop, address, why, ...extra] = rest.split("|").map((s) => s.trim());
  if (!shop || extra.length > 0) return { ok: false, code: "USAGE", usage: USAGE.nominate };
  return {
    ok: true,
    command: {
      type: "nominate",
      shop,
      ...(address ? { address } : {}),
      ...(why ? { why } : {}),
    },
  };
}

/** `/vote <when> [| closes=<when>]` (also `closes:` or a bare second part). */
function parseVote(rest: string): ParsedText {
  const [when, closing, ...extra] = rest.split("|").map((s) => s.trim());
  if (!when || extra.length > 0) return { ok: false, code: "USAGE", usage: USAGE.vote };
  if (closing === undefined || closing === "") return { ok: true, command: { type: "vote", when } };
  const closes = /^(?:closes?|clôture|cloture)\s*[=:]\s*([\s\S]+)$/i.exec(closing)?.[1] ?? closing;
  return { ok: true, command: { type: "vote", when, closes: closes.trim() } };
}

/** `/merchant <id> <status> [note]` or `/merchant <id> publish yes|no`. */
function parseMerchant(words: readonly string[]): ParsedText {
  const [id, what, ...rest] = words;
  if (!id || !what) return { ok: false, code: "USAGE", usage: USAGE.merchant };
  if (/^(publish|publier)$/i.test(what)) {
    return rest.length === 1 && rest[0]
      ? { ok: true, command: { type: "merchant", id, publish: rest[0] } }
      : { ok: false, code: "USAGE", usage: USAGE.merchant };
  }
  const note = rest.join(" ");
  return {
    ok: true,
    command: { type: "merchant", id, status: what, ...(note ? { note } : {}) },
  };
}

function parseSettings(words: readonly string[]): ParsedText {
  const settings: {
    timezone?: string;
    locale?: string;
    currency?: string;
    organizers?: string;
    gate?: string;
  } = {};
  for (let i = 0; i < words.length; i += 2) {
    const key = words[i]?.toLowerCase();
    const value = words[i + 1];
    if (value === undefined) return { ok: false, code: "USAGE", usage: USAGE.settings };
    if (key === "timezone" || key === "tz" || key === "fuseau") settings.timezone = value;
    else if (key === "language" || key === "locale" || key === "langue") settings.locale = value;
    else if (key === "currency" || key === "devise") settings.currency = value;
    else if (key === "organizers" || key === "organisateurs") settings.organizers = value;
    else if (key === "gate" || key === "merchant_gate") settings.gate = value;
    else return { ok: false, code: "USAGE", usage: USAGE.settings };
  }
  return { ok: true, command: { type: "settings", ...settings } };
}
