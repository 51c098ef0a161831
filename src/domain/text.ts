import { fail, ok, type Result } from "./errors.js";

// C0/C1 controls and bidi overrides/isolates: they can reorder or hide text in a chat.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const VISIBLE = /[\p{L}\p{N}\p{S}\p{P}]/u;

export const LIMITS = {
  shop: 100,
  address: 200,
  meetingPoint: 200,
  party: 200,
  reason: 300,
  why: 300,
  note: 300,
  /** A thank-you to the merchant. */
  message: 500,
  communityName: 100,
  displayName: 100,
} as const;

/** Trims, drops control and bidi-override characters, folds runs of white space. */
export function cleanText(text: string): string {
  return text.replace(UNSAFE, "").replace(/\s+/g, " ").trim();
}

/**
 * A user-supplied label (shop name, address, …): cleaned, at least one visible
 * character, at most `max` characters (counted as code points).
 */
export function parseLabel(text: string, field: string, max: number): Result<string> {
  const cleaned = cleanText(text);
  if (!VISIBLE.test(cleaned)) return fail("TEXT_EMPTY", field);
  const length = [...cleaned].length;
  if (length > max) return fail("TEXT_TOO_LONG", field, { max, length });
  return ok(cleaned);
}

/** Like parseLabel, but absent or blank input means "not given". */
export function parseOptionalLabel(
  text: string | undefined,
  field: string,
  max: number,
): Result<string | null> {
  if (text === undefined || cleanText(text) === "") return ok(null);
  return parseLabel(text, field, max);
}

/** Cuts to `max` code points, with an ellipsis when it had to. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join("")}…`;
}

/** `yes/no/true/false/oui/non/1/0` as typed in a command. */
export function parseBoolean(text: string | undefined, field: string): Result<boolean | null> {
  if (text === undefined || text.trim() === "") return ok(null);
  const t = text.trim().toLowerCase();
  if (["true", "yes", "y", "oui", "1", "on"].includes(t)) return ok(true);
  if (["false", "no", "n", "non", "0", "off"].includes(t)) return ok(false);
  return fail("BOOLEAN_INVALID", field);
}
