import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { expect } from "vitest";
import { outputOf } from "../support/child-output.js";
import { nothingDueNow } from "./outbox.js";

/** The bot as users run it (`npm start` → src/main.ts), as a child process with its own environment. */
export interface BotProcess {
  readonly child: ChildProcess;
  readonly output: { stdout: string; stderr: string };
  readonly exited: Promise<number | null>;
}

const INHERITED_SECRETS = ["DISCORD_TOKEN", "TELEGRAM_BOT_TOKEN", "LOG_LEVEL", "DISCORD_GUILD_ID"];

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/**
 * `npm start`'s entry point (tsx + src/main.ts) by absolute paths, so the bot
 * can run from any folder: one without a `.env`, or one a test wrote.
 */
export const MAIN_ARGS: readonly string[] = [
  "--import",
  pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href,
  join(ROOT, "src", "main.ts"),
];

let emptyDir: string | null = null;
/** A folder with nothing in it: a developer's `.env` in the checkout must not reach the tests. */
export function cleanCwd(): string {
  if (emptyDir === null) {
    const dir = mkdtempSync(join(tmpdir(), "cashmob-cwd-"));
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
    emptyDir = dir;
  }
  return emptyDir;
}

/** Starts the bot with `env` (and command-line `args`), from `cwd` (an empty folder by default). */
export function startBot(
  env: Record<string, string>,
  {
    args = [],
    cwd = cleanCwd(),
  }: { readonly args?: readonly string[]; readonly cwd?: string } = {},
): BotProcess {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !INHERITED_SECRETS.includes(k)),
  );
  const child = spawn(process.execPath, [...MAIN_ARGS, ...args], {
    cwd,
    // No web server unless a test asks for one: parallel bots would fight over port 8080.
    env: { ...base, HTTP_PORT: "off", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = outputOf(child);
  const exited = new Promise<number | null>((resolve) =>
    child.on("close", (code) => resolve(code)),
  );
  return { child, output, exited };
}

export async function waitUntil(
  check: () => boolean,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A seeded pseudo-random generator, so a failing run can be replayed. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Starts the bot and SIGKILLs it `kills` times, each time once `progress()`
 * has moved a random share of what is left, then restarts it for good.
 * Returns the progress at each kill and the last, still running, bot.
 */
export interface KillOptions {
  env: Record<string, string>;
  progress: () => number;
  total: number;
  kills: number;
  seed: number;
  /** Largest share of the remaining work to let through before a kill. */
  share: number;
  /** Runs after each kill, once the process is gone, before the next start. */
  afterKill?: () => Promise<void>;
}

export async function killRepeatedly(
  options: KillOptions,
): Promise<{ killedAt: number[]; survivor: BotProcess }> {
  const random = seeded(options.seed);
  const killedAt: number[] = [];
  while (killedAt.length < options.kills) {
    const bot = startBot(options.env);
    const before = options.progress();
    const target =
      before + Math.max(1, Math.floor(random() * (options.total - before) * options.share));
    await waitUntil(
      () => options.progress() >= target || bot.child.exitCode !== null,
      60_000,
      "progress",
    );
    bot.child.kill("SIGKILL");
    await bot.exited;
    await options.afterKill?.();
    killedAt.push(options.progress());
  }
  return { killedAt, survivor: startBot(options.env) };
}

/**
 * killRepeatedly on the database at `path`, then what makes the run mean something: at least
 * three kills landed inside the work (not before or after it), all of it gets done within
 * `doneWithinMs`, nothing due now is left queued (a repeat still to come would be such a row),
 * and the last bot stops cleanly on SIGTERM. Returns the progress at each kill.
 */
export async function crashThrough(
  path: string,
  options: KillOptions & { doneWithinMs: number },
): Promise<number[]> {
  const { killedAt, survivor } = await killRepeatedly(options);
  expect(killedAt.filter((n) => n > 0 && n < options.total).length).toBeGreaterThanOrEqual(3);
  await waitUntil(() => options.progress() >= options.total, options.doneWithinMs, "all the work");
  await waitUntil(() => nothingDueNow(path), 60_000, "an empty queue");
  survivor.child.kill("SIGTERM");
  expect(await survivor.exited).toBe(0);
  return killedAt;
}

/** Kills (SIGKILL) each of `bots` still running and waits for all to exit; empties the list. */
export async function killAll(bots: BotProcess[]): Promise<void> {
  for (const bot of bots.splice(0)) {
    if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill("SIGKILL");
    await bot.exited;
  }
}
