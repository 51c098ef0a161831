import type { Context } from "../app/context.js";
import type { CheckinOutcome, RsvpOutcome, SpendRecorded } from "../app/rsvp.js";
import { currencyDigits } from "../domain/money.js";
import { catalog } from "../i18n/index.js";
import type { Reply } from "../ports/inbound.js";
import { builder, personal } from "./kit.js";

/** Join, maybe or leave, as the presser reads it. */
export function presentRsvp(ctx: Context, outcome: RsvpOutcome): Reply {
  return personal(ctx, outcome.community, rsvpTitle(ctx.locale, outcome));
}

function rsvpTitle(locale: string, outcome: RsvpOutcome): string {
  const { t: c, waitlist: w } = catalog(locale);
  const shop = outcome.shop ?? c.secretShop;
  switch (outcome.kind) {
    case "not_joined":
      return c.notJoined;
    case "left":
      return c.left(shop);
    case "left_waitlist":
      return w.left(shop);
    case "waiting":
      return outcome.already ? w.already(outcome.place) : w.joined(shop, outcome.place);
    case "already":
      return outcome.choice === "going" ? c.alreadyJoined : c.alreadyMaybe;
    case "joined":
      return outcome.choice === "going" ? c.joined(shop) : c.joinedMaybe(shop);
  }
}

/** `/spent`: the amount in the mob's currency, as the actor's language writes it. */
export function presentSpend(ctx: Context, spent: SpendRecorded): Reply {
  const c = catalog(ctx.locale).t;
  const { mob } = spent;
  const shown = new Intl.NumberFormat(ctx.locale, {
    style: "currency",
    currency: mob.currency,
  }).format(spent.amountMinor / 10 ** (currencyDigits(mob.currency) ?? 2));
  return {
    audience: "personal",
    notice: builder(ctx, spent.community).reply(
      spent.updated ? c.spentUpdated(shown) : c.spentRecorded(shown),
    ),
  };
}

/** `/checkin`: welcome (once). */
export function presentCheckin(ctx: Context, outcome: CheckinOutcome): Reply {
  const c = catalog(ctx.locale).t;
  return personal(
    ctx,
    outcome.community,
    outcome.kind === "already_checked_in"
      ? c.alreadyCheckedIn
      : c.checkedIn(outcome.shop ?? c.secretShop),
  );
}
