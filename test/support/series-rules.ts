import fc from "fast-check";
import type { Ordinal, SeriesRule, Weekday } from "../../src/domain/series-rule.js";

/**
 * Any series rule, for property tests: every 1 to `maxWeeks` weeks on a weekday, or monthly on
 * the first to fourth or last weekday, at any hour and at a minute drawn from `minute` (any).
 */
export function seriesRules(options: {
  readonly maxWeeks: number;
  readonly minute?: fc.Arbitrary<number>;
}): fc.Arbitrary<SeriesRule> {
  const weekday = fc.integer({ min: 1, max: 7 }) as fc.Arbitrary<Weekday>;
  const time = fc.record({
    hour: fc.integer({ min: 0, max: 23 }),
    minute: options.minute ?? fc.integer({ min: 0, max: 59 }),
  });
  return fc.oneof(
    fc.record({
      kind: fc.constant("weekly" as const),
      weeks: fc.integer({ min: 1, max: options.maxWeeks }),
      weekday,
      time,
    }),
    fc.record({
      kind: fc.constant("monthly" as const),
      ordinal: fc.constantFrom<Ordinal>(1, 2, 3, 4, "last"),
      weekday,
      time,
    }),
  );
}
