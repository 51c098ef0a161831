import { randomUUID } from "node:crypto";
import { outboxKey } from "../domain/codecs/outbox-key.js";
import type { Chat } from "../domain/community.js";
import { endsAt, type Mob } from "../domain/mob.js";
import type { NewOutboxRow, OutboxSubject, RowScope } from "../domain/outbox.js";
import { planTimeline } from "../domain/plan.js";
import type { PlatformName } from "../domain/platform-name.js";
import type { Tx } from "../ports/unit-of-work.js";
import type { CoreSettings } from "./settings.js";

/** Kinds of rows the timeline owns; withdrawn and replanned when the time changes. */
export const TIMELINE_KINDS = ["reminder", "reveal", "start", "spend_question", "tally"] as const;

/** What the outbox needs to know of the platforms, per platform. */
export interface PlatformTraits {
  /** The platform mirrors a mob as a native event (Discord Guild Scheduled Events). */
  nativeEvents(platform: PlatformName): boolean;
  /** Minimum gap between two edits of one message. */
  editIntervalMs(platform: PlatformName): number;
}

const about = (mob: Mob) => ({
  communityId: mob.communityId,
  subject: "mob" as const,
  subjectId: mob.id,
});

/**
 * Outbox rows for the mob's timeline (reminders … tally), keyed so replanning
 * never duplicates. Each is for the whole community: when due, it fans out
 * into a post in every linked chat (and DMs), whatever chats there are then.
 */
export function timelineRows(mob: Mob, settings: CoreSettings, now: number): NewOutboxRow[] {
  return planTimeline(mob, settings, now).map((p) => ({
    ...about(mob),
    key: p.key,
    kind: p.kind,
    target: "community",
    dueAt: p.dueAt,
    payload: {
      startsAt: mob.startsAt,
      endsAt: endsAt(mob),
      ...(p.offsetMs === undefined ? {} : { offsetMs: p.offsetMs, includeMaybe: p.includeMaybe }),
    },
  }));
}

/** Announce: the call-to-action in every chat now, the timeline, and the native events. */
export function announceRows(
  mob: Mob,
  settings: CoreSettings,
  now: number,
  chats: readonly Chat[],
  traits: PlatformTraits,
): NewOutboxRow[] {
  return [
    {
      ...about(mob),
      key: outboxKey.row("mob", mob.id, "call_to_action"),
      kind: "call_to_action",
      target: "community",
      dueAt: now,
    },
    ...timelineRows(mob, settings, now),
    ...eventSyncRows(mob, chats, now, traits),
  ];
}

/** The call-to-action for one chat; the same key whether fanned out or added at link time. */
export function ctaRow(mob: Mob, chatId: number, now: number): NewOutboxRow {
  return {
    ...about(mob),
    key: outboxKey.chat(outboxKey.row("mob", mob.id, "call_to_action"), chatId),
    kind: "call_to_action",
    target: "chat",
    chatId,
    dueAt: now,
  };
}

/**
 * One row per change of the native events: one per server with events (two
 * linked channels of one Discord server share its event). The dispatcher sends
 * the mob as it is then.
 */
export function eventSyncRows(
  mob: Mob,
  chats: readonly Chat[],
  now: number,
  traits: PlatformTraits,
): NewOutboxRow[] {
  const seen = new Set<string>();
  const rows: NewOutboxRow[] = [];
  for (const chat of chats) {
    const space = `${chat.platform}:${chat.spaceId}`;
    if (!traits.nativeEvents(chat.platform) || seen.has(space)) continue;
    seen.add(space);
    rows.push({
      ...about(mob),
      key: outboxKey.row("mob", mob.id, "event_sync", randomUUID()),
      kind: "event_sync",
      target: "event",
      chatId: chat.id,
      dueAt: now,
    });
  }
  return rows;
}

/**
 * Asks for the call-to-action to be edited to show current counts, in every
 * chat. At most one edit waits per message, and edits of a message are spaced
 * by its platform's interval: fifty presses in a second become one or two
 * edits of each message, whichever chat they came from.
 */
export async function requestCtaEdits(
  tx: Tx,
  mob: Mob,
  chats: readonly Chat[],
  now: number,
  traits: PlatformTraits,
): Promise<void> {
  await requestEdits(tx, about(mob), "cta_edit", chats, now, traits);
}

/** What an edit is about: a mob's call-to-action (`cta_edit`) or a vote's post (`vote_edit`). */
export interface EditSubject {
  readonly communityId: number;
  readonly subject: OutboxSubject;
  readonly subjectId: number;
}

/**
 * One coalesced edit per chat of a message the outbox posted: skipped when
 * one is already waiting, else due once the platform's edit interval since
 * the last edit of that message has passed. The edit shows the state as it
 * is when it goes, so a waiting edit covers every change before it.
 */
export async function requestEdits(
  tx: Tx,
  subject: EditSubject,
  kind: "cta_edit" | "vote_edit",
  chats: readonly Chat[],
  now: number,
  traits: PlatformTraits,
): Promise<void> {
  const rows: NewOutboxRow[] = [];
  for (const chat of chats) {
    const scope: RowScope = {
      subject: subject.subject,
      subjectId: subject.subjectId,
      kind,
      chatId: chat.id,
    };
    if (await tx.hasPending(scope)) continue;
    const last = await tx.lastActivityAt(scope);
    rows.push({
      ...subject,
      key: outboxKey.row(subject.subject, subject.subjectId, kind, randomUUID()),
      kind,
      target: "edit",
      chatId: chat.id,
      dueAt: last === null ? now : Math.max(now, last + traits.editIntervalMs(chat.platform)),
    });
  }
  await tx.enqueue(rows, now);
}

/** The chats among `chats` that never had the subject's `kind` row (a newly linked chat's posts). */
export async function chatsWithout(
  tx: Tx,
  of: { readonly subject: OutboxSubject; readonly subjectId: number },
  kind: string,
  chats: readonly Chat[],
): Promise<Chat[]> {
  const missing: Chat[] = [];
  for (const chat of chats) {
    const scope: RowScope = { subject: of.subject, subjectId: of.subjectId, kind, chatId: chat.id };
    if (!(await tx.hasAny(scope))) missing.push(chat);
  }
  return missing;
}

/** A post to every chat that also goes by DM to participants (reschedule, cancel). */
export function fanOutRow(mob: Mob, kind: "cancelled" | "rescheduled", now: number): NewOutboxRow {
  return {
    ...about(mob),
    key: outboxKey.change(mob, kind, now),
    kind,
    target: "community",
    dueAt: now,
    payload: { startsAt: mob.startsAt },
  };
}

/**
 * Brings a community's chats up to date after a link: the call-to-action of
 * each mob still open in each chat that has not had it, and the native events
 * (one per server, so a server already showing the event is only updated).
 */
export async function catchUpRows(
  tx: Tx,
  mobs: readonly Mob[],
  chats: readonly Chat[],
  now: number,
  traits: PlatformTraits,
): Promise<NewOutboxRow[]> {
  const rows: NewOutboxRow[] = [];
  for (const mob of mobs) {
    if (mob.status !== "announced") continue;
    for (const chat of await chatsWithout(tx, about(mob), "call_to_action", chats))
      rows.push(ctaRow(mob, chat.id, now));
    rows.push(...eventSyncRows(mob, chats, now, traits));
  }
  return rows;
}
