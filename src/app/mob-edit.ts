import type { Community } from "../domain/community.js";
import { parseMobDuration } from "../domain/duration.js";
import { all, fail, ok, type Result } from "../domain/errors.js";
import { type Mob, type MobPatch, stateAt } from "../domain/mob.js";
import { AMOUNT_LIMITS, parseAmount } from "../domain/money.js";
import { LIMITS, parseLabel, parseOptionalLabel } from "../domain/text.js";
import { parseWhen } from "../domain/when.js";
import type { Command } from "../ports/inbound.js";
import { type Exposed, exposedBy } from "./exposed.js";
import { optionalAmount, parseCapacity } from "./mob-create.js";
import { refreshCounts, syncEvents } from "./mob-outbox.js";
import { fanOutRow, TIMELINE_KINDS, timelineRows } from "./timeline.js";
import { onMob, onMobCommand, shopShown } from "./use-case-kit.js";
import { promoteWaiting } from "./waitlist.js";

/** A mob was cancelled (its chats hear it through the outbox). */
export interface Cancelled {
  readonly kind: "cancelled";
  readonly mob: Mob;
  readonly community: Community;
}

/** A mob was changed; `exposed`: what the command as typed shows that only organizers may see. */
export interface Edited {
  readonly kind: "edited";
  readonly mob: Mob;
  readonly community: Community;
  readonly exposed: Exposed;
}

/** `/cancelmob <id> [reason]` (organizers): a mob not yet over is cancelled, its chats told. */
export const cancelMob = onMob<[reasonText: string | undefined], Cancelled>(
  { locked: true, organizers: true },
  async (tx, deps, ctx, { mob, community }, reasonText) => {
    const state = stateAt(mob, ctx.now);
    if (state === "ended" || state === "tallied" || state === "cancelled") {
      return fail("MOB_FINISHED", undefined, {
        id: mob.id,
        state,
      });
    }
    const reason = parseOptionalLabel(reasonText, "reason", LIMITS.reason);
    if (!reason.ok) return reason;
    await tx.withdrawPending("mob", mob.id, ctx.now);
    const cancelled = await tx.updateMob(
      mob.id,
      { status: "cancelled", cancelReason: reason.value },
      ctx.now,
    );
    if (mob.status === "announced") {
      await tx.enqueue([fanOutRow(cancelled, "cancelled", ctx.now)], ctx.now);
      await refreshCounts(tx, deps, cancelled, ctx.now, true);
      await syncEvents(tx, deps, cancelled, ctx.now);
    }
    return ok({ kind: "cancelled", mob: cancelled, community });
  },
);

/** `/editmob <id> …` (organizers): a draft or announced mob, not yet started, changed as typed. */
export const editMob = onMobCommand<Extract<Command, { type: "edit" }>, Edited>(
  { locked: true, organizers: true },
  async (tx, deps, ctx, { mob, community }, cmd) => {
    const state = stateAt(mob, ctx.now);
    if (state === "live") return fail("MOB_ALREADY_STARTED", undefined, { id: mob.id });
    if (state !== "draft" && state !== "announced") {
      return fail("MOB_FINISHED", undefined, {
        id: mob.id,
        state,
      });
    }
    const skip = ok(undefined);
    const input = all({
      when: cmd.when === undefined ? skip : parseWhen(cmd.when, community.timezone, ctx.now),
      pledge: cmd.pledge === undefined ? skip : parseAmount(cmd.pledge, mob.currency, "pledge"),
      address:
        cmd.address === undefined ? skip : parseLabel(cmd.address, "address", LIMITS.address),
      meetingPoint:
        cmd.meetingPoint === undefined
          ? skip
          : parseLabel(cmd.meetingPoint, "meetingPoint", LIMITS.meetingPoint),
      party: cmd.party === undefined ? skip : parseLabel(cmd.party, "party", LIMITS.party),
      capacity: parseCapacityChange(cmd.capacity),
      duration: cmd.duration === undefined ? skip : parseMobDuration(cmd.duration),
      goal: optionalAmount(cmd.goal, mob.currency, "goal", AMOUNT_LIMITS.perMob),
      takings: optionalAmount(cmd.takings, mob.currency, "takings", AMOUNT_LIMITS.perMob),
    });
    if (!input.ok) return input;
    const { when, pledge, address, meetingPoint, party, capacity, duration, goal, takings } =
      input.value;
    const patch: MobPatch = {
      ...(when === undefined ? {} : { startsAt: when }),
      ...(pledge === undefined ? {} : { pledgeMinor: pledge }),
      ...(address === undefined ? {} : { address }),
      ...(meetingPoint === undefined ? {} : { meetingPoint }),
      ...(party === undefined ? {} : { party }),
      ...(capacity === null ? {} : { capacity: capacity === "none" ? null : capacity }),
      ...(duration === undefined ? {} : { durationMs: duration }),
      ...(goal === null ? {} : { goalMinor: goal }),
    };
    if (Object.keys(patch).length === 0 && takings === null) return fail("NOTHING_TO_CHANGE");
    if (takings !== null) await tx.setShopTakings(mob.shopId, takings);
    const updated = await tx.updateMob(mob.id, patch, ctx.now);
    // A draft changes quietly; an announced mob is replanned and its posts follow.
    if (updated.status === "announced") {
      const timeChanged =
        updated.startsAt !== mob.startsAt || updated.durationMs !== mob.durationMs;
      if (timeChanged) {
        await tx.withdrawPending("mob", mob.id, ctx.now, TIMELINE_KINDS);
        await tx.enqueue(timelineRows(updated, deps.settings, ctx.now), ctx.now);
        if (updated.startsAt !== mob.startsAt)
          await tx.enqueue([fanOutRow(updated, "rescheduled", ctx.now)], ctx.now);
      }
      // A capacity raised or lifted gives the places it opens to the first waiting.
      if (capacity !== null) await promoteWaiting(tx, updated, ctx.now);
      await refreshCounts(tx, deps, updated, ctx.now);
      await syncEvents(tx, deps, updated, ctx.now);
    }
    // A moved date may take the mob back before its reveal: the shop as hidden as it is now.
    const hidden = !shopShown(deps, { ...mob, ...patch }, ctx.now);
    return ok({
      kind: "edited",
      mob: updated,
      community,
      exposed: exposedBy("/editmob", [
        hidden && (address !== undefined || party !== undefined)
          ? { kind: "secret_shop", shop: mob.shopName }
          : null,
        takings === null ? null : { kind: "takings" },
      ]),
    });
  },
);

/** `capacity=` of an edit: a number, or `none` (`aucune`, `0`) to lift the limit; null: not given. */
function parseCapacityChange(text: string | undefined): Result<number | "none" | null> {
  return text !== undefined && /^(none|aucune|0)$/i.test(text.trim())
    ? ok("none")
    : parseCapacity(text);
}
