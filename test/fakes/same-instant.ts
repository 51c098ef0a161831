/**
 * Posts as lines, in time order, and those sent at one instant in the lines' own order: the
 * dispatcher delivers the rows due together side by side, so their order is not promised
 * (SQLite's units taking turns keep the claim order; PostgreSQL's run at once and vary).
 */
export function byInstant<T extends { readonly at: number }>(
  sent: readonly T[],
  line: (s: T) => string,
): string[] {
  return sent
    .map((s) => ({ at: s.at, text: line(s) }))
    .sort((a, b) => a.at - b.at || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
    .map((s) => s.text);
}
