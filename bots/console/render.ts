import type { Line, Notice } from "../../src/ports/platform.js";

function renderLine(line: Line): string {
  return line
    .map((part) => {
      switch (part.kind) {
        case "mention":
          return `@${part.member.displayName}`;
        case "link":
          return part.text === part.url ? part.url : `${part.text} <${part.url}>`;
        default:
          return part.text;
      }
    })
    .join("");
}

/** A notice as terminal text: title, lines, then buttons as `[Label](action-id)`. */
export function renderNotice(notice: Notice): string {
  const out = [notice.tone === "error" ? `! ${notice.title}` : notice.title];
  for (const line of notice.lines) out.push(`  ${renderLine(line)}`);
  for (const row of notice.actions) {
    out.push(`  ${row.map((a) => `[${a.label}](${a.id})`).join(" ")}`);
  }
  return out.join("\n");
}
