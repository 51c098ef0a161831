import { TELEGRAM_LIMITS } from "../test/fakes/telegram-server.js";
import {
  type BenchCore,
  createMob,
  discordBench,
  fileCore,
  type Measure,
  organizer,
  round,
  telegramBench,
  telegramGroup,
} from "./common.js";
import type { EngineName } from "./engine.js";
import { discordIds, joinAll, startAll } from "./fanout.js";

/**
 * A platform down when a reminder falls due, then back: how fast the DMs it
 * owes go out once the platform answers again. "Down" is the fake stopped:
 * its port refuses connections (ECONNREFUSED, as a host down or restarting
 * does; both adapters take it as transient), and it is started again on the
 * same port holding everything it held, its rate limits on.
 *
 * The product's promise: once one request gets through, the backlog goes out
 * at the platform's rate. So the clock runs from the platform's return; the
 * ceiling is the backlog's requests at the platform's rate, plus one probe:
 * the bot cannot know the platform is back before it tries, and it is allowed
 * PROBE_MS to try again.
 */

const TARGET_RATIO = 1.5;
/** How soon after the platform's return the first request may get through (one probe of a back-off). */
const PROBE_MS = 5_000;
/** How long after the return to wait for the last DM; those still missing then are lost. */
const GIVE_UP_MS = 10 * 60_000;
/** After the last member's DM, how long to keep watching for a second copy. */
const GRACE_MS = 2_000;
const GROUP = -1002;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

interface Outage {
  readonly scenario: string;
  readonly n: number;
  readonly outageMs: number;
  /** The requests the backlog costs, and how many a second the platform allows. */
  readonly requests: number;
  readonly perSecond: number;
  down(): Promise<void>;
  up(): Promise<void>;
  /** How many DMs each member has received. */
  readonly received: readonly (() => number)[];
  /** Requests the platform answered with success so far. */
  succeeded(): number;
  /** Requests the platform answered 429 so far. */
  tooMany(): number;
}

/**
 * Takes the platform down, starts the scheduler (the reminder falls due while
 * it is down: the scheduler tries, fails and backs off), brings the platform
 * back after the outage and measures from then to the last member's DM.
 */
async function measureOutage(c: BenchCore, o: Outage): Promise<Measure[]> {
  const { scenario, n } = o;
  await o.down();
  const downAt = Date.now();
  c.core.scheduler.start();
  await sleep(downAt + o.outageMs - Date.now());
  const atReturn = (await c.store.rowsFor("mob", 1)).filter((r) => r.target === "dm");
  const okBefore = o.succeeded();
  const tooManyBefore = o.tooMany();
  await o.up();
  const backAt = Date.now();
  let firstAt = 0;
  let lastAt = 0;
  while (Date.now() < backAt + GIVE_UP_MS) {
    if (!firstAt && o.succeeded() > okBefore) firstAt = Date.now();
    if (o.received.every((dms) => dms() >= 1)) {
      lastAt = Date.now();
      break;
    }
    await sleep(10);
  }
  await sleep(GRACE_MS);
  await c.core.scheduler.stop();

  const perUser = o.received.map((dms) => dms());
  const once = perUser.filter((k) => k === 1).length;
  const lost = perUser.filter((k) => k === 0).length;
  const twice = perUser.filter((k) => k > 1).length;
  const failed = (await c.store.rowsFor("mob", 1)).filter((r) => r.state === "failed").length;
  const tooMany = o.tooMany() - tooManyBefore;
  const drainCeiling = o.requests / o.perSecond;
  const ceiling = PROBE_MS / 1000 + drainCeiling;
  const total = lastAt ? (lastAt - backAt) / 1000 : Number.NaN;
  const probe = firstAt ? (firstAt - backAt) / 1000 : Number.NaN;
  const drain = lastAt && firstAt ? (lastAt - firstAt) / 1000 : Number.NaN;
  const tried = atReturn.filter((r) => r.attempts > 0);
  const latestRetry = Math.max(
    0,
    ...atReturn.filter((r) => r.state === "pending").map((r) => r.dueAt - backAt),
  );
  const outage =
    `outage ${round(o.outageMs / 1000)} s; at the return ${tried.length} of ${atReturn.length} DM rows ` +
    `had failed (${atReturn.reduce((s, r) => s + r.attempts, 0)} attempts, at most ` +
    `${Math.max(0, ...atReturn.map((r) => r.attempts))} each), the latest retry set ` +
    `${round(latestRetry / 1000)} s after it`;
  const ratio = total / ceiling;
  const drainRatio = drain / drainCeiling;
  return [
    {
      scenario,
      metric: `${n} DMs after the return vs ceiling ${round(ceiling)} s (probe ${PROBE_MS / 1000} s + ${o.requests} requests at ${o.perSecond}/s)`,
      value: round(ratio, 3),
      unit: "× ceiling",
      target: `≤ ${TARGET_RATIO}`,
      pass: ratio <= TARGET_RATIO,
      note: lastAt
        ? `${round(total)} s; ${outage}`
        : `not all in ${GIVE_UP_MS / 1000} s; ${outage}`,
    },
    {
      scenario,
      metric: "return → first request through (the probe)",
      value: round(probe),
      unit: "s",
      target: `≤ ${PROBE_MS / 1000}`,
      pass: probe <= PROBE_MS / 1000,
    },
    {
      scenario,
      metric: `first request through → last DM vs ${round(drainCeiling)} s at the platform's rate`,
      value: round(drainRatio, 3),
      unit: "× ceiling",
      target: `≤ ${TARGET_RATIO}`,
      pass: drainRatio <= TARGET_RATIO,
      note: `${round(drain)} s`,
    },
    {
      scenario,
      metric: "DMs delivered exactly once",
      value: once,
      unit: `of ${n}`,
      target: `= ${n}`,
      pass: once === n,
      note: `${lost} lost, ${twice} twice or more`,
    },
    {
      scenario,
      metric: "rows given up / 429s after the return",
      value: failed,
      unit: "failed",
      target: "= 0",
      pass: failed === 0 && lost === 0,
      note: `${tooMany} × 429 answered`,
    },
  ];
}

/** The port a fake listens on, to start it again where the bot was told it is. */
const portOf = (url: string) => Number(new URL(url).port);

/**
 * `n` members who opened a private chat with the bot join a mob; Telegram is
 * down when the reminder falls due, for `outageMs`, then back.
 */
export async function outageTelegram(
  engine: EngineName,
  n: number,
  outageMs: number,
): Promise<Measure[]> {
  const c = await fileCore(engine);
  const { server, adapter } = await telegramBench({ rateLimits: TELEGRAM_LIMITS });
  const port = portOf(server.apiRoot);
  server.addGroup(GROUP, "Bench group", [1]);
  try {
    c.core.attach(adapter.platform);
    await createMob(c, organizer("telegram", telegramGroup(GROUP, "Bench group")), "in 24h3s");
    const ids = Array.from({ length: n }, (_, i) => 100_000 + i);
    await startAll(c, server, ids);
    return await measureOutage(c, {
      scenario: "outage-telegram",
      n,
      outageMs,
      // The DMs and the reminder in the group, as fanout-telegram counts them.
      requests: n + 1,
      perSecond: TELEGRAM_LIMITS.globalPerSecond,
      down: () => server.stop(),
      up: async () => void (await server.start(port)),
      received: ids.map((id) => () => server.dms(id).length),
      succeeded: () => server.calls.filter((call) => call.status === 200).length,
      tooMany: () => server.rateLimited,
    });
  } finally {
    await adapter.stop();
    await server.stop();
    await c.close();
  }
}

/** The same on Discord: `n` members joined in the channel; Discord down for `outageMs`, then back. */
export async function outageDiscord(
  engine: EngineName,
  n: number,
  outageMs: number,
): Promise<Measure[]> {
  const c = await fileCore(engine);
  const { server, adapter, community } = await discordBench();
  const port = portOf(server.apiUrl);
  try {
    c.core.attach(adapter.platform);
    await createMob(c, organizer("discord", community), "in 24h3s");
    const ids = discordIds(n);
    await joinAll(c, server, ids, community);
    return await measureOutage(c, {
      scenario: "outage-discord",
      n,
      outageMs,
      // Each member costs two requests (open the DM channel, send), plus the channel post.
      requests: 2 * n + 1,
      perSecond: 50,
      down: () => server.stop(),
      up: async () => void (await server.start(port)),
      received: ids.map((id) => () => server.dmMessages(id).length),
      succeeded: () => server.requests.filter((r) => r.status >= 200 && r.status < 300).length,
      tooMany: () => server.requests.filter((r) => r.status === 429).length,
    });
  } finally {
    await adapter.stop();
    await server.stop();
    await c.close();
  }
}
