/**
 * A least-recently-used map bounded by entries and by bytes: what the web
 * side keeps in memory (drawn cards, rendered pages) never grows past it.
 */
export class Lru<V> {
  readonly #entries = new Map<string, V>();
  #bytes = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
    private readonly sizeOf: (value: V) => number,
  ) {}

  /** The value, made the most recent; undefined when absent. */
  get(key: string): V | undefined {
    const value = this.#entries.get(key);
    if (value === undefined) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    const old = this.#entries.get(key);
    if (old !== undefined) {
      this.#entries.delete(key);
      this.#bytes -= this.sizeOf(old);
    }
    this.#entries.set(key, value);
    this.#bytes += this.sizeOf(value);
    for (const [oldest, evicted] of this.#entries) {
      if (this.#entries.size <= this.maxEntries && this.#bytes <= this.maxBytes) break;
      if (oldest === key) break;
      this.#entries.delete(oldest);
      this.#bytes -= this.sizeOf(evicted);
    }
  }

  get size(): number {
    return this.#entries.size;
  }
}
