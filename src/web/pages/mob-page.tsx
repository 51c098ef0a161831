/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { compareWithUsualDay } from "../../domain/mob.js";
import type { MobPageView, WebLocale } from "../../ports/web.js";
import { formatSpan, money, percent, times } from "../format.js";
import { eventText } from "../ics.js";
import {
  communityPageUrl,
  googleCalendarUrl,
  mapUrl,
  mobCardUrl,
  mobIcsUrl,
  mobPageUrl,
  mobPhotoUrl,
} from "../links.js";
import { type WebStrings, webStrings } from "../strings/index.js";
import { Layout, PageMeta } from "./layout.js";

export interface MobPageProps {
  readonly view: MobPageView;
  readonly locale: WebLocale;
  /** PUBLIC_URL, or the request's origin. */
  readonly base: string;
  /** The card's ETag, so a changed card gets a new URL in the preview tags. */
  readonly cardVersion: string;
}

function Place(props: {
  readonly s: WebStrings;
  readonly label: string;
  readonly place: string;
  /** What the map link is said to show (screen readers); the place itself when not given. */
  readonly mapped?: string;
}) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd>
        {props.place}{" "}
        <a
          href={mapUrl(props.place)}
          rel="noopener noreferrer"
          aria-label={props.s.map(props.mapped ?? props.place)}
        >
          {props.s.mapLink}
        </a>
      </dd>
    </>
  );
}

/** The one-line summary used in preview descriptions. */
export function mobDescription(view: MobPageView, locale: WebLocale): string {
  const s = webStrings(locale);
  const when = formatSpan(view.startsAt, view.endsAt, view.community.timezone, locale);
  const parts = [
    view.state === "cancelled" ? s.cancelled : null,
    when,
    view.meetingPoint,
    view.tally
      ? `${view.tally.mobbers} ${s.mobbers.toLowerCase()}, ${money(view.tally.totalMinor, view.currency, locale)}`
      : s.going(view.going),
    view.tally ? null : `${s.label(s.pledge)}${money(view.pledgeMinor, view.currency, locale)}`,
  ];
  return parts.filter((p): p is string => p !== null && p !== "").join(" · ");
}

/** The mob's public page: what, when, where, how many, how to join, and the results after. */
export function MobPage({ view, locale, base, cardVersion }: MobPageProps) {
  const s = webStrings(locale);
  const shopName = view.shop?.name ?? s.secretShop;
  const title = `${shopName} · ${s.byCommunity(view.community.name)}`;
  const description = mobDescription(view, locale);
  const pageUrl = mobPageUrl(base, view.publicId);
  const cardUrl = mobCardUrl(base, view.publicId, cardVersion);
  const cash = (minor: number) => money(minor, view.currency, locale);
  const usualDay = (ratio: number) => {
    const compared = compareWithUsualDay(ratio);
    return compared.kind === "share"
      ? s.shareOfUsualDay(percent(compared.percent / 100, locale))
      : s.vsUsualDay(times(compared.times, locale));
  };
  const upcoming = view.state === "announced" || view.state === "live";
  const ev = eventText(view, locale, base);
  const head = (
    <>
      <PageMeta
        s={s}
        title={title}
        description={description}
        url={pageUrl}
        calendar={mobIcsUrl(base, view.publicId)}
      />
      <meta property="og:image" content={cardUrl} />
      <meta property="og:image:type" content="image/png" />
      <meta property="og:image:width" content="1200" />
      <meta property="og:image:height" content="630" />
      <meta property="og:image:alt" content={`${s.label(shopName)}${description}`} />
      <meta name="twitter:card" content="summary_large_image" />
      <meta name="twitter:title" content={title} />
      <meta name="twitter:description" content={description} />
      <meta name="twitter:image" content={cardUrl} />
    </>
  );
  return (
    <Layout s={s} title={title} head={head}>
      <header>
        <p>
          <a href={communityPageUrl(base, view.community.publicId)}>
            {s.byCommunity(view.community.name)}
          </a>
        </p>
        <h1>{shopName}</h1>
        <span class={view.state === "cancelled" ? "badge cancelled" : "badge"}>
          {s.states[view.state]}
        </span>
      </header>

      {view.state === "cancelled" ? (
        <section class="notice">
          <p>
            <strong>{s.cancelled}</strong>
          </p>
          {view.cancelReason ? (
            <p>
              {s.label(s.cancelReason)}
              {view.cancelReason}
            </p>
          ) : null}
        </section>
      ) : null}

      <section>
        <dl>
          <dt>{s.when}</dt>
          <dd>{formatSpan(view.startsAt, view.endsAt, view.community.timezone, locale)}</dd>
          {view.meetingPoint ? (
            <Place s={s} label={s.meetingPoint} place={view.meetingPoint} />
          ) : null}
          {view.shop === null ? (
            <>
              <dt>{s.shop}</dt>
              <dd class="muted">{s.secretShopNote}</dd>
            </>
          ) : view.shop.address ? (
            <Place
              s={s}
              label={s.shop}
              place={`${view.shop.name}, ${view.shop.address}`}
              mapped={view.shop.address}
            />
          ) : null}
          {view.party ? <Place s={s} label={s.afterParty} place={view.party} /> : null}
          <dt>{s.pledge}</dt>
          <dd>{s.pledgeEach(cash(view.pledgeMinor))}</dd>
        </dl>
      </section>

      {view.tally ? (
        <section>
          <h2>{s.resultsTitle}</h2>
          <div class="stats">
            <div>
              {view.tally.mobbers}
              <span>{s.mobbers}</span>
            </div>
            <div>
              {cash(view.tally.totalMinor)}
              <span>{s.spent}</span>
            </div>
            {view.tally.averageMinor === null ? null : (
              <div>
                {cash(view.tally.averageMinor)}
                <span>{s.average}</span>
              </div>
            )}
            {view.tally.goalRatio === null ? null : (
              <div>
                {percent(view.tally.goalRatio, locale)}
                <span>{s.ofGoal}</span>
              </div>
            )}
          </div>
          {view.tally.vsUsualDay === null ? null : <p>{usualDay(view.tally.vsUsualDay)}</p>}
        </section>
      ) : (
        <section>
          <p class="counts">
            {s.going(view.going)} · {s.maybe(view.maybe)}
            {view.capacity === null ? null : (
              <span class="muted"> / {s.places(view.capacity)}</span>
            )}
            {view.waiting > 0 ? ` · ${s.waiting(view.waiting)}` : null}
          </p>
          {view.goalMinor === null || view.goalMinor <= 0 ? null : (
            <>
              <progress
                max={view.goalMinor}
                value={Math.min(view.pledgedMinor, view.goalMinor)}
                aria-label={s.goalProgress(cash(view.pledgedMinor), cash(view.goalMinor))}
              />
              <p class="muted">{s.goalProgress(cash(view.pledgedMinor), cash(view.goalMinor))}</p>
            </>
          )}
          {view.state === "ended" ? <p>{s.resultsSoon}</p> : null}
        </section>
      )}

      {view.photos.length > 0 ? (
        <section>
          <h2>{s.photosTitle}</h2>
          <div class="photos">
            {view.photos.map((p) => (
              <a href={mobPhotoUrl(base, view.publicId, p.number)}>
                <img
                  src={mobPhotoUrl(base, view.publicId, p.number)}
                  width={p.width}
                  height={p.height}
                  alt={s.photoAlt(p.number)}
                  loading="lazy"
                />
              </a>
            ))}
          </div>
        </section>
      ) : null}

      {upcoming ? (
        <>
          <section>
            <h2>{s.joinTitle}</h2>
            {view.join.length === 0 ? (
              <p class="muted">{s.joinNone}</p>
            ) : (
              <div class="actions">
                {view.join.map((j) => (
                  <a class="button" href={j.url} rel="noopener noreferrer">
                    {s.label(s.joinOn(j.platform))}
                    {j.chatName}
                  </a>
                ))}
              </div>
            )}
          </section>
          <section>
            <h2>{s.calendarTitle}</h2>
            <div class="actions">
              <a class="button secondary" href={mobIcsUrl(base, view.publicId)}>
                {s.icsFile}
              </a>
              <a
                class="button secondary"
                href={googleCalendarUrl({
                  title: ev.title,
                  startsAt: view.startsAt,
                  endsAt: view.endsAt,
                  details: ev.details,
                  location: ev.location,
                  timezone: view.community.timezone,
                })}
                rel="noopener noreferrer"
              >
                {s.googleCalendar}
              </a>
            </div>
          </section>
        </>
      ) : null}
    </Layout>
  );
}
