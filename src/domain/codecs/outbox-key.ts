import type { OutboxSubject } from "../outbox.js";

/**
 * The outbox-key codec. A key makes a row idempotent (the same key twice is
 * one row) and names its derived rows. Databases hold pending rows with these
 * exact strings, so the shapes below are a stored contract: change none.
 */
export type OutboxKey =
  /** `<subject>:<id>:<name>`, or `…:<name>:<nonce>` for a row written once per occasion. */
  | {
      readonly type: "row";
      readonly subject: OutboxSubject;
      readonly subjectId: number;
      readonly name: RowName;
      readonly nonce?: string;
    }
  /** `mob:<id>@<starts at>:<name>` (reminders `…:reminder:<offset ms>`): once per start time. */
  | {
      readonly type: "timeline";
      readonly mobId: number;
      readonly startsAt: number;
      readonly name: TimelineName;
      readonly offsetMs?: number;
    }
  /** `mob:<id>:<cancelled|rescheduled>@<starts at>:<at>`: a change told to everyone. */
  | {
      readonly type: "change";
      readonly mobId: number;
      readonly change: "cancelled" | "rescheduled";
      readonly startsAt: number;
      readonly at: number;
    }
  /**
   * `series:<id>@<occurrence start>:<step>` (`…:<step>:<attempt>` for a step tried again):
   * once per occurrence, so a restart or a crash neither skips nor doubles one.
   */
  | {
      readonly type: "series";
      readonly seriesId: number;
      readonly at: number;
      readonly step: SeriesStep;
      readonly attempt?: number;
    }
  /** `<parent>:chat:<chat id>`: the parent's post in one chat. */
  | { readonly type: "chat"; readonly parent: string; readonly chatId: number }
  /** `<parent>:dm:<member id>`: the parent's DM to one member. */
  | { readonly type: "dm"; readonly parent: string; readonly memberId: number }
  /** `<parent>:mention:<member id>`: the mention that replaces an undeliverable DM. */
  | { readonly type: "mention"; readonly parent: string; readonly memberId: number }
  /** `<parent>:mention:chat:<chat id>`: the batch those mentions share in one chat. */
  | { readonly type: "mentions"; readonly parent: string; readonly chatId: number };

export const ROW_NAMES = [
  "call_to_action",
  "event_sync",
  "cta_edit",
  "thanks",
  "merchant_answer",
  "post",
  "close",
  "result",
  "vote_edit",
  "promoted",
] as const;
export type RowName = (typeof ROW_NAMES)[number];

export const TIMELINE_NAMES = [
  "reminder",
  "reveal",
  "start",
  "spend_question",
  "tally",
  "recap",
] as const;
export type TimelineName = (typeof TIMELINE_NAMES)[number];

/** What happens once per occurrence of a series: its vote opens; organizers hear of an empty queue. */
export const SERIES_STEPS = ["open", "no_shop"] as const;
export type SeriesStep = (typeof SERIES_STEPS)[number];

const INT = "(0|[1-9]\\d{0,15})";
/** Nonces are random UUIDs or times: lowercase hex and dashes, never a word like `chat`. */
const NONCE = "([0-9a-f-]{1,64})";
const ROW = new RegExp(`^(mob|vote):${INT}:([a-z_]+)(?::${NONCE})?$`);
const TIMELINE = new RegExp(`^mob:${INT}@${INT}:([a-z_]+)(?::${INT})?$`);
const CHANGE = new RegExp(`^mob:${INT}:(cancelled|rescheduled)@${INT}:${INT}$`);
const SERIES = new RegExp(`^series:${INT}@${INT}:(open|no_shop)(?::${INT})?$`);
const MENTIONS = new RegExp(`^(.+):mention:chat:${INT}$`);
const CHILD = new RegExp(`^(.+):(chat|dm|mention):${INT}$`);

const isRowName = (s: string): s is RowName => (ROW_NAMES as readonly string[]).includes(s);
const isTimelineName = (s: string): s is TimelineName =>
  (TIMELINE_NAMES as readonly string[]).includes(s);

function write(key: OutboxKey): string {
  switch (key.type) {
    case "row":
      return `${key.subject}:${key.subjectId}:${key.name}${key.nonce === undefined ? "" : `:${key.nonce}`}`;
    case "timeline":
      return `mob:${key.mobId}@${key.startsAt}:${key.name}${key.offsetMs === undefined ? "" : `:${key.offsetMs}`}`;
    case "change":
      return `mob:${key.mobId}:${key.change}@${key.startsAt}:${key.at}`;
    case "series":
      return `series:${key.seriesId}@${key.at}:${key.step}${key.attempt === undefined ? "" : `:${key.attempt}`}`;
    case "chat":
      return `${key.parent}:chat:${key.chatId}`;
    case "dm":
      return `${key.parent}:dm:${key.memberId}`;
    case "mention":
      return `${key.parent}:mention:${key.memberId}`;
    case "mentions":
      return `${key.parent}:mention:chat:${key.chatId}`;
  }
}

/** The key's text; throws on a key the codec could not read back (a bug, not input). */
export function encodeOutboxKey(key: OutboxKey): string {
  const text = write(key);
  if (decodeOutboxKey(text) === null)
    throw new Error(`cannot write outbox key ${JSON.stringify(key)}`);
  return text;
}

/** What a key names, or null for a key this code never writes. */
export function decodeOutboxKey(text: string): OutboxKey | null {
  if (text.length > 512) return null;
  const mentions = MENTIONS.exec(text);
  if (mentions?.[1] && decodeOutboxKey(mentions[1]))
    return { type: "mentions", parent: mentions[1], chatId: Number(mentions[2]) };
  const child = CHILD.exec(text);
  if (child?.[1] && decodeOutboxKey(child[1])) {
    const id = Number(child[3]);
    const parent = child[1];
    if (child[2] === "chat") return { type: "chat", parent, chatId: id };
    return child[2] === "dm"
      ? { type: "dm", parent, memberId: id }
      : { type: "mention", parent, memberId: id };
  }
  const row = ROW.exec(text);
  if (row?.[3] && isRowName(row[3])) {
    const base = {
      type: "row",
      subject: row[1] as OutboxSubject,
      subjectId: Number(row[2]),
    } as const;
    return row[4] === undefined
      ? { ...base, name: row[3] }
      : { ...base, name: row[3], nonce: row[4] };
  }
  const timeline = TIMELINE.exec(text);
  if (timeline?.[3] && isTimelineName(timeline[3])) {
    const name = timeline[3];
    const base = { type: "timeline", mobId: Number(timeline[1]), startsAt: Number(timeline[2]) };
    if (name === "reminder")
      return timeline[4] === undefined
        ? null
        : { ...base, type: "timeline", name, offsetMs: Number(timeline[4]) };
    return timeline[4] === undefined ? { ...base, type: "timeline", name } : null;
  }
  const series = SERIES.exec(text);
  if (series) {
    const base = {
      type: "series",
      seriesId: Number(series[1]),
      at: Number(series[2]),
      step: series[3] as SeriesStep,
    } as const;
    return series[4] === undefined ? base : { ...base, attempt: Number(series[4]) };
  }
  const change = CHANGE.exec(text);
  if (change) {
    return {
      type: "change",
      mobId: Number(change[1]),
      change: change[2] as "cancelled" | "rescheduled",
      startsAt: Number(change[3]),
      at: Number(change[4]),
    };
  }
  return null;
}

/** The key a DM's row was derived from (a DM's fallback mention hangs off it); others are their own. */
export function dmParent(key: string): string {
  const decoded = decodeOutboxKey(key);
  return decoded?.type === "dm" ? decoded.parent : key;
}

/** Builders for the call sites, so each reads as what it keys. */
export const outboxKey = {
  row: (subject: OutboxSubject, subjectId: number, name: RowName, nonce?: string) =>
    encodeOutboxKey(
      nonce === undefined
        ? { type: "row", subject, subjectId, name }
        : { type: "row", subject, subjectId, name, nonce },
    ),
  timeline: (
    mob: { readonly id: number; readonly startsAt: number },
    name: TimelineName,
    offsetMs?: number,
  ) =>
    encodeOutboxKey(
      offsetMs === undefined
        ? { type: "timeline", mobId: mob.id, startsAt: mob.startsAt, name }
        : { type: "timeline", mobId: mob.id, startsAt: mob.startsAt, name, offsetMs },
    ),
  change: (
    mob: { readonly id: number; readonly startsAt: number },
    change: "cancelled" | "rescheduled",
    at: number,
  ) => encodeOutboxKey({ type: "change", mobId: mob.id, change, startsAt: mob.startsAt, at }),
  series: (seriesId: number, at: number, step: SeriesStep, attempt?: number) =>
    encodeOutboxKey(
      attempt === undefined
        ? { type: "series", seriesId, at, step }
        : { type: "series", seriesId, at, step, attempt },
    ),
  chat: (parent: string, chatId: number) => write({ type: "chat", parent, chatId }),
  dm: (parent: string, memberId: number) => write({ type: "dm", parent, memberId }),
  mention: (parent: string, memberId: number) => write({ type: "mention", parent, memberId }),
  mentions: (parent: string, chatId: number) => write({ type: "mentions", parent, chatId }),
};
