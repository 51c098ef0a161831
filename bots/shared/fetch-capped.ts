/**
 * Downloads a file someone sent the bot (a Telegram file, a Discord
 * attachment), reading no more than `maxBytes`: a file larger than the core
 * would take is not downloaded whole first. Never throws; the URL (which may
 * carry the bot token) is in no answer and no error it returns.
 */
export type Fetched =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly reason: "too_large" | "unreadable" };

export async function fetchCapped(
  url: string,
  maxBytes: number,
  timeoutMs = 30_000,
): Promise<Fetched> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: "follow" });
    if (!res.ok || !res.body) {
      await res.body?.cancel();
      return { ok: false, reason: "unreadable" };
    }
    if (Number(res.headers.get("content-length") ?? 0) > maxBytes) {
      await res.body.cancel();
      return { ok: false, reason: "too_large" };
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += chunk.byteLength;
      if (size > maxBytes) return { ok: false, reason: "too_large" };
      chunks.push(chunk);
    }
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.byteLength;
    }
    return { ok: true, bytes };
  } catch {
    return { ok: false, reason: "unreadable" };
  }
}
