import { openOccurrenceVote } from "../app/series.js";
import type { NoShopReason } from "../app/series-plan.js";
import type { OutboxRow } from "../domain/outbox.js";
import { SeriesNoticeBuilder } from "../i18n/series-notices.js";
import type { Tx } from "../ports/unit-of-work.js";
import type { BoundRow } from "./kinds.js";

/** The kinds of outbox row about a series (src/delivery/kinds.ts has the mob's). */
export type SeriesKind = "series_open" | "series_no_shop";

const KINDS: readonly string[] = ["series_open", "series_no_shop"] satisfies SeriesKind[];

export const isSeriesKind = (kind: string): kind is SeriesKind => KINDS.includes(kind);

const REASONS: readonly string[] = ["empty_queue", "no_votes", "too_late"] satisfies NoShopReason[];
const reasonOf = (row: OutboxRow): NoShopReason =>
  REASONS.includes(String(row.payload.reason))
    ? (row.payload.reason as NoShopReason)
    : "empty_queue";

/**
 * Binds a claimed row to its series; null when the series or its community is
 * gone. `series_open` is a transition (the occurrence's vote opens, in the
 * row's unit); `series_no_shop` is a DM to the series' creator alone.
 */
export async function bindSeries(
  tx: Tx,
  row: OutboxRow,
  kind: SeriesKind,
): Promise<BoundRow | null> {
  const series = await tx.getSeries(row.subjectId);
  const community = series ? await tx.getCommunity(series.communityId) : null;
  if (!series || !community) return null;
  const at = Number(row.payload.at);
  const moved = series.status !== "active" || (kind === "series_open" && series.nextAt !== at);
  return {
    communityId: series.communityId,
    community,
    skip: moved ? { state: "skipped", reason: "series moved on" } : null,
    edits: null,
    transition:
      kind === "series_open" ? (tx, now) => openOccurrenceVote(tx, series, at, now) : null,
    onFanOut: null,
    dmRecipients: async () => [],
    render: async (_tx, as, input) => {
      if (as !== "series_no_shop")
        throw new Error(`no renderer for outbox kind ${as} (row ${row.id})`);
      return new SeriesNoticeBuilder(community, input.locale, input.platform).noShop(
        series,
        at,
        reasonOf(row),
      );
    },
    event: () => null,
    memberLocale: async (_tx, member) => member.locale ?? community.locale,
    joinedFrom: async () => null,
    privateOnly: true,
    card: null,
    follows: null,
    album: null,
  };
}
