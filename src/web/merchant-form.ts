/**
 * Reads the merchant's form: pure, so every bad input is table-tested. Nothing
 * reaches the core unless the whole form is right.
 */
import { AMOUNT_LIMITS, parseAmount } from "../domain/money.js";
import { cleanText } from "../domain/text.js";
import { MERCHANT_NOTE_MAX, type MerchantAnswer } from "../ports/web.js";
import type { MerchantFormError } from "./strings/index.js";

const ANSWERS = new Set<string>(["agreed", "declined", "other_date"]);

/** What the merchant typed, shown back when something must be fixed. */
export interface MerchantFormValues {
  readonly answer: MerchantAnswer | null;
  readonly note: string;
  readonly takings: string;
}

export type ParsedMerchantForm =
  | {
      readonly ok: true;
      readonly answer: MerchantAnswer;
      readonly note: string | null;
      readonly usualTakingsMinor: number | null;
    }
  | { readonly ok: false; readonly error: MerchantFormError; readonly values: MerchantFormValues };

const text = (v: unknown) => (typeof v === "string" ? v : "");

/** Validates the posted fields against the mob's currency. */
export function parseMerchantForm(
  body: Readonly<Record<string, unknown>>,
  currency: string,
): ParsedMerchantForm {
  const answerText = text(body.answer);
  const answer = ANSWERS.has(answerText) ? (answerText as MerchantAnswer) : null;
  // The rule every user text follows, keeping the note's line breaks.
  const note = cleanText(text(body.note), { lines: true });
  const takings = text(body.takings).trim();
  const values: MerchantFormValues = { answer, note, takings };
  if (answer === null) return { ok: false, error: "ANSWER_MISSING", values };
  if ([...note].length > MERCHANT_NOTE_MAX) return { ok: false, error: "NOTE_TOO_LONG", values };
  let usualTakingsMinor: number | null = null;
  if (takings !== "") {
    const amount = parseAmount(takings, currency, "takings", AMOUNT_LIMITS.perMob);
    if (!amount.ok) return { ok: false, error: "TAKINGS_INVALID", values };
    usualTakingsMinor = amount.value;
  }
  return { ok: true, answer, note: note === "" ? null : note, usualTakingsMinor };
}
