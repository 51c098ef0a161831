/** Longest wait on sends in flight before drain() looks at the outbox again. */
export const LOOK_AGAIN_MS = 1_000;

/** What a drain()'s wait answers when a poke, not a finished send, ended it. */
export const POKED = Symbol("poked");

/**
 * Pokes for a drain() that waits on slow sends: new rows (maybe for a platform that is not the
 * slow one) make it look at the outbox again. A poke between a claim and the wait that follows
 * is not lost: that wait ends at once.
 */
export class Nudge {
  /** A poke came since the last claim began. */
  #since = false;
  #pending: { readonly promise: Promise<typeof POKED>; readonly resolve: () => void } | null = null;

  /** A claim begins: it sees every poke so far. */
  claimed(): void {
    this.#since = false;
  }

  poke(): void {
    this.#since = true;
    const pending = this.#pending;
    this.#pending = null;
    pending?.resolve();
  }

  /**
   * Resolves with POKED at the next poke, at once when one came since the last claim, or after
   * `lookAgainMs` at the latest: a drain waiting on sends that hang looks at the outbox again
   * now and then, so a claim that came back short (rows committed just after it looked, or
   * held locked by another unit) is not the last word while those sends hang.
   */
  async next(lookAgainMs: number): Promise<typeof POKED> {
    let timer: NodeJS.Timeout | undefined;
    const later = new Promise<typeof POKED>((resolve) => {
      timer = setTimeout(() => resolve(POKED), lookAgainMs);
    });
    try {
      return await Promise.race([this.#poked(), later]);
    } finally {
      clearTimeout(timer);
    }
  }

  #poked(): Promise<typeof POKED> {
    if (this.#since) return Promise.resolve(POKED);
    if (!this.#pending) {
      let resolve = () => {};
      const promise = new Promise<typeof POKED>((r) => {
        resolve = () => r(POKED);
      });
      this.#pending = { promise, resolve };
    }
    return this.#pending.promise;
  }
}
