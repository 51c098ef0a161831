import { TELEGRAM_LIMITS } from "../test/fakes/telegram-server.js";
import { type Measure, percentile, round, until } from "./common.js";
import type { EngineName } from "./engine.js";
import { pressLatencies, withPressBench } from "./presses.js";

const BUSY = -3000;
const OTHERS = [-3001, -3002, -3003, -3004, -3005];
const GROUPS = new Map([BUSY, ...OTHERS].map((g) => [g, `Group ${g}`]));
/** Members typing `/mob 1` in the busy group at once: each answer carries the mob's buttons, so none merges. */
const BURST = 30;

/**
 * One Telegram group saturated (a burst of `/mob 1`, each answer one of its
 * 20 messages a minute) while members press Join in five other
 * groups at `rate`/s for `seconds`, and people open a private chat once a
 * second: press reaching Telegram → the bot's answer, /start → the welcome,
 * and how long the busy group's own answers took, with Telegram's limits on.
 */
export async function busyGroup(
  engine: EngineName,
  seconds: number,
  rate: number,
): Promise<Measure[]> {
  return withPressBench(
    engine,
    { rateLimits: TELEGRAM_LIMITS, maxPollMs: 1_000 },
    GROUPS,
    async ({ server, answeredAt, createIn }) => {
      for (const group of GROUPS.keys()) await createIn(group, "in 2d", `Shop ${group}`);
      const groups = [BUSY, ...OTHERS];
      await until(
        () => groups.every((g) => server.chatMessages(g).length > 0),
        30_000,
        "the calls-to-action",
      );
      const ctas = groups.map((g) => server.chatMessages(g));
      const busyBefore = server.chatMessages(BUSY).length;

      const burstAt = performance.now();
      for (let i = 0; i < BURST; i++) server.type(500_000 + i, BUSY, "/mob 1");
      // Presses elsewhere, in 10 ms slices, and a private /start each second.
      const pressedAt = new Map<string, number>();
      const startedAt = new Map<number, number>();
      const welcomedAt = new Map<number, number>();
      const watch = setInterval(() => {
        for (const who of startedAt.keys())
          if (!welcomedAt.has(who) && server.dms(who).length > 0)
            welcomedAt.set(who, performance.now());
      }, 5);
      const total = seconds * rate;
      let pressed = 0;
      let nextCallback = 1;
      while (pressed < total) {
        const elapsed = (performance.now() - burstAt) / 1000;
        const due = Math.min(total, Math.floor(elapsed * rate));
        for (; pressed < due; pressed++) {
          const g = pressed % OTHERS.length;
          const cta = ctas[g + 1]?.[0];
          if (!cta) throw new Error("no call-to-action");
          pressedAt.set(String(nextCallback++), performance.now());
          server.press(600_000 + pressed, cta, `mob:${g + 2}:join`);
        }
        if (startedAt.size < Math.floor(elapsed)) {
          const who = 700_000 + startedAt.size;
          startedAt.set(who, performance.now());
          server.startPrivate(who);
        }
        await new Promise((r) => setTimeout(r, 10));
      }
      const busySentWhilePressing = server.chatMessages(BUSY).length - busyBefore;
      await until(() => answeredAt.size >= total, 600_000, "every press answered");
      await until(() => welcomedAt.size >= startedAt.size, 600_000, "every welcome");
      clearInterval(watch);
      const welcomes = [...startedAt]
        .map(([who, at]) => (welcomedAt.get(who) ?? Number.NaN) - at)
        .sort((a, b) => a - b);
      await until(
        () => server.chatMessages(BUSY).length - busyBefore >= BURST,
        600_000,
        "the busy group's answers",
      );
      const busySeconds = (performance.now() - burstAt) / 1000;
      const latencies = pressLatencies(pressedAt, answeredAt);
      const p50 = percentile(latencies, 50);
      const p99 = percentile(latencies, 99);
      return [
        {
          scenario: "busy-group",
          metric: `${total} presses in 5 other groups while one group is saturated: p50 press → answer`,
          value: round(p50),
          unit: "ms",
        },
        {
          scenario: "busy-group",
          metric: "p99 press → answer",
          value: round(p99),
          unit: "ms",
          target: "< 1000",
          pass: p99 < 1_000,
        },
        {
          scenario: "busy-group",
          metric: `${welcomes.length} private /start meanwhile: p99 → the welcome`,
          value: round(percentile(welcomes, 99)),
          unit: "ms",
          note: `p50 ${round(percentile(welcomes, 50))} ms`,
        },
        {
          scenario: "busy-group",
          metric: `busy group: ${BURST} answers (its budget: 20 a minute)`,
          value: round(busySeconds),
          unit: "s",
          note: `${busySentWhilePressing} sent while the presses ran; ${server.rateLimited} × 429 (each waited out)`,
        },
      ];
    },
  );
}
