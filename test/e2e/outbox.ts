import Database from "better-sqlite3";

/**
 * The outbox of a bot's database file, read from outside the bot (as an
 * operator would with the sqlite3 shell): what a dead bot left claimed, and
 * whether a running one still has something due.
 */

/** A row the bot had claimed (`sending`) and where it was going. */
export interface ClaimedRow {
  readonly id: number;
  readonly kind: string;
  readonly target: string;
  /** `<platform>:<user id>` for a DM, `<platform>:<chat id>` for a post; null for a fan-out row. */
  readonly to: string | null;
}

function read<T>(path: string, query: (db: Database.Database) => T): T {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    return query(db);
  } finally {
    db.close();
  }
}

/** The rows left `sending`: claimed by the bot, perhaps handed to the platform, not yet recorded. */
export function claimedRows(path: string): ClaimedRow[] {
  return read(
    path,
    (db) =>
      db
        .prepare(
          `SELECT o.id, o.kind, o.target,
             CASE WHEN o.target = 'dm' THEN m.platform || ':' || m.user_id
                  ELSE c.platform || ':' || c.external_id END AS "to"
           FROM outbox o
           LEFT JOIN members m ON m.id = o.member_id
           LEFT JOIN chats c ON c.id = o.chat_id
           WHERE o.state = 'sending' ORDER BY o.id`,
        )
        .all() as ClaimedRow[],
  );
}

/** Rows due before `horizon` that the bot has not settled (queued, or claimed and in flight). */
export function unsettledBefore(path: string, horizon: number): number {
  return read(
    path,
    (db) =>
      (
        db
          .prepare(
            "SELECT count(*) AS n FROM outbox WHERE state IN ('pending', 'sending') AND due_at <= ?",
          )
          .get(horizon) as { n: number }
      ).n,
  );
}

/**
 * Nothing due within the hour is left queued or in flight: every post the bot
 * owes now (a repeat included) is out. Seeded mobs' next reminder is 23 h away.
 */
export const nothingDueNow = (path: string): boolean =>
  unsettledBefore(path, Date.now() + 3_600_000) === 0;

/** What one kill left behind: rows claimed, and those among them whose message had already arrived. */
export interface KillRecord {
  readonly claimed: number;
  readonly sentUnrecorded: readonly string[];
}

/**
 * Follows a crash test's kills on a platform with no idempotency key
 * (Telegram): after each kill, which claimed rows of one kind (a reminder)
 * had already reached their destination during that life, sent but not
 * recorded. Those, and only those, are sent again after the restart: each
 * destination must end with one copy plus one per kill that caught its row
 * that way.
 */
export class InFlightLedger {
  readonly kills: KillRecord[] = [];
  readonly #path: string;
  readonly #kind: string;
  readonly #held: () => ReadonlyMap<string, number>;
  #before: ReadonlyMap<string, number>;

  /** `held()`: how many messages of `kind` each destination (`<platform>:<id>`) holds now. */
  constructor(path: string, kind: string, held: () => ReadonlyMap<string, number>) {
    this.#path = path;
    this.#kind = kind;
    this.#held = held;
    this.#before = held();
  }

  /** Call once the killed process is gone and the fake has answered its last request. */
  killed(): void {
    const after = this.#held();
    // Rows claimed for the destinations followed here (one platform's).
    const claimed = claimedRows(this.#path).filter((r) => r.to !== null && after.has(r.to));
    const sentUnrecorded = claimed
      .filter((r) => r.kind === this.#kind && r.target !== "edit")
      .map((r) => r.to ?? "")
      .filter((to) => (after.get(to) ?? 0) > (this.#before.get(to) ?? 0));
    this.kills.push({ claimed: claimed.length, sentUnrecorded });
    this.#before = after;
  }

  /** Copies beyond the first that each destination may hold: one per kill that caught it sent but unrecorded. */
  allowedRepeats(): Map<string, number> {
    const allowed = new Map<string, number>();
    for (const kill of this.kills)
      for (const to of kill.sentUnrecorded) allowed.set(to, (allowed.get(to) ?? 0) + 1);
    return allowed;
  }

  /** Copies beyond the first that each destination holds now. */
  repeats(): Map<string, number> {
    return new Map([...this.#held()].filter(([, n]) => n > 1).map(([to, n]) => [to, n - 1]));
  }
}
