import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/storage/database.js";
import { finished } from "../support/child-output.js";
import { tempDirEachTest } from "../support/each-test.js";

const dir = tempDirEachTest("cashmob-startup-");
const immutable: string[] = [];
afterEach(() => {
  for (const path of immutable.splice(0)) execFileSync("chattr", ["-i", path]);
});

/** Runs `npm start`'s entry point in `cwd` with piped (empty) input; resolves with its exit and stderr. */
function run(
  env: Record<string, string>,
  cwd = process.cwd(),
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const { DISCORD_TOKEN: _d, TELEGRAM_BOT_TOKEN: _t, ...base } = process.env;
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd,
    env: { ...base, HTTP_PORT: "off", ...env },
    stdio: "pipe",
  });
  child.stdin.end("/newmob Cave | in 2d\n");
  return finished(child);
}

function chattr(path: string): boolean {
  try {
    execFileSync("chattr", ["+i", path], { stdio: "ignore" });
    immutable.push(path);
    return true;
  } catch {
    return false;
  }
}

describe("start-up refuses a database it cannot trust, with one sentence and a non-zero exit", () => {
  it("a corrupt database file", async () => {
    const path = join(dir(), "bot.db");
    writeFileSync(path, Buffer.alloc(8192, 0x5a));
    const { code, stderr, stdout } = await run({ DATABASE_PATH: path });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      `cashmob: cannot open the database at ${path}: the file is not a valid SQLite database (corrupt?).`,
    );
    expect(stdout).not.toContain("Mob #1");
  });

  it("a read-only database file", async (ctx) => {
    const path = join(dir(), "bot.db");
    openDatabase(path).close();
    if (!chattr(path)) ctx.skip(); // needs chattr on this filesystem: root ignores file modes
    const { code, stderr, stdout } = await run({ DATABASE_PATH: path });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      `cashmob: cannot open the database at ${path}: the file or its folder is not writable.`,
    );
    expect(stdout).not.toContain("Mob #1");
  });

  it("a missing migrations folder", async () => {
    // A copy of the program without its migrations/ folder.
    const root = resolve(".");
    const app = join(dir(), "app");
    mkdirSync(app);
    for (const part of ["src", "bots", "package.json"])
      cpSync(join(root, part), join(app, part), { recursive: true });
    symlinkSync(join(root, "node_modules"), join(app, "node_modules"));
    const { code, stderr } = await run({ DATABASE_PATH: join(dir(), "bot.db") }, app);
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      `cashmob: cannot open the database at ${join(dir(), "bot.db")}: the migrations folder is missing or unreadable (${join(app, "migrations", "sqlite")})`,
    );
  });
});
