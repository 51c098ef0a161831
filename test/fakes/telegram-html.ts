/**
 * Telegram's HTML parse mode, as strictly as the Bot API applies it: only
 * its tags, balanced, attribute values quoted, and `<`, `>`, `&` in text
 * written as entities. Returns the text a person reads, or why it would be refused.
 */

const TAGS = new Set([
  "b",
  "strong",
  "i",
  "em",
  "u",
  "ins",
  "s",
  "strike",
  "del",
  "a",
  "code",
  "pre",
  "tg-spoiler",
  "span",
  "blockquote",
  "tg-emoji",
]);

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

export type ParsedHtml = { ok: true; text: string; links: string[] } | { ok: false; error: string };

export function parseTelegramHtml(html: string): ParsedHtml {
  const stack: string[] = [];
  const links: string[] = [];
  let text = "";
  let i = 0;
  while (i < html.length) {
    const ch = html[i];
    if (ch === "<") {
      const end = html.indexOf(">", i);
      if (end < 0) return { ok: false, error: `Unclosed start tag at byte offset ${i}` };
      const raw = html.slice(i + 1, end);
      const closing = raw.startsWith("/");
      const m = /^\/?([a-z-]+)(\s+[\s\S]*)?$/i.exec(raw);
      const name = m?.[1]?.toLowerCase();
      if (!name || !TAGS.has(name)) {
        return {
          ok: false,
          error: `Unsupported start tag "${raw.split(/\s/)[0]}" at byte offset ${i}`,
        };
      }
      if (closing) {
        if (stack.pop() !== name)
          return { ok: false, error: `Unmatched end tag at byte offset ${i}` };
      } else {
        const attrs = m?.[2] ?? "";
        if (name === "a") {
          const href = /^\s+href\s*=\s*"([^"]*)"\s*$/.exec(attrs);
          if (!href) return { ok: false, error: `Can't find end of the entity attribute at ${i}` };
          links.push(decode(href[1] ?? ""));
        } else if (attrs.trim() !== "" && !/^\s+[a-z-]+\s*=\s*"[^"]*"\s*$/i.test(attrs)) {
          return { ok: false, error: `Bad attribute at byte offset ${i}` };
        }
        stack.push(name);
      }
      i = end + 1;
    } else if (ch === "&") {
      const m = /^&(#\d+|#x[0-9a-f]+|[a-z]+);/i.exec(html.slice(i, i + 12));
      if (!m?.[1]) return { ok: false, error: `Character '&' is reserved at byte offset ${i}` };
      const name = m[1];
      if (name.startsWith("#")) {
        const code = name[1] === "x" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
        text += String.fromCodePoint(code);
      } else {
        const value = ENTITIES[name.toLowerCase()];
        if (value === undefined) return { ok: false, error: `Unknown entity &${name}; at ${i}` };
        text += value;
      }
      i += m[0].length;
    } else if (ch === ">") {
      return { ok: false, error: `Character '>' is reserved at byte offset ${i}` };
    } else {
      text += ch;
      i++;
    }
  }
  if (stack.length > 0)
    return { ok: false, error: `Can't find end tag corresponding to start tag "${stack.at(-1)}"` };
  return { ok: true, text, links };
}

function decode(s: string): string {
  return s.replace(/&(lt|gt|amp|quot);/g, (_m, n: string) => ENTITIES[n] ?? "");
}
