import { decodeQuickAmount } from "../domain/codecs/button-id.js";
import { fail, ok } from "../domain/errors.js";
import { CHECKIN_OPENS_BEFORE_MS, endsAt, stateAt } from "../domain/mob.js";
import { AMOUNT_LIMITS, currencyDigits, parseAmount } from "../domain/money.js";
import { catalog } from "../i18n/index.js";
import type { Tx } from "../ports/unit-of-work.js";
import { type Context, findMob } from "./context.js";
import { refreshCounts } from "./mob-outbox.js";
import { builder, type Outcome, personal, shopShown, type UseCaseDeps } from "./use-case-kit.js";

/** Join (going or maybe) or leave; pressing the same button twice changes nothing. */
export async function rsvp(
  tx: Tx,
  deps: UseCaseDeps,
  ctx: Context,
  id: string,
  choice: "going" | "maybe" | "leave",
  pledgeText?: string,
): Promise<Outcome> {
  const found = await findMob(tx, ctx, id, true);
  if (!found.ok) return found;
  const { mob, community } = found.value;
  const c = catalog(ctx.locale).t;
  const state = stateAt(mob, ctx.now);
  const current = await tx.getParticipant(mob.id, ctx.member.id);
  const shop = shopShown(deps, mob, ctx.now) ? mob.shopName : c.secretShop;
  if (choice === "leave") {
    if (!current) return ok(personal(ctx, community, c.notJoined));
    if (state !== "announced") return fail("MOB_ALREADY_STARTED", undefined, { id: mob.id });
    await tx.removeParticipant(mob.id, ctx.member.id);
    await refreshCounts(tx, deps, mob, ctx.now);
    return ok(personal(ctx, community, c.left(shop)));
  }
  if (state !== "announced" && state !== "live") {
    return fail("MOB_NOT_OPEN", undefined, { id: mob.id, state: c.stateNames[state] ?? state });
  }
  const pledge =
    pledgeText === undefined ? ok(null) : parseAmount(pledgeText, mob.currency, "pledge");
  if (!pledge.ok) return pledge;
  if (
    current?.status === choice &&
    (pledge.value === null || pledge.value === current.pledgeMinor)
  ) {
    return ok(personal(ctx, community, choice === "going" ? c.alreadyJoined : c.alreadyMaybe));
  }
  if (
    choice === "going" &&
    mob.capacity !== null &&
    current?.status !== "going" &&
    (await tx.counts(mob.id)).going >= mob.capacity
  ) {
    return fail("MOB_FULL", undefined, { id: mob.id, capacity: mob.capacity });
  }
  await tx.setRsvp(mob.id, ctx.member.id, choice, ctx.now, pledge.value, ctx.chat?.id ?? null);
  await refreshCounts(tx, deps, mob, ctx.now);
  return ok(personal(ctx, community, choice === "going" ? c.joined(shop) : c.joinedMaybe(shop)));
}

export async function reportSpend(
  tx: Tx,
  _deps: UseCaseDeps,
  ctx: Context,
  id: string,
  amountText: string,
): Promise<Outcome> {
  const found = await findMob(tx, ctx, id, true);
  if (!found.ok) return found;
  const { mob, community } = found.value;
  const c = catalog(ctx.locale).t;
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
    return fail("MOB_NOT_OPEN", undefined, { id: mob.id, state: c.stateNames[state] ?? state });
  }

  const before = await tx.getParticipant(mob.id, ctx.member.id);
  await tx.setSpent(mob.id, ctx.member.id, amount.value, ctx.now);
  const text = builder(ctx, community);
  const shown = new Intl.NumberFormat(ctx.locale, {
    style: "currency",
    currency: mob.currency,
  }).format(amount.value / 10 ** (currencyDigits(mob.currency) ?? 2));
  return ok({
    audience: "personal",
    notice: text.reply(before?.spentMinor ? c.spentUpdated(shown) : c.spentRecorded(shown)),
  });
}

export async function checkIn(
  tx: Tx,
  deps: UseCaseDeps,
  ctx: Context,
  id: string,
  code: string,
): Promise<Outcome> {
  const found = await findMob(tx, ctx, id, true);
  if (!found.ok) return found;
  const { mob, community } = found.value;
  const c = catalog(ctx.locale).t;
  const state = stateAt(mob, ctx.now);
  if (state === "draft" || state === "cancelled") {
    return fail("MOB_NOT_OPEN", undefined, { id: mob.id, state: c.stateNames[state] ?? state });
  }
  const closesAt = endsAt(mob) + deps.settings.tallyDelayMs;
  if (
    ctx.now < mob.startsAt - CHECKIN_OPENS_BEFORE_MS ||
    ctx.now >= closesAt ||
    state === "tallied"
  ) {
    return fail("CHECKIN_CLOSED", undefined, { id: mob.id });
  }
  if (code.trim().toUpperCase() !== mob.checkinCode) return fail("CHECKIN_CODE_WRONG", "code");
  if ((await tx.getParticipant(mob.id, ctx.member.id))?.checkedInAt)
    return ok(personal(ctx, community, c.alreadyCheckedIn));
  await tx.setCheckedIn(mob.id, ctx.member.id, ctx.now);
  await refreshCounts(tx, deps, mob, ctx.now);
  return ok(
    personal(
      ctx,
      community,
      c.checkedIn(shopShown(deps, mob, ctx.now) ? mob.shopName : c.secretShop),
    ),
  );
}
