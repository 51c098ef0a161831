/**
 * Why a platform adapter could not start, as the adapter itself classifies
 * it: `refused` (a wrong token, a request the platform will never accept)
 * stops the bot with the sentence; `unreachable` (DNS, a refused or timed-out
 * connection, a 5xx) leaves the rest running and is tried again with back-off.
 * The message is one sentence for the operator, never carrying a token.
 */
export class PlatformStartError extends Error {
  override readonly name = "PlatformStartError";
  constructor(
    readonly kind: "refused" | "unreachable",
    message: string,
  ) {
    super(message);
  }
}
