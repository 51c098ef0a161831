import type { TimelineSettings } from "../domain/plan.js";

/** The defaults the core applies, from config. */
export interface CoreSettings extends TimelineSettings {
  readonly defaultTimezone: string;
  readonly defaultLocale: string;
  readonly defaultCurrency: string;
  readonly mobDurationMs: number;
  /**
   * PUBLIC_URL without a trailing slash, where the web side's pages are
   * reached (`/thanks` hands the mob page's link to the organizer); absent or
   * null when it is not set.
   */
  readonly publicUrl?: string | null;
}
