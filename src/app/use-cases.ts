import { randomInt } from "node:crypto";
import { IANAZone } from "luxon";
import { parseMobDuration } from "../domain/duration.js";
import { all, fail, ok, type Result } from "../domain/errors.js";
import { CHECKIN_OPENS_BEFORE_MS, computeTally, endsAt, type Mob, stateAt } from "../domain/mob.js";
import { AMOUNT_LIMITS, currencyDigits, parseAmount, parseCurrency } from "../domain/money.js";
import { LIMITS, parseBoolean, parseLabel, parseOptionalLabel } from "../domain/text.js";
import { parseWhen } from "../domain/when.js";
import { catalog, supportedLocale } from "../i18n/index.js";
import { NoticeBuilder } from "../i18n/notices.js";
import { commandSyntax } from "../i18n/syntax.js";
import type { Command, Reply } from "../ports/inbound.js";
import type { PlatformCapabilities } from "../ports/platform.js";
import type { Community, MobPatch, Store } from "../ports/store.js";
import { type Context, canOrganize, findMob } from "./context.js";
import type { CoreSettings } from "./settings.js";
import {
  announceRows,
  eventSyncRow,
  fanOutRow,
  requestCtaEdit,
  TIMELINE_KINDS,
  timelineRows,
} from "./timeline.js";

/** What use cases need besides the command. */
export interface UseCaseDeps {
  readonly store: Store;
  readonly settings: CoreSettings;
  /** Capabilities of the platform a community lives on (for edit spacing, native events). */
  capabilities(platform: string): PlatformCapabilities | null;
}

export type Outcome = Result<Reply>;

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const newCheckinCode = () =>
  Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");

const DEFAULT_PLEDGE_MAJOR = 15;
const MAX_CAPACITY = 10_000;

function parseCapacity(text: string | undefined): Result<number | null> {
  if (text === undefined || text.trim() === "") return ok(null);
  const t = text.trim();
  if (!/^\d{1,6}$/.test(t) || Number(t) < 1 || Number(t) > MAX_CAPACITY)
    return fail("CAPACITY_INVALID", "capacity");
  return ok(Number(t));
}

function optionalAmount(
  text: string | undefined,
  currency: string,
  field: string,
  max: number,
): Result<number | null> {
  if (text === undefined || text.trim() === "") return ok(null);
  return parseAmount(text, currency, field, max);
}

function builder(community: Community, locale: string) {
  return new NoticeBuilder(community, locale);
}

function personal(ctx: Context, community: Community, title: string, lines: string[] = []): Reply {
  return { audience: "personal", notice: builder(community, ctx.locale).reply(title, lines) };
}

function nativeEvents(deps: UseCaseDeps, community: Community): boolean {
  return deps.capabilities(community.platform)?.nativeEvents ?? false;
}

function editInterval(deps: UseCaseDeps, community: Community): number {
  return deps.capabilities(community.platform)?.editIntervalMs ?? 0;
}

export function createMob(
  deps: UseCaseDeps,
  ctx: Context,
  cmd: Extract<Command, { type: "create" }>,
): Outcome {
  const community = ctx.community;
  if (!community) return fail("NEEDS_COMMUNITY");
  if (!canOrganize(ctx, community)) return fail("NOT_ORGANIZER");
  const currency = cmd.currency ? parseCurrency(cmd.currency) : ok(community.currency);
  const cur = currency.ok ? currency.value : community.currency;
  const unit = 10 ** (currencyDigits(cur) ?? 2);
  const input = all({
    shop: parseLabel(cmd.shop, "shop", LIMITS.shop),
    when: parseWhen(cmd.when, community.timezone, ctx.now),
    currency,
    pledge: cmd.pledge ? parseAmount(cmd.pledge, cur, "pledge") : ok(DEFAULT_PLEDGE_MAJOR * unit),
    address: parseOptionalLabel(cmd.address, "address", LIMITS.address),
    meetingPoint: parseOptionalLabel(cmd.meetingPoint, "meetingPoint", LIMITS.meetingPoint),
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
    secret,
    draft,
    capacity,
    duration,
    goal,
    takings,
  } = input.value;
  const isDraft = draft === true;
  const mob = deps.store.transaction(() => {
    const shopId = deps.store.insertShop(community.id, shop, address, takings, ctx.now);
    const created = deps.store.insertMob({
      communityId: community.id,
      channelId: ctx.actor.community?.channelId ?? community.externalId,
      shopId,
      address: address,
      meetingPoint: meetingPoint,
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
    if (!isDraft)
      deps.store.enqueue(
        announceRows(created, deps.settings, ctx.now, nativeEvents(deps, community)),
        ctx.now,
      );
    return created;
  });
  const c = catalog(ctx.locale).t;
  const b = builder(community, ctx.locale);
  return ok({
    audience: "personal",
    notice: b.reply(
      isDraft
        ? c.createdDraft(mob.id, commandSyntax(community.platform).confirm(mob.id))
        : c.created(mob.id),
    ),
    secret: b.reply(c.checkinCodeTitle(mob.id), [c.checkinCodeLine(mob.checkinCode)], "info"),
  });
}

export function confirmMob(deps: UseCaseDeps, ctx: Context, id: string): Outcome {
  const found = findMob(deps.store, ctx, id);
  if (!found.ok) return found;
  const { mob, community } = found.value;
  if (!canOrganize(ctx, community, mob)) return fail("NOT_ORGANIZER");
  if (mob.status !== "draft") return fail("MOB_NOT_DRAFT", undefined, { id: mob.id });
  if (mob.startsAt <= ctx.now) return fail("DATE_IN_PAST", "when");
  deps.store.transaction(() => {
    const announced = deps.store.updateMob(mob.id, { status: "announced" }, ctx.now);
    deps.store.enqueue(
      announceRows(announced, deps.settings, ctx.now, nativeEvents(deps, community)),
      ctx.now,
    );
  });
  return ok(personal(ctx, community, catalog(ctx.locale).t.confirmed(mob.id)));
}

export function cancelMob(
  deps: UseCaseDeps,
  ctx: Context,
  id: string,
  reasonText: string | undefined,
): Outcome {
  const found = findMob(deps.store, ctx, id);
  if (!found.ok) return found;
  const { mob, community } = found.value;
  if (!canOrganize(ctx, community, mob)) return fail("NOT_ORGANIZER");
  const state = stateAt(mob, ctx.now);
  if (state === "ended" || state === "tallied" || state === "cancelled") {
    return fail("MOB_FINISHED", undefined, {
      id: mob.id,
      state: catalog(ctx.locale).t.stateNames[state] ?? state,
    });
  }
  const reason = parseOptionalLabel(reasonText, "reason", LIMITS.reason);
  if (!reason.ok) return reason;
  deps.store.transaction(() => {
    deps.store.withdrawPending(mob.id, ctx.now);
    const cancelled = deps.store.updateMob(
      mob.id,
      { status: "cancelled", cancelReason: reason.value },
      ctx.now,
    );
    if (mob.status === "announced") {
      deps.store.enqueue([fanOutRow(cancelled, "cancelled", ctx.now)], ctx.now);
      requestCtaEdit(deps.store, cancelled, ctx.now, 0);
      if (nativeEvents(deps, community))
        deps.store.enqueue([eventSyncRow(cancelled, ctx.now)], ctx.now);
    }
  });
  return ok(personal(ctx, community, catalog(ctx.locale).t.cancelled(mob.id)));
}

export function editMob(
  deps: UseCaseDeps,
  ctx: Context,
  cmd: Extract<Command, { type: "edit" }>,
): Outcome {
  const found = findMob(deps.store, ctx, cmd.id);
  if (!found.ok) return found;
  const { mob, community } = found.value;
  if (!canOrganize(ctx, community, mob)) return fail("NOT_ORGANIZER");
  const state = stateAt(mob, ctx.now);
  if (state === "live") return fail("MOB_ALREADY_STARTED", undefined, { id: mob.id });
  if (state !== "draft" && state !== "announced") {
    return fail("MOB_FINISHED", undefined, {
      id: mob.id,
      state: catalog(ctx.locale).t.stateNames[state] ?? state,
    });
  }
  const skip = ok(undefined);
  const input = all({
    when: cmd.when === undefined ? skip : parseWhen(cmd.when, community.timezone, ctx.now),
    pledge: cmd.pledge === undefined ? skip : parseAmount(cmd.pledge, mob.currency, "pledge"),
    address: cmd.address === undefined ? skip : parseLabel(cmd.address, "address", LIMITS.address),
    meetingPoint:
      cmd.meetingPoint === undefined
        ? skip
        : parseLabel(cmd.meetingPoint, "meetingPoint", LIMITS.meetingPoint),
    capacity: parseCapacity(cmd.capacity),
    duration: cmd.duration === undefined ? skip : parseMobDuration(cmd.duration),
    goal: optionalAmount(cmd.goal, mob.currency, "goal", AMOUNT_LIMITS.perMob),
    takings: optionalAmount(cmd.takings, mob.currency, "takings", AMOUNT_LIMITS.perMob),
  });
  if (!input.ok) return input;
  const { when, pledge, address, meetingPoint, capacity, duration, goal, takings } = input.value;
  const patch: MobPatch = {
    ...(when === undefined ? {} : { startsAt: when }),
    ...(pledge === undefined ? {} : { pledgeMinor: pledge }),
    ...(address === undefined ? {} : { address }),
    ...(meetingPoint === undefined ? {} : { meetingPoint }),
    ...(capacity === null ? {} : { capacity }),
    ...(duration === undefined ? {} : { durationMs: duration }),
    ...(goal === null ? {} : { goalMinor: goal }),
  };
  if (Object.keys(patch).length === 0 && takings === null) return fail("NOTHING_TO_CHANGE");
  deps.store.transaction(() => {
    if (takings !== null) deps.store.setShopTakings(mob.shopId, takings);
    const updated = deps.store.updateMob(mob.id, patch, ctx.now);
    if (updated.status !== "announced") return;
    const timeChanged = updated.startsAt !== mob.startsAt || updated.durationMs !== mob.durationMs;
    if (timeChanged) {
      deps.store.withdrawPending(mob.id, ctx.now, TIMELINE_KINDS);
      deps.store.enqueue(timelineRows(updated, deps.settings, ctx.now), ctx.now);
      if (updated.startsAt !== mob.startsAt)
        deps.store.enqueue([fanOutRow(updated, "rescheduled", ctx.now)], ctx.now);
    }
    requestCtaEdit(deps.store, updated, ctx.now, editInterval(deps, community));
    if (nativeEvents(deps, community))
      deps.store.enqueue([eventSyncRow(updated, ctx.now)], ctx.now);
  });
  return ok(personal(ctx, community, catalog(ctx.locale).t.edited(mob.id)));
}

/** Join (going or maybe) or leave; pressing the same button twice changes nothing. */
export function rsvp(
  deps: UseCaseDeps,
  ctx: Context,
  id: string,
  choice: "going" | "maybe" | "leave",
  pledgeText?: string,
): Outcome {
  const found = findMob(deps.store, ctx, id);
  if (!found.ok) return found;
  const { mob, community } = found.value;
  const c = catalog(ctx.locale).t;
  const state = stateAt(mob, ctx.now);
  const current = deps.store.getParticipant(mob.id, ctx.member.id);
  const shop = mob.secret && state !== "live" ? c.secretShop : mob.shopName;
  if (choice === "leave") {
    if (!current) return ok(personal(ctx, community, c.notJoined));
    if (state !== "announced") return fail("MOB_ALREADY_STARTED", undefined, { id: mob.id });
    deps.store.transaction(() => {
      deps.store.removeParticipant(mob.id, ctx.member.id);
      requestCtaEdit(deps.store, mob, ctx.now, editInterval(deps, community));
    });
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
    deps.store.counts(mob.id).going >= mob.capacity
  ) {
    return fail("MOB_FULL", undefined, { id: mob.id, capacity: mob.capacity });
  }
  deps.store.transaction(() => {
    deps.store.setRsvp(mob.id, ctx.member.id, choice, ctx.now, pledge.value);
    requestCtaEdit(deps.store, mob, ctx.now, editInterval(deps, community));
  });
  return ok(personal(ctx, community, choice === "going" ? c.joined(shop) : c.joinedMaybe(shop)));
}

export function reportSpend(
  deps: UseCaseDeps,
  ctx: Context,
  id: string,
  amountText: string,
): Outcome {
  const found = findMob(deps.store, ctx, id);
  if (!found.ok) return found;
  const { mob, community } = found.value;
  const c = catalog(ctx.locale).t;
  // Quick-amount buttons carry minor units (`minor:1500`); people type major units.
  const quick = /^minor:(\d{1,12})$/.exec(amountText);
  const amount = quick
    ? Number(quick[1]) > 0 &&
      Number(quick[1]) <= AMOUNT_LIMITS.perPerson * 10 ** (currencyDigits(mob.currency) ?? 2)
      ? ok(Number(quick[1]))
      : fail("AMOUNT_INVALID", "amount")
    : parseAmount(amountText, mob.currency, "amount");
  if (!amount.ok) return amount;
  const state = stateAt(mob, ctx.now);
  if (state === "announced") return fail("MOB_NOT_STARTED", undefined, { id: mob.id });
  if (state === "tallied") return fail("MOB_TALLIED", undefined, { id: mob.id });
  if (state !== "live" && state !== "ended") {
    return fail("MOB_NOT_OPEN", undefined, { id: mob.id, state: c.stateNames[state] ?? state });
  }

  const before = deps.store.getParticipant(mob.id, ctx.member.id);
  deps.store.setSpent(mob.id, ctx.member.id, amount.value, ctx.now);
  const text = new NoticeBuilder(community, ctx.locale);
  const shown = new Intl.NumberFormat(ctx.locale, {
    style: "currency",
    currency: mob.currency,
  }).format(amount.value / 10 ** (currencyDigits(mob.currency) ?? 2));
  return ok({
    audience: "personal",
    notice: text.reply(before?.spentMinor ? c.spentUpdated(shown) : c.spentRecorded(shown)),
  });
}

export function checkIn(deps: UseCaseDeps, ctx: Context, id: string, code: string): Outcome {
  const found = findMob(deps.store, ctx, id);
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
  if (deps.store.getParticipant(mob.id, ctx.member.id)?.checkedInAt)
    return ok(personal(ctx, community, c.alreadyCheckedIn));
  deps.store.transaction(() => {
    deps.store.setCheckedIn(mob.id, ctx.member.id, ctx.now);
    requestCtaEdit(deps.store, mob, ctx.now, editInterval(deps, community));
  });
  return ok(personal(ctx, community, c.checkedIn(mob.shopName)));
}

export function showTally(deps: UseCaseDeps, ctx: Context, id: string): Outcome {
  const found = findMob(deps.store, ctx, id);
  if (!found.ok) return found;
  const { mob, community } = found.value;
  const tally = computeTally(mob, deps.store.participants(mob.id));
  return ok({ audience: "channel", notice: builder(community, ctx.locale).tally(mob, tally) });
}

export function showMob(deps: UseCaseDeps, ctx: Context, id: string): Outcome {
  const found = findMob(deps.store, ctx, id);
  if (!found.ok) return found;
  const { mob, community } = found.value;
  const organizer = canOrganize(ctx, community, mob);
  const state = stateAt(mob, ctx.now);
  if (state === "draft" && !organizer) return fail("MOB_NOT_FOUND", "id", { id: mob.id });
  const b = builder(community, ctx.locale);
  const revealed =
    organizer || !mob.secret || state === "live" || state === "ended" || state === "tallied";
  const c = catalog(ctx.locale).t;
  return ok({
    audience: "personal",
    notice: b.info(mob, state, deps.store.counts(mob.id), revealed),
    ...(organizer
      ? {
          secret: b.reply(c.checkinCodeTitle(mob.id), [c.checkinCodeLine(mob.checkinCode)], "info"),
        }
      : {}),
  });
}

export function listMobs(deps: UseCaseDeps, ctx: Context): Outcome {
  const community = ctx.community;
  if (!community) return fail("NEEDS_COMMUNITY");
  const mobs = deps.store.listOpenMobs(community.id, ctx.now, canOrganize(ctx, community), 20);
  const rows = mobs.map((mob: Mob) => ({
    mob,
    state: stateAt(mob, ctx.now),
    counts: deps.store.counts(mob.id),
  }));
  return ok({ audience: "channel", notice: builder(community, ctx.locale).list(rows) });
}

export function settings(
  deps: UseCaseDeps,
  ctx: Context,
  cmd: Extract<Command, { type: "settings" }>,
): Outcome {
  const community = ctx.community;
  if (!community) return fail("NEEDS_COMMUNITY");
  const changing = [cmd.timezone, cmd.locale, cmd.currency, cmd.organizers].some(
    (v) => v !== undefined,
  );
  let updated = community;
  if (changing) {
    if (!canOrganize(ctx, community)) return fail("NOT_ORGANIZER");
    if (cmd.timezone !== undefined && !IANAZone.isValidZone(cmd.timezone))
      return fail("TIMEZONE_INVALID");
    const locale = cmd.locale === undefined ? undefined : supportedLocale(cmd.locale);
    if (locale === null) return fail("LOCALE_INVALID");
    const currency = cmd.currency === undefined ? undefined : parseCurrency(cmd.currency);
    if (currency && !currency.ok) return currency;
    const rule = cmd.organizers?.toLowerCase();
    if (rule !== undefined && !["admins", "anyone"].includes(rule)) {
      return fail("USAGE", undefined, { usage: "/settings organizers admins|anyone" });
    }
    updated = deps.store.updateCommunity(community.id, {
      ...(cmd.timezone === undefined ? {} : { timezone: IANAZone.create(cmd.timezone).name }),
      ...(locale === undefined ? {} : { locale }),
      ...(currency === undefined ? {} : { currency: currency.value }),
      ...(rule === undefined ? {} : { organizerRule: rule === "anyone" ? "anyone" : "platform" }),
    });
  }
  const c = catalog(ctx.locale).t;
  return ok({
    audience: "channel",
    notice: builder(updated, ctx.locale).reply(
      c.settingsTitle,
      [
        c.settingsLine(
          updated.timezone,
          updated.locale,
          updated.currency,
          updated.organizerRule === "anyone" ? "anyone" : "admins",
        ),
      ],
      "info",
    ),
  });
}
