/**
 * How many posts a key (a mob's merchant link) may make in a sliding window.
 * Held in memory and bounded: the keys least recently used are forgotten
 * first, and a restart forgets them all, which only ever lets more through.
 */
export class PostBudget {
  readonly #posts = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** Counts one post at `now`, or says how long until the next is allowed (nothing counted). */
  take(
    key: string,
    now: number,
  ): { readonly ok: true } | { readonly ok: false; retryAfterMs: number } {
    const recent = (this.#posts.get(key) ?? []).filter((at) => at > now - this.windowMs);
    this.#posts.delete(key);
    if (recent.length >= this.limit) {
      this.#posts.set(key, recent);
      return { ok: false, retryAfterMs: (recent[0] ?? now) + this.windowMs - now };
    }
    recent.push(now);
    this.#posts.set(key, recent);
    for (const oldest of this.#posts.keys()) {
      if (this.#posts.size <= this.maxKeys) break;
      this.#posts.delete(oldest);
    }
    return { ok: true };
  }
}
