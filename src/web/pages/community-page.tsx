/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { CommunityPageView, MobSummaryView, WebLocale } from "../../ports/web.js";
import { formatShort, money } from "../format.js";
import { communityIcsUrl, communityPageUrl, communityWebcalUrl, mobPageUrl } from "../links.js";
import { webStrings } from "../strings/index.js";
import { Layout, PageMeta } from "./layout.js";

export interface CommunityPageProps {
  readonly view: CommunityPageView;
  readonly locale: WebLocale;
  readonly base: string;
}

/** A community's page: what is coming, what happened, and the calendar feed. */
export function CommunityPage({ view, locale, base }: CommunityPageProps) {
  const s = webStrings(locale);
  const title = s.communityTitle(view.name);
  const total = money(view.totals.totalMinor, view.totals.currency, locale);
  const summary = s.totals(view.totals.mobs, view.totals.mobbers, total);
  const head = (
    <>
      <PageMeta
        s={s}
        title={title}
        description={summary}
        url={communityPageUrl(base, view.publicId)}
        calendar={communityIcsUrl(base, view.publicId)}
      />
      <meta name="twitter:card" content="summary" />
    </>
  );
  const item = (mob: MobSummaryView) => {
    const shop = mob.shop?.name ?? s.secretShop;
    const when = formatShort(mob.startsAt, view.timezone, locale);
    const link = <a href={mobPageUrl(base, mob.publicId)}>{shop}</a>;
    return (
      <li>
        {mob.state === "cancelled" ? <s>{link}</s> : <strong>{link}</strong>}
        <br />
        <span class="muted">
          {when}
          {" · "}
          {mob.state === "cancelled"
            ? s.states.cancelled
            : mob.tally
              ? s.pastLine(mob.tally.mobbers, money(mob.tally.totalMinor, mob.currency, locale))
              : s.going(mob.going)}
        </span>
      </li>
    );
  };
  /** A titled list of mobs, or the sentence saying there is none. */
  const mobList = (heading: string, none: string, mobs: readonly MobSummaryView[]) => (
    <section>
      <h2>{heading}</h2>
      {mobs.length === 0 ? <p class="muted">{none}</p> : <ul class="mobs">{mobs.map(item)}</ul>}
    </section>
  );
  return (
    <Layout s={s} title={title} head={head}>
      <header>
        <p>{s.siteName}</p>
        <h1>{title}</h1>
        <p>{summary}</p>
      </header>
      {mobList(s.upcomingTitle, s.noUpcoming, view.upcoming)}
      {mobList(s.pastTitle, s.noPast, view.past)}
      <section>
        <h2>{s.subscribe}</h2>
        <p class="muted">{s.subscribeHint}</p>
        <div class="actions">
          <a class="button" href={communityWebcalUrl(base, view.publicId)}>
            {s.subscribe}
          </a>
          <a class="button secondary" href={communityIcsUrl(base, view.publicId)}>
            {s.icsFile}
          </a>
        </div>
      </section>
    </Layout>
  );
}
