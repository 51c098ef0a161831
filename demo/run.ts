/**
 * `npm run demo`: one cash mob's whole life played on the console in about a
 * minute, through the real core (use cases, outbox, dispatcher, the console
 * adapter's rendering) on an in-memory SQLite database with the real
 * migrations. The clock jumps from one scheduled post to the next.
 * `--fast` drops the pauses between steps (the test uses it).
 */
import { Readable } from "node:stream";
import { createConsoleAdapter } from "../bots/console/adapter.js";
import { loadConfig } from "../src/config/config.js";
import { createCore } from "../src/core.js";
import { createLogger } from "../src/log/logger.js";
import { coreSettings } from "../src/startup/core-parts.js";
import { openDatabase } from "../src/storage/database.js";
import { SqliteUnitOfWork } from "../src/storage/sqlite/unit-of-work.js";
import { createStage, SteppedClock, teeTo } from "./stage.js";
import { playStory } from "./story.js";

const DAY = 86_400_000;

async function main(): Promise<void> {
  const fast = process.argv.includes("--fast");
  // The documented defaults (24h and 2h reminders, reveal 1h before, 2h mobs,
  // tally 12h after), whatever the environment or a .env says.
  const config = loadConfig({});
  const db = openDatabase(":memory:");
  const uow = new SqliteUnitOfWork(db);
  // Today at noon, UTC; the mob is on the first Saturday at least four days on, at 18:00.
  const today = new Date();
  const noon = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate(), 12);
  let startsAt = noon + 4 * DAY + 6 * 3_600_000;
  while (new Date(startsAt).getUTCDay() !== 6) startsAt += DAY;
  const whenText = new Date(startsAt).toISOString().slice(0, 16).replace("T", " ");
  const clock = new SteppedClock(noon);
  const core = createCore({
    uow,
    clock,
    logger: createLogger({ level: "warn", secrets: [], destination: process.stderr }),
    // No PUBLIC_URL in the demo's empty environment: no web links, no merchant links.
    settings: coreSettings(config, null),
  });
  const tee = teeTo(process.stdout);
  const console = createConsoleAdapter({
    input: Readable.from([]),
    output: tee.stream,
    interactive: false,
    owner: "olga",
    // The tally's card is described, not saved: the demo writes nothing to disk.
    keepFiles: false,
  });
  core.attach(console.platform);
  const stage = createStage(
    {
      core,
      console,
      clock,
      nextDueAt: () => uow.run((tx) => tx.nextDueAt()),
      out: tee.stream,
      pace: fast ? 0 : 1,
      zone: config.defaultTimezone,
    },
    tee.text,
  );
  tee.stream.write(
    "Cashmob demo: one cash mob, from its announcement to its tally.\n" +
      "It runs through the real core and console adapter on an in-memory database\n" +
      "(nothing is written to disk); the clock jumps to each scheduled post.\n",
  );
  await stage.jumpTo(noon, "today", "Nothing is planned yet.");
  await playStory(stage, startsAt, whenText);
  tee.stream.write("\n");
  await uow.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`cashmob demo: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
