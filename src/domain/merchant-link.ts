/**
 * The merchant's private link: `/merchant/<token>`, where the token carries
 * the mob id and an expiry, signed with HMAC-SHA256 under LINK_SECRET. Nothing
 * is stored per link; changing LINK_SECRET voids every link handed out.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { merchantPath } from "./web-links.js";

/** A link lives until the mob starts, and never longer than this. */
export const MERCHANT_LINK_MAX_MS = 30 * 24 * 3_600_000;

const VERSION = "1";
const PURPOSE = "cashmob merchant-link";

export type MerchantTokenCheck =
  | { readonly ok: true; readonly mobId: number; readonly expiresAt: number }
  | { readonly ok: false; readonly problem: "invalid" }
  /** Genuine but past its time: the mob id is still known, to show what was answered. */
  | { readonly ok: false; readonly problem: "expired"; readonly mobId: number };

function mac(secret: string, payload: string): Buffer {
  return createHmac("sha256", secret).update(`${PURPOSE}\n${payload}`).digest();
}

/** When a link made now for a mob starting at `startsAt` stops working. */
export function merchantLinkExpiry(startsAt: number, now: number): number {
  return Math.min(startsAt, now + MERCHANT_LINK_MAX_MS);
}

/** Signs a token for `mobId`, valid until `expiresAt` (ms, rounded down to the second). */
export function signMerchantToken(secret: string, mobId: number, expiresAt: number): string {
  if (!Number.isSafeInteger(mobId) || mobId <= 0) throw new RangeError("mobId must be positive");
  const payload = `${VERSION}.${mobId.toString(36)}.${Math.floor(expiresAt / 1000).toString(36)}`;
  return `${Buffer.from(payload).toString("base64url")}.${mac(secret, payload).toString("base64url")}`;
}

/**
 * The link `/merchantlink <id>` hands the organizer: `url` is absolute when
 * PUBLIC_URL is known, else the path alone.
 */
export function createMerchantLink(input: {
  readonly secret: string;
  readonly mobId: number;
  readonly startsAt: number;
  readonly now: number;
  readonly publicUrl: string | null;
}): { readonly url: string; readonly expiresAt: number } {
  const expiresAt = merchantLinkExpiry(input.startsAt, input.now);
  const path = merchantPath(signMerchantToken(input.secret, input.mobId, expiresAt));
  return { url: `${input.publicUrl ?? ""}${path}`, expiresAt };
}

/** Checks a token's form and signature (in constant time), then its expiry. */
export function verifyMerchantToken(
  secret: string,
  token: string,
  now: number,
): MerchantTokenCheck {
  const invalid = { ok: false, problem: "invalid" } as const;
  if (token.length > 200) return invalid;
  const m = /^([A-Za-z0-9_-]{4,80})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return invalid;
  const payload = Buffer.from(m[1] ?? "", "base64url").toString("utf8");
  // Base64url decoding forgives stray bits; only the one canonical spelling is the token.
  if (Buffer.from(payload).toString("base64url") !== m[1]) return invalid;
  const given = Buffer.from(m[2] ?? "", "base64url");
  const expected = mac(secret, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return invalid;
  const fields = /^1\.([0-9a-z]{1,11})\.([0-9a-z]{1,11})$/.exec(payload);
  if (!fields) return invalid;
  const mobId = Number.parseInt(fields[1] ?? "", 36);
  const expiresAt = Number.parseInt(fields[2] ?? "", 36) * 1000;
  if (!Number.isSafeInteger(mobId) || mobId <= 0 || !Number.isSafeInteger(expiresAt)) {
    return invalid;
  }
  if (now >= expiresAt) return { ok: false, problem: "expired", mobId };
  return { ok: true, mobId, expiresAt };
}
