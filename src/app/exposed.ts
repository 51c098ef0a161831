import { isShopRevealed } from "../domain/reveal.js";
import { cleanText, LIMITS, parseBoolean, truncate } from "../domain/text.js";
import { catalog } from "../i18n/index.js";
import { plainNotice } from "../i18n/notices.js";
import type { Command, Reply } from "../ports/inbound.js";
import type { Tx } from "../ports/unit-of-work.js";
import { type Context, canOrganize, findMob } from "./context.js";

/** What a typed command may show that only organizers may see. */
export type Exposure =
  | { readonly kind: "secret_shop"; readonly shop: string }
  | { readonly kind: "takings" }
  | { readonly kind: "note" };

/**
 * The warnings for a command typed where others read it (a group chat) that
 * shows a secret shop before its reveal, the usual takings or the merchant's
 * note: the adapter deletes the command, or tells the organizer privately
 * (naming what shows), or, with no private chat, says so where it was typed
 * without the data. Nothing for a command typed in a private chat.
 */
export function exposedBy(
  ctx: Context,
  command: string,
  shows: readonly (Exposure | null)[],
): Pick<Reply, "exposed"> {
  const found = shows.filter((s): s is Exposure => s !== null);
  const chat = ctx.actor.community;
  if (found.length === 0 || ctx.actor.inPrivateChat || !chat) return {};
  const p = catalog(ctx.locale).privacy;
  const what = found
    .map((s) =>
      s.kind === "secret_shop"
        ? p.showsSecretShop(s.shop)
        : s.kind === "takings"
          ? p.showsTakings
          : p.showsNote,
    )
    .join(", ");
  const warning = (sentence: string) => plainNotice(sentence, [], ctx.locale, "warning");
  return {
    exposed: {
      privately: warning(p.stillVisible(command, chat.name, what)),
      publicly: warning(p.stillVisiblePublicly),
    },
  };
}

const given = (text: string | undefined) => text !== undefined && text.trim() !== "";

/**
 * What an organizer's command that failed (a date in the past, a typo in a
 * key) shows as typed: its text stays in the chat all the same. `secret` asked
 * for counts as a secret shop (a mob not made has no reveal time yet).
 */
export async function exposedOnFailure(
  tx: Tx,
  deps: { readonly settings: { readonly revealBeforeMs: number } },
  ctx: Context,
  command: Command,
): Promise<Pick<Reply, "exposed">> {
  if (!canOrganize(ctx, ctx.community)) return {};
  const takings = (text: string | undefined): Exposure | null =>
    given(text) ? { kind: "takings" } : null;
  switch (command.type) {
    case "create": {
      const secret = parseBoolean(command.secret, "secret");
      const shop = truncate(cleanText(command.shop), LIMITS.shop);
      return exposedBy(ctx, "/newmob", [
        secret.ok && secret.value === true && shop !== "" ? { kind: "secret_shop", shop } : null,
        takings(command.takings),
      ]);
    }
    case "edit": {
      const found = await findMob(tx, ctx, command.id);
      const mob = found.ok ? found.value.mob : null;
      const hidden = mob !== null && !isShopRevealed(mob, ctx.now, deps.settings.revealBeforeMs);
      return exposedBy(ctx, "/editmob", [
        hidden && (given(command.address) || given(command.party))
          ? { kind: "secret_shop", shop: mob.shopName }
          : null,
        takings(command.takings),
      ]);
    }
    case "merchant":
      return exposedBy(ctx, "/merchant", [given(command.note) ? { kind: "note" } : null]);
    default:
      return {};
  }
}
