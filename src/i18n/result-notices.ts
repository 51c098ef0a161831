import type { TallyExtras } from "../app/mob-views.js";
import { actionId } from "../domain/codecs/button-id.js";
import type { Member } from "../domain/community.js";
import type { PastMob, PastTotals } from "../domain/history.js";
import { compareWithUsualDay, type Mob, type Tally } from "../domain/mob.js";
import { quickAmounts } from "../domain/money.js";
import type { Line, Notice, NoticeAction } from "../ports/platform.js";
import { catalog, formatDay } from "./index.js";
import { MobNoticeKit } from "./mob-notice-kit.js";
import { bold, text } from "./notice-parts.js";
import { commandSyntax } from "./syntax.js";

/** After the mob: the spend question, the tally, the thanks to the merchant, the history. */
export abstract class ResultNotices extends MobNoticeKit {
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
}
