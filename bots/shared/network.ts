/** Socket-level failures: the platform could not be reached at all. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
]);

/**
 * The network error code behind `error` (ECONNREFUSED, ENOTFOUND, a timeout…),
 * looking through the wrappers client libraries put around it (`cause`,
 * grammY's `error`, an AggregateError's `errors`); null when it is not one.
 */
export function networkErrorCode(error: unknown, depth = 0): string | null {
  if (!error || typeof error !== "object" || depth > 4) return null;
  const err = error as {
    name?: unknown;
    code?: unknown;
    cause?: unknown;
    error?: unknown;
    errors?: unknown;
  };
  if (err.name === "AbortError" || err.name === "TimeoutError") return "timeout";
  if (
    typeof err.code === "string" &&
    (NETWORK_CODES.has(err.code) || err.code.startsWith("UND_ERR"))
  )
    return err.code;
  for (const inner of [err.cause, err.error, ...(Array.isArray(err.errors) ? err.errors : [])]) {
    const code = networkErrorCode(inner, depth + 1);
    if (code) return code;
  }
  return null;
}

/** `https://api.telegram.org`: where a client was pointed, without path or credentials. */
export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
