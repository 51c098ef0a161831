/**
 * Drawn cards by content key, so a viral link costs one drawing per change of
 * what the card shows, not one per request. Bounded by entries and bytes, least
 * recently used out first; concurrent requests for a card being drawn share one drawing.
 */
export class CardCache {
  readonly #ready = new Map<string, Uint8Array>();
  readonly #drawing = new Map<string, Promise<Uint8Array>>();
  #bytes = 0;

  constructor(
    private readonly maxEntries = 256,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  /** The cached bytes, or null; a hit makes the entry the most recent. */
  peek(key: string): Uint8Array | null {
    const png = this.#ready.get(key);
    if (png === undefined) return null;
    this.#ready.delete(key);
    this.#ready.set(key, png);
    return png;
  }

  /** The cached card, or draws it once however many ask at the same time. */
  get(key: string, draw: () => Promise<Uint8Array>): Promise<Uint8Array> {
    const hit = this.peek(key);
    if (hit) return Promise.resolve(hit);
    const pending = this.#drawing.get(key);
    if (pending) return pending;
    const drawing = draw().then(
      (png) => {
        this.#drawing.delete(key);
        this.#store(key, png);
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

  #store(key: string, png: Uint8Array): void {
    this.#ready.set(key, png);
    this.#bytes += png.byteLength;
    for (const [oldest, old] of this.#ready) {
      if (this.#ready.size <= this.maxEntries && this.#bytes <= this.maxBytes) break;
      if (oldest === key) break;
      this.#ready.delete(oldest);
      this.#bytes -= old.byteLength;
    }
  }
}
