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

/** Secrets that could not reach a person privately (a check-in code), by the chat they were asked in. */
export interface WithheldRepository {
  /** Remembers that `userId` on `platform` is owed the secrets of `chatId`. */
  rememberWithheld(platform: string, userId: string, chatId: string, now: number): Promise<void>;
  /** The chats whose secrets `userId` is owed, forgotten as they are handed out (oldest first). */
  takeWithheld(platform: string, userId: string): Promise<string[]>;
  /** Forgets what was withheld before `before`; returns how many. */
  pruneWithheld(before: number): Promise<number>;
}
