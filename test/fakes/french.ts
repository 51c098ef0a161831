/**
 * Where a French string breaks the rule: a plain space, or no space, before
 * : ; ! ?. Not a mark: the colon of a URL (https://), of a time (18:00), of a
 * command's key=value or an emoji shortcode, of a button id (mob:1:join);
 * "?" and ";" inside a URL or an HTML entity.
 */
export function typographyFaults(text: string): string[] {
  const faults: string[] = [];
  const cleaned = text
    .replace(/\bhttps?:\/\/\S+/g, "URL")
    .replace(/\d{1,2}:\d{2}/g, "TIME")
    .replace(/\b[a-z]+(?::[a-z0-9]+)+\b/g, "CODE")
    .replace(/&[a-z]+;|&#\d+;/g, "ENTITY");
  for (const m of cleaned.matchAll(/(.)([:;!?])/g)) {
    const before = m[1] as string;
    if (before === "\u00a0" || before === "\u202f") continue;
    // "?!" and "!!": one space before the pair is enough.
    if (/[:;!?]/.test(before)) continue;
    const at = m.index ?? 0;
    faults.push(`${JSON.stringify(cleaned.slice(Math.max(0, at - 12), at + 3))}`);
  }
  return faults;
}
