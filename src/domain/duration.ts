import { fail, ok, type Result } from "./errors.js";

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const PART = /(\d+(?:\.\d+)?)\s*([smhd])/gy;

/**
 * Parses `90s`, `15m`, `2h`, `1d`, or a sum like `1h30m`, into milliseconds.
 * Returns null when the text is not a duration.
 */
export function parseDurationMs(text: string): number | null {
  const input = text.trim().toLowerCase();
  if (input === "") return null;
  PART.lastIndex = 0;
  let total = 0;
  let consumed = 0;
  for (let m = PART.exec(input); m !== null; m = PART.exec(input)) {
    const unit = m[2] as keyof typeof UNIT_MS;
    total += Number(m[1]) * UNIT_MS[unit];
    consumed = PART.lastIndex;
    while (input[consumed] === " ") consumed++;
    PART.lastIndex = consumed;
  }
  if (consumed !== input.length || !Number.isFinite(total)) return null;
  return Math.round(total);
}

/** Renders milliseconds back in the same notation, largest units first (`1h30m`). */
export function formatDuration(ms: number): string {
  let rest = Math.max(0, Math.round(ms / 1000)) * 1000;
  let out = "";
  for (const [unit, size] of [
    ["d", UNIT_MS.d],
    ["h", UNIT_MS.h],
    ["m", UNIT_MS.m],
    ["s", UNIT_MS.s],
  ] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  return out || "0s";
}

export const MIN_MOB_DURATION_MS = 15 * UNIT_MS.m;
export const MAX_MOB_DURATION_MS = 2 * UNIT_MS.d;

/** A mob's length: between 15 minutes and 2 days. */
export function parseMobDuration(text: string): Result<number> {
  const ms = parseDurationMs(text);
  if (ms === null || ms < MIN_MOB_DURATION_MS || ms > MAX_MOB_DURATION_MS) {
    return fail("DURATION_INVALID", "duration");
  }
  return ok(ms);
}
