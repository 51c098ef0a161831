/**
 * Opens a big database as the bot does at start-up and lists a community's
 * mobs repeatedly; prints one JSON line. Run by bench/scale.ts in a fresh process
 * so start-up time and memory are the bot's own.
 */
import { createCore } from "../src/core.js";
import { systemClock } from "../src/ports/clock.js";
import { silentLogger } from "../src/ports/logger.js";
import { openDatabase } from "../src/storage/database.js";
import { sqliteUnitOfWork } from "../test/support/sqlite-engine.js";
import { organizer, percentile, SETTINGS } from "./common.js";

const [path = "", callsText = "200"] = process.argv.slice(2);
const started = performance.now();
const db = openDatabase(path);
const uow = sqliteUnitOfWork(db);
const core = createCore({ uow, clock: systemClock, logger: silentLogger, settings: SETTINGS });
await core.scheduler.recover();
const startMs = performance.now() - started;
// performance.now() counts from process start: Node, the tsx loader and imports included.
const processReadyMs = performance.now();
// openDatabase's integrity check reads the whole file; time it again to show its share.
const checkStarted = performance.now();
db.pragma("quick_check", { simple: true });
const quickCheckMs = performance.now() - checkStarted;

const community = { id: "-1", name: "Community 1", channelId: "-1" };
const times: number[] = [];
for (let i = 0; i < Number(callsText); i++) {
  const t = performance.now();
  const reply = await core.handler.handle(organizer("telegram", community), { type: "list" });
  times.push(performance.now() - t);
  if (i === 0 && !reply.notice.title.startsWith("Prochains"))
    throw new Error(`unexpected reply ${reply.notice.title}`);
}
times.sort((a, b) => a - b);
await uow.close();
process.stdout.write(
  `${JSON.stringify({
    startMs,
    processReadyMs,
    quickCheckMs,
    listP50Ms: percentile(times, 50),
    listP99Ms: percentile(times, 99),
    rssMb: process.memoryUsage().rss / 2 ** 20,
    // Peak resident set over the whole process (maxRSS is in kB).
    peakRssMb: process.resourceUsage().maxRSS / 2 ** 10,
  })}\n`,
);
