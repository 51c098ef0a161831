import { afterReveal, afterTally } from "../app/fan-out.js";
import { tallyExtras } from "../app/mob-views.js";
import type { CoreSettings } from "../app/settings.js";
import type { Community, Member } from "../domain/community.js";
import {
  computeTally,
  endsAt,
  isGoing,
  type Mob,
  type ParticipantView,
  reportedSpend,
  stateAt,
} from "../domain/mob.js";
import type { OutboxRow } from "../domain/outbox.js";
import { stillWorthSending } from "../domain/plan.js";
import { isShopRevealed } from "../domain/reveal.js";
import { NoticeBuilder } from "../i18n/notices.js";
import type { NativeEventSpec, Notice } from "../ports/platform.js";
import type { Tx } from "../ports/unit-of-work.js";
import type { BoundRow, KindDeps, RenderInput } from "./kinds.js";
import { recapAlbum, recapRows } from "./recap.js";
import { tallyCardInput } from "./tally-card.js";

/** The kinds of outbox row about a mob (src/delivery/kinds.ts binds a row to its family). */
export type MobKind =
  | "call_to_action"
  | "cta_edit"
  | "event_sync"
  | "reminder"
  | "reveal"
  | "start"
  | "spend_question"
  | "tally"
  | "cancelled"
  | "rescheduled"
  | "promoted"
  | "unreachable_mentions"
  | "merchant_answer"
  | "thanks"
  | "recap";

interface MobRender {
  /** Reads what the notice shows, before it is drawn; the builder itself never reads storage. */
  readonly tx: Tx;
  readonly settings: CoreSettings;
  readonly input: RenderInput;
  /** What the row carries besides its subject (a thank-you's message). */
  readonly payload: OutboxRow["payload"];
}

interface MobKindEntry {
  /**
   * For one organizer's eyes (a DM): sent for a draft too, and given up rather
   * than turned into a mention in a chat when the DM cannot be delivered.
   */
  readonly private?: true;
  /** A fan-out kind: these participants also get it by DM. */
  readonly dm?: (p: ParticipantView, row: OutboxRow) => boolean;
  /** Still sent once the mob is cancelled. */
  readonly afterCancel?: true;
  /** For an edit: the message it rewrites. */
  readonly edits?: MobKind;
  /** Reads what the notice shows (through `r.tx`), then draws it with the builder. */
  readonly render?: (b: NoticeBuilder, mob: Mob, r: MobRender) => Promise<Notice>;
  /** Runs with the fan-out of a community row of this kind, in its unit. */
  readonly onFanOut?: (tx: Tx, deps: KindDeps, mob: Mob, now: number) => Promise<void>;
  /** The post carries the tally card. */
  readonly card?: true;
  /** Sent in a chat only once that chat's post of this kind is out (or given up). */
  readonly follows?: MobKind;
  /** The row is an album of the mob's photos, not a notice. */
  readonly album?: true;
}

/** The shop is public when the post goes (the one rule, domain/reveal.ts). */
const shown = (mob: Mob, r: MobRender) =>
  isShopRevealed(mob, r.input.now, r.settings.revealBeforeMs);

const callToAction = async (b: NoticeBuilder, mob: Mob, r: MobRender) => {
  const counts = await r.tx.counts(mob.id);
  return b.callToAction(
    mob,
    stateAt(mob, r.input.now),
    counts,
    shown(mob, r),
    r.settings.publicUrl ?? null,
  );
};

const MOB_KINDS: Record<MobKind, MobKindEntry> = {
  call_to_action: { render: callToAction },
  cta_edit: { edits: "call_to_action", afterCancel: true },
  event_sync: { afterCancel: true },
  reminder: {
    dm: (p, row) => isGoing(p) || row.payload.includeMaybe === true,
    render: async (b, mob, r) => b.reminder(mob, r.input.now, r.input.unreachable, shown(mob, r)),
  },
  reveal: {
    dm: () => true,
    render: async (b, mob, r) => b.reveal(mob, r.input.unreachable),
    // From now on the shop is public: every chat's call-to-action and the native events show it.
    onFanOut: afterReveal,
  },
  start: { render: async (b, mob) => b.start(mob) },
  spend_question: {
    // Who already said what they spent is not asked again.
    dm: (p) => isGoing(p) && !reportedSpend(p),
    render: async (b, mob, r) => b.spendQuestion(mob, r.input.unreachable),
  },
  tally: {
    render: async (b, mob, r) => {
      const participants = await r.tx.participants(mob.id);
      const extras = await tallyExtras(r.tx, mob);
      return b.tally(mob, computeTally(mob, participants), extras, shown(mob, r));
    },
    // The mob is tallied, and its photos follow the tally in every chat.
    onFanOut: async (tx, _deps, mob, now) => {
      await afterTally(tx, mob, now);
      await tx.enqueue(await recapRows(tx, mob, now), now);
    },
    card: true,
  },
  thanks: {
    render: async (b, mob, r) => {
      const participants = await r.tx.participants(mob.id);
      return b.thanks(
        mob,
        computeTally(mob, participants),
        typeof r.payload.message === "string" ? r.payload.message : null,
      );
    },
    card: true,
  },
  recap: { follows: "tally", album: true },
  cancelled: {
    dm: () => true,
    afterCancel: true,
    render: async (b, mob, r) => b.cancelled(mob, shown(mob, r)),
  },
  rescheduled: {
    dm: () => true,
    render: async (b, mob, r) => b.rescheduled(mob, shown(mob, r)),
  },
  // To one member who waited (a DM, else a mention where they joined): their place came.
  promoted: { render: async (b, mob, r) => b.promoted(mob, shown(mob, r)) },
  // Rendered as the kind it stands for (`payload.of`), with the mentions on top.
  unreachable_mentions: { afterCancel: true },
  merchant_answer: {
    private: true,
    afterCancel: true,
    render: async (b, mob) => b.merchantAnswered(mob),
  },
};

export const isMobKind = (kind: string): kind is MobKind => Object.hasOwn(MOB_KINDS, kind);

export async function bindMob(
  tx: Tx,
  row: OutboxRow,
  kind: MobKind,
  deps: KindDeps,
  now: number,
): Promise<BoundRow | null> {
  const { settings } = deps;
  const mob = await tx.getMob(row.subjectId);
  const community = mob ? await tx.getCommunity(mob.communityId) : null;
  if (!mob || !community) return null;
  const entry = MOB_KINDS[kind];
  const render = (tx: Tx, as: string, input: RenderInput): Promise<Notice> => {
    const draw = isMobKind(as) ? MOB_KINDS[as].render : undefined;
    if (!draw) throw new Error(`no renderer for outbox kind ${as} (row ${row.id})`);
    return draw(new NoticeBuilder(community, input.locale, input.platform), mob, {
      tx,
      settings,
      input,
      payload: row.payload,
    });
  };
  const onFanOut = entry.onFanOut;
  const joinedFrom = async (tx: Tx, member: Member) =>
    (await tx.getParticipant(mob.id, member.id))?.chatId ?? null;
  return {
    communityId: mob.communityId,
    community,
    skip: mobSkip(row, entry, mob, settings, now),
    edits: entry.edits ?? null,
    transition: null,
    onFanOut: onFanOut ? (tx, at) => onFanOut(tx, deps, mob, at) : null,
    dmRecipients: async (tx) => {
      const wants = entry.dm;
      return wants ? (await tx.participants(mob.id)).filter((p) => wants(p, row)) : [];
    },
    render,
    event: () => eventSpec(mob, community, isShopRevealed(mob, now, settings.revealBeforeMs)),
    // A member's own language, else that of the chat they joined from, else the community's.
    memberLocale: async (tx, member) => {
      if (member.locale) return member.locale;
      const chatId = await joinedFrom(tx, member);
      return (chatId === null ? null : (await tx.getChat(chatId))?.locale) ?? community.locale;
    },
    joinedFrom,
    privateOnly: entry.private === true,
    card: entry.card
      ? async (tx, locale) => {
          const participants = await tx.participants(mob.id);
          return tallyCardInput(mob, community, computeTally(mob, participants), locale);
        }
      : null,
    follows: entry.follows ?? null,
    album: entry.album
      ? {
          empty: async (tx) => (await tx.photosOf(mob.id)).length === 0,
          pictures: (tx, locale) => recapAlbum(tx, mob, locale),
        }
      : null,
  };
}

function mobSkip(
  row: OutboxRow,
  entry: MobKindEntry,
  mob: Mob,
  settings: CoreSettings,
  now: number,
): BoundRow["skip"] {
  if (mob.status === "cancelled" && !entry.afterCancel)
    return { state: "withdrawn", reason: "cancelled" };
  if (mob.status === "draft" && !entry.private) return { state: "skipped", reason: "draft" };
  const planned = row.payload.startsAt;
  if (typeof planned === "number" && planned !== mob.startsAt && row.kind !== "cancelled")
    return { state: "skipped", reason: "rescheduled" };
  if (!stillWorthSending(row.kind, mob, settings.tallyDelayMs, now))
    return { state: "skipped", reason: "stale" };
  if (row.target === "community" && row.kind === "tally" && mob.status === "tallied")
    return { state: "skipped", reason: "already tallied" };
  return null;
}

/** The native event: a secret shop is named nowhere in it until its reveal (then it is synced). */
function eventSpec(mob: Mob, community: Community, revealed: boolean): NativeEventSpec {
  const name = revealed ? `Cash mob: ${mob.shopName}` : `Cash mob #${mob.id}`;
  return {
    mobId: mob.id,
    name: name.slice(0, 100),
    description: `Cash mob #${mob.id} in ${community.name}`.slice(0, 1000),
    location: (
      (revealed ? (mob.address ?? mob.meetingPoint) : mob.meetingPoint) ?? community.name
    ).slice(0, 100),
    startsAt: mob.startsAt,
    endsAt: endsAt(mob),
    status: mob.status === "cancelled" ? "cancelled" : "scheduled",
  };
}
