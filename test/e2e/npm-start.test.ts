import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tryLockDatabase } from "../../src/storage/lock.js";
import { tempDirEachTest } from "../support/each-test.js";
import { waitUntil } from "./bot-process.js";

const dir = tempDirEachTest("cashmob-npm-start-");
let path: string;
beforeEach(() => {
  path = join(dir(), "bot.db");
});
afterEach(() => {
  // Whatever a failed run left behind, it is ours: the database path is unique to this test.
  for (const pid of processesWith(path)) process.kill(pid, "SIGKILL");
});

/** Pids of every process whose environment carries this DATABASE_PATH (npm, a shell, node, …). */
function processesWith(database: string): number[] {
  const needle = `DATABASE_PATH=${database}\0`;
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, "latin1").includes(needle)) pids.push(+entry);
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return pids;
}

describe("npm start is one bot that stops when npm is signalled", () => {
  it.each(["SIGTERM", "SIGINT"] as const)(
    "%s to the pid of `npm start` stops the bot gracefully and leaves no process behind",
    async (signal) => {
      const { DISCORD_TOKEN: _d, TELEGRAM_BOT_TOKEN: _t, ...base } = process.env;
      // The console adapter, with its input kept open: it runs until told to stop.
      const npm = spawn("npm", ["start"], {
        env: {
          ...base,
          // The Node running the tests runs the bot too.
          PATH: `${dirname(process.execPath)}${delimiter}${base.PATH ?? ""}`,
          DATABASE_PATH: path,
          LOG_LEVEL: "info",
          // The console's log lines on stderr, where the test reads the bot's pid.
          LOG_FILE: "-",
          HTTP_PORT: "off",
        },
        stdio: ["pipe", "pipe", "pipe"],
      });
      let stderr = "";
      npm.stderr.on("data", (d: Buffer) => {
        stderr += d.toString();
      });
      npm.stdout.resume();
      const npmGone = new Promise((resolve) => npm.on("exit", resolve));
      await waitUntil(() => stderr.includes("cashmob started"), 30_000, "the bot to start");
      const started = JSON.parse(
        stderr.split("\n").find((l) => l.includes("cashmob started")) ?? "{}",
      ) as { pid?: number };
      expect(started.pid).toBeGreaterThan(0);
      expect(processesWith(path)).toContain(started.pid);
      expect(tryLockDatabase(path)).toBeNull();

      // Exactly npm's pid, as a service manager or `kill` does; not the process group.
      process.kill(npm.pid ?? 0, signal);
      await npmGone;
      await waitUntil(() => processesWith(path).length === 0, 10_000, "every process to end");
      // The bot itself shut down (it did not just lose its parent), and freed the database.
      expect(stderr).toContain(`"reason":"${signal}","msg":"shutting down"`);
      const lock = tryLockDatabase(path);
      expect(lock).not.toBeNull();
      lock?.release();
      npm.stdin.end();
    },
    60_000,
  );
});
