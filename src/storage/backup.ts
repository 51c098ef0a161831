import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type Database from "better-sqlite3";

const PREFIX = "cashmob-";

/**
 * Online backup (the bot keeps running) into `dir`, keeping the newest `keep`
 * files. Returns the new file's path.
 */
export async function backupDatabase(
  db: Database.Database,
  dir: string,
  keep: number,
  now: Date,
): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const stamp = now.toISOString().replace(/[:.]/g, "-");
  const target = join(dir, `${PREFIX}${stamp}.db`);
  await db.backup(target);
  const old = readdirSync(dir)
    .filter((f) => f.startsWith(PREFIX) && f.endsWith(".db"))
    .sort()
    .reverse()
    .slice(keep);
  for (const f of old) rmSync(join(dir, f), { force: true });
  return target;
}
