import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, expect, it } from "vitest";
import type { Member } from "../../src/domain/community.js";
import type { Nomination } from "../../src/domain/nomination.js";
import { MIGRATIONS_DIR, openDatabase } from "../../src/storage/database.js";
import { tryLockDatabase } from "../../src/storage/lock.js";
import { loadMigrations } from "../../src/storage/migrate.js";
import { MoveRefusal, moveStore } from "../../src/storage/move-store.js";
import { connectPostgres } from "../../src/storage/postgres/connect.js";
import { HELD } from "../support/lease.js";
import { describePostgres, freshDatabase } from "../support/postgres.js";
import { sqliteRepositories } from "../support/sqlite-engine.js";
import { seriesOf } from "./contract/fixtures.js";

const T = Date.UTC(2026, 11, 1, 12, 0);
const H = 3_600_000;
const dir = mkdtempSync(join(tmpdir(), "cashmob-move-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const tempPath = () => join(dir, `cashmob-${++files}.db`);

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const photo = (size: number) => new Uint8Array(randomBytes(size));

/** A bot's database with a row in every table, built through the real SQLite store. */
async function populated(): Promise<{ path: string; bigPhoto: Uint8Array }> {
  const path = tempPath();
  const db = openDatabase(path);
  const store = sqliteRepositories(db);
  const community = await store.insertCommunity(
    {
      name: "Quartier",
      timezone: "Europe/Paris",
      locale: "fr",
      currency: "EUR",
      organizerRule: "platform",
    },
    T,
  );
  await store.setSpace("telegram", "-100", community.id);
  const chat = await store.insertChat(
    {
      communityId: community.id,
      platform: "telegram",
      spaceId: "-100",
      externalId: "-100",
      name: "Le groupe",
      locale: "fr",
    },
    T,
  );
  const org = await store.upsertMember("telegram", "42", "Org", "fr", T);
  const members: Member[] = [];
  for (let i = 0; i < 30; i++) {
    members.push(
      await store.upsertMember("telegram", String(1000 + i), `Member ${i} « é »`, null, T + i),
    );
  }
  // What an array literal must escape: the copy sends each column as one array.
  await store.upsertMember("discord", "1", "Back\\slash \"quoted\" {braces}, 'it's'", null, T);
  await store.upsertMember("discord", "2", "NULL", null, T);
  await store.upsertMember("discord", "3", "", null, T);
  await store.setReachable(members[0]?.id ?? 0, true);
  await store.rememberWithheld("telegram", "42", "-100", T);
  const mob = async (secret: boolean, name: string) =>
    store.insertMob({
      communityId: community.id,
      shopId: await store.insertShop(
        community.id,
        name,
        "3 rue des Lilas",
        secret ? null : 40_000,
        T,
      ),
      address: "3 rue des Lilas",
      meetingPoint: "Fontaine",
      party: secret ? "Le Bar" : null,
      startsAt: T + 96 * H,
      durationMs: 2 * H,
      pledgeMinor: 1500,
      currency: "EUR",
      secret,
      capacity: secret ? 12 : null,
      goalMinor: 50_000,
      status: "announced",
      createdBy: org.id,
      checkinCode: "ABC234",
      now: T,
    });
  const open = await mob(false, "Librairie du Parc");
  const hidden = await mob(true, "Cave secrète");
  for (const [i, m] of members.entries()) {
    await store.setRsvp(
      open.id,
      m.id,
      i % 3 === 0 ? "maybe" : "going",
      T + i,
      i % 2 ? 2500 : null,
      chat.id,
    );
    if (i < 10) await store.setRsvp(hidden.id, m.id, "going", T + i);
    else
      await store.addWaiting(
        hidden.id,
        { memberId: m.id, pledgeMinor: null, chatId: chat.id },
        T + i,
      );
  }
  await store.setSpent(open.id, members[1]?.id ?? 0, 4200, T + 100 * H);
  const bigPhoto = photo(2 * 1024 * 1024);
  for (const bytes of [bigPhoto, photo(1000), photo(5)]) {
    await store.insertPhoto({
      mobId: open.id,
      memberId: org.id,
      type: "jpeg",
      width: 640,
      height: 480,
      bytes,
      sha256: sha(bytes),
      now: T,
    });
  }
  await store.dropPhoto(open.id, 3, T + H);
  const nominations: Nomination[] = [];
  for (const [i, name] of ["Fromagerie", "Boulangerie", "Disquaire"].entries()) {
    nominations.push(
      await store.insertNomination(
        {
          communityId: community.id,
          name,
          nameKey: name.toLowerCase(),
          address: null,
          why: "bon",
          nominatedBy: members[i]?.id ?? 0,
        },
        T,
      ),
    );
  }
  await store.addSecond(nominations[0]?.id ?? 0, org.id, T);
  const series = await store.insertSeries(
    seriesOf(community, org.id, {
      rule: { kind: "monthly", ordinal: "last", weekday: 6, time: { hour: 15, minute: 0 } },
      anchorAt: T + 200 * H,
      nextAt: T + 200 * H,
      voteLeadMs: 168 * H,
      meetingPoint: "la fontaine",
    }),
    T,
  );
  const vote = await store.insertVote(
    {
      communityId: community.id,
      mobAt: T + 200 * H,
      closesAt: T + 100 * H,
      openedBy: org.id,
      seriesId: series.id,
    },
    nominations.map((n) => n.id),
    T,
  );
  for (const [i, m] of members.slice(0, 7).entries()) {
    await store.castBallot(
      vote.id,
      m.id,
      nominations[i % 3]?.id ?? 0,
      i % 2 ? chat.id : null,
      T + i,
    );
  }
  await store.enqueue(
    ["a", "b", "c", "d"].map((key, i) => ({
      key,
      communityId: community.id,
      subject: "mob" as const,
      subjectId: open.id,
      kind: "reminder",
      target: "community" as const,
      dueAt: T + i,
      payload: { key, text: "l'été" },
    })),
    T,
  );
  const [sent, failed] = await store.claimDue(T + 2, 2, new Map(), HELD);
  await store.markSent(sent?.id ?? 0, "msg-1", T + 3);
  await store.retryAt(failed?.id ?? 0, T + H, "rate limited", true);
  await store.insertLinkCode(
    { code: "LINK42", communityId: community.id, createdBy: org.id, expiresAt: T + H },
    T,
  );
  await store.secret("link_secret", () => "s3cret-value", T);
  await store.markHandled("telegram:update:1", T);
  await store.markHandled("telegram:update:2", T);
  db.close();
  return { path, bigPhoto };
}

function sqliteRows(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    const tables = db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('schema_migrations', 'leases', 'platform_state') ORDER BY name",
      )
      .all()
      .map((t) => t.name);
    return Object.fromEntries(
      tables.map((t) => [t, sorted(db.prepare(`SELECT * FROM "${t}"`).all() as Row[])]),
    );
  } finally {
    db.close();
  }
}

type Row = Record<string, unknown>;
/**
 * Rows in one order both sides agree on (PostgreSQL's collation is not SQLite's), bytes as
 * their sha256 (byte-exact, and cheap to compare and to print on a mismatch).
 */
const sorted = (rows: Row[]) =>
  rows
    .map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [k, Buffer.isBuffer(v) ? `sha256:${sha(v)}` : v]),
      ),
    )
    .map((r) => ({ r, k: JSON.stringify(Object.values(r)) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .map((x) => x.r);

async function postgresRows(url: string, tables: string[]) {
  const c = await connectPostgres(url);
  try {
    const out: Record<string, Row[]> = {};
    for (const t of tables) out[t] = sorted((await c.pool.query(`SELECT * FROM "${t}"`)).rows);
    return out;
  } finally {
    await c.close();
  }
}

describePostgres("move-store: SQLite into an empty PostgreSQL database", () => {
  it("copies every table row for row, photos byte for byte, and sequences continue after the ids", async () => {
    const { path, bigPhoto } = await populated();
    const target = await freshDatabase();
    const report = await moveStore({ from: path, to: target.url, batchRows: 2 });
    const source = sqliteRows(path);
    const tables = Object.keys(source);
    expect(tables.length).toBeGreaterThanOrEqual(17);
    for (const t of tables) expect(source[t]?.length, t).toBeGreaterThan(0);
    expect(Object.fromEntries(report.tables.map((t) => [t.table, t.rows]))).toEqual(
      Object.fromEntries(tables.map((t) => [t, source[t]?.length])),
    );
    expect(report.tables.find((t) => t.table === "photos")?.bytes).toBe(bigPhoto.length + 1000);
    expect(await postgresRows(target.url, tables)).toEqual(source);

    const c = await connectPostgres(target.url);
    try {
      const big = await c.pool.query("SELECT bytes FROM photos WHERE number = 1");
      expect(sha(big.rows[0].bytes)).toBe(sha(bigPhoto));
      const max = await c.pool.query("SELECT max(id) AS id FROM members");
      const next = await c.pool.query(
        "INSERT INTO members (platform, user_id, display_name, created_at) VALUES ('discord', '7', 'New', 1) RETURNING id",
      );
      expect(next.rows[0].id).toBe(max.rows[0].id + 1);
      const community = await c.pool.query(
        "INSERT INTO communities (public_id, name, timezone, locale, currency, created_at) VALUES ('p', 'n', 'UTC', 'en', 'EUR', 1) RETURNING id",
      );
      expect(community.rows[0].id).toBe(2);
    } finally {
      await c.close();
    }
  });

  it("refuses a target that holds any row, changing nothing there", async () => {
    const { path } = await populated();
    const target = await freshDatabase();
    await moveStore({ from: path, to: target.url });
    const before = await postgresRows(target.url, ["members", "secrets"]);
    const c = await connectPostgres(target.url);
    await c.pool.query("DELETE FROM secrets");
    await c.pool.query("INSERT INTO secrets (name, value, created_at) VALUES ('x', 'y', 1)");
    await c.close();
    const error = await moveStore({ from: path, to: target.url }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MoveRefusal);
    expect((error as Error).message).toMatch(
      /already holds Cashmob data \(rows in [a-z_, …]+\): move-store only fills an empty database/,
    );
    const after = await postgresRows(target.url, ["members", "secrets"]);
    expect(after.members).toEqual(before.members);
    expect(after.secrets).toEqual([{ name: "x", value: "y", created_at: 1 }]);
  });

  it("rolls back a copy that fails midway: nothing is left in PostgreSQL", async () => {
    const { path } = await populated();
    // SQLite keeps a NUL character in a text; PostgreSQL refuses it.
    const db = new Database(path);
    db.prepare("UPDATE members SET display_name = ? WHERE id = 2").run("Ann\u0000");
    db.close();
    const target = await freshDatabase();
    const error = (await moveStore({ from: path, to: target.url }).catch(
      (e: unknown) => e,
    )) as Error;
    expect(error).toBeInstanceOf(MoveRefusal);
    expect(error.message).toMatch(
      /^the move from .* to PostgreSQL at 127\.0\.0\.1:5432\/\w+ failed and was rolled back, nothing copied: .*0x00/,
    );
    const after = await postgresRows(target.url, Object.keys(sqliteRows(path)));
    expect(Object.values(after).flat()).toEqual([]);
  });

  it("refuses a missing file, a file a bot is running on, and an older SQLite schema", async () => {
    const target = await freshDatabase();
    const missing = join(dir, "nothing-here.db");
    await expect(moveStore({ from: missing, to: target.url })).rejects.toThrow(
      `there is no SQLite database at ${missing}`,
    );
    const { path } = await populated();
    const lock = tryLockDatabase(path);
    try {
      await expect(moveStore({ from: path, to: target.url })).rejects.toThrow(
        /is in use by a running Cashmob bot: stop it first/,
      );
    } finally {
      lock?.release();
    }
    const old = tempPath();
    const migrations = loadMigrations(MIGRATIONS_DIR).slice(0, 3);
    const oldDir = mkdtempSync(join(dir, "old-"));
    for (const m of migrations) writeFileSync(join(oldDir, m.name), m.sql);
    openDatabase(old, { migrationsDir: oldDir }).close();
    await expect(moveStore({ from: old, to: target.url })).rejects.toThrow(
      /is at schema version 3, older than this Cashmob's \d+: start the bot once on it/,
    );
    const c = await connectPostgres(target.url);
    const tables = await c.pool.query(
      "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'",
    );
    await c.close();
    expect(tables.rows[0].n).toBe(0);
  });

  it("refuses a bad URL or wrong password without ever saying the password", async () => {
    const { path } = await populated();
    const bad = moveStore({ from: path, to: "mysql://me:hunter2-secret@db/x" });
    await expect(bad).rejects.toThrow(/must start with postgres:\/\//);
    await expect(bad).rejects.not.toThrow(/hunter2/);
    const target = await freshDatabase();
    const wrong = new URL(target.url);
    wrong.username = "no_such_role_cashmob";
    wrong.password = "hunter2-secret";
    const error = (await moveStore({ from: path, to: wrong.toString() }).catch(
      (e: unknown) => e,
    )) as Error;
    expect(error).toBeInstanceOf(MoveRefusal);
    expect(error.message).toMatch(/PostgreSQL at 127\.0\.0\.1:5432/);
    expect(error.message).not.toMatch(/hunter2/);
  });
});
