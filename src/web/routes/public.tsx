/** @jsxImportSource hono/jsx */
import { type Context, Hono } from "hono";
import { cardContent, cardKey, drawCard } from "../../render/card.js";
import type { CardCache } from "../card-cache.js";
import type { WebAppDeps } from "../deps.js";
import { communityIcs, mobIcs } from "../ics.js";
import { CommunityPage } from "../pages/community-page.js";
import { renderPage } from "../pages/layout.js";
import { MessagePage } from "../pages/message-page.js";
import { MobPage } from "../pages/mob-page.js";
import { baseUrl, localeFor, PUBLIC_ID, visitorLocaleOf } from "../request.js";
import { webStrings } from "../strings/index.js";

/** Pages change as people join: browsers and proxies may keep them briefly, per language. */
const PAGE_CACHE = "public, max-age=30";

/** The "not found" page, in the visitor's language. */
export async function notFound(c: Context): Promise<Response> {
  const s = webStrings(visitorLocaleOf(c));
  const page = await renderPage(<MessagePage s={s} title={s.notFoundTitle} text={s.notFound} />);
  return c.html(page, 404, { "Cache-Control": "no-store" });
}

/** `/m/:id`, `/m/:id.ics`, `/m/:id/card.png`, `/c/:id`, `/c/:id.ics`. */
export function publicRoutes(deps: WebAppDeps, cards: CardCache): Hono {
  const app = new Hono();

  app.get("/m/:id/card.png", async (c) => {
    const id = c.req.param("id");
    const view = PUBLIC_ID.test(id) ? await deps.port.mobPage(id, deps.clock.now()) : null;
    if (!view) return c.body(null, 404);
    const content = cardContent(view);
    const key = cardKey(content);
    const etag = `"${key}"`;
    // A URL carrying the current version never changes; the bare URL is revalidated often.
    const headers = {
      ETag: etag,
      "Cache-Control": c.req.query("v") === key ? "public, max-age=86400" : "public, max-age=60",
      // Link previews and other sites may show the picture.
      "Cross-Origin-Resource-Policy": "cross-origin",
    };
    if (ifNoneMatch(c.req.header("if-none-match"), etag)) return c.body(null, 304, headers);
    const png = await cards.get(key, () => drawCard(content));
    return c.body(png as Uint8Array<ArrayBuffer>, 200, { ...headers, "Content-Type": "image/png" });
  });

  app.get("/m/:file", async (c) => {
    const file = c.req.param("file");
    const ics = file.endsWith(".ics");
    const id = ics ? file.slice(0, -4) : file;
    const view = PUBLIC_ID.test(id) ? await deps.port.mobPage(id, deps.clock.now()) : null;
    if (!view) return notFound(c);
    const locale = localeFor(c, view.community.locale);
    const base = baseUrl(c, deps.publicUrl);
    const vary = { Vary: "Accept-Language", "Cache-Control": PAGE_CACHE };
    if (ics) {
      return c.body(mobIcs(view, locale, base), 200, {
        ...vary,
        "Content-Type": "text/calendar; charset=utf-8",
        "Content-Disposition": `attachment; filename="cashmob-${id}.ics"`,
      });
    }
    const cardVersion = cardKey(cardContent(view));
    const page = await renderPage(
      <MobPage view={view} locale={locale} base={base} cardVersion={cardVersion} />,
    );
    return c.html(page, 200, vary);
  });

  app.get("/c/:file", async (c) => {
    const file = c.req.param("file");
    const ics = file.endsWith(".ics");
    const id = ics ? file.slice(0, -4) : file;
    const view = PUBLIC_ID.test(id) ? await deps.port.communityPage(id, deps.clock.now()) : null;
    if (!view) return notFound(c);
    const base = baseUrl(c, deps.publicUrl);
    if (ics) {
      // A feed is subscribed to once and shared: always in the community's language.
      return c.body(communityIcs(view, view.locale, base), 200, {
        "Cache-Control": "public, max-age=300",
        "Content-Type": "text/calendar; charset=utf-8",
      });
    }
    const locale = localeFor(c, view.locale);
    const page = await renderPage(<CommunityPage view={view} locale={locale} base={base} />);
    return c.html(page, 200, { Vary: "Accept-Language", "Cache-Control": PAGE_CACHE });
  });

  return app;
}

/** RFC 9110 If-None-Match: `*`, or a list of (possibly weak) tags. */
function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}
