import pg from "pg";
import type { Logger } from "../../ports/logger.js";
import { clientConfig, parseDatabaseUrl, redact } from "./connect.js";

/** The channel the outbox's insert trigger (migration 006) and hand-backs notify. */
export const OUTBOX_CHANNEL = "cashmob_outbox";

/** How long to wait before listening again after the connection failed, doubling to a minute. */
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 60_000;

/**
 * LISTENs on a connection of its own for rows another replica queued (or handed back):
 * `onWake` on each notice. When the connection fails it is opened again with back-off;
 * `onState` says whether wake-ups come (the scheduler polls more often while they do not).
 * Resolves once the first LISTEN answered or failed; returns the stop function.
 */
export async function listenForOutbox(
  url: string,
  logger: Logger,
  onWake: () => void,
  onState: (listening: boolean) => void,
): Promise<() => Promise<void>> {
  const settings = parseDatabaseUrl(url);
  const log = logger.child({ part: "listen" });
  let stopped = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  let delay = FIRST_RETRY_MS;
  let failures = 0;

  const connect = async (): Promise<void> => {
    if (stopped) return;
    const c = new pg.Client({
      ...clientConfig(settings),
      application_name: `${settings.applicationName}-listen`,
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
    });
    let lost = false;
    const onLost = (error: Error | null) => {
      if (lost || stopped) return;
      lost = true;
      client = null;
      onState(false);
      failures += 1;
      if (failures === 1)
        log.warn(
          { err: error ? redact(error.message, settings.password) : "connection ended" },
          "not hearing other replicas' new rows; polling until listening again",
        );
      c.end().catch(() => undefined);
      retry = setTimeout(() => void connect(), delay);
      retry.unref();
      delay = Math.min(delay * 2, MAX_RETRY_MS);
    };
    c.on("error", onLost);
    c.on("end", () => onLost(null));
    c.on("notification", (n) => {
      if (n.channel === OUTBOX_CHANNEL) onWake();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (error) {
      onLost(error as Error);
      return;
    }
    if (stopped) {
      await c.end().catch(() => undefined);
      return;
    }
    client = c;
    delay = FIRST_RETRY_MS;
    if (failures > 0) log.info({ failures }, "listening for other replicas' new rows again");
    failures = 0;
    onState(true);
    // Rows queued while not listening were missed: look now.
    onWake();
  };

  await connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    await (client as pg.Client | null)?.end().catch(() => undefined);
  };
}
