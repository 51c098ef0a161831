import { randomInt } from "node:crypto";
import type { Community } from "../domain/community.js";
import { fail, type Result } from "../domain/errors.js";
import type { Mob } from "../domain/mob.js";
import { currencyDigits } from "../domain/money.js";
import { isShopRevealed } from "../domain/reveal.js";
import type { PlatformCapabilities } from "../ports/platform.js";
import type { Tx, UnitOfWork } from "../ports/unit-of-work.js";
import { type Context, canOrganize, findMob } from "./context.js";
import type { CoreSettings } from "./settings.js";
import type { PlatformTraits } from "./timeline.js";

/** What use cases need besides the command (and the unit of work's `tx` they run in). */
export interface UseCaseDeps {
  /** Opens units of work; a use case itself works on the `tx` it is given. */
  readonly uow: UnitOfWork;
  readonly settings: CoreSettings;
  /** Capabilities of the platform a community lives on (for edit spacing, native events). */
  capabilities(platform: string): PlatformCapabilities | null;
}

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
/** A mob's check-in code: six characters nobody misreads. */
export const newCheckinCode = () =>
  Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");

const DEFAULT_PLEDGE_MAJOR = 15;
/** The pledge a mob gets when none is said: 15 in the currency's major unit. */
export const defaultPledgeMinor = (currency: string) =>
  DEFAULT_PLEDGE_MAJOR * 10 ** (currencyDigits(currency) ?? 2);

/** The platforms' traits the outbox plans with, from the attached platforms' capabilities. */
export function traits(deps: Pick<UseCaseDeps, "capabilities">): PlatformTraits {
  return {
    nativeEvents: (platform) => deps.capabilities(platform)?.nativeEvents ?? false,
    editIntervalMs: (platform) => deps.capabilities(platform)?.editIntervalMs ?? 0,
  };
}

/** Is the mob's shop public at `now`? The one rule (domain/reveal.ts) with the configured reveal. */
export const shopShown = (deps: Pick<UseCaseDeps, "settings">, mob: Mob, now: number): boolean =>
  isShopRevealed(mob, now, deps.settings.revealBeforeMs);

/** A use case as the inbound side calls it: its unit's `tx`, the deps, who acts, then its own arguments. */
export type UseCase<A extends unknown[], T> = (
  tx: Tx,
  deps: UseCaseDeps,
  ctx: Context,
  ...args: A
) => Promise<Result<T>>;

/** The mob a use case is about, with its community (what `findMob` found). */
export interface MobAt {
  readonly mob: Mob;
  readonly community: Community;
}

/** How a use case on one mob opens: with the mob `locked` (it changes it), for its organizers only. */
export interface MobOpening {
  readonly locked?: boolean;
  readonly organizers?: boolean;
}

/** The mob the actor names (locked where the use case says), then its organizers alone if asked. */
async function openMob(
  tx: Tx,
  ctx: Context,
  id: string,
  opening: MobOpening,
): Promise<Result<MobAt>> {
  const found = await findMob(tx, ctx, id, opening.locked === true);
  if (found.ok && opening.organizers && !canOrganize(ctx, found.value.community, found.value.mob))
    return fail("NOT_ORGANIZER");
  return found;
}

/**
 * A use case on the mob named by its first argument (`/tally <id>`): `body` runs with the mob
 * and its community once found; a wrong id, or a non-organizer where `organizers`, is answered
 * before it, changing nothing.
 */
export function onMob<A extends unknown[], T>(
  opening: MobOpening,
  body: (tx: Tx, deps: UseCaseDeps, ctx: Context, at: MobAt, ...args: A) => Promise<Result<T>>,
): UseCase<[id: string, ...A], T> {
  return async (tx, deps, ctx, id, ...args) => {
    const at = await openMob(tx, ctx, id, opening);
    return at.ok ? body(tx, deps, ctx, at.value, ...args) : at;
  };
}

/** `onMob` for a use case given the parsed command, which names the mob by its `id`. */
export function onMobCommand<C extends { readonly id: string }, T>(
  opening: MobOpening,
  body: (tx: Tx, deps: UseCaseDeps, ctx: Context, at: MobAt, cmd: C) => Promise<Result<T>>,
): UseCase<[cmd: C], T> {
  return async (tx, deps, ctx, cmd) => {
    const at = await openMob(tx, ctx, cmd.id, opening);
    return at.ok ? body(tx, deps, ctx, at.value, cmd) : at;
  };
}

/**
 * A use case of the community the actor speaks in (`/history`): `body` runs with it; in a
 * private chat, or from a non-organizer where `organizers`, the answer comes before it.
 */
export function inCommunity<A extends unknown[], T>(
  opening: { readonly organizers?: boolean },
  body: (
    tx: Tx,
    deps: UseCaseDeps,
    ctx: Context,
    community: Community,
    ...args: A
  ) => Promise<Result<T>>,
): UseCase<A, T> {
  return async (tx, deps, ctx, ...args) => {
    const community = ctx.community;
    if (!community) return fail("NEEDS_COMMUNITY");
    if (opening.organizers && !canOrganize(ctx, community)) return fail("NOT_ORGANIZER");
    return body(tx, deps, ctx, community, ...args);
  };
}
