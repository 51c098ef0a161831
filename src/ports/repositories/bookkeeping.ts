// What the bot keeps for itself: the platform events handled, its secrets.

export interface InboundEvents {
  /** Records a platform event as handled; false when it already was (a redelivery). */
  markHandled(key: string, now: number): Promise<boolean>;
  /** Forgets events handled before `before`; returns how many. */
  pruneHandled(before: number): Promise<number>;
}

export interface SecretRepository {
  /** The secret kept under `name`, made with `make` (and kept) the first time it is asked for. */
  secret(name: string, make: () => string, now: number): Promise<string>;
}
