import type { TallyExtras } from "../app/mob-views.js";
import { actionId } from "../domain/codecs/button-id.js";
import type { StartPayload } from "../domain/codecs/deep-link.js";
import type { Member } from "../domain/community.js";
import type { PastMob, PastTotals } from "../domain/history.js";
import {
  compareWithUsualDay,
  endsAt,
  type Mob,
  type MobState,
  type RsvpCounts,
  type Tally,
} from "../domain/mob.js";
import { formatMoney, quickAmounts } from "../domain/money.js";
import { mobIcsUrl, mobPageUrl } from "../domain/web-links.js";
import type { Line, MemberAddress, Notice, NoticeAction } from "../ports/platform.js";
import { CommunityNotices } from "./community-notices.js";
import { catalog, formatDay, formatInstant, formatRelative } from "./index.js";
import { commandSyntax } from "./syntax.js";

export const memberAddress = (m: Member): MemberAddress => ({
  platform: m.platform,
  userId: m.userId,
  displayName: m.displayName,
  ...(m.dmChannel === null ? {} : { dmChannel: m.dmChannel }),
});

export const text = (t: string) => ({ kind: "text", text: t }) as const;
export const bold = (t: string) => ({ kind: "bold", text: t }) as const;

/** What only organizers see on `/mob <id>`: the merchant's answer and who recorded it. */
export interface OrganizerView {
  /** The organizer who recorded the merchant's answer, by name. */
  readonly merchantRecorder: string | null;
}

export type { TallyExtras };

export function mapLink(address: string): string {
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent(address)}`;
}

/** Builds the notices of one community (its zone), in one language, for one platform's syntax. */
export class NoticeBuilder extends CommunityNotices {
  private get c() {
    return catalog(this.locale).t;
  }

  private when(at: number): Line {
    return [
      bold(`${this.c.when}: `),
      { kind: "time", at, text: formatInstant(at, this.community.timezone, this.locale) },
    ];
  }

  private money(minor: number, currency: string): string {
    return formatMoney(minor, currency, this.locale);
  }

  /** `revealed`: the shop is public now (domain/reveal.ts); else a secret shop is named nowhere. */
  private shopOf(mob: Mob, revealed: boolean): string {
    return mob.secret && !revealed ? this.c.secretShop : mob.shopName;
  }

  /** The mob's details: time, pledge, address (unless still secret), meeting point. */
  private details(mob: Mob, revealed: boolean): Line[] {
    const lines: Line[] = [this.when(mob.startsAt)];
    lines.push([bold(`${this.c.pledge}: `), text(this.money(mob.pledgeMinor, mob.currency))]);
    if (mob.secret && !revealed) {
      lines.push([bold(`${this.c.address}: `), text(this.c.addressSecret)]);
    } else if (mob.address) {
      lines.push([
        bold(`${this.c.address}: `),
        { kind: "link", text: mob.address, url: mapLink(mob.address) },
      ]);
    }
    if (mob.meetingPoint) lines.push([bold(`${this.c.meetingPoint}: `), text(mob.meetingPoint)]);
    // The after-party is as secret as the shop: a block away from it, it would give it away.
    if (mob.party && (!mob.secret || revealed)) {
      lines.push([
        bold(`${catalog(this.locale).after.party}: `),
        { kind: "link", text: mob.party, url: mapLink(mob.party) },
      ]);
    }
    return lines;
  }

  private rsvpRow(mob: Mob): NoticeAction[] {
    const c = this.c;
    return [
      { id: actionId.join(mob.id), label: c.join, style: "success" },
      { id: actionId.maybe(mob.id), label: c.maybe, style: "secondary" },
      { id: actionId.leave(mob.id), label: c.leave, style: "danger" },
    ];
  }

  /**
   * The call-to-action, as first posted and as edited when counts change (and
   * at the reveal, when a secret shop becomes public); with the web side's
   * address, a link to the mob's page and its calendar file.
   */
  callToAction(
    mob: Mob,
    state: MobState,
    counts: RsvpCounts,
    revealed: boolean,
    publicUrl: string | null = null,
  ): Notice {
    const c = this.c;
    const lines = this.details(mob, revealed);
    if (mob.goalMinor)
      lines.push([bold(`${c.goal}: `), text(this.money(mob.goalMinor, mob.currency))]);
    lines.push([text(c.counts(counts.going, counts.maybe, mob.capacity))]);
    if (publicUrl && state !== "cancelled") {
      const l = catalog(this.locale).links;
      lines.push([
        { kind: "link", text: l.page, url: mobPageUrl(publicUrl, mob.publicId) },
        text(" · "),
        { kind: "link", text: l.calendar, url: mobIcsUrl(publicUrl, mob.publicId) },
      ]);
    }
    const open = state === "announced" || state === "live";
    if (!open) lines.push([bold(`${c.status}: `), text(c.stateNames[state] ?? state)]);
    const title =
      state === "cancelled"
        ? c.cancelledTitle(this.shopOf(mob, revealed))
        : c.ctaTitle(this.shopOf(mob, revealed));
    return this.notice("call_to_action", title, lines, {
      mobId: mob.id,
      tone: state === "cancelled" ? "warning" : "info",
      actions: open ? [this.rsvpRow(mob)] : [],
      ...(open
        ? { dmInvite: { payload: { kind: "join", mobId: mob.id }, label: c.dmInvite } }
        : {}),
    });
  }

  /** `/mob <id>` as members see it: the card plus the end and state (organizers: `organizerFacts`). */
  info(mob: Mob, state: MobState, counts: RsvpCounts, revealed: boolean, photos = 0): Notice {
    const c = this.c;
    const lines = this.details(mob, revealed);
    // Right under "When": the end instant, labelled as one (it once sat under "Duration").
    const end = endsAt(mob);
    lines.splice(1, 0, [
      bold(`${c.until}: `),
      { kind: "time", at: end, text: formatInstant(end, this.community.timezone, this.locale) },
    ]);
    if (mob.goalMinor)
      lines.push([bold(`${c.goal}: `), text(this.money(mob.goalMinor, mob.currency))]);
    lines.push([text(c.counts(counts.going, counts.maybe, mob.capacity))]);
    lines.push([bold(`${c.status}: `), text(c.stateNames[state] ?? state)]);
    if (photos > 0) lines.push([text(catalog(this.locale).after.photos(photos))]);
    const open = state === "announced" || state === "live";
    const title =
      state === "draft"
        ? c.draftTitle(this.shopOf(mob, revealed))
        : c.ctaTitle(this.shopOf(mob, revealed));
    return this.notice("reply", `#${mob.id} ${title}`, lines, {
      mobId: mob.id,
      actions: open ? [this.rsvpRow(mob)] : [],
    });
  }

  /**
   * What only organizers see of a mob, in their private chat (a Telegram group
   * sees the answer to a command): the check-in code, the shop while it is
   * secret, the usual takings (the merchant's business), the merchant's answer.
   */
  organizerFacts(mob: Mob, revealed: boolean, organizer: OrganizerView): Notice {
    const c = this.c;
    const lines: Line[] = [[text(c.checkinCodeLine(mob.checkinCode))]];
    if (!revealed)
      lines.push([
        text(c.secretShopPrivate([mob.shopName, mob.address].filter(Boolean).join(", "))),
      ]);
    if (mob.takingsMinor)
      lines.push([bold(`${c.takings}: `), text(this.money(mob.takingsMinor, mob.currency))]);
    lines.push(this.merchantLine(mob, organizer));
    return this.notice("reply", catalog(this.locale).privacy.organizerTitle(mob.id), lines, {
      mobId: mob.id,
    });
  }

  private merchantLine(mob: Mob, organizer: OrganizerView): Line {
    const m = catalog(this.locale).choose;
    const answer = mob.merchant;
    const status = m.merchantNames[answer.status] ?? answer.status;
    const when =
      answer.recordedAt === null
        ? null
        : formatInstant(answer.recordedAt, this.community.timezone, this.locale);
    const by =
      when === null
        ? ""
        : answer.source === "merchant_link"
          ? ` (${m.merchantByLink(when)})`
          : ` (${m.merchantBy(organizer.merchantRecorder ?? "?", when)})`;
    return [
      bold(`${m.merchant}: `),
      text(`${status}${by}${answer.note ? ` · ${answer.note}` : ""}`),
    ];
  }

  reminder(mob: Mob, now: number, unreachable: readonly Member[], revealed: boolean): Notice {
    const c = this.c;
    const lines: Line[] = [
      [text(c.reminderLine(formatRelative(mob.startsAt, now, this.locale)))],
      ...this.details(mob, revealed),
    ];
    if (unreachable.length > 0) lines.push(this.mentionLine(c.unreachableLine, unreachable));
    // Late joiners can still join from a reminder; those who can't make it free their spot.
    return this.notice("reminder", c.reminderTitle(this.shopOf(mob, revealed)), lines, {
      mobId: mob.id,
      actions: [
        [
          { id: actionId.join(mob.id), label: c.join, style: "success" },
          { id: actionId.leave(mob.id), label: c.cantMakeIt, style: "danger" },
        ],
      ],
    });
  }

  reveal(mob: Mob, unreachable: readonly Member[]): Notice {
    const c = this.c;
    const lines: Line[] = [[text(c.revealLine(mob.shopName))], ...this.details(mob, true)];
    if (unreachable.length > 0) lines.push(this.mentionLine(c.unreachableLine, unreachable));
    return this.notice("reveal", c.revealTitle, lines, { mobId: mob.id });
  }

  start(mob: Mob): Notice {
    const c = this.c;
    return this.notice(
      "start",
      c.startTitle(mob.shopName),
      [[text(c.startLine(mob.party !== null))], ...this.details(mob, true)],
      {
        mobId: mob.id,
        tone: "success",
      },
    );
  }

  spendQuestion(mob: Mob, unreachable: readonly Member[]): Notice {
    const c = this.c;
    const lines: Line[] = [[text(c.spendLine(commandSyntax(this.platform).spent(mob.id)))]];
    if (unreachable.length > 0) lines.push(this.mentionLine(c.unreachableLine, unreachable));
    const actions: NoticeAction[] = quickAmounts(mob.pledgeMinor, mob.currency).map((minor) => ({
      id: actionId.spent(mob.id, minor),
      label: this.money(minor, mob.currency),
      style: "primary",
    }));
    return this.notice("spend_question", c.spendTitle(mob.shopName), lines, {
      mobId: mob.id,
      actions: [actions],
    });
  }

  /**
   * The results: votes, people going, people who came and what they spent are
   * separate numbers (a thousand votes are not a thousand shoppers).
   */
  tally(mob: Mob, tally: Tally, extras: TallyExtras, revealed: boolean): Notice {
    const c = this.c;
    const lines: Line[] = [];
    if (extras.voted) {
      lines.push([
        bold(`${c.tallyVoted}: `),
        text(c.tallyVotedLine(extras.voted.forShop, extras.voted.total)),
      ]);
    }
    lines.push([bold(`${c.tallyGoing}: `), text(String(tally.going))]);
    lines.push([bold(`${c.tallyCame}: `), text(String(tally.mobbers))]);
    if (tally.reporters === 0) {
      lines.push([text(c.tallyNone)]);
    } else {
      lines.push([
        bold(`${c.tallySpent}: `),
        text(c.tallySpentBy(this.money(tally.totalMinor, mob.currency), tally.reporters)),
      ]);
      if (tally.averageMinor !== null) {
        lines.push([
          bold(`${c.tallyAverage}: `),
          text(this.money(tally.averageMinor, mob.currency)),
        ]);
      }
    }
    if (tally.pledgedMinor > 0) {
      const pct = Math.round((tally.totalMinor / tally.pledgedMinor) * 100);
      lines.push([
        bold(`${c.tallyPledged}: `),
        text(`${this.money(tally.pledgedMinor, mob.currency)} · ${c.tallyVsPledged(pct)}`),
      ]);
    }
    if (tally.goalRatio !== null) {
      lines.push([
        bold(`${c.goal}: `),
        text(
          `${this.money(mob.goalMinor ?? 0, mob.currency)} · ${c.tallyVsGoal(Math.round(tally.goalRatio * 100))}`,
        ),
      ]);
    }
    if (tally.takingsRatio !== null && extras.showTakings) {
      lines.push([text(this.usualDay(tally.takingsRatio))]);
    }
    return this.notice("tally", c.tallyTitle(this.shopOf(mob, revealed)), lines, {
      mobId: mob.id,
      tone: "success",
    });
  }

  /** The spends against the shop's usual daily takings: "10% of …" under a day, "1.8× …" over. */
  usualDay(ratio: number): string {
    const c = this.c;
    const compared = compareWithUsualDay(ratio);
    if (compared.kind === "share") return c.tallyShareOfTakings(compared.percent);
    const times = new Intl.NumberFormat(this.locale, { maximumFractionDigits: 1 }).format(
      compared.times,
    );
    return c.tallyVsTakings(`${times}×`);
  }

  /** The organizers' thank-you to the merchant, with what the mob brought (the card goes with it). */
  thanks(mob: Mob, tally: Tally, message: string | null): Notice {
    const a = catalog(this.locale).after;
    const lines: Line[] = [];
    if (message) lines.push([text(`“${message}”`)]);
    if (tally.mobbers > 0)
      lines.push([
        text(a.thanksResults(tally.mobbers, this.money(tally.totalMinor, mob.currency))),
      ]);
    return this.notice("thanks", a.thanksTitle(mob.shopName), lines, {
      mobId: mob.id,
      tone: "success",
    });
  }

  /** `/history`: the running totals, then the shops mobbed, latest first. */
  history(mobs: readonly PastMob[], totals: PastTotals): Notice {
    const a = catalog(this.locale).after;
    if (totals.mobs === 0) return this.notice("reply", a.historyTitle, [[text(a.historyEmpty)]]);
    const spent = totals.spent.map((s) => this.money(s.totalMinor, s.currency)).join(" + ");
    const lines: Line[] = [[bold(a.historyTotals(totals.mobs, totals.mobbers, spent))]];
    for (const m of mobs) {
      const date = formatDay(m.startsAt, this.community.timezone, this.locale);
      lines.push([
        text(a.historyItem(date, m.shopName, m.mobbers, this.money(m.totalMinor, m.currency))),
      ]);
    }
    return this.notice("reply", a.historyTitle, lines, { tone: "info" });
  }

  cancelled(mob: Mob, revealed: boolean): Notice {
    const c = this.c;
    const lines: Line[] = [this.when(mob.startsAt)];
    if (mob.cancelReason) lines.push([bold(`${c.cancelledReason}: `), text(mob.cancelReason)]);
    return this.notice("cancelled", c.cancelledTitle(this.shopOf(mob, revealed)), lines, {
      mobId: mob.id,
      tone: "warning",
    });
  }

  rescheduled(mob: Mob, revealed: boolean): Notice {
    return this.notice(
      "rescheduled",
      this.c.rescheduledTitle(this.shopOf(mob, revealed)),
      this.details(mob, revealed),
      {
        mobId: mob.id,
      },
    );
  }

  /** A channel post that pings members a DM could not reach, with what they missed. */
  unreachable(original: Notice, members: readonly Member[]): Notice {
    return {
      ...original,
      kind: "unreachable_mentions",
      lines: [this.mentionLine(this.c.mentionsTitle, members), ...original.lines],
    };
  }

  list(
    mobs: readonly { mob: Mob; state: MobState; counts: RsvpCounts; revealed: boolean }[],
    title = this.c.listTitle,
  ): Notice {
    const c = this.c;
    if (mobs.length === 0) {
      const create = commandSyntax(this.platform).create;
      return this.notice("reply", c.listTitle, [[text(c.listEmpty(create))]]);
    }
    const lines: Line[] = mobs.map(({ mob, state, counts, revealed }) => [
      bold(c.listItem(mob.id, this.shopOf(mob, revealed))),
      text(" · "),
      {
        kind: "time",
        at: mob.startsAt,
        text: formatInstant(mob.startsAt, this.community.timezone, this.locale),
      },
      text(` · ${c.counts(counts.going, counts.maybe, mob.capacity)}`),
      ...(state === "draft"
        ? [text(` · ${c.listDraft}`)]
        : state === "live"
          ? [text(` · ${c.stateNames.live}`)]
          : []),
    ]);
    return this.notice("reply", title, lines);
  }

  private mentionLine(label: string, members: readonly Member[]): Line {
    const parts: Line[number][] = [text(`${label} `)];
    members.forEach((m, i) => {
      if (i > 0) parts.push(text(", "));
      parts.push({ kind: "mention", member: memberAddress(m) });
    });
    return parts;
  }

  /** To the organizer, privately: the merchant answered through their link. */
  merchantAnswered(mob: Mob): Notice {
    const l = catalog(this.locale).links;
    const answer =
      catalog(this.locale).choose.merchantNames[mob.merchant.status] ?? mob.merchant.status;
    const lines: Line[] = [];
    if (mob.merchant.note) lines.push([text(l.answeredNote(mob.merchant.note))]);
    if (mob.merchant.status === "agreed" && mob.status === "draft")
      lines.push([
        text(
          catalog(this.locale).choose.merchantNextConfirm(
            commandSyntax(this.platform).confirm(mob.id),
          ),
        ),
      ]);
    return this.notice("reply", l.answeredTitle(mob.id, mob.shopName, answer), lines, {
      mobId: mob.id,
      tone: mob.merchant.status === "agreed" ? "success" : "info",
    });
  }

  /** A one-line answer. */
  reply(title: string, lines: readonly string[] = [], tone: Notice["tone"] = "success"): Notice {
    return this.notice(
      "reply",
      title,
      lines.map((l) => [text(l)]),
      { tone },
    );
  }
}

/** A one-sentence error answer, in any locale, without a community. */
export function errorNotice(sentence: string, locale: string): Notice {
  return { kind: "error", tone: "error", title: sentence, lines: [], actions: [], locale };
}

/**
 * Said in a group when something only the actor may see (a check-in code)
 * could not reach them privately: no secret in it, and the invitation to open
 * the private chat (`payload` comes back with their `/start`).
 */
export function privateChatInvite(locale: string, payload: StartPayload): Notice {
  const c = catalog(locale).t;
  return {
    kind: "reply",
    tone: "warning",
    title: c.codeNeedsPrivateChat,
    lines: [],
    actions: [],
    dmInvite: { payload, label: c.codeNeedsPrivateChatButton },
    locale,
  };
}

/**
 * Said in a group when a file meant for the actor alone (an export) could not
 * reach them privately: the button opens the private chat, then they ask again.
 */
export function privateFileInvite(locale: string): Notice {
  const a = catalog(locale).after;
  return {
    kind: "reply",
    tone: "warning",
    title: a.fileNeedsPrivateChat,
    lines: [],
    actions: [],
    dmInvite: { payload: { kind: "files" }, label: a.fileNeedsPrivateChatButton },
    locale,
  };
}

/** A one-line answer without a community (private chats). */
export function plainNotice(
  title: string,
  lines: readonly string[],
  locale: string,
  tone: Notice["tone"] = "info",
): Notice {
  return { kind: "reply", tone, title, lines: lines.map((l) => [text(l)]), actions: [], locale };
}
