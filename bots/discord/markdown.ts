/**
 * Discord markdown escaping for user text. Discord renders a backslash before
 * any ASCII punctuation as the bare character, so escaping generously is safe;
 * `<` and `@` are escaped too so a shop name can neither forge a mention
 * (`<@&123>`, `<t:…>`) nor look like a ping (`@everyone`).
 */

/** Markup anywhere in a line: emphasis, code, spoilers, masked links, mentions and timestamps. */
const INLINE = /[\\*_~`|<[\]@]/g;
/** Markup only at the start of a line: headings, quotes, lists, subtext. */
const LINE_START = /^(\s*)([#>+-])/gm;
/** `1. ` starts a numbered list; the dot is what gets escaped. */
const NUMBERED = /^(\s*\d+)\./gm;

/** User text, shown verbatim by Discord's markdown. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(INLINE, (c) => `\\${c}`)
    .replace(LINE_START, (_, space: string, mark: string) => `${space}\\${mark}`)
    .replace(NUMBERED, "$1\\.");
}

/** Text for a masked link's label, where `[` `]` also end the label. */
export function escapeLinkText(text: string): string {
  return escapeMarkdown(text);
}

/** A URL safe inside `[label](url)`: http(s) only, no bytes that would end the link early. */
export function safeUrl(url: string): string | null {
  if (!/^https?:\/\//i.test(url)) return null;
  return url.replace(
    /[()\s<>]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
}

/** Cuts text to `max` characters, marking the cut, without splitting a backslash escape. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  // An escape split in half would escape the ellipsis instead.
  const trailing = /\\+$/.exec(cut)?.[0].length ?? 0;
  if (trailing % 2 === 1) cut = cut.slice(0, -1);
  return `${cut}…`;
}
