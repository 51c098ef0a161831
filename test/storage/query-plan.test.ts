import type Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/storage/database.js";
import { sqliteTx } from "../../src/storage/sqlite/tx.js";

/**
 * The repositories prepare a statement the first time it runs: every method is called
 * once here (with whatever arguments reach its statements) and what they prepared is
 * recorded, so the plans below are those of the real queries, not copies that could drift.
 */
const db = openDatabase(":memory:");
const prepare = db.prepare.bind(db);
const statements: string[] = [];
(db as { prepare: Database.Database["prepare"] }).prepare = ((sql: string) => {
  statements.push(sql);
  return prepare(sql);
}) as Database.Database["prepare"];
// Without foreign keys an outbox row can be queued alone, so claiming reaches its statements.
db.pragma("foreign_keys = OFF");
const tx = sqliteTx(db, () => true) as unknown as Record<string, (...a: unknown[]) => unknown>;
const scope = { subject: "mob", subjectId: 1, kind: "k", chatId: null };
const special: Record<string, unknown[]> = {
  enqueue: [
    [
      {
        key: "k",
        communityId: 1,
        subject: "mob",
        subjectId: 1,
        kind: "k",
        target: "chat",
        chatId: 1,
        dueAt: 0,
      },
    ],
    0,
  ],
  claimDue: [1, 1, new Map(), { holder: "h", until: 1 }],
  claimBatch: ["b", 1, { holder: "h", until: 1 }],
  withdrawPending: ["mob", 1, 1, ["k"]],
  secret: ["s", () => "v", 1],
  sentRef: [scope],
  hasPending: [scope],
  hasUnsettled: [scope],
  hasAny: [scope],
  lastActivityAt: [scope],
};
for (const [name, method] of Object.entries(tx)) {
  for (const args of [special[name] ?? [1, 1, 1, 1, 1, 1], [1, 1, 1, 1]]) {
    try {
      await method(...args);
    } catch {
      // Arguments no row matches: the statement was prepared all the same.
    }
  }
}
afterAll(() => db.close());

/** `EXPLAIN QUERY PLAN` details, one string per step, with every parameter bound to 0. */
function plan(sql: string): string[] {
  const names = [...new Set([...sql.matchAll(/@(\w+)/g)].map((m) => m[1] as string))];
  const stmt = prepare(`EXPLAIN QUERY PLAN ${sql}`);
  const rows =
    names.length > 0
      ? stmt.all(Object.fromEntries(names.map((n) => [n, 0])))
      : stmt.all(...new Array<number>((sql.match(/\?/g) ?? []).length).fill(0));
  return (rows as { detail: string }[]).map((r) => r.detail);
}

/**
 * Every recorded statement that matches: at least one, so a check over them
 * cannot pass by matching nothing once a query is renamed or reworded.
 */
function statementsLike(pattern: RegExp): string[] {
  const found = statements.filter((s) => pattern.test(s));
  expect(found, `no recorded statement matches ${pattern}`).not.toEqual([]);
  return found;
}

/** The one recorded statement that matches. */
function statement(pattern: RegExp): string {
  const found = statements.filter((s) => pattern.test(s));
  expect(found, String(pattern)).toHaveLength(1);
  return found[0] as string;
}

const fullScan = (steps: string[], table: string) =>
  steps.some((d) => new RegExp(`^SCAN ${table}\\b(?! USING)`).test(d));

describe("hot queries use their index (EXPLAIN QUERY PLAN)", () => {
  it("finding due outbox rows uses the pending-only indexes and never scans the outbox", () => {
    // Each platform's due rows through (platform, due_at); which platforms have any, from the same index.
    const claim = statement(/platform IS @platform AND due_at <= @now/);
    const perPlatform =
      "SELECT id FROM outbox WHERE state = 'pending' AND platform IS @platform AND due_at <= @now ORDER BY due_at, id LIMIT @limit";
    expect(claim.replace(/\s+/g, " ")).toContain(perPlatform);
    for (const sql of [perPlatform, claim]) {
      const steps = plan(sql);
      expect(steps.join(" | ")).toMatch(
        /INDEX outbox_due_by_platform \(platform=\? AND due_at<\?\)/,
      );
      expect(fullScan(steps, "outbox")).toBe(false);
    }
    const platforms = plan(statement(/SELECT DISTINCT coalesce\(platform, ''\)/));
    expect(platforms.join(" | ")).toMatch(/INDEX outbox_due/);
    expect(fullScan(platforms, "outbox")).toBe(false);
  });

  it("leases that ended are found through outbox_leases (rows in flight only)", () => {
    for (const sql of [
      statement(
        /SET state = 'pending', lease_holder = NULL, lease_until = NULL\s+WHERE state = 'sending' AND \(lease_until/,
      ),
      statement(/min\(coalesce\(lease_until, 0\)\)/),
    ]) {
      const steps = plan(sql);
      expect(steps.join(" | ")).toMatch(/INDEX outbox_leases/);
      expect(fullScan(steps, "outbox")).toBe(false);
    }
  });

  it("the next due instant and the oldest due row (for metrics) are read from outbox_due", () => {
    const found = statements.filter((s) => /min\(due_at\)/.test(s));
    expect(found).toHaveLength(2);
    for (const sql of found) {
      const steps = plan(sql);
      expect(steps.join(" | ")).toMatch(/INDEX outbox_due/);
      expect(fullScan(steps, "outbox")).toBe(false);
    }
  });

  it("a mob's participants are found by the participants primary key, not a scan", () => {
    for (const sql of [
      "SELECT * FROM participants WHERE mob_id = ?",
      statement(/FROM participants p JOIN members m/),
      statement(/sum\(status = 'going'\)/),
    ]) {
      const steps = plan(sql);
      expect(steps.join(" | ")).toMatch(/SEARCH (participants|p) USING PRIMARY KEY \(mob_id=\?/);
      expect(fullScan(steps, "participants") || fullScan(steps, "p")).toBe(false);
    }
  });

  it("a community's open and past mobs are listed through mobs_by_community", () => {
    const found = statements.filter(
      (s) =>
        /WHERE m\.community_id = @communityId\s+AND m\.status IN \('announced', '(draft|tallied)'\)\s/.test(
          s,
        ) && !s.includes("GROUP BY"),
    );
    expect(found).toHaveLength(2);
    for (const sql of found) {
      const steps = plan(sql);
      expect(steps.join(" | ")).toMatch(/SEARCH m USING INDEX mobs_by_community \(community_id=\?/);
      expect(fullScan(steps, "m") || fullScan(steps, "mobs")).toBe(false);
    }
  });

  it("a community's history reads its mobs through mobs_by_community and each one's participants by key", () => {
    const history = statements.filter((s) => s.includes("sum(p.spent_minor IS NOT NULL"));
    expect(history).toHaveLength(2);
    for (const sql of history) {
      const steps = plan(sql).join(" | ");
      expect(steps).toMatch(/SEARCH m USING INDEX mobs_by_community \(community_id=\?/);
      expect(steps).toMatch(/SEARCH p USING PRIMARY KEY \(mob_id=\?/);
    }
  });

  it("a mob's album is read through its (mob, number) key", () => {
    const reads = statementsLike(/FROM photos WHERE mob_id = \?/);
    // The album, one photo, and one photo's bytes.
    expect(reads).toHaveLength(3);
    for (const sql of reads)
      expect(plan(sql).join(" | ")).toMatch(
        /SEARCH photos USING INDEX sqlite_autoindex_photos_1 \(mob_id=\?/,
      );
  });

  it("a mob's outbox rows of one kind in one chat are found through outbox_by_subject", () => {
    const scoped = statementsLike(/chat_id IS @chatId/);
    expect(scoped.length).toBeGreaterThanOrEqual(5);
    for (const sql of scoped) {
      expect(plan(sql).join(" | ")).toMatch(
        /INDEX outbox_by_subject \(subject=\? AND subject_id=\? AND kind=\? AND chat_id=\?\)/,
      );
    }
  });

  it("a vote's merged counts are read from ballots_by_option, and the queue from nominations_by_community", () => {
    const options = plan(statement(/FROM vote_options o JOIN nominations n/)).join(" | ");
    expect(options).toMatch(/SEARCH o USING PRIMARY KEY \(vote_id=\?\)/);
    expect(options).toMatch(
      /SEARCH b USING COVERING INDEX ballots_by_option \(vote_id=\? AND nomination_id=\?\)/,
    );
    const queue = plan(statement(/WHERE n\.community_id = \? AND n\.status = 'queued'/)).join(
      " | ",
    );
    expect(queue).toMatch(
      /SEARCH n USING INDEX nominations_by_community \(community_id=\? AND status=\?\)/,
    );
  });

  it("no lookup or update the store makes scans a whole table, except the start-up requeue", () => {
    // Requeueing rows left `sending` runs once at start-up; a scan there is fine. The platforms'
    // states are read whole: a row per platform that is paused or down (two at most).
    const startUpOnly = /WHERE state = 'sending'$|FROM platform_state$/;
    const scanning = statements
      .filter((sql) => /^\s*(SELECT|UPDATE|DELETE)/i.test(sql) && !startUpOnly.test(sql.trim()))
      .map((sql) => ({ sql: sql.replace(/\s+/g, " ").trim(), steps: plan(sql) }))
      .filter(({ steps }) => steps.some((d) => /^SCAN \w+( AS \w+)?$/.test(d)));
    expect(scanning).toEqual([]);
    expect(statements.length).toBeGreaterThan(20);
  });
});
