import { randomUUID } from "node:crypto";
import { endsAt, type Mob } from "../domain/mob.js";
import { planTimeline } from "../domain/plan.js";
import type { NewOutboxRow, Store } from "../ports/store.js";
import type { CoreSettings } from "./settings.js";

/** Kinds of rows the timeline owns; withdrawn and replanned when the time changes. */
export const TIMELINE_KINDS = ["reminder", "reveal", "start", "spend_question", "tally"] as const;

/** Outbox rows for the mob's timeline (reminders … tally), keyed so replanning never duplicates. */
export function timelineRows(mob: Mob, settings: CoreSettings, now: number): NewOutboxRow[] {
  return planTimeline(mob, settings, now).map((p) => ({
    key: p.key,
    mobId: mob.id,
    kind: p.kind,
    target: "channel",
    dueAt: p.dueAt,
    payload: {
      startsAt: mob.startsAt,
      endsAt: endsAt(mob),
      ...(p.offsetMs === undefined ? {} : { offsetMs: p.offsetMs, includeMaybe: p.includeMaybe }),
    },
  }));
}

/** Announce: the call-to-action now, the timeline, and the native event where there is one. */
export function announceRows(
  mob: Mob,
  settings: CoreSettings,
  now: number,
  nativeEvents: boolean,
): NewOutboxRow[] {
  const rows: NewOutboxRow[] = [
    {
      key: `mob:${mob.id}:call_to_action`,
      mobId: mob.id,
      kind: "call_to_action",
      target: "channel",
      dueAt: now,
    },
    ...timelineRows(mob, settings, now),
  ];
  if (nativeEvents) rows.push(eventSyncRow(mob, now));
  return rows;
}

/** One row per change of the native event; the dispatcher sends the mob as it is then. */
export function eventSyncRow(mob: Mob, now: number): NewOutboxRow {
  return {
    key: `mob:${mob.id}:event_sync:${randomUUID()}`,
    mobId: mob.id,
    kind: "event_sync",
    target: "event",
    dueAt: now,
  };
}

/**
 * Asks for the call-to-action to be edited to show current counts. At most one
 * edit waits at a time, and edits are spaced by the platform's interval: fifty
 * presses in a second become one or two edits.
 */
export function requestCtaEdit(store: Store, mob: Mob, now: number, intervalMs: number): void {
  if (store.hasPending(mob.id, "cta_edit")) return;
  const last = store.lastActivityAt(mob.id, "cta_edit");
  const dueAt = last === null ? now : Math.max(now, last + intervalMs);
  store.enqueue(
    [
      {
        key: `mob:${mob.id}:cta_edit:${randomUUID()}`,
        mobId: mob.id,
        kind: "cta_edit",
        target: "edit",
        dueAt,
      },
    ],
    now,
  );
}

/** A post to the channel that also goes by DM to participants (reschedule, cancel). */
export function fanOutRow(mob: Mob, kind: "cancelled" | "rescheduled", now: number): NewOutboxRow {
  return {
    key: `mob:${mob.id}:${kind}@${mob.startsAt}:${now}`,
    mobId: mob.id,
    kind,
    target: "channel",
    dueAt: now,
    payload: { startsAt: mob.startsAt },
  };
}
