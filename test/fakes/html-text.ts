/** HTML's character references decoded: numeric ones and &quot; &lt; &gt; &amp; (the last last). */
export function decodeEntities(html: string): string {
  return html
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, n: string) => String.fromCodePoint(Number.parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** The text a visitor reads: no style, no script, no tags; entities decoded. */
export function visibleText(html: string): string {
  return decodeEntities(
    html
      .replace(/<style[\s\S]*?<\/style>/g, " ")
      .replace(/<script[\s\S]*?<\/script>/g, " ")
      .replace(/<[^>]+>/g, " "),
  );
}
