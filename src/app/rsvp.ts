import { decodeQuickAmount } from "../domain/codecs/button-id.js";
import type { Community } from "../domain/community.js";
import { fail, ok } from "../domain/errors.js";
import { checkinOpen, type Mob, stateAt } from "../domain/mob.js";
import { AMOUNT_LIMITS, currencyDigits, parseAmount } from "../domain/money.js";
import { refreshCounts } from "./mob-outbox.js";
import { onMob, shopShown } from "./use-case-kit.js";
import { isFull, joinWaitlist, promoteWaiting } from "./waitlist.js";

interface About {
  readonly mob: Mob;
  readonly community: Community;
  /** The shop's name, or null while it is secret. */
  readonly shop: string | null;
}

/**
 * What a join or leave did; pressing the same button twice changes nothing. A Join on a
 * full mob waits: `place` on the waitlist (1: next), `already` when they were waiting.
 */
export type RsvpOutcome = About &
  (
    | { readonly kind: "not_joined" }
    | { readonly kind: "left" }
    | { readonly kind: "left_waitlist" }
    | { readonly kind: "waiting"; readonly place: number; readonly already: boolean }
    | { readonly kind: "already"; readonly choice: "going" | "maybe" }
    | { readonly kind: "joined"; readonly choice: "going" | "maybe" }
  );

/** A spend was recorded; `updated`: it replaced an earlier one. */
export interface SpendRecorded extends About {
  readonly kind: "spent";
  readonly amountMinor: number;
  readonly updated: boolean;
}

/** A check-in, or a second one that changed nothing. */
export type CheckinOutcome = About & { readonly kind: "checked_in" | "already_checked_in" };

/**
 * Join (going or maybe) or leave; pressing the same button twice changes nothing. A Join on
 * a full mob puts the member on its waitlist; a place freed goes to the first waiting.
 */
export const rsvp = onMob<[choice: "going" | "maybe" | "leave", pledgeText?: string], RsvpOutcome>(
  { locked: true },
  async (tx, deps, ctx, { mob, community }, choice, pledgeText?) => {
    const state = stateAt(mob, ctx.now);
    const current = await tx.getParticipant(mob.id, ctx.member.id);
    const about: About = {
      mob,
      community,
      shop: shopShown(deps, mob, ctx.now) ? mob.shopName : null,
    };
    const waitingAt =
      current?.status === "going" ? null : await tx.waitingPlace(mob.id, ctx.member.id);
    if (choice === "leave") {
      if (waitingAt !== null) {
        await tx.removeWaiting(mob.id, ctx.member.id);
        await refreshCounts(tx, deps, mob, ctx.now);
        return ok({ ...about, kind: "left_waitlist" });
      }
      if (!current) return ok({ ...about, kind: "not_joined" });
      if (state !== "announced") return fail("MOB_ALREADY_STARTED", undefined, { id: mob.id });
      await tx.removeParticipant(mob.id, ctx.member.id);
      if (current.status === "going") await promoteWaiting(tx, mob, ctx.now);
      await refreshCounts(tx, deps, mob, ctx.now);
      return ok({ ...about, kind: "left" });
    }
    if (state !== "announced" && state !== "live") {
      return fail("MOB_NOT_OPEN", undefined, { id: mob.id, state });
    }
    const pledge =
      pledgeText === undefined ? ok(null) : parseAmount(pledgeText, mob.currency, "pledge");
    if (!pledge.ok) return pledge;
    if (choice === "going" && waitingAt !== null)
      return ok({ ...about, kind: "waiting", place: waitingAt, already: true });
    if (
      current?.status === choice &&
      (pledge.value === null || pledge.value === current.pledgeMinor)
    ) {
      return ok({ ...about, kind: "already", choice });
    }
    if (choice === "going" && current?.status !== "going" && (await isFull(tx, mob))) {
      const waiting = {
        memberId: ctx.member.id,
        pledgeMinor: pledge.value ?? current?.pledgeMinor ?? null,
        chatId: current?.chatId ?? ctx.chat?.id ?? null,
      };
      const place = await joinWaitlist(tx, mob, waiting, current !== null, ctx.now);
      await refreshCounts(tx, deps, mob, ctx.now);
      return ok({ ...about, kind: "waiting", place, already: false });
    }
    // A maybe instead of waiting leaves the waitlist; a going who becomes a maybe frees a place.
    if (waitingAt !== null) await tx.removeWaiting(mob.id, ctx.member.id);
    await tx.setRsvp(mob.id, ctx.member.id, choice, ctx.now, pledge.value, ctx.chat?.id ?? null);
    if (current?.status === "going" && choice === "maybe") await promoteWaiting(tx, mob, ctx.now);
    await refreshCounts(tx, deps, mob, ctx.now);
    return ok({ ...about, kind: "joined", choice });
  },
);

/** `/spent <id> <amount>` or a quick-amount button: what the member spent, once the mob has started. */
export const reportSpend = onMob<[amountText: string], SpendRecorded>(
  { locked: true },
  async (tx, deps, ctx, { mob, community }, amountText) => {
    // Quick-amount buttons carry minor units (`minor:1500`); people type major units.
    const quick = decodeQuickAmount(amountText);
    const amount =
      quick !== null
        ? quick > 0 && quick <= AMOUNT_LIMITS.perPerson * 10 ** (currencyDigits(mob.currency) ?? 2)
          ? ok(quick)
          : fail("AMOUNT_INVALID", "amount")
        : parseAmount(amountText, mob.currency, "amount");
    if (!amount.ok) return amount;
    const state = stateAt(mob, ctx.now);
    if (state === "announced") return fail("MOB_NOT_STARTED", undefined, { id: mob.id });
    if (state === "tallied") return fail("MOB_TALLIED", undefined, { id: mob.id });
    if (state !== "live" && state !== "ended") {
      return fail("MOB_NOT_OPEN", undefined, { id: mob.id, state });
    }

    const before = await tx.getParticipant(mob.id, ctx.member.id);
    await tx.setSpent(mob.id, ctx.member.id, amount.value, ctx.now);
    return ok({
      kind: "spent",
      mob,
      community,
      shop: shopShown(deps, mob, ctx.now) ? mob.shopName : null,
      amountMinor: amount.value,
      updated: Boolean(before?.spentMinor),
    });
  },
);

/** `/checkin <id> <code>`: the member is there, while check-in is open and the code is the mob's. */
export const checkIn = onMob<[code: string], CheckinOutcome>(
  { locked: true },
  async (tx, deps, ctx, { mob, community }, code) => {
    const state = stateAt(mob, ctx.now);
    if (state === "draft" || state === "cancelled") {
      return fail("MOB_NOT_OPEN", undefined, { id: mob.id, state });
    }
    if (checkinOpen(mob, ctx.now, deps.settings.tallyDelayMs) !== "open") {
      return fail("CHECKIN_CLOSED", undefined, { id: mob.id });
    }
    if (code.trim().toUpperCase() !== mob.checkinCode) return fail("CHECKIN_CODE_WRONG", "code");
    const about: About = {
      mob,
      community,
      shop: shopShown(deps, mob, ctx.now) ? mob.shopName : null,
    };
    if ((await tx.getParticipant(mob.id, ctx.member.id))?.checkedInAt)
      return ok({ ...about, kind: "already_checked_in" });
    await tx.setCheckedIn(mob.id, ctx.member.id, ctx.now);
    await refreshCounts(tx, deps, mob, ctx.now);
    return ok({ ...about, kind: "checked_in" });
  },
);
