import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { type ConsoleAdapter, createConsoleAdapter } from "../../bots/console/adapter.js";
import { type Harness, makeHarness } from "../fakes/core-harness.js";

/** A vote on the console, as a newcomer tries it: presses typed with /press. */
let dir: string;
let h: Harness | undefined;
let adapter: ConsoleAdapter | undefined;
afterEach(() => {
  adapter?.stop();
  h?.close();
  rmSync(dir, { recursive: true, force: true });
  h = adapter = undefined;
});

function setup() {
  dir = mkdtempSync(join(tmpdir(), "cashmob-console-vote-"));
  const output = new PassThrough();
  let text = "";
  output.on("data", (d: Buffer) => {
    text += d.toString();
  });
  const made = createConsoleAdapter({
    input: new PassThrough(),
    output,
    interactive: false,
    filesDir: join(dir, "files"),
  });
  adapter = made;
  const harness = makeHarness({ platforms: [made.platform] });
  h = harness;
  return {
    run: async (line: string, as?: string) => {
      const before = text.length;
      await made.exec(harness.core.handler, line, as);
      await harness.drain();
      return text.slice(before).trim();
    },
  };
}

describe("console: a vote", () => {
  it("/press for an option the vote never had says so; after /closevote the post keeps the winner", async () => {
    const { run } = setup();
    await run("/nominate Librairie du Parc", "ann");
    await run("/nominate Fromagerie", "bob");
    expect(await run("/vote 2026-12-12 18:00", "you")).toContain("Vote #1 is open");
    expect(await run("/press vote:1:9", "ann")).toBe(
      "! That is not one of vote #1's shops; pick one on the vote post.",
    );
    await run("/press vote:1:2", "ann");
    const closed = await run("/closevote 1", "you");
    expect(closed).toContain("2. Fromagerie: 1 vote ✓ chosen");
    expect(closed).toContain("1. Librairie du Parc: 0 votes");
  });
});
