import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

let dir: string;
/** The demo's own temporary folder (TMPDIR), to see what it leaves there. */
let temp: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "cashmob-demo-"));
  temp = mkdtempSync(join(tmpdir(), "cashmob-demo-tmp-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(temp, { recursive: true, force: true });
});

/** `npm run demo -- --fast`, from an empty folder; resolves with its exit code and output. */
function runDemo(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["--import", TSX, join(ROOT, "demo", "run.ts"), "--fast"], {
    cwd: dir,
    env: { ...process.env, TMPDIR: temp },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((done) => child.on("close", (code) => done({ code, stdout, stderr })));
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe("npm run demo", () => {
  it("plays one mob's whole timeline, each stage once and in order, and writes nothing to disk", async () => {
    const { code, stdout, stderr } = await runDemo();
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const stages = [
      "── #local ──\nCash mob: a secret shop",
      "── #local ──\nReminder: cash mob at a secret shop\n  Starts in 24 hours.",
      "── #local ──\nReminder: cash mob at a secret shop\n  Starts in 2 hours.",
      "── #local ──\nThe secret shop is revealed!",
      "── #local ──\nWe're on: cash mob at Librairie du Parc!",
      "── #local ──\nThanks for mobbing Librairie du Parc!",
      "── #local ──\nTally: cash mob at Librairie du Parc",
    ];
    for (const stage of stages) expect(count(stdout, stage), stage).toBe(1);
    const at = stages.map((stage) => stdout.indexOf(stage));
    expect(at).toEqual([...at].sort((a, b) => a - b));

    // Members join from a button and from a command; the post shows the counts.
    expect(stdout).toContain("alice> /press mob:1:join\nYou're in!");
    expect(stdout).toContain("bob> /join 1 25\nYou're in!");
    expect(stdout).toContain("── #local (message 1 updated) ──");
    // Reminders by DM (the maybe gets the first only), the reveal by DM, the spend question by DM.
    expect(count(stdout, "── DM to alice ──\nReminder: cash mob at a secret shop")).toBe(2);
    expect(count(stdout, "── DM to chloe ──\nReminder: cash mob at a secret shop")).toBe(1);
    expect(count(stdout, "── DM to bob ──\nThe secret shop is revealed!")).toBe(1);
    expect(count(stdout, "── DM to alice ──\nThanks for mobbing Librairie du Parc!")).toBe(1);
    // Check-in with the organizer's code, spends by button and by command, then the sums.
    expect(count(stdout, "Checked in at Librairie du Parc.")).toBe(2);
    expect(stdout).toContain("alice> /press mob:1:spent:2300\nThanks! €23.00 recorded.");
    expect(stdout).toContain("bob> /spent 1 32.50\nThanks! €32.50 recorded.");
    expect(stdout).toContain(
      "  Going: 2\n  Came: 2\n  Spent: €55.50 by 2 people\n  Average: €27.75",
    );
    expect(stdout).not.toMatch(/^! /m);
    // The tally's card is described, not saved: nothing in the folder, nothing in the temporary one
    // (tsx, which runs the demo, keeps its own compile cache there).
    expect(stdout).toMatch(/\(picture: card\.png, \d+ KB, not kept\)/);
    expect(readdirSync(dir)).toEqual([]);
    expect(readdirSync(temp).filter((name) => !name.startsWith("tsx-"))).toEqual([]);
  });
});
