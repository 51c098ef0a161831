import { CONSOLE_CAPABILITIES } from "../bots/console/adapter.js";
import type { ChannelAddress, DeliveryResult, Platform } from "../src/ports/platform.js";
import { fileCore, type Measure, organizer, percentile, round } from "./common.js";
import type { EngineName } from "./engine.js";
import { countStatements } from "./statements.js";

/** A platform with no rate limit that notes when each post arrives. */
function instantPlatform(arrivals: Map<string, number>): Platform {
  let next = 1;
  return {
    name: "console",
    // Posts only: nothing is edited or sent privately.
    capabilities: { ...CONSOLE_CAPABILITIES, canEdit: false, canDm: false },
    async publish(_channel: ChannelAddress, _notice, options): Promise<DeliveryResult> {
      arrivals.set(options.idempotencyKey, Date.now());
      return { ok: true, ref: String(next++) };
    },
  };
}

/**
 * `n` posts falling due within `windowMs` of real time: the real scheduler loop
 * on the engine asked for sends them to a platform with no limit. Lateness is arrival
 * minus due time.
 */
export async function lateness(
  engine: EngineName,
  n: number,
  windowMs: number,
): Promise<Measure[]> {
  const arrivals = new Map<string, number>();
  const c = await fileCore(engine);
  try {
    c.core.attach(instantPlatform(arrivals));
    const community = { id: "bench", name: "Bench", channelId: "bench" };
    await c.core.handler.handle(organizer("console", community), {
      type: "create",
      shop: "Cave",
      when: "in 2d",
    });
    const start = Date.now() + 2_000;
    const due = new Map<string, number>();
    // Posts straight to the community's one chat: lateness is the scheduler's, not a fan-out's.
    const chatId = (await c.store.chatsOf(1))[0]?.id ?? 0;
    const rows = Array.from({ length: n }, (_, i) => {
      const dueAt = start + Math.floor((i * windowMs) / n);
      const key = `bench:start:${i}`;
      due.set(key, dueAt);
      return {
        key,
        communityId: 1,
        subject: "mob" as const,
        subjectId: 1,
        kind: "start",
        target: "chat" as const,
        chatId,
        dueAt,
      };
    });
    await c.uow.run((tx) => tx.enqueue(rows, Date.now()));
    const statements = countStatements();
    c.core.scheduler.start();
    const deadline = start + windowMs + 30_000;
    while (arrivals.size < n + 1 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    await c.core.scheduler.stop();
    const perPost = statements() / n;
    const late = [...due]
      .map(([key, at]) => (arrivals.get(key) ?? Number.POSITIVE_INFINITY) - at)
      .sort((a, b) => a - b);
    const p50 = percentile(late, 50);
    const p99 = percentile(late, 99);
    const max = late.at(-1) ?? Number.NaN;
    const seconds = round(windowMs / 1000, 0);
    return [
      {
        scenario: "lateness",
        metric: `${n} posts due within ${seconds} s: p50`,
        value: round(p50),
        unit: "ms",
      },
      {
        scenario: "lateness",
        metric: "p99",
        value: round(p99),
        unit: "ms",
        target: "< 250",
        pass: p99 < 250,
      },
      {
        scenario: "lateness",
        metric: "max",
        value: round(max),
        unit: "ms",
        target: "< 1000",
        pass: max < 1_000,
      },
      {
        scenario: "lateness",
        metric: "SQL statements per post",
        value: round(perPost),
        unit: "statements",
        note: "claims, binding, recording and the loop's polls, BEGIN/COMMIT included",
      },
    ];
  } finally {
    await c.close();
  }
}
