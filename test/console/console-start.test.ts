import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MAIN_ARGS, waitUntil } from "../e2e/bot-process.js";

/**
 * A newcomer's first `npm start`: `cp .env.example .env`, no token. The
 * console says once where its logs go and where the web pages are, and the
 * conversation is not interleaved with JSON log lines.
 */
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "cashmob-console-start-"));
  copyFileSync(join(process.cwd(), ".env.example"), join(dir, ".env"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === "object" && address ? address.port : 0;
}

function start(env: Record<string, string>, input: string) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) =>
        !["DISCORD_TOKEN", "TELEGRAM_BOT_TOKEN", "LOG_LEVEL", "DATABASE_PATH", "LOG_FILE"].includes(
          k,
        ),
    ),
  );
  const child = spawn(process.execPath, MAIN_ARGS, {
    cwd: dir,
    env: { ...clean, ...env },
    stdio: "pipe",
  });
  const out = { stdout: "", stderr: "" };
  child.stdout.on("data", (d: Buffer) => {
    out.stdout += d.toString();
  });
  child.stderr.on("data", (d: Buffer) => {
    out.stderr += d.toString();
  });
  child.stdin.end(input);
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  return { out, exited };
}

describe("npm start on the console after cp .env.example .env", () => {
  it("says where logs and pages are, once, and keeps log lines out of the conversation", async () => {
    const port = await freePort();
    const { out, exited } = start({ HTTP_PORT: String(port) }, "/newmob Chez Tom | in 2d\n/mobs\n");
    expect(await exited).toBe(0);
    const log = join(dir, "data", "cashmob.log");
    expect(out.stdout.split("\n").slice(0, 2)).toEqual([
      `(Logs go to ${log} (LOG_FILE=- shows them here).)`,
      `(Web pages are served at http://127.0.0.1:${port} (HTTP_PORT=off turns them off).)`,
    ]);
    expect(out.stdout).toContain("Mob #1 is announced.");
    expect(out.stdout).not.toContain('{"level"');
    expect(out.stderr).toBe("");
    // .env.example's LOG_LEVEL=info: the start-up lines are in the file.
    const lines = readFileSync(log, "utf8").trim().split("\n");
    expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(
      expect.arrayContaining([`web pages served at http://127.0.0.1:${port}`, "cashmob started"]),
    );
  }, 30_000);

  it("LOG_FILE=- puts the log lines back on stderr, and LOG_FILE=<path> in that file", async () => {
    const first = start({ HTTP_PORT: "off", LOG_FILE: "-" }, "/mobs\n");
    expect(await first.exited).toBe(0);
    expect(first.out.stdout).not.toContain("Logs go to");
    expect(first.out.stderr).toContain('"msg":"cashmob started"');

    const path = join(dir, "elsewhere", "bot.log");
    const second = start({ HTTP_PORT: "off", LOG_FILE: path }, "/mobs\n");
    expect(await second.exited).toBe(0);
    expect(second.out.stdout).toContain(`(Logs go to ${path} (LOG_FILE=- shows them here).)`);
    await waitUntil(() => readFileSync(path, "utf8").includes("cashmob started"), 5_000, "log");
  }, 30_000);

  it("a log file it cannot write stops start-up with one sentence", async () => {
    const { out, exited } = start(
      { HTTP_PORT: "off", LOG_FILE: join(dir, ".env", "bot.log") },
      "/mobs\n",
    );
    expect(await exited).toBe(1);
    expect(out.stderr.trim()).toBe(
      `cashmob: cannot write the log file ${join(dir, ".env", "bot.log")} (EEXIST); set LOG_FILE to another file, or to - for the terminal.`,
    );
  }, 30_000);
});
