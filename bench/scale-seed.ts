/**
 * Fills a database the way years of use would: `mobs` mobs over 100 communities, each
 * community in one Telegram group, `participants` RSVPs from a pool of members (each in ten
 * mobs). The same rows on both engines; on PostgreSQL set-based (generate_series), one
 * statement per table, never row by row.
 */
import { statSync } from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";
import { openDatabase } from "../src/storage/database.js";
import { openStore } from "../src/storage/open-store.js";
import type { Place } from "./engine.js";

export const COMMUNITIES = 100;

/** Seeds the place (migrated first, as the bot would) and returns its size in bytes. */
export async function seed(place: Place, mobs: number, participants: number): Promise<number> {
  if (place.databaseUrl === undefined) {
    seedSqlite(place.databasePath, mobs, participants);
    return statSync(place.databasePath).size;
  }
  await (await openStore({ databaseUrl: place.databaseUrl, databasePath: "" })).close();
  return seedPostgres(place.databaseUrl, mobs, participants);
}

/** SQLite: prepared inserts in one transaction, synchronous off. */
function seedSqlite(path: string, mobs: number, participants: number): void {
  openDatabase(path).close();
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const now = Date.now();
  const members = Math.max(1, Math.floor(participants / 10));
  db.transaction(() => {
    const community = db.prepare(
      "INSERT INTO communities (id, public_id, name, timezone, locale, currency, created_at) VALUES (?, ?, ?, 'Europe/Paris', 'fr', 'EUR', ?)",
    );
    // Each community lives in one Telegram group: its space and its chat.
    const space = db.prepare(
      "INSERT INTO spaces (platform, space_id, community_id) VALUES ('telegram', ?, ?)",
    );
    const chat = db.prepare(
      "INSERT INTO chats (community_id, platform, space_id, external_id, name, locale, created_at) VALUES (?, 'telegram', ?, ?, ?, 'fr', ?)",
    );
    for (let c = 1; c <= COMMUNITIES; c++) {
      community.run(c, `community-${c}-public`, `Community ${c}`, now);
      space.run(String(-c), c);
      chat.run(c, String(-c), String(-c), `Community ${c}`, now);
    }
    const member = db.prepare(
      "INSERT INTO members (platform, user_id, display_name, dm_reachable, created_at) VALUES ('telegram', ?, ?, 1, ?)",
    );
    for (let m = 1; m <= members; m++) member.run(String(m), `Member ${m}`, now);
    const shop = db.prepare("INSERT INTO shops (community_id, name, created_at) VALUES (?, ?, ?)");
    const mob = db.prepare(
      `INSERT INTO mobs (public_id, community_id, shop_id, starts_at, duration_ms, pledge_minor, currency, status,
         created_by, checkin_code, created_at, updated_at)
       VALUES (?, ?, ?, ?, 7200000, 1500, 'EUR', 'announced', 1, 'ABCDEF', ?, ?)`,
    );
    for (let i = 1; i <= mobs; i++) {
      const c = ((i - 1) % COMMUNITIES) + 1;
      shop.run(c, `Shop ${i}`, now);
      // A third in the past, the rest spread over the coming year.
      const startsAt = now + Math.floor(((i % 3 === 0 ? -1 : 1) * (i * 86_400_000 * 365)) / mobs);
      mob.run(`mob-${i}-public`, c, i, startsAt, now, now);
    }
    const rsvp = db.prepare(
      "INSERT INTO participants (mob_id, member_id, status, joined_at) VALUES (?, ?, ?, ?)",
    );
    for (let p = 0; p < participants; p++) {
      const mobId = (p % mobs) + 1;
      const memberId = ((Math.floor(p / mobs) * 7919 + mobId) % members) + 1;
      rsvp.run(mobId, memberId, p % 5 === 0 ? "maybe" : "going", now);
    }
  })();
  db.close();
}

/** Our own integers only, so written into the text. */
const pgSeed = (now: number, mobs: number, participants: number, members: number) => [
  `INSERT INTO communities (id, public_id, name, timezone, locale, currency, created_at)
     SELECT c, 'community-' || c || '-public', 'Community ' || c, 'Europe/Paris', 'fr', 'EUR', ${now}
     FROM generate_series(1, ${COMMUNITIES}) c`,
  `INSERT INTO spaces (platform, space_id, community_id)
     SELECT 'telegram', (-c)::text, c FROM generate_series(1, ${COMMUNITIES}) c`,
  `INSERT INTO chats (id, community_id, platform, space_id, external_id, name, locale, created_at)
     SELECT c, c, 'telegram', (-c)::text, (-c)::text, 'Community ' || c, 'fr', ${now}
     FROM generate_series(1, ${COMMUNITIES}) c`,
  `INSERT INTO members (id, platform, user_id, display_name, dm_reachable, created_at)
     SELECT m, 'telegram', m::text, 'Member ' || m, 1, ${now} FROM generate_series(1, ${members}) m`,
  `INSERT INTO shops (id, community_id, name, created_at)
     SELECT i, (i - 1) % ${COMMUNITIES} + 1, 'Shop ' || i, ${now} FROM generate_series(1, ${mobs}) i`,
  // starts_at as in SQLite's seed: a third in the past, the rest over the coming year.
  `INSERT INTO mobs (id, public_id, community_id, shop_id, starts_at, duration_ms, pledge_minor,
       currency, status, created_by, checkin_code, created_at, updated_at)
     SELECT i, 'mob-' || i || '-public', (i - 1) % ${COMMUNITIES} + 1, i,
       ${now} + floor((CASE WHEN i % 3 = 0 THEN -1 ELSE 1 END) * i * 31536000000::numeric / ${mobs})::bigint,
       7200000, 1500, 'EUR', 'announced', 1, 'ABCDEF', ${now}, ${now}
     FROM generate_series(1, ${mobs}) i`,
  `INSERT INTO participants (mob_id, member_id, status, joined_at)
     SELECT p % ${mobs} + 1, ((p / ${mobs}) * 7919 + p % ${mobs} + 1) % ${members} + 1,
       CASE WHEN p % 5 = 0 THEN 'maybe' ELSE 'going' END, ${now}
     FROM generate_series(0, ${participants} - 1) p`,
];

/** PostgreSQL: one INSERT … SELECT generate_series per table, in one transaction. */
async function seedPostgres(url: string, mobs: number, participants: number): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const members = Math.max(1, Math.floor(participants / 10));
    await client.query("BEGIN");
    await client.query("SET LOCAL synchronous_commit = off");
    for (const text of pgSeed(Date.now(), mobs, participants, members)) await client.query(text);
    // Explicit ids: move the identity sequences past them, as a real database would be.
    for (const table of ["communities", "chats", "members", "shops", "mobs"]) {
      await client.query(
        `SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`,
      );
    }
    await client.query("COMMIT");
    // Statistics, as autovacuum would have gathered them over years of use.
    await client.query("ANALYZE");
    const { rows } = await client.query<{ size: string }>(
      "SELECT pg_database_size(current_database()) AS size",
    );
    return Number(rows[0]?.size ?? Number.NaN);
  } finally {
    await client.end();
  }
}
