import { describe, expect, it } from "vitest";
import { consoleOnHarness } from "../fakes/console-capture.js";

/** A vote on the console, as a newcomer tries it: presses typed with /press. */
const setup = consoleOnHarness("cashmob-console-vote-", { drain: true });

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
