import { randomUUID } from "node:crypto";
import { fail, ok } from "../domain/errors.js";
import { stateAt } from "../domain/mob.js";
import { LIMITS, parseOptionalLabel } from "../domain/text.js";
import { catalog } from "../i18n/index.js";
import type { Tx } from "../ports/unit-of-work.js";
import { personal } from "../presenters/kit.js";
import { mobPageUrl } from "../web/links.js";
import { type Context, canOrganize, findMob } from "./context.js";
import type { Outcome, UseCaseDeps } from "./use-case-kit.js";

/**
 * `/thanks <id> [message]`: once the mob is over, a thank-you to the merchant
 * goes to every linked chat with the card (the dispatcher draws it), and the
 * organizer gets the mob page's address to pass on to the shop.
 */
export async function thankMerchant(
  tx: Tx,
  deps: UseCaseDeps,
  ctx: Context,
  id: string,
  messageText: string | undefined,
): Promise<Outcome> {
  const found = await findMob(tx, ctx, id);
  if (!found.ok) return found;
  const { mob, community } = found.value;
  if (!canOrganize(ctx, community, mob)) return fail("NOT_ORGANIZER");
  const c = catalog(ctx.locale);
  const state = stateAt(mob, ctx.now);
  if (state === "draft" || state === "cancelled")
    return fail("MOB_NOT_OPEN", undefined, { id: mob.id, state: c.t.stateNames[state] ?? state });
  if (state === "announced" || state === "live")
    return fail("MOB_NOT_OVER", undefined, { id: mob.id });
  const message = parseOptionalLabel(messageText, "message", LIMITS.message);
  if (!message.ok) return message;
  await tx.enqueue(
    [
      {
        key: `mob:${mob.id}:thanks:${randomUUID()}`,
        communityId: mob.communityId,
        subject: "mob",
        subjectId: mob.id,
        kind: "thanks",
        target: "community",
        dueAt: ctx.now,
        payload: { startsAt: mob.startsAt, message: message.value },
      },
    ],
    ctx.now,
  );
  const base = deps.settings.publicUrl;
  const link = base ? c.after.thanksLink(mobPageUrl(base, mob.publicId)) : c.after.thanksNoLink;
  return ok(personal(ctx, community, c.after.thanksPosted(mob.id), [link]));
}
