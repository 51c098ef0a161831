import { randomInt } from "node:crypto";
import type { Mob } from "../domain/mob.js";
import { currencyDigits } from "../domain/money.js";
import { isShopRevealed } from "../domain/reveal.js";
import type { PlatformCapabilities } from "../ports/platform.js";
import type { UnitOfWork } from "../ports/unit-of-work.js";
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
