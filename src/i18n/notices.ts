import type { TallyExtras } from "../app/mob-views.js";
import { actionId } from "../domain/codecs/button-id.js";
import type { Member } from "../domain/community.js";
import { endsAt, type Mob, type MobState, type RsvpCounts } from "../domain/mob.js";
import { mobIcsUrl, mobPageUrl } from "../domain/web-links.js";
import type { Line, Notice } from "../ports/platform.js";
import { catalog, formatInstant, formatRelative } from "./index.js";
import { bold, text } from "./notice-parts.js";
import { ResultNotices } from "./result-notices.js";
import { commandSyntax } from "./syntax.js";

export { bold, mapLink, memberAddress, text } from "./notice-parts.js";
export { errorNotice, plainNotice, privateChatInvite, privateFileInvite } from "./plain-notices.js";

/** What only organizers see on `/mob <id>`: the merchant's answer and who recorded it. */
export interface OrganizerView {
  /** The organizer who recorded the merchant's answer, by name. */
  readonly merchantRecorder: string | null;
}

export type { TallyExtras };

/**
 * Builds the notices of one community (its zone), in one language, for one platform's syntax:
 * the mob's posts and answers here, the results after it in `ResultNotices`, the shared parts
 * in `MobNoticeKit`.
 */
export class NoticeBuilder extends ResultNotices {
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
    lines.push([text(c.counts(counts, mob.capacity))]);
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
    lines.push([text(c.counts(counts, mob.capacity))]);
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

  /** To a member who waited: a place opened and they go now (Leave gives it to the next). */
  promoted(mob: Mob, revealed: boolean): Notice {
    const w = catalog(this.locale).waitlist;
    return this.notice(
      "promoted",
      w.promotedTitle(this.shopOf(mob, revealed)),
      [[text(w.promotedLine)], ...this.details(mob, revealed)],
      {
        mobId: mob.id,
        tone: "success",
        actions: [[{ id: actionId.leave(mob.id), label: this.c.leave, style: "danger" }]],
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
      text(` · ${c.counts(counts, mob.capacity)}`),
      ...(state === "draft"
        ? [text(` · ${c.listDraft}`)]
        : state === "live"
          ? [text(` · ${c.stateNames.live}`)]
          : []),
    ]);
    return this.notice("reply", title, lines);
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
