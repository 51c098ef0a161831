import type { Line } from "../ports/platform.js";

const NBSP = "\u00a0";

/**
 * French puts a non-breaking space before a colon. Labels are written `When: `
 * in code; in French this gives `Quand : ` (the catalogues' own sentences
 * carry their non-breaking spaces, checked by test/unit/french-typography).
 */
export function labelFor(label: string, locale: string): string {
  if (!locale.toLowerCase().startsWith("fr")) return label;
  return label.replace(/([^\s\u00a0\u202f]) ?: $/, `$1${NBSP}: `);
}

/** A post's lines with its labels (bold parts ending in ": ") set in the locale's typography. */
export function typesetLabels(lines: readonly Line[], locale: string): Line[] {
  if (!locale.toLowerCase().startsWith("fr")) return [...lines];
  return lines.map((line) =>
    line.map((part) =>
      part.kind === "bold" && part.text.endsWith(": ")
        ? { ...part, text: labelFor(part.text, locale) }
        : part,
    ),
  );
}
