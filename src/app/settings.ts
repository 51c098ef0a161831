import type { TimelineSettings } from "../domain/plan.js";

/** The defaults the core applies, from config. */
export interface CoreSettings extends TimelineSettings {
  readonly defaultTimezone: string;
  readonly defaultLocale: string;
  readonly defaultCurrency: string;
  readonly mobDurationMs: number;
  /** Where the web side is reached (PUBLIC_URL), for links on chat posts; absent: no links. */
  readonly publicUrl?: string | null;
  /** Signs merchant links; absent when the web side is off (no merchant page to link to). */
  readonly linkSecret?: string | null;
}
