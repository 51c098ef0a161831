import type { NoShopReason } from "../app/series-plan.js";
import type { Community } from "../domain/community.js";
import type { Series } from "../domain/series.js";
import type { Notice, PlatformName } from "../ports/platform.js";
import { catalog, formatInstant } from "./index.js";
import { text } from "./notices.js";
import { formatSeriesRule } from "./series-rule.js";
import { commandSyntax } from "./syntax.js";

/** The notices and lines about series, for one community, in one language and platform's syntax. */
export class SeriesNoticeBuilder {
  constructor(
    private readonly community: Community,
    private readonly locale: string,
    private readonly platform: PlatformName | undefined,
  ) {}

  private get c() {
    return catalog(this.locale).series;
  }

  /** An instant in the community's zone and the reader's language. */
  at(instant: number): string {
    return formatInstant(instant, this.community.timezone, this.locale);
  }

  rule(series: Series): string {
    return formatSeriesRule(series.rule, this.locale);
  }

  /** To the series' creator, privately: the occurrence at `at` has no shop, and what to do. */
  noShop(series: Series, at: number, reason: NoShopReason): Notice {
    const syntax = commandSyntax(this.platform);
    return {
      kind: "series_no_shop",
      tone: "warning",
      title: this.c.noShopTitle(this.at(at)),
      lines: [
        [text(`${this.rule(series)} (#${series.id})`)],
        [text(this.c.noShop[reason])],
        [text(this.c.noShopWhat(syntax.nominate, syntax.create))],
      ],
      actions: [],
      locale: this.locale,
    };
  }
}
