/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { CheckinPageView, WebLocale } from "../../ports/web.js";
import { formatShort, formatSpan } from "../format.js";
import { webStrings } from "../strings/index.js";
import { Layout } from "./layout.js";

type RightCode = Extract<CheckinPageView, { kind: "right_code" }>;

/**
 * What a scanned check-in QR opens for people not on Telegram: the mob (a
 * secret shop stays "Secret shop" until its reveal), whether check-in is open,
 * and the command that checks in from each chat, with the code filled in.
 */
export function CheckinPage({ view, locale }: { view: RightCode; locale: WebLocale }) {
  const s = webStrings(locale);
  const zone = view.community.timezone;
  const title = s.checkinTitle(view.mobId);
  const status =
    view.checkin === "cancelled"
      ? s.cancelled
      : view.checkin === "not_yet"
        ? s.checkinNotYet(`${formatShort(view.opensAt, zone, locale)} (${zone})`)
        : view.checkin === "open"
          ? s.checkinOpen
          : s.checkinClosed;
  return (
    <Layout s={s} title={title} head={<meta name="robots" content="noindex" />}>
      <header>
        <p>{s.byCommunity(view.community.name)}</p>
        <h1>{title}</h1>
      </header>
      <section class={view.checkin === "open" ? undefined : "notice"}>
        <dl>
          <dt>{s.shop}</dt>
          <dd>{view.shop?.name ?? s.secretShop}</dd>
          <dt>{s.when}</dt>
          <dd>{formatSpan(view.startsAt, view.endsAt, zone, locale)}</dd>
        </dl>
        <p>{status}</p>
      </section>
      <section>
        <p>{s.checkinIntro}</p>
        <h2>Discord</h2>
        <p>{s.checkinOnDiscord}</p>
        <p>
          <code>{`/mob checkin id:${view.mobId} code:${view.code}`}</code>
        </p>
        <h2>Telegram</h2>
        <p>{s.checkinOnTelegram}</p>
        <p>
          <code>{`/checkin ${view.mobId} ${view.code}`}</code>
        </p>
      </section>
    </Layout>
  );
}
