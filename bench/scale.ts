import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { openDatabase } from "../src/storage/database.js";
import { type Measure, round } from "./common.js";

const COMMUNITIES = 100;
// Resolved from this file, so the bench runs from any working directory.
const CHILD = fileURLToPath(new URL("./scale-child.ts", import.meta.url));

/**
 * Fills a database the way years of use would: `mobs` mobs over 100
 * communities, `participants` RSVPs from a pool of members (each in ten mobs).
 */
function generate(path: string, mobs: number, participants: number): void {
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
    const shop = db.prepare(
      "INSERT INTO shops (community_id, name, name_key, created_at) VALUES (?, ?, ?, ?)",
    );
    const mob = db.prepare(
      `INSERT INTO mobs (public_id, community_id, shop_id, starts_at, duration_ms, pledge_minor, currency, status,
         created_by, checkin_code, created_at, updated_at)
       VALUES (?, ?, ?, ?, 7200000, 1500, 'EUR', 'announced', 1, 'ABCDEF', ?, ?)`,
    );
    for (let i = 1; i <= mobs; i++) {
      const c = ((i - 1) % COMMUNITIES) + 1;
      shop.run(c, `Shop ${i}`, `shop ${i}`, now);
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

/** Runs bench/scale-child.ts on the database and reads its JSON line. */
function measureInChild(path: string, calls: number): Promise<Record<string, number>> {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, path, String(calls)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => {
    out += d.toString();
  });
  return new Promise((resolve, reject) =>
    child.on("close", (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split("\n").at(-1) ?? "{}"))
        : reject(new Error(`child exited ${code}`)),
    ),
  );
}

export async function scale(mobs: number, participants: number): Promise<Measure[]> {
  const dir = mkdtempSync(join(tmpdir(), "cashmob-scale-"));
  try {
    const path = join(dir, "scale.db");
    const generated = performance.now();
    generate(path, mobs, participants);
    const generationSeconds = (performance.now() - generated) / 1000;
    const sizeMb = statSync(path).size / 2 ** 20;
    const r = await measureInChild(path, 200);
    const startMs = r.startMs ?? Number.NaN;
    const p99 = r.listP99Ms ?? Number.NaN;
    const rssMb = r.rssMb ?? Number.NaN;
    const peakRssMb = r.peakRssMb ?? Number.NaN;
    const startNote = `of which quick_check ${round(r.quickCheckMs ?? Number.NaN)} ms (reads the whole file, warm cache); process start → ready ${round(r.processReadyMs ?? Number.NaN)} ms with the tsx loader`;
    const note = `${mobs} mobs, ${participants} participants, ${round(sizeMb)} MB, generated in ${round(generationSeconds)} s`;
    return [
      {
        scenario: "scale",
        metric: "start-up (open, check, migrate, core ready)",
        value: round(startMs),
        unit: "ms",
        target: "< 2000",
        pass: startMs < 2_000,
        note: startNote,
      },
      {
        scenario: "scale",
        metric: "/mobs p50",
        value: round(r.listP50Ms ?? Number.NaN, 2),
        unit: "ms",
        note,
      },
      {
        scenario: "scale",
        metric: "/mobs p99",
        value: round(p99, 2),
        unit: "ms",
        target: "< 20",
        pass: p99 < 20,
      },
      {
        scenario: "scale",
        metric: "resident memory, peak",
        value: round(peakRssMb),
        unit: "MB",
        target: "< 150",
        pass: peakRssMb < 150,
        note: `${round(rssMb)} MB after the 200 lists; tsx loader included`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
