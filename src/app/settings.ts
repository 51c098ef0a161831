import type { TimelineSettings } from "../domain/plan.js";

/** The defaults the core applies, from config. */
export interface CoreSettings extends TimelineSettings {
  readonly defaultTimezone: string;
  readonly defaultLocale: string;
  readonly defaultCurrency: string;
  readonly mobDurationMs: number;
}
