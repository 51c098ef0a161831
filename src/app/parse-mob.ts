import { type ParsedText, USAGE } from "./parse-usage.js";

/** The typed commands that write a mob: /newmob, /editmob and /merchant. */

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

export function parseCreate(rest: string): ParsedText {
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

export function parseEdit(rest: string): ParsedText {
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

/** `/merchant <id> <status> [note]` or `/merchant <id> publish yes|no`. */
export function parseMerchant(words: readonly string[]): ParsedText {
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
