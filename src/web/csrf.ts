/**
 * CSRF protection for the merchant's form: a double-submit cookie holding a
 * random nonce, plus a hidden field `<issued>.<nonce>.<mac>` signed for this
 * one merchant link. A forged POST from another site has neither the cookie
 * (SameSite=Strict) nor a field signed for the token.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const CSRF_COOKIE = "cashmob_csrf";
/** A merchant may leave the page open a while before answering. */
export const CSRF_MAX_AGE_MS = 24 * 3_600_000;

const NONCE = /^[A-Za-z0-9_-]{22}$/;

const sign = (secret: string, token: string, issued: string, nonce: string) =>
  createHmac("sha256", secret)
    .update(`cashmob merchant-form\n${token}\n${issued}\n${nonce}`)
    .digest("base64url");

/** Reuses the browser's nonce when it has one, so two open tabs both still work. */
export function csrfNonce(cookie: string | undefined): string {
  return cookie !== undefined && NONCE.test(cookie)
    ? cookie
    : randomBytes(16).toString("base64url");
}

export function csrfField(secret: string, token: string, nonce: string, now: number): string {
  const issued = Math.floor(now / 1000).toString(36);
  return `${issued}.${nonce}.${sign(secret, token, issued, nonce)}`;
}

/** True when the field was signed for this link, is fresh, and matches the cookie. */
export function checkCsrf(
  secret: string,
  token: string,
  field: string | undefined,
  cookie: string | undefined,
  now: number,
): boolean {
  if (field === undefined || cookie === undefined || field.length > 120) return false;
  const [issued = "", nonce = "", mac = "", ...rest] = field.split(".");
  if (rest.length > 0 || !NONCE.test(nonce) || !/^[0-9a-z]{1,11}$/.test(issued)) return false;
  const issuedAt = Number.parseInt(issued, 36) * 1000;
  if (!(now - issuedAt <= CSRF_MAX_AGE_MS && issuedAt - now <= 60_000)) return false;
  const given = Buffer.from(mac, "base64url");
  const expected = Buffer.from(sign(secret, token, issued, nonce), "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  const a = Buffer.from(nonce);
  const b = Buffer.from(cookie);
  return a.length === b.length && timingSafeEqual(a, b);
}
