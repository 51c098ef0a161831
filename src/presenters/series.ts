import type { Context } from "../app/context.js";
import type { SeriesOutcome } from "../app/series.js";
import { voteOpensAt } from "../domain/series.js";
import { catalog } from "../i18n/index.js";
import { SeriesNoticeBuilder } from "../i18n/series-notices.js";
import type { Reply } from "../ports/inbound.js";
import { personal } from "./kit.js";

/** `/series …`: the actor's answer, with dates in the community's zone. */
export function presentSeries(ctx: Context, outcome: SeriesOutcome): Reply {
  const c = catalog(ctx.locale).series;
  const { community } = outcome;
  const b = new SeriesNoticeBuilder(community, ctx.locale, ctx.actor.platform);
  switch (outcome.kind) {
    case "series_created": {
      const { series } = outcome;
      const opens = b.at(voteOpensAt(series, series.nextAt, ctx.now));
      return personal(
        ctx,
        community,
        c.created(series.id, b.rule(series), b.at(series.nextAt), opens),
      );
    }
    case "series_list": {
      const items = outcome.series.map((s) => c.listItem(s.id, b.rule(s), b.at(s.nextAt)));
      return items.length === 0
        ? personal(
            ctx,
            community,
            c.listEmpty(ctx.actor.platform === "discord" ? "/series new" : c.newCommand),
          )
        : personal(ctx, community, c.listTitle(items.length), items);
    }
    case "series_skipped":
      return personal(
        ctx,
        community,
        c.skipped(outcome.series.id, b.at(outcome.skipped), b.at(outcome.series.nextAt)),
      );
    case "series_stopped":
      return personal(ctx, community, c.stopped(outcome.series.id));
  }
}
