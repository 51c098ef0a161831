/**
 * PostgreSQL's own ceiling for presses on this machine: pgbench runs the statements one Join
 * press sends (as the Telegram webhook handles it: the update's key, the member, the mob's row
 * locked, the participant, the pending edit looked up; BEGIN and COMMIT) against the real
 * schema in a scratch database, every client pressing on the same mob as a burst does.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { clientConfig, parseDatabaseUrl } from "../src/storage/postgres/connect.js";
import { coreAt, createMob, organizer, telegramGroup } from "./common.js";
import { freshPlace } from "./engine.js";
import { cpuOf } from "./replica-process.js";

const GROUP = -3003;
const CLIENTS = 12;

/** One press's transaction; `:uid` a random user, `:chat` and `:community` the group's. */
const PRESS = `\\set uid random(1, 2000000000)
BEGIN;
INSERT INTO inbound_events (key, handled_at) VALUES ('bench-' || :uid::text || '-' || :client_id::text, 1) ON CONFLICT (key) DO NOTHING;
INSERT INTO members (platform, user_id, display_name, locale, created_at) VALUES ('telegram', :uid::text, 'p' || :uid::text, NULL, 1) ON CONFLICT (platform, user_id) DO UPDATE SET display_name = excluded.display_name, locale = coalesce(excluded.locale, members.locale) RETURNING id AS member \\gset
SELECT * FROM chats WHERE platform = 'telegram' AND external_id = '${GROUP}';
SELECT * FROM communities WHERE id = :community;
SELECT m.*, s.name AS shop_name, s.takings_minor FROM mobs m JOIN shops s ON s.id = m.shop_id WHERE m.id = 1 FOR NO KEY UPDATE OF m;
SELECT * FROM participants WHERE mob_id = 1 AND member_id = :member;
SELECT (SELECT count(*) FROM waitlist w WHERE w.mob_id = me.mob_id AND w.ticket <= me.ticket AND NOT EXISTS (SELECT 1 FROM participants g WHERE g.mob_id = w.mob_id AND g.member_id = w.member_id AND g.status = 'going')) AS place FROM waitlist me WHERE me.mob_id = 1 AND me.member_id = :member;
INSERT INTO participants (mob_id, member_id, status, joined_at, pledge_minor, chat_id) VALUES (1, :member, 'going', 1, NULL, :chat) ON CONFLICT (mob_id, member_id) DO UPDATE SET status = excluded.status, pledge_minor = coalesce(excluded.pledge_minor, participants.pledge_minor), chat_id = coalesce(participants.chat_id, excluded.chat_id);
SELECT * FROM chats WHERE community_id = :community ORDER BY id;
SELECT 1 FROM outbox WHERE subject = 'mob' AND subject_id = 1 AND kind = 'cta_edit' AND chat_id = :chat AND state = 'pending' LIMIT 1;
COMMIT;
`;
/** BEGIN, COMMIT and the ten between them. */
const STATEMENTS = 12;

export interface Ceiling {
  readonly tps: number;
  readonly transactions: number;
  readonly statements: number;
  readonly clients: number;
  readonly seconds: number;
  /** CPU the pgbench backends used while measured (approximate: sampled inside the run). */
  readonly pgCpuMs: number;
}

export async function pgCeiling(seconds: number): Promise<Ceiling> {
  const place = await freshPlace("postgres");
  const dir = mkdtempSync(join(tmpdir(), "cashmob-pgbench-"));
  try {
    const c = await coreAt(place);
    try {
      await createMob(c, organizer("telegram", telegramGroup(GROUP, "Bench group")), "in 2d");
    } finally {
      await c.close();
    }
    const { chat, community } = await groupIds(place.databaseUrl ?? "");
    const script = join(dir, "press.sql");
    writeFileSync(script, PRESS);
    const url = parseDatabaseUrl(place.databaseUrl ?? "");
    const config = clientConfig(url);
    const args = [
      "-n",
      "-M",
      "prepared",
      "-c",
      String(CLIENTS),
      "-j",
      "2",
      "-T",
      String(seconds),
      "-D",
      `chat=${chat}`,
      "-D",
      `community=${community}`,
      "-f",
      script,
      "-h",
      String(config.host ?? "127.0.0.1"),
      "-p",
      String(config.port ?? 5432),
      "-U",
      String(config.user ?? "postgres"),
      String(config.database ?? ""),
    ];
    const child = spawn("pgbench", args, {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...(config.password ? { PGPASSWORD: String(config.password) } : {}) },
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      out += d.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    // CPU of its backends from one second in to one second before the end.
    await new Promise((r) => setTimeout(r, 1_000));
    const pids = await backendPids(place.databaseUrl ?? "");
    const before = cpuOf(pids);
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, (seconds - 2) * 1_000));
    const pgCpuWindow = cpuOf(pids) - before;
    const windowSeconds = (performance.now() - t0) / 1000;
    const code = await exited;
    const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1]);
    const transactions = Number(/number of transactions actually processed: (\d+)/.exec(out)?.[1]);
    if (code !== 0 || !Number.isFinite(tps))
      throw new Error(`pgbench failed (${code}):\n${out.slice(-2_000)}`);
    return {
      tps,
      transactions,
      statements: STATEMENTS,
      clients: CLIENTS,
      seconds,
      // Scaled to the whole run, at the run's average rate.
      pgCpuMs: (pgCpuWindow / windowSeconds) * (transactions / tps),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await place.dispose();
  }
}

async function query<T extends pg.QueryResultRow>(databaseUrl: string, sql: string): Promise<T[]> {
  const client = new pg.Client(clientConfig(parseDatabaseUrl(databaseUrl)));
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function groupIds(databaseUrl: string): Promise<{ chat: number; community: number }> {
  const [row] = await query<{ id: number; community_id: number }>(
    databaseUrl,
    `SELECT id, community_id FROM chats WHERE platform = 'telegram' AND external_id = '${GROUP}'`,
  );
  if (!row) throw new Error("the scratch database has no group");
  return { chat: row.id, community: row.community_id };
}

async function backendPids(databaseUrl: string): Promise<number[]> {
  const rows = await query<{ pid: number }>(
    databaseUrl,
    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
  );
  return rows.map((r) => r.pid);
}
