import { randomInt } from "node:crypto";
import { IANAZone } from "luxon";
import { parseMobDuration } from "../domain/duration.js";
import { all, fail, ok, type Result } from "../domain/errors.js";
import { gateOpen } from "../domain/merchant.js";
import { CHECKIN_OPENS_BEFORE_MS, computeTally, endsAt, type Mob, stateAt } from "../domain/mob.js";
import { AMOUNT_LIMITS, currencyDigits, parseAmount, parseCurrency } from "../domain/money.js";
import { isShopRevealed } from "../domain/reveal.js";
import { LIMITS, parseBoolean, parseLabel, parseOptionalLabel } from "../domain/text.js";
import { parseWhen } from "../domain/when.js";
import { catalog, supportedLocale } from "../i18n/index.js";
import { NoticeBuilder, type TallyExtras } from "../i18n/notices.js";
import { commandSyntax } from "../i18n/syntax.js";
import type { Command, Reply } from "../ports/inbound.js";
import type { PlatformCapabilities } from "../ports/platform.js";
import type { Community, MobPatch, Store } from "../ports/store.js";
import { type Context, canOrganize, ensureChat, findMob } from "./context.js";
import { describeChats } from "./describe-chats.js";
import { exposedBy } from "./exposed.js";
import type { CoreSettings } from "./settings.js";
import {
  announceRows,
  eventSyncRows,
  fanOutRow,
  type PlatformTraits,
  requestCtaEdits,
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
/** A mob's check-in code: six characters nobody misreads. */
export const newCheckinCode = () =>
  Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");

const DEFAULT_PLEDGE_MAJOR = 15;
/** The pledge a mob gets when none is said: 15 in the currency's major unit. */
export const defaultPledgeMinor = (currency: string) =>
  DEFAULT_PLEDGE_MAJOR * 10 ** (currencyDigits(currency) ?? 2);
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

/** Notices for the actor: in their language, naming commands as typed on their platform. */
export function builder(ctx: Context, community: Community) {
  return new NoticeBuilder(community, ctx.locale, ctx.actor.platform);
}

export function personal(
  ctx: Context,
  community: Community,
  title: string,
  lines: string[] = [],
): Reply {
  return { audience: "personal", notice: builder(ctx, community).reply(title, lines) };
}

/** The platforms' traits the outbox plans with, from the attached platforms' capabilities. */
export function traits(deps: UseCaseDeps): PlatformTraits {
  return {
    nativeEvents: (platform) => deps.capabilities(platform)?.nativeEvents ?? false,
    editIntervalMs: (platform) => deps.capabilities(platform)?.editIntervalMs ?? 0,
  };
}

/** Is the mob's shop public at `now`? The one rule (domain/reveal.ts) with the configured reveal. */
export const shopShown = (deps: Pick<UseCaseDeps, "settings">, mob: Mob, now: number): boolean =>
  isShopRevealed(mob, now, deps.settings.revealBeforeMs);

/** Every chat's call-to-action shows the counts as they are now (coalesced per message). */
function refreshCounts(deps: UseCaseDeps, mob: Mob, now: number, immediate = false): void {
  const t = traits(deps);
  requestCtaEdits(deps.store, mob, deps.store.chatsOf(mob.communityId), now, {
    ...t,
    editIntervalMs: immediate ? () => 0 : t.editIntervalMs,
  });
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
  const mob = deps.store.transaction(() => {
    ensureChat(deps.store, ctx, community);
    const shopId = deps.store.insertShop(community.id, shop, address, takings, ctx.now);
    const created = deps.store.insertMob({
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
    if (!isDraft) announce(deps, created, ctx.now);
    return created;
  });
  const c = catalog(ctx.locale).t;
  const b = builder(ctx, community);
  // The chat's answer never names a secret shop; the organizer gets it privately, with the code.
  const hidden = !shopShown(deps, mob, ctx.now);
  return ok({
    audience: "personal",
    notice: b.reply(
      isDraft
        ? c.createdDraft(mob.id, commandSyntax(ctx.actor.platform).confirm(mob.id))
        : c.created(mob.id),
    ),
    secret: b.reply(
      c.checkinCodeTitle(mob.id),
      [
        c.checkinCodeLine(mob.checkinCode),
        ...(hidden ? [c.secretShopPrivate([shop, address].filter(Boolean).join(", "))] : []),
      ],
      "info",
    ),
    ...exposedBy(ctx, "/newmob", [
      hidden ? { kind: "secret_shop", shop } : null,
      takings === null ? null : { kind: "takings" },
    ]),
  });
}

/** Queues the call-to-action in every chat, the timeline and the native events. */
function announce(deps: UseCaseDeps, mob: Mob, now: number): void {
  const chats = deps.store.chatsOf(mob.communityId);
  deps.store.enqueue(announceRows(mob, deps.settings, now, chats, traits(deps)), now);
}

export function confirmMob(deps: UseCaseDeps, ctx: Context, id: string): Outcome {
  const found = findMob(deps.store, ctx, id);
  if (!found.ok) return found;
  const { mob, community } = found.value;
  if (!canOrganize(ctx, community, mob)) return fail("NOT_ORGANIZER");
  if (mob.status !== "draft") return fail("MOB_NOT_DRAFT", undefined, { id: mob.id });
  if (mob.startsAt <= ctx.now) return fail("DATE_IN_PAST", "when");
  if (!gateOpen(community.merchantGate, mob.merchant)) {
    return fail("MERCHANT_NOT_AGREED", undefined, {
      id: mob.id,
      status: mob.merchant.status,
      command: commandSyntax(ctx.actor.platform).merchant(mob.id, "agreed"),
    });
  }
  deps.store.transaction(() => {
    announce(deps, deps.store.updateMob(mob.id, { status: "announced" }, ctx.now), ctx.now);
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
    deps.store.withdrawPending("mob", mob.id, ctx.now);
    const cancelled = deps.store.updateMob(
      mob.id,
      { status: "cancelled", cancelReason: reason.value },
      ctx.now,
    );
    if (mob.status === "announced") {
      deps.store.enqueue([fanOutRow(cancelled, "cancelled", ctx.now)], ctx.now);
      refreshCounts(deps, cancelled, ctx.now, true);
      syncEvents(deps, cancelled, ctx.now);
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
    party: cmd.party === undefined ? skip : parseLabel(cmd.party, "party", LIMITS.party),
    capacity: parseCapacity(cmd.capacity),
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
      deps.store.withdrawPending("mob", mob.id, ctx.now, TIMELINE_KINDS);
      deps.store.enqueue(timelineRows(updated, deps.settings, ctx.now), ctx.now);
      if (updated.startsAt !== mob.startsAt)
        deps.store.enqueue([fanOutRow(updated, "rescheduled", ctx.now)], ctx.now);
    }
    refreshCounts(deps, updated, ctx.now);
    syncEvents(deps, updated, ctx.now);
  });
  // A moved date may take the mob back before its reveal: the shop as hidden as it is now.
  const hidden = !shopShown(deps, { ...mob, ...patch }, ctx.now);
  return ok({
    ...personal(ctx, community, catalog(ctx.locale).t.edited(mob.id)),
    ...exposedBy(ctx, "/editmob", [
      hidden && (address !== undefined || party !== undefined)
        ? { kind: "secret_shop", shop: mob.shopName }
        : null,
      takings === null ? null : { kind: "takings" },
    ]),
  });
}

/** The native events (Discord) show the mob as it is now. */
function syncEvents(deps: UseCaseDeps, mob: Mob, now: number): void {
  const chats = deps.store.chatsOf(mob.communityId);
  deps.store.enqueue(eventSyncRows(mob, chats, now, traits(deps)), now);
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
  const shop = shopShown(deps, mob, ctx.now) ? mob.shopName : c.secretShop;
  if (choice === "leave") {
    if (!current) return ok(personal(ctx, community, c.notJoined));
    if (state !== "announced") return fail("MOB_ALREADY_STARTED", undefined, { id: mob.id });
    deps.store.transaction(() => {
      deps.store.removeParticipant(mob.id, ctx.member.id);
      refreshCounts(deps, mob, ctx.now);
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
    deps.store.setRsvp(mob.id, ctx.member.id, choice, ctx.now, pledge.value, ctx.chat?.id ?? null);
    refreshCounts(deps, mob, ctx.now);
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
    refreshCounts(deps, mob, ctx.now);
  });
  return ok(
    personal(
      ctx,
      community,
      c.checkedIn(shopShown(deps, mob, ctx.now) ? mob.shopName : c.secretShop),
    ),
  );
}

export function showTally(deps: UseCaseDeps, ctx: Context, id: string): Outcome {
  const found = findMob(deps.store, ctx, id);
  if (!found.ok) return found;
  const { mob, community } = found.value;
  const tally = computeTally(mob, deps.store.participants(mob.id));
  const b = builder(ctx, community);
  const notice = b.tally(mob, tally, tallyExtras(deps.store, mob), shopShown(deps, mob, ctx.now));
  // Organizers see the comparison with the usual takings even while it is not public.
  const privately =
    canOrganize(ctx, community, mob) && !mob.takingsPublic && tally.takingsRatio !== null;
  if (!privately) return ok({ audience: "channel", notice });
  return ok({
    audience: "channel",
    notice,
    secret: b.reply(
      b.usualDay(tally.takingsRatio ?? 0),
      [catalog(ctx.locale).choose.takingsPrivate],
      "info",
    ),
  });
}

/** The tally went out to every chat: the mob is tallied (spends no longer change). */
export function markTallied(store: Store, mob: Mob, now: number): void {
  if (mob.status === "announced") store.updateMob(mob.id, { status: "tallied" }, now);
}

/** What the tally shows besides spends: the vote that chose the shop, and the takings if published. */
export function tallyExtras(store: Store, mob: Mob): TallyExtras {
  const vote = store.voteOfMob(mob.id);
  return {
    voted: vote ? { forShop: vote.forShop, total: vote.total } : null,
    showTakings: mob.takingsPublic,
  };
}

export function showMob(deps: UseCaseDeps, ctx: Context, id: string): Outcome {
  const found = findMob(deps.store, ctx, id);
  if (!found.ok) return found;
  const { mob, community } = found.value;
  const organizer = canOrganize(ctx, community, mob);
  const state = stateAt(mob, ctx.now);
  if (state === "draft" && !organizer) return fail("MOB_NOT_FOUND", "id", { id: mob.id });
  const b = builder(ctx, community);
  const revealed = shopShown(deps, mob, ctx.now);
  const info = b.info(
    mob,
    state,
    deps.store.counts(mob.id),
    revealed,
    deps.store.photosOf(mob.id).length,
  );
  if (!organizer) return ok({ audience: "personal", notice: info });
  // A Telegram group sees the answer to a command: what only organizers may see (the check-in
  // code, a shop still secret, the usual takings, the merchant's answer) goes privately.
  const recordedBy = mob.merchant.recordedBy;
  const facts = b.organizerFacts(mob, revealed, {
    merchantRecorder:
      recordedBy === null ? null : (deps.store.getMember(recordedBy)?.displayName ?? null),
  });
  if (state !== "draft") return ok({ audience: "personal", notice: info, secret: facts });
  // A draft is the organizers' business (the merchant may not have said yes): all of it privately.
  return ok({
    audience: "personal",
    notice: b.reply(catalog(ctx.locale).privacy.draftPrivately(mob.id), [], "info"),
    secret: { ...info, lines: [...info.lines, ...facts.lines] },
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
    revealed: shopShown(deps, mob, ctx.now),
  }));
  const b = builder(ctx, community);
  // The chat sees what members see; drafts are the organizers' business, listed privately.
  const drafts = rows.filter((r) => r.state === "draft");
  return ok({
    audience: "channel",
    notice: b.list(rows.filter((r) => r.state !== "draft")),
    ...(drafts.length > 0
      ? { secret: b.list(drafts, catalog(ctx.locale).privacy.draftsTitle) }
      : {}),
  });
}

export function settings(
  deps: UseCaseDeps,
  ctx: Context,
  cmd: Extract<Command, { type: "settings" }>,
): Outcome {
  const community = ctx.community;
  if (!community) return fail("NEEDS_COMMUNITY");
  const changing = [cmd.timezone, cmd.locale, cmd.currency, cmd.organizers, cmd.gate].some(
    (v) => v !== undefined,
  );
  let updated = community;
  // A new language answers in that language: who just set it reads the chat in it from now on.
  let answerIn = ctx.locale;
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
    const gate = parseBoolean(cmd.gate, "gate");
    if (!gate.ok) return fail("USAGE", undefined, { usage: "/settings gate on|off" });
    if (locale) answerIn = locale;
    const chat = ctx.chat;
    const onlyChat = chat !== null && deps.store.chatsOf(community.id).length === 1;
    // The language is each chat's own; the community's follows while it has one chat
    // (its public pages speak it), or when set from a server channel that is not a chat.
    deps.store.transaction(() => {
      if (chat && locale !== undefined) deps.store.updateChat(chat.id, { locale });
      updated = deps.store.updateCommunity(community.id, {
        ...(cmd.timezone === undefined ? {} : { timezone: IANAZone.create(cmd.timezone).name }),
        ...(locale === undefined || (chat && !onlyChat) ? {} : { locale }),
        ...(currency === undefined ? {} : { currency: currency.value }),
        ...(rule === undefined ? {} : { organizerRule: rule === "anyone" ? "anyone" : "platform" }),
        ...(gate.value === null ? {} : { merchantGate: gate.value }),
      });
    });
  }
  const c = catalog(answerIn);
  const chats = deps.store.chatsOf(updated.id);
  const chatLocale = (ctx.chat && deps.store.getChat(ctx.chat.id)?.locale) ?? updated.locale;
  return ok({
    audience: "channel",
    notice: builder({ ...ctx, locale: answerIn }, updated).reply(
      c.t.settingsTitle,
      [
        c.t.settingsLine(
          updated.timezone,
          chatLocale,
          updated.currency,
          updated.organizerRule === "anyone" ? "anyone" : "admins",
          updated.merchantGate,
        ),
        ...(chats.length > 0 ? [c.chats.list(describeChats(chats, answerIn))] : []),
      ],
      "info",
    ),
  });
}
