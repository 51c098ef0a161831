import { fail, ok, type Result } from "./errors.js";

/**
 * What can hide or reorder text in a chat: C0/C1 controls (tab and newline are
 * white space, folded below), bidi marks, embeddings, overrides and isolates
 * (U+061C, U+200E/F, U+202A–E, U+2066–9), zero-width and invisible characters
 * (U+00AD, U+180E, U+200B, U+2060–4, U+206A–F, U+FEFF, U+FFF9–B). The zero-width
 * joiner and non-joiner (U+200C/D) stay: emoji sequences and Persian or Indic
 * words need them, and a label must still show something visible.
 */
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;
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

/**
 * The one cleaning rule for text people type, wherever it enters (chat
 * commands, names, the merchant's form): drops control, bidi and zero-width
 * characters, folds runs of white space, trims. With `lines`, line breaks stay
 * (at most one blank line in a row), each line folded and trimmed.
 */
export function cleanText(text: string, options: { readonly lines?: boolean } = {}): string {
  if (!options.lines) return text.replace(UNSAFE, "").replace(/\s+/g, " ").trim();
  return text
    .replace(/\r\n?|[\v\f\u0085\u2028\u2029]/g, "\n")
    .split("\n")
    .map((line) => cleanText(line))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
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
