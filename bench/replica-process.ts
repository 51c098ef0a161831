/**
 * Bench-only: the bot as operators run it (`npm start` → src/main.ts) as a child process, one
 * per replica, and the CPU time the kernel charged to a process (its /proc/<pid>/stat), so a
 * scenario can say what each press cost the bots and the database server.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const MAIN_ARGS = [
  "--import",
  pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href,
  join(ROOT, "src", "main.ts"),
];
/** Kernel clock ticks per second (USER_HZ): 100 on Linux everywhere that matters. */
const TICKS_PER_SECOND = 100;

export interface Replica {
  readonly child: ChildProcess;
  /** Resolves once its log says "cashmob started"; rejects if it exits first. */
  readonly started: Promise<void>;
  /** Stops it (SIGTERM, then SIGKILL after 10 s) and waits for the exit. */
  stop(): Promise<void>;
}

/**
 * Starts src/main.ts with `env` only (plus PATH and HOME) from an empty folder, so neither a
 * developer's `.env` nor their tokens reach it; LOG_LEVEL info, as the start line is awaited.
 */
export function startReplica(env: Record<string, string>): Replica {
  const cwd = mkdtempSync(join(tmpdir(), "cashmob-replica-"));
  const child = spawn(process.execPath, MAIN_ARGS, {
    cwd,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      LOG_LEVEL: "info",
      LOG_FILE: "-",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let tail = "";
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  const started = new Promise<void>((resolve, reject) => {
    let seen = false;
    const look = (d: Buffer) => {
      tail = (tail + d.toString()).slice(-4_000);
      if (!seen && tail.includes('"cashmob started"')) {
        seen = true;
        resolve();
      }
    };
    child.stdout?.on("data", look);
    child.stderr?.on("data", look);
    void exited.then((code) => {
      if (!seen) reject(new Error(`a replica exited (${code}) before starting:\n${tail}`));
    });
  });
  started.catch(() => undefined);
  return {
    child,
    started,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(cwd, { recursive: true, force: true });
    },
  };
}

/** User plus system CPU time of process `pid` in milliseconds, or 0 once it is gone. */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces: count from after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime are fields 14 and 15, so 12 and 13 after the state (field 3).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** The CPU milliseconds of `pids` together. */
export const cpuOf = (pids: readonly number[]) => pids.reduce((sum, pid) => sum + cpuMs(pid), 0);

/** Each of `pids`' CPU milliseconds now, to subtract with `cpuSince`. */
export const cpuSample = (pids: readonly number[]) => new Map(pids.map((p) => [p, cpuMs(p)]));

/**
 * CPU spent since `before` by its processes still running and by `later` ones (counted from
 * zero); one gone meanwhile is not counted (its last ticks are lost).
 */
export function cpuSince(before: ReadonlyMap<number, number>, later: readonly number[]): number {
  let sum = 0;
  for (const pid of new Set([...before.keys(), ...later])) {
    const now = cpuMs(pid);
    if (now > 0) sum += Math.max(0, now - (before.get(pid) ?? 0));
  }
  return sum;
}
