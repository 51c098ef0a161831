import { type Measure, percentile, round, until } from "./common.js";
import type { EngineName } from "./engine.js";
import { pressLatencies, withPressBench } from "./presses.js";
import { countStatements } from "./statements.js";

const GROUP = -2002;

/**
 * Button presses from distinct users on one call-to-action, through the real
 * Telegram adapter (long polling) and core: first a burst of `n` at once for
 * throughput, then a steady stream at `rate`/s for latency from a press's
 * arrival at Telegram to the bot's answer. Also counts the post's edits.
 */
export async function rsvp(engine: EngineName, n: number, rate: number): Promise<Measure[]> {
  return withPressBench(
    engine,
    { maxPollMs: 1_000 },
    new Map([[GROUP, "Bench group"]]),
    async ({ server, answeredAt, createIn }) => {
      // Answers to presses are not paced by Telegram; the edits are spaced by the core.
      await createIn(GROUP, "in 2d");
      await until(() => server.chatMessages(GROUP).length > 0, 10_000, "the call-to-action");
      const cta = server.chatMessages(GROUP)[0];
      if (!cta) throw new Error("no call-to-action");

      // Burst: everyone at once.
      const burstStart = performance.now();
      const statements = countStatements();
      for (let i = 0; i < n; i++) server.press(1_000_000 + i, cta, "mob:1:join");
      await until(() => answeredAt.size >= n, 120_000, "the burst's answers");
      const burstSeconds = (performance.now() - burstStart) / 1000;
      const perPress = statements() / n;
      const perSecond = n / burstSeconds;
      // Callback ids are numbered from 1 in press order, so the burst is ids 1..n.
      const queued = Array.from(
        { length: n },
        (_, i) => (answeredAt.get(String(i + 1)) ?? Number.NaN) - burstStart,
      ).sort((a, b) => a - b);

      // Steady stream: `rate` presses a second, in 10 ms slices.
      const pressedAt = new Map<string, number>();
      const first = server.callbackAnswers.length + 1;
      const steadyStart = performance.now();
      let sent = 0;
      while (sent < n) {
        const due = Math.min(n, Math.floor(((performance.now() - steadyStart) / 1000) * rate));
        for (; sent < due; sent++) {
          pressedAt.set(String(first + sent), performance.now());
          server.press(2_000_000 + sent, cta, "mob:1:maybe");
        }
        await new Promise((r) => setTimeout(r, 10));
      }
      await until(() => answeredAt.size >= 2 * n, 120_000, "the stream's answers");
      const latencies = pressLatencies(pressedAt, answeredAt);
      // Let the last coalesced edit go out, then count them.
      await new Promise((r) => setTimeout(r, 4_000));
      const edits = cta.edits;
      const spanSeconds = (performance.now() - burstStart) / 1000;
      const p99 = percentile(latencies, 99);
      return [
        {
          scenario: "rsvp",
          metric: `burst of ${n} presses: handled`,
          value: round(perSecond, 0),
          unit: "/s",
          target: "> 1000",
          pass: perSecond > 1_000,
          note: "adapter throttle on (the default); answers are not paced, only sends",
        },
        {
          scenario: "rsvp",
          metric: "burst: SQL statements per press",
          value: round(perPress),
          unit: "statements",
          note: "every statement the process sent during the burst over the presses: BEGIN/COMMIT, the edits' outbox rows and the scheduler's polls included",
        },
        {
          scenario: "rsvp",
          metric: "burst: p99 press → answer",
          value: round(percentile(queued, 99)),
          unit: "ms",
          note: `all ${n} pressed at the same instant: queueing, so no target`,
        },
        {
          scenario: "rsvp",
          metric: `steady ${rate}/s: p50 press → answer`,
          value: round(percentile(latencies, 50)),
          unit: "ms",
        },
        {
          scenario: "rsvp",
          metric: "p99 press → answer",
          value: round(p99),
          unit: "ms",
          target: "< 50",
          pass: p99 < 50,
        },
        {
          scenario: "rsvp",
          metric: `call-to-action edits for ${2 * n} presses`,
          value: edits,
          unit: "edits",
          target: "≤ 1 per 3 s",
          pass: edits <= Math.ceil(spanSeconds / 3) + 1,
          note: `over ${round(spanSeconds)} s`,
        },
      ];
    },
  );
}
