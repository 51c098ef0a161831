/**
 * A shared link can go viral: a page's view is built from the database at most
 * once a second, and counts on a public page may lag that long.
 */
const VIEW_FRESH_MS = 1_000;
const VIEWS_KEPT = 1_000;

/** Views built recently, by public id; the oldest is dropped past `VIEWS_KEPT`. */
export class RecentViews<T> {
  readonly #views = new Map<string, { readonly at: number; readonly view: T }>();

  async get(key: string, now: number, build: () => T | Promise<T>): Promise<T> {
    const known = this.#views.get(key);
    if (known && now >= known.at && now - known.at < VIEW_FRESH_MS) return known.view;
    const view = await build();
    this.#views.delete(key);
    this.#views.set(key, { at: now, view });
    if (this.#views.size > VIEWS_KEPT) {
      const oldest = this.#views.keys().next().value;
      if (oldest !== undefined) this.#views.delete(oldest);
    }
    return view;
  }
}
