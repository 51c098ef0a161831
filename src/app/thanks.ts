import { randomUUID } from "node:crypto";
import { outboxKey } from "../domain/codecs/outbox-key.js";
import type { Community } from "../domain/community.js";
import { fail, ok } from "../domain/errors.js";
import { type Mob, stateAt } from "../domain/mob.js";
import { LIMITS, parseOptionalLabel } from "../domain/text.js";
import { onMob } from "./use-case-kit.js";

/** The thank-you is queued for every chat; `publicUrl`: the web side's address, if on. */
export interface Thanked {
  readonly kind: "thanked";
  readonly mob: Mob;
  readonly community: Community;
  readonly publicUrl: string | null;
}

/**
 * `/thanks <id> [message]`: once the mob is over, a thank-you to the merchant
 * goes to every linked chat with the card (the dispatcher draws it), and the
 * organizer gets the mob page's address to pass on to the shop.
 */
export const thankMerchant = onMob<[messageText: string | undefined], Thanked>(
  { organizers: true },
  async (tx, deps, ctx, { mob, community }, messageText) => {
    const state = stateAt(mob, ctx.now);
    if (state === "draft" || state === "cancelled")
      return fail("MOB_NOT_OPEN", undefined, { id: mob.id, state });
    if (state === "announced" || state === "live")
      return fail("MOB_NOT_OVER", undefined, { id: mob.id });
    const message = parseOptionalLabel(messageText, "message", LIMITS.message);
    if (!message.ok) return message;
    await tx.enqueue(
      [
        {
          key: outboxKey.row("mob", mob.id, "thanks", randomUUID()),
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
    return ok({ kind: "thanked", mob, community, publicUrl: deps.settings.publicUrl ?? null });
  },
);
