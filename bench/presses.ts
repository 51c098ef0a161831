import type { FakeTelegram } from "../test/fakes/telegram-server.js";
import {
  type BenchCore,
  createMob,
  fileCore,
  organizer,
  telegramBench,
  telegramGroup,
} from "./common.js";
import type { EngineName } from "./engine.js";

/** A press bench: the core with its scheduler running, the Telegram adapter polling the fake. */
export interface PressBench {
  readonly c: BenchCore;
  readonly server: FakeTelegram;
  /** When each callback answer reached the fake, by callback id. */
  readonly answeredAt: ReadonlyMap<string, number>;
  /** The organizer creates a mob in Telegram group `group` (one of the bench's groups). */
  createIn(group: number, when: string, shop?: string): Promise<void>;
}

/**
 * Runs `run` on the real core and Telegram adapter (long polling) against a fake
 * Telegram with `options`, its `groups` added, then stops everything.
 */
export async function withPressBench<T>(
  engine: EngineName,
  options: ConstructorParameters<typeof FakeTelegram>[0],
  groups: ReadonlyMap<number, string>,
  run: (bench: PressBench) => Promise<T>,
): Promise<T> {
  const c = await fileCore(engine);
  const { server, adapter } = await telegramBench(options);
  for (const [id, name] of groups) server.addGroup(id, name, [1]);
  const answeredAt = answerTimes(server);
  const createIn = (group: number, when: string, shop?: string) => {
    const community = telegramGroup(group, groups.get(group) ?? "");
    return createMob(c, organizer("telegram", community), when, shop);
  };
  try {
    c.core.attach(adapter.platform);
    await adapter.start(c.core.handler);
    c.core.scheduler.start();
    return await run({ c, server, answeredAt, createIn });
  } finally {
    await adapter.stop();
    await c.core.scheduler.stop();
    await server.stop();
    await c.close();
  }
}

/** When each callback answer reaches the fake Telegram, by callback id (a bench-only hook). */
function answerTimes(server: FakeTelegram): Map<string, number> {
  const answeredAt = new Map<string, number>();
  const answers = server.callbackAnswers;
  answers.push = (...items) => {
    const now = performance.now();
    for (const item of items) answeredAt.set(item.id, now);
    return Array.prototype.push.apply(answers, items);
  };
  return answeredAt;
}

/** Milliseconds from each press (by callback id) to its answer, sorted. */
export const pressLatencies = (
  pressedAt: ReadonlyMap<string, number>,
  answeredAt: ReadonlyMap<string, number>,
) =>
  [...pressedAt].map(([id, at]) => (answeredAt.get(id) ?? Number.NaN) - at).sort((a, b) => a - b);
