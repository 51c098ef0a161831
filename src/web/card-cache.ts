import { Lru } from "./lru.js";

/**
 * Drawn cards by content key, so a viral link costs one drawing per change of
 * what the card shows, not one per request. Bounded by entries and bytes, least
 * recently used out first; concurrent requests for a card being drawn share one drawing.
 */
export class CardCache {
  readonly #ready: Lru<Uint8Array>;
  readonly #drawing = new Map<string, Promise<Uint8Array>>();

  constructor(maxEntries = 256, maxBytes = 64 * 1024 * 1024) {
    this.#ready = new Lru(maxEntries, maxBytes, (png) => png.byteLength);
  }

  /** The cached bytes, or null; a hit makes the entry the most recent. */
  peek(key: string): Uint8Array | null {
    return this.#ready.get(key) ?? null;
  }

  /** The cached card, or draws it once however many ask at the same time. */
  get(key: string, draw: () => Promise<Uint8Array>): Promise<Uint8Array> {
    const hit = this.#ready.get(key);
    if (hit) return Promise.resolve(hit);
    const pending = this.#drawing.get(key);
    if (pending) return pending;
    const drawing = draw().then(
      (png) => {
        this.#drawing.delete(key);
        this.#ready.set(key, png);
        return png;
      },
      (error: unknown) => {
        this.#drawing.delete(key);
        throw error;
      },
    );
    this.#drawing.set(key, drawing);
    return drawing;
  }

  get size(): number {
    return this.#ready.size;
  }
}
