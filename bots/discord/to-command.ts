import type { Command } from "../../src/ports/inbound.js";

/** An option as Discord sends it: a name and a string, number or boolean. */
export interface RawOption {
  readonly name: string;
  readonly value?: string | number | boolean;
}

const PHOTO_USAGE = "/mob photo id:<mob> image:<photo> · /mob photo id:<mob> remove:<photo number>";

/** Option name → the Command field it fills, where they differ. */
const FIELD: Readonly<Record<string, string>> = {
  meeting_point: "meetingPoint",
  language: "locale",
};

/** Every option value as the raw text the core parses: numbers `String(n)`, booleans "true"/"false". */
function fields(options: readonly RawOption[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const o of options) {
    if (o.value === undefined) continue;
    out[FIELD[o.name] ?? o.name] = String(o.value);
  }
  return out;
}

/**
 * A `/mob <subcommand>` as a core command; null for a subcommand this adapter
 * does not know (an old registration still cached by Discord).
 */
export function toCommand(subcommand: string, options: readonly RawOption[]): Command | null {
  const f = fields(options);
  const id = f.id ?? "";
  switch (subcommand) {
    case "create":
      return { ...f, type: "create", shop: f.shop ?? "", when: f.when ?? "" };
    case "edit":
      return { ...f, type: "edit", id };
    case "list":
      return { type: "list" };
    case "info":
    case "leave":
    case "confirm":
    case "tally":
      return { type: subcommand, id };
    case "join":
      return { type: "join", id, ...(f.pledge === undefined ? {} : { pledge: f.pledge }) };
    case "cancel":
      return { type: "cancel", id, ...(f.reason === undefined ? {} : { reason: f.reason }) };
    case "spent":
      return { type: "spent", id, amount: f.amount ?? "" };
    case "checkin":
      return { type: "checkin", id, code: f.code ?? "" };
    case "settings":
      return { ...f, type: "settings" };
    case "link":
      return f.code === undefined ? { type: "link" } : { type: "link", code: f.code };
    // The picture is fetched by the adapter (interactions.ts), which fills `upload`.
    case "photo":
      if (f.remove !== undefined && f.image !== undefined)
        return { type: "malformed", usage: PHOTO_USAGE };
      return f.remove === undefined
        ? { type: "photo", id, upload: null }
        : { type: "dropphoto", id, photo: f.remove };
    case "thanks":
      return { type: "thanks", id, ...(f.message === undefined ? {} : { message: f.message }) };
    case "history":
      return { type: "history" };
    case "export":
      return { type: "export", id };
    case "unlink":
      return { type: "unlink" };
    case "nominate":
      return { ...f, type: "nominate", shop: f.shop ?? "" };
    case "nominations":
      return { type: "nominations" };
    case "dropshop":
      return { type: "dropshop", id, ...(f.reason === undefined ? {} : { reason: f.reason }) };
    case "vote":
      return { type: "vote", when: f.when ?? "", ...(f.closes ? { closes: f.closes } : {}) };
    case "closevote":
      return { type: "closevote", id };
    case "merchant":
      return { ...f, type: "merchant", id };
    case "merchantlink":
      return { type: "merchantlink", id };
    default:
      return null;
  }
}
