import { type ParsedText, USAGE } from "./parse-usage.js";

/** The typed commands that choose the next shop: /nominate and /vote. */

/** `/nominate <shop> [| <address>] [| <why>]`: a blank address keeps the reason in third place. */
export function parseNominate(rest: string): ParsedText {
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
export function parseVote(rest: string): ParsedText {
  const [when, closing, ...extra] = rest.split("|").map((s) => s.trim());
  if (!when || extra.length > 0) return { ok: false, code: "USAGE", usage: USAGE.vote };
  if (closing === undefined || closing === "") return { ok: true, command: { type: "vote", when } };
  const closes = /^(?:closes?|clôture|cloture)\s*[=:]\s*([\s\S]+)$/i.exec(closing)?.[1] ?? closing;
  return { ok: true, command: { type: "vote", when, closes: closes.trim() } };
}
