import { hash } from "node:crypto";
import { Lru } from "./lru.js";

/**
 * Rendered pages and calendars by a digest of everything they are made from
 * (the view, the language, the base URL), so a link shared widely is rendered
 * once per change, not once per visit. The digest doubles as the ETag.
 */
export class PageCache {
  readonly #pages: Lru<string>;

  constructor(maxEntries = 1_024, maxBytes = 32 * 1024 * 1024) {
    // UTF-16 in memory: two bytes a character is the honest bound.
    this.#pages = new Lru(maxEntries, maxBytes, (text) => text.length * 2);
  }

  /** A short, stable digest of the inputs; equal inputs, equal digests. */
  static digest(inputs: unknown): string {
    return hash("sha256", JSON.stringify(inputs), "base64url").slice(0, 27);
  }

  async get(key: string, render: () => string | Promise<string>): Promise<string> {
    const hit = this.#pages.get(key);
    if (hit !== undefined) return hit;
    const text = await render();
    this.#pages.set(key, text);
    return text;
  }

  get size(): number {
    return this.#pages.size;
  }
}
