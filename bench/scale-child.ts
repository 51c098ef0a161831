/**
 * Opens a big database as the bot does at start-up and lists a community's
 * mobs repeatedly; prints one JSON line. Run by bench/scale.ts in a fresh process
 * so start-up time and memory are the bot's own. Arguments: the place (JSON, see
 * bench/engine.ts) and the number of lists.
 */
import Database from "better-sqlite3";
import { coreAt, organizer, percentile } from "./common.js";
import type { Place } from "./engine.js";

const [where = "{}", callsText = "200"] = process.argv.slice(2);
const place = JSON.parse(where) as Place;
const started = performance.now();
const { core, uow } = await coreAt(place);
await core.scheduler.recover();
const startMs = performance.now() - started;
// performance.now() counts from process start: Node, the tsx loader and imports included.
const processReadyMs = performance.now();
// SQLite: openDatabase's integrity check reads the whole file; time it again to show its share.
let quickCheckMs = Number.NaN;
if (place.engine === "sqlite") {
  const db = new Database(place.databasePath, { readonly: true });
  const checkStarted = performance.now();
  db.pragma("quick_check", { simple: true });
  quickCheckMs = performance.now() - checkStarted;
  db.close();
}

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
