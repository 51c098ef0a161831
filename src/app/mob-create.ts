import type { Community } from "../domain/community.js";
import { parseMobDuration } from "../domain/duration.js";
import { all, fail, ok, type Result } from "../domain/errors.js";
import { gateOpen } from "../domain/merchant.js";
import type { Mob } from "../domain/mob.js";
import { AMOUNT_LIMITS, parseAmount, parseCurrency } from "../domain/money.js";
import { LIMITS, parseBoolean, parseLabel, parseOptionalLabel } from "../domain/text.js";
import { parseWhen } from "../domain/when.js";
import type { Command } from "../ports/inbound.js";
import { ensureChat } from "./context.js";
import { type Exposed, exposedBy } from "./exposed.js";
import { announce } from "./mob-outbox.js";
import {
  defaultPledgeMinor,
  inCommunity,
  newCheckinCode,
  onMob,
  shopShown,
} from "./use-case-kit.js";

/** A mob was created: announced, or kept as a draft for the organizers. */
export interface Created {
  readonly kind: "created";
  readonly mob: Mob;
  readonly community: Community;
  readonly draft: boolean;
  /** The shop is still secret: the chat's answer never names it; the organizer hears it privately. */
  readonly hidden: boolean;
  readonly exposed: Exposed;
}

/** A draft was announced. */
export interface Confirmed {
  readonly kind: "confirmed";
  readonly mob: Mob;
  readonly community: Community;
}

/** The largest capacity a mob may have. */
export const MAX_CAPACITY = 10_000;

export function parseCapacity(text: string | undefined): Result<number | null> {
  if (text === undefined || text.trim() === "") return ok(null);
  const t = text.trim();
  if (!/^\d{1,6}$/.test(t) || Number(t) < 1 || Number(t) > MAX_CAPACITY)
    return fail("CAPACITY_INVALID", "capacity");
  return ok(Number(t));
}

export function optionalAmount(
  text: string | undefined,
  currency: string,
  field: string,
  max: number,
): Result<number | null> {
  if (text === undefined || text.trim() === "") return ok(null);
  return parseAmount(text, currency, field, max);
}

/** `/newmob …` (organizers): a draft mob in this community, from what was typed. */
export const createMob = inCommunity<[cmd: Extract<Command, { type: "create" }>], Created>(
  { organizers: true },
  async (tx, deps, ctx, community, cmd) => {
    const currency = cmd.currency ? parseCurrency(cmd.currency) : ok(community.currency);
    const cur = currency.ok ? currency.value : community.currency;
    const input = all({
      shop: parseLabel(cmd.shop, "shop", LIMITS.shop),
      when: parseWhen(cmd.when, community.timezone, ctx.now),
      currency,
      pledge: cmd.pledge ? parseAmount(cmd.pledge, cur, "pledge") : ok(defaultPledgeMinor(cur)),
      address: parseOptionalLabel(cmd.address, "address", LIMITS.address),
      meetingPoint: parseOptionalLabel(cmd.meetingPoint, "meetingPoint", LIMITS.meetingPoint),
      party: parseOptionalLabel(cmd.party, "party", LIMITS.party),
      secret: parseBoolean(cmd.secret, "secret"),
      draft: parseBoolean(cmd.draft, "draft"),
      capacity: parseCapacity(cmd.capacity),
      duration: cmd.duration ? parseMobDuration(cmd.duration) : ok(deps.settings.mobDurationMs),
      goal: optionalAmount(cmd.goal, cur, "goal", AMOUNT_LIMITS.perMob),
      takings: optionalAmount(cmd.takings, cur, "takings", AMOUNT_LIMITS.perMob),
    });
    if (!input.ok) return input;
    const {
      shop,
      when,
      pledge,
      address,
      meetingPoint,
      party,
      secret,
      draft,
      capacity,
      duration,
      goal,
      takings,
    } = input.value;
    const isDraft = draft === true;
    // With the merchant gate on, a mob starts as a draft and waits for the merchant's yes.
    if (community.merchantGate && !isDraft) return fail("GATE_NEEDS_DRAFT");
    await ensureChat(tx, ctx, community);
    const shopId = await tx.insertShop(community.id, shop, address, takings, ctx.now);
    const mob = await tx.insertMob({
      communityId: community.id,
      shopId,
      address: address,
      meetingPoint: meetingPoint,
      party,
      startsAt: when,
      durationMs: duration,
      pledgeMinor: pledge,
      currency: cur,
      secret: secret === true,
      capacity: capacity,
      goalMinor: goal,
      status: isDraft ? "draft" : "announced",
      createdBy: ctx.member.id,
      checkinCode: newCheckinCode(),
      now: ctx.now,
    });
    if (!isDraft) await announce(tx, deps, mob, ctx.now);
    // The chat's answer never names a secret shop; the organizer gets it privately, with the code.
    const hidden = !shopShown(deps, mob, ctx.now);
    return ok({
      kind: "created",
      mob,
      community,
      draft: isDraft,
      hidden,
      exposed: exposedBy("/newmob", [
        hidden ? { kind: "secret_shop", shop } : null,
        takings === null ? null : { kind: "takings" },
      ]),
    });
  },
);

/** `/confirm <id>` (organizers): the draft is announced in every linked chat, gate permitting. */
export const confirmMob = onMob<[], Confirmed>(
  { locked: true, organizers: true },
  async (tx, deps, ctx, { mob, community }) => {
    if (mob.status !== "draft") return fail("MOB_NOT_DRAFT", undefined, { id: mob.id });
    if (mob.startsAt <= ctx.now) return fail("DATE_IN_PAST", "when");
    if (!gateOpen(community.merchantGate, mob.merchant)) {
      // The sentence names the command that records the merchant's yes.
      return fail("MERCHANT_NOT_AGREED", undefined, { id: mob.id, status: mob.merchant.status });
    }
    const announced = await tx.updateMob(mob.id, { status: "announced" }, ctx.now);
    await announce(tx, deps, announced, ctx.now);
    return ok({ kind: "confirmed", mob: announced, community });
  },
);
