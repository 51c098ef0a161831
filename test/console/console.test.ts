import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MAIN_ARGS } from "../e2e/bot-process.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "cashmob-console-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** `npm start` without a token, as a subprocess: the console adapter on piped stdin. */
function startBot(env: Record<string, string> = {}): ChildProcessWithoutNullStreams {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !["DISCORD_TOKEN", "TELEGRAM_BOT_TOKEN", "LOG_LEVEL"].includes(k),
    ),
  );
  // In the test's own folder: a developer's .env in the checkout must not reach the bot.
  return spawn(process.execPath, MAIN_ARGS, {
    cwd: dir,
    env: { ...clean, DATABASE_PATH: join(dir, "bot.db"), HTTP_PORT: "off", ...env },
    stdio: "pipe",
  });
}

function collect(child: ChildProcessWithoutNullStreams) {
  const out = { stdout: "", stderr: "" };
  child.stdout.on("data", (d: Buffer) => {
    out.stdout += d.toString();
  });
  child.stderr.on("data", (d: Buffer) => {
    out.stderr += d.toString();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on("close", (code) => resolve(code)),
  );
  return { out, exited };
}

async function waitFor(read: () => string, text: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!read().includes(text)) {
    if (Date.now() > until) throw new Error(`timed out waiting for "${text}" in:\n${read()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("the console adapter, scripted through stdin", () => {
  it("runs the commands in order, prints the mob list and exits at the end of input", async () => {
    const child = startBot();
    const { out, exited } = collect(child);
    child.stdin.end(
      [
        "/newmob Librairie du Parc | in 3d | 15 | 3 rue des Lilas",
        "/mobs",
        "/as alice",
        "/join 1",
        "/join 1",
        "/spent 1 -5",
        "/confirm 1",
        "hello",
        "/mob 1",
        "",
      ].join("\n"),
    );
    expect(await exited).toBe(0);
    const lines = out.stdout;
    expect(lines).toMatch(/Upcoming cash mobs\n {2}#1 Librairie du Parc · .* · 0 going · 0 maybe/);
    for (const shown of [
      "Mob #1 is announced.",
      "Check-in code for mob #1",
      "(now acting as alice)",
      "You're in! See you at Librairie du Parc.",
      "You're already going.",
      "! The amount must be more than zero.",
      "! Only organizers can do that",
      "! Commands start with /, like /mobs; /help lists them.",
      "1 going · 0 maybe",
    ])
      expect(lines).toContain(shown);
    // The call-to-action went out to the channel before the process left.
    expect(lines).toContain("── #local ──\nCash mob: Librairie du Parc");
    expect(out.stderr).toBe("");
  });

  it("prints scheduled posts as they fall due while the input stays open", async () => {
    const child = startBot({ REMINDER_OFFSETS: "2s", TALLY_DELAY: "1s" });
    const { out, exited } = collect(child);
    child.stdin.write("/newmob Chez Tom | in 3s | 10\n/join 1\n");
    await waitFor(() => out.stdout, "Reminder: cash mob at Chez Tom");
    await waitFor(() => out.stdout, "── DM to you ──\nReminder: cash mob at Chez Tom");
    await waitFor(() => out.stdout, "We're on: cash mob at Chez Tom!");
    child.stdin.end();
    expect(await exited).toBe(0);
  }, 30_000);

  it("refuses a bad environment variable with one sentence naming it, and exits non-zero", async () => {
    const child = startBot({ REMINDER_OFFSETS: "soon" });
    const { out, exited } = collect(child);
    child.stdin.end();
    expect(await exited).toBe(1);
    expect(out.stderr.trim()).toBe(
      'cashmob: REMINDER_OFFSETS must be a comma list of durations like 24h,2h (got "soon").',
    );
  });
});
