import { actionId } from "../domain/codecs/button-id.js";
import type { Member } from "../domain/community.js";
import type { Mob } from "../domain/mob.js";
import { formatMoney } from "../domain/money.js";
import type { Line, NoticeAction } from "../ports/platform.js";
import { CommunityNotices } from "./community-notices.js";
import { catalog, formatInstant } from "./index.js";
import { bold, mapLink, memberAddress, text } from "./notice-parts.js";

/**
 * What every family of a community's mob notices builds with: the notice in one language, the
 * mob's details, its RSVP buttons, the mentions of members a DM could not reach.
 */
export abstract class MobNoticeKit extends CommunityNotices {
  protected get c() {
    return catalog(this.locale).t;
  }

  protected when(at: number): Line {
    return [
      bold(`${this.c.when}: `),
      { kind: "time", at, text: formatInstant(at, this.community.timezone, this.locale) },
    ];
  }

  protected money(minor: number, currency: string): string {
    return formatMoney(minor, currency, this.locale);
  }

  /** `revealed`: the shop is public now (domain/reveal.ts); else a secret shop is named nowhere. */
  protected shopOf(mob: Mob, revealed: boolean): string {
    return mob.secret && !revealed ? this.c.secretShop : mob.shopName;
  }

  /** The mob's details: time, pledge, address (unless still secret), meeting point. */
  protected details(mob: Mob, revealed: boolean): Line[] {
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

  protected rsvpRow(mob: Mob): NoticeAction[] {
    const c = this.c;
    return [
      { id: actionId.join(mob.id), label: c.join, style: "success" },
      { id: actionId.maybe(mob.id), label: c.maybe, style: "secondary" },
      { id: actionId.leave(mob.id), label: c.leave, style: "danger" },
    ];
  }

  protected mentionLine(label: string, members: readonly Member[]): Line {
    const parts: Line[number][] = [text(`${label} `)];
    members.forEach((m, i) => {
      if (i > 0) parts.push(text(", "));
      parts.push({ kind: "mention", member: memberAddress(m) });
    });
    return parts;
  }
}
