import { DateTime } from "luxon";
import type { Context } from "../app/context.js";
import type { Exported } from "../app/export.js";
import type { Community } from "../domain/community.js";
import { toCsv } from "../domain/csv.js";
import type { Mob, ParticipantView } from "../domain/mob.js";
import { currencyDigits } from "../domain/money.js";
import { catalog } from "../i18n/index.js";
import type { Reply } from "../ports/inbound.js";
import { builder, personal } from "./kit.js";

/** Minor units as a plain decimal a spreadsheet reads as a number (`15.00`). */
function major(minor: number | null, currency: string): string | null {
  if (minor === null) return null;
  const digits = currencyDigits(currency) ?? 2;
  return (minor / 10 ** digits).toFixed(digits);
}

/**
 * The participants of a mob as a spreadsheet: name, platform, status, pledge,
 * when they checked in (community time), what they spent. Member names are
 * user text: the CSV neutralizes anything a spreadsheet would run.
 */
export function participantsCsv(
  mob: Mob,
  community: Community,
  participants: readonly ParticipantView[],
  locale: string,
): string {
  const c = catalog(locale);
  const platforms = c.chats.platformNames;
  const rows = participants.map((p) => [
    p.member.displayName,
    platforms[p.member.platform] ?? p.member.platform,
    c.after.exportStatus[p.status],
    major(p.pledgeMinor ?? mob.pledgeMinor, mob.currency),
    p.checkedInAt === null
      ? null
      : DateTime.fromMillis(p.checkedInAt, { zone: community.timezone }).toFormat(
          "yyyy-MM-dd HH:mm",
        ),
    major(p.spentMinor, mob.currency),
  ]);
  return toCsv([c.after.exportColumns(mob.currency), ...rows]);
}

/** `/export <id>`: a word in the chat; the CSV file privately. */
export function presentExport(ctx: Context, exported: Exported): Reply {
  const { mob, community, participants } = exported;
  const csv = participantsCsv(mob, community, participants, ctx.locale);
  const a = catalog(ctx.locale).after;
  const file = builder(ctx, community).reply(
    a.exportTitle(mob.id, mob.shopName),
    [a.exportLine(participants.length)],
    "info",
  );
  return {
    ...personal(ctx, community, a.exportSent(mob.id)),
    secret: {
      ...file,
      file: {
        bytes: new TextEncoder().encode(csv),
        filename: `cashmob-${mob.id}-participants.csv`,
        mime: "text/csv",
      },
    },
  };
}
