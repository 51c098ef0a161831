import { isShopRevealed } from "../domain/reveal.js";
import { cleanText, LIMITS, parseBoolean, truncate } from "../domain/text.js";
import type { Command } from "../ports/inbound.js";
import type { Tx } from "../ports/unit-of-work.js";
import { type Context, canOrganize, findMob } from "./context.js";

/** What a typed command may show that only organizers may see. */
export type Exposure =
  | { readonly kind: "secret_shop"; readonly shop: string }
  | { readonly kind: "takings" }
  | { readonly kind: "note" };

/** What a command as typed shows that only organizers may see (presenters word the warning). */
export interface Exposed {
  /** The command as people know it (`/newmob`). */
  readonly command: string;
  readonly shows: readonly Exposure[];
}

/** The exposures of `command`, the absent ones (null) left out. */
export function exposedBy(command: string, shows: readonly (Exposure | null)[]): Exposed {
  return { command, shows: shows.filter((s): s is Exposure => s !== null) };
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
): Promise<Exposed | undefined> {
  if (!canOrganize(ctx, ctx.community)) return undefined;
  const takings = (text: string | undefined): Exposure | null =>
    given(text) ? { kind: "takings" } : null;
  switch (command.type) {
    case "create": {
      const secret = parseBoolean(command.secret, "secret");
      const shop = truncate(cleanText(command.shop), LIMITS.shop);
      return exposedBy("/newmob", [
        secret.ok && secret.value === true && shop !== "" ? { kind: "secret_shop", shop } : null,
        takings(command.takings),
      ]);
    }
    case "edit": {
      const found = await findMob(tx, ctx, command.id);
      const mob = found.ok ? found.value.mob : null;
      const hidden = mob !== null && !isShopRevealed(mob, ctx.now, deps.settings.revealBeforeMs);
      return exposedBy("/editmob", [
        hidden && (given(command.address) || given(command.party))
          ? { kind: "secret_shop", shop: mob.shopName }
          : null,
        takings(command.takings),
      ]);
    }
    case "merchant":
      return exposedBy("/merchant", [given(command.note) ? { kind: "note" } : null]);
    default:
      return undefined;
  }
}
