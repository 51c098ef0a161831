/**
 * Requests a fake refused because the platform's spec refuses them. A bot
 * that swallows the 400 (it logs and moves on, as it should in production)
 * would hide the bug from a test that only looks at what was stored, so
 * every fake is watched here and the test setup fails the test that caused
 * one (see `guard.ts`).
 */
import { type SpecError, showPath } from "./spec-error.js";

export interface SpecViolation {
  readonly platform: "discord" | "telegram";
  /** `POST /channels/{id}/messages` or a Telegram method name. */
  readonly request: string;
  readonly errors: readonly SpecError[];
}

/** What a fake exposes so its violations can be checked. */
export interface WatchedFake {
  /** Violations not yet looked at; a test that provokes one on purpose empties it. */
  readonly specViolations: SpecViolation[];
  /** False once stopped: then it is checked one last time and forgotten. */
  readonly listening: boolean;
}

const watched = new Set<WatchedFake>();

/** Adds a fake to the set the test guard checks. */
export function watch(fake: WatchedFake): void {
  watched.add(fake);
}

/** Every violation recorded since the last call, taken out of the fakes; stopped fakes are forgotten. */
export function takeViolations(): SpecViolation[] {
  const found: SpecViolation[] = [];
  for (const fake of watched) {
    found.push(...fake.specViolations.splice(0));
    if (!fake.listening) watched.delete(fake);
  }
  return found;
}

/** One line per error: `POST /channels/1/messages: nonce: must NOT have more than 25 characters`. */
export function describeViolations(violations: readonly SpecViolation[]): string {
  return violations
    .flatMap((v) =>
      v.errors.map((e) => {
        const where = showPath(e.path);
        return `${v.platform} ${v.request}: ${where ? `${where}: ` : ""}${e.message}`;
      }),
    )
    .join("\n");
}

/** Throws, naming each one, if any watched fake recorded a violation since the last check. */
export function failOnViolations(): void {
  const found = takeViolations();
  if (found.length > 0)
    throw new Error(
      `the bot sent ${found.length} request(s) the platform's own API description refuses:\n${describeViolations(found)}`,
    );
}
