import { outboxKey } from "./codecs/outbox-key.js";
import { endsAt, type Mob } from "./mob.js";
import { revealAt } from "./reveal.js";

/** The notices a mob is owed on its timeline (DESIGN.md, "Life of a mob"). */
export type TimelineKind = "reminder" | "reveal" | "start" | "spend_question" | "tally";

export interface TimelineSettings {
  /** Before the start, largest first (24h, 2h). */
  readonly reminderOffsetsMs: readonly number[];
  readonly revealBeforeMs: number;
  readonly tallyDelayMs: number;
}

export interface PlannedNotice {
  readonly kind: TimelineKind;
  readonly dueAt: number;
  /** Stable idempotency key: the same mob at the same start yields the same keys. */
  readonly key: string;
  /** For reminders: which offset, and whether `maybe` participants get it. */
  readonly offsetMs?: number;
  readonly includeMaybe?: boolean;
}

/**
 * A mob → the notices it is owed and when. Reminders already past at `now`
 * (a mob announced 3 h ahead has no 24 h reminder) are left out; a reveal
 * that is already due happens now.
 */
export function planTimeline(
  mob: Pick<Mob, "id" | "startsAt" | "durationMs" | "secret">,
  settings: TimelineSettings,
  now: number,
): PlannedNotice[] {
  const plan: PlannedNotice[] = [];
  const offsets = [...new Set(settings.reminderOffsetsMs)].sort((a, b) => b - a);
  offsets.forEach((offsetMs, index) => {
    const dueAt = mob.startsAt - offsetMs;
    if (dueAt > now) {
      plan.push({
        kind: "reminder",
        dueAt,
        key: outboxKey.timeline(mob, "reminder", offsetMs),
        offsetMs,
        includeMaybe: index === 0,
      });
    }
  });
  if (mob.secret) {
    plan.push({
      kind: "reveal",
      dueAt: Math.max(now, revealAt(mob, settings.revealBeforeMs)),
      key: outboxKey.timeline(mob, "reveal"),
    });
  }
  plan.push({ kind: "start", dueAt: mob.startsAt, key: outboxKey.timeline(mob, "start") });
  plan.push({
    kind: "spend_question",
    dueAt: endsAt(mob),
    key: outboxKey.timeline(mob, "spend_question"),
  });
  plan.push({
    kind: "tally",
    dueAt: endsAt(mob) + settings.tallyDelayMs,
    key: outboxKey.timeline(mob, "tally"),
  });
  return plan;
}

/**
 * Posts that fell due while the bot was down: is it still worth sending at `now`?
 * A reminder for a mob that already started is pointless; a reveal or the
 * start post still helps while the mob is on; the spend question until the
 * tally; the tally and cancellations always.
 */
export function stillWorthSending(
  kind: string,
  mob: Pick<Mob, "startsAt" | "durationMs">,
  tallyDelayMs: number,
  now: number,
): boolean {
  switch (kind) {
    case "reminder":
      return now < mob.startsAt;
    case "call_to_action":
    case "reveal":
    case "start":
    case "rescheduled":
    case "promoted":
      return now < endsAt(mob);
    case "spend_question":
      return now < endsAt(mob) + tallyDelayMs;
    default:
      return true;
  }
}
