/**
 * Expected failures: values with a stable code, turned into one sentence per
 * locale by i18n. Bugs are thrown, not returned.
 */
export type ErrorCode =
  | "MOB_NOT_FOUND"
  | "DATE_UNPARSEABLE"
  | "DATE_IN_PAST"
  | "DATE_TOO_FAR"
  | "DATE_NONEXISTENT"
  | "AMOUNT_INVALID"
  | "AMOUNT_NOT_POSITIVE"
  | "AMOUNT_TOO_LARGE"
  | "TEXT_EMPTY"
  | "TEXT_TOO_LONG"
  | "DURATION_INVALID"
  | "SERIES_RULE_UNPARSEABLE"
  | "SERIES_INTERVAL_INVALID"
  | "SERIES_WEEKDAY_INVALID"
  | "SERIES_ORDINAL_INVALID"
  | "SERIES_TIME_INVALID"
  | "SERIES_VOTE_LEAD_INVALID"
  | "SERIES_NOT_FOUND"
  | "SERIES_STOPPED"
  | "CAPACITY_INVALID"
  | "CURRENCY_INVALID"
  | "TIMEZONE_INVALID"
  | "LOCALE_INVALID"
  | "BOOLEAN_INVALID"
  | "NOT_ORGANIZER"
  | "NEEDS_COMMUNITY"
  | "MOB_NOT_DRAFT"
  | "MOB_NOT_OPEN"
  | "MOB_ALREADY_STARTED"
  | "MOB_NOT_STARTED"
  | "MOB_FINISHED"
  | "MOB_TALLIED"
  | "CHECKIN_CLOSED"
  | "CHECKIN_CODE_WRONG"
  | "NOT_PARTICIPANT"
  | "NOTHING_TO_CHANGE"
  | "ID_INVALID"
  | "USAGE"
  | "UNKNOWN_COMMAND"
  | "UNKNOWN_ACTION"
  | "LINK_CODE_INVALID"
  | "LINK_CODE_EXPIRED"
  | "LINK_CODE_USED"
  | "LINK_SAME_COMMUNITY"
  | "UNLINK_LAST_CHAT"
  | "UNLINK_NOT_A_CHAT"
  | "NUMBER_INVALID"
  | "NOMINATION_NOT_FOUND"
  | "NOMINATION_NOT_QUEUED"
  | "NOMINATION_DROPPED"
  | "VOTE_NOT_FOUND"
  | "VOTE_NO_NOMINATIONS"
  | "VOTE_ALREADY_OPEN"
  | "VOTE_CLOSED"
  | "VOTE_NOT_MEMBER"
  | "VOTE_NOT_AN_OPTION"
  | "VOTE_NO_SUCH_OPTION"
  | "VOTE_TOO_LATE"
  | "VOTE_CLOSES_TOO_LATE"
  | "MERCHANT_STATUS_INVALID"
  | "MERCHANT_LINK_OFF"
  | "MERCHANT_TOO_LATE"
  | "MERCHANT_NOT_AGREED"
  | "GATE_NEEDS_DRAFT"
  | "MOB_NOT_OVER"
  | "PHOTO_MISSING"
  | "PHOTO_TOO_LARGE"
  | "PHOTO_NOT_AN_IMAGE"
  | "PHOTO_DIMENSIONS"
  | "PHOTO_UNREADABLE"
  | "PHOTO_CLOSED"
  | "PHOTO_MEMBER_LIMIT"
  | "PHOTO_MOB_LIMIT"
  | "PHOTO_DUPLICATE"
  | "PHOTO_NOT_FOUND";

/** An expected failure and what the sentence needs to say it. */
export interface DomainError {
  readonly code: ErrorCode;
  /** Which input was wrong (`when`, `pledge`, `shop`, …), for the sentence. */
  readonly field?: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | ({ readonly ok: false } & DomainError);

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = (
  code: ErrorCode,
  field?: string,
  params?: Record<string, string | number>,
): { readonly ok: false } & DomainError => ({
  ok: false,
  code,
  ...(field === undefined ? {} : { field }),
  ...(params === undefined ? {} : { params }),
});

type Values<T> = { [K in keyof T]: T[K] extends Result<infer V> ? V : never };

/**
 * Combines named results: all their values, or the first failure in the
 * order given (so the sentence names the first bad field, as typed).
 */
export function all<T extends Record<string, Result<unknown>>>(results: T): Result<Values<T>> {
  const values: Record<string, unknown> = {};
  for (const [name, result] of Object.entries(results)) {
    if (!result.ok) return result;
    values[name] = result.value;
  }
  return ok(values as Values<T>);
}
