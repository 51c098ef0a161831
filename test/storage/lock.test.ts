import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  type DatabaseLock,
  lockPathFor,
  tryLockDatabase,
  waitForDatabaseLock,
} from "../../src/storage/lock.js";

const dirs: string[] = [];
const locks: DatabaseLock[] = [];
afterEach(() => {
  vi.useRealTimers();
  for (const lock of locks.splice(0)) lock.release();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dbPath(): string {
  const dir = mkdtempSync(join(tmpdir(), "cashmob-lock-"));
  dirs.push(dir);
  return join(dir, "data", "bot.db");
}

function take(path: string): DatabaseLock {
  const lock = tryLockDatabase(path);
  if (!lock) throw new Error("lock unexpectedly taken");
  locks.push(lock);
  return lock;
}

describe("the single-instance database lock", () => {
  it("is a file beside the database, and a second taker is refused until the first releases", () => {
    const path = dbPath();
    const first = take(path);
    expect(first.path).toBe(`${path}.lock`);
    expect(existsSync(lockPathFor(path))).toBe(true);
    expect(tryLockDatabase(path)).toBeNull();
    first.release();
    expect(take(path)).not.toBeNull();
  });

  it("holds even when the caller keeps no reference to it and memory is collected", async () => {
    const path = dbPath();
    // No reference kept: better-sqlite3 closes a collected connection, which would free the lock.
    expect(tryLockDatabase(path)).not.toBeNull();
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    for (let i = 0; i < 3; i++) {
      gc();
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(tryLockDatabase(path)).toBeNull();
  });

  it("is free again the moment the process holding it is killed with SIGKILL", async () => {
    const path = dbPath();
    const holder = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "--input-type=module",
        "-e",
        `import { tryLockDatabase } from "./src/storage/lock.ts";
         const lock = tryLockDatabase(${JSON.stringify(path)});
         console.log(lock ? "held" : "refused");
         setInterval(() => {}, 1000);`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const said = await new Promise<string>((resolve) =>
      holder.stdout.once("data", (d: Buffer) => resolve(d.toString().trim())),
    );
    expect(said).toBe("held");
    expect(tryLockDatabase(path)).toBeNull();
    const gone = new Promise((resolve) => holder.once("exit", resolve));
    holder.kill("SIGKILL");
    await gone;
    expect(take(path)).not.toBeNull();
  });

  it("waiting says so once and takes the lock when the holder releases it", async () => {
    const path = dbPath();
    const first = take(path);
    let told = 0;
    // Timers on a fake clock: the waiter polls exactly as often as 150 ms allow, however loaded the machine.
    vi.useFakeTimers();
    const waiting = waitForDatabaseLock(path, {
      timeoutMs: null,
      pollMs: 20,
      onWaiting: () => told++,
    });
    await vi.advanceTimersByTimeAsync(150);
    expect(told).toBe(1);
    first.release();
    await vi.advanceTimersByTimeAsync(20);
    vi.useRealTimers();
    const second = await waiting;
    expect(second).not.toBeNull();
    if (second) locks.push(second);
    expect(told).toBe(1);
  });

  it("waiting gives up with null after its time limit", async () => {
    const path = dbPath();
    take(path);
    let told = 0;
    const started = Date.now();
    const result = await waitForDatabaseLock(path, {
      timeoutMs: 200,
      pollMs: 20,
      onWaiting: () => told++,
    });
    expect(result).toBeNull();
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(told).toBe(1);
  });

  it("a free lock is taken at once, without saying it waits", async () => {
    let told = 0;
    const lock = await waitForDatabaseLock(dbPath(), { timeoutMs: 0, onWaiting: () => told++ });
    expect(lock).not.toBeNull();
    if (lock) locks.push(lock);
    expect(told).toBe(0);
  });
});
