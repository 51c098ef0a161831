/** The languages Cashmob speaks. */
export type Locale = "en" | "fr";

/** `fr-CA` → `fr`; unknown → null. */
export function supportedLocale(tag: string | null | undefined): Locale | null {
  const base = tag?.toLowerCase().split(/[-_]/)[0];
  return base === "en" || base === "fr" ? base : null;
}
