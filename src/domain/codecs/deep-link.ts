/**
 * The payloads of the bot's deep links (`https://t.me/<bot>?start=<payload>`,
 * arriving as `/start <payload>` in a private chat), written and read here
 * only. Telegram allows at most 64 characters from `A-Z a-z 0-9 _ -`.
 */
export type StartPayload =
  /** `mob_<id>`: join that mob. */
  | { readonly kind: "join"; readonly mobId: number }
  /** `in_<id>_<code>`: check in at that mob with its code (the scanned QR). */
  | { readonly kind: "checkin"; readonly mobId: number; readonly code: string }
  /** `codes_<chat id>`: the check-in codes withheld while the private chat was closed. */
  | { readonly kind: "codes"; readonly chatId: string }
  /** `files`: a file they asked for waits for the private chat (they ask again there). */
  | { readonly kind: "files" };

/** Telegram's limit on a start payload. */
export const MAX_START_PAYLOAD = 64;

const MOB_ID = "([1-9]\\d{0,8})";
/** Check-in codes are six of `A–Z 2–9`; any case is read, since people may retype a link. */
const CODE = "([A-Za-z0-9]{1,16})";
const CHAT_ID = "([A-Za-z0-9-]{1,58})";

const JOIN = new RegExp(`^mob_${MOB_ID}$`);
const CHECKIN = new RegExp(`^in_${MOB_ID}_${CODE}$`);
const CODES = new RegExp(`^codes_${CHAT_ID}$`);

/** The payload for a start link; throws on values no link can carry (a bug, not input). */
export function encodeStartPayload(payload: StartPayload): string {
  const text =
    payload.kind === "join"
      ? `mob_${payload.mobId}`
      : payload.kind === "checkin"
        ? `in_${payload.mobId}_${payload.code.toUpperCase()}`
        : payload.kind === "codes"
          ? `codes_${payload.chatId}`
          : "files";
  if (decodeStartPayload(text) === null) {
    throw new Error(`cannot put ${JSON.stringify(payload)} in a start link`);
  }
  return text;
}

/** What a `/start` payload asks for, or null for a plain `/start` or one we never wrote. */
export function decodeStartPayload(text: string | undefined): StartPayload | null {
  if (!text || text.length > MAX_START_PAYLOAD) return null;
  if (text === "files") return { kind: "files" };
  const join = JOIN.exec(text);
  if (join?.[1]) return { kind: "join", mobId: Number(join[1]) };
  const checkin = CHECKIN.exec(text);
  if (checkin?.[1] && checkin[2]) {
    return { kind: "checkin", mobId: Number(checkin[1]), code: checkin[2].toUpperCase() };
  }
  const codes = CODES.exec(text);
  return codes?.[1] ? { kind: "codes", chatId: codes[1] } : null;
}

/** The Telegram link that opens a private chat with the bot and sends `/start <payload>`. */
export const telegramStartLink = (botUsername: string, payload: StartPayload): string =>
  `https://t.me/${encodeURIComponent(botUsername.replace(/^@/, ""))}?start=${encodeStartPayload(payload)}`;
