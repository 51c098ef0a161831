/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { type Context, Hono } from "hono";
import { cardContent, cardKey, drawCard } from "../../render/card.js";
import type { CardCache } from "../card-cache.js";
import type { WebAppDeps } from "../deps.js";
import { communityIcs, mobIcs } from "../ics.js";
import { PageCache } from "../page-cache.js";
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

/** `<id>` or `<id>.ics`: the public id asked for, and whether as a calendar file. */
const askedFor = (file: string) =>
  file.endsWith(".ics") ? { id: file.slice(0, -4), ics: true } : { id: file, ics: false };

/** `/m/:id`, `/m/:id.ics`, `/m/:id/card.png`, `/c/:id`, `/c/:id.ics`. */
export function publicRoutes(deps: WebAppDeps, cards: CardCache, pages: PageCache): Hono {
  const app = new Hono();

  /**
   * Serves text made only from `inputs`: rendered once per change, then from
   * memory; the digest is a weak ETag, so a revisit may cost a 304.
   */
  async function serveText(
    c: Context,
    inputs: readonly unknown[],
    render: () => string | Promise<string>,
    headers: Record<string, string>,
  ): Promise<Response> {
    const key = PageCache.digest(inputs);
    const all = { ...headers, ETag: `W/"${key}"` };
    if (ifNoneMatch(c.req.header("if-none-match"), key)) return c.body(null, 304, all);
    return c.body(await pages.get(key, render), 200, all);
  }

  app.get("/m/:id/card.png", async (c) => {
    const id = c.req.param("id");
    const view = PUBLIC_ID.test(id) ? await deps.port.mobPage(id, deps.clock.now()) : null;
    if (!view) return c.body(null, 404);
    const content = cardContent(view);
    const key = cardKey(content);
    // A URL carrying the current version never changes; the bare URL is revalidated often.
    const headers = {
      ETag: `"${key}"`,
      "Cache-Control": c.req.query("v") === key ? "public, max-age=86400" : "public, max-age=60",
      // Link previews and other sites may show the picture.
      "Cross-Origin-Resource-Policy": "cross-origin",
    };
    if (ifNoneMatch(c.req.header("if-none-match"), key)) return c.body(null, 304, headers);
    const png = await cards.get(key, () => drawCard(content));
    return c.body(png as Uint8Array<ArrayBuffer>, 200, { ...headers, "Content-Type": "image/png" });
  });

  app.get("/m/:id/photos/:number", async (c) => {
    const id = c.req.param("id");
    const number = c.req.param("number");
    const photo =
      PUBLIC_ID.test(id) && /^[1-9]\d{0,5}$/.test(number)
        ? await deps.port.mobPhoto(id, Number(number), deps.clock.now())
        : null;
    if (!photo) return c.body(null, 404, { "Cache-Control": "no-store" });
    // A removed photo should leave soon: kept briefly, not for good.
    return c.body(photo.bytes as Uint8Array<ArrayBuffer>, 200, {
      "Content-Type": photo.contentType,
      "Cache-Control": "public, max-age=300",
    });
  });

  app.get("/m/:file", async (c) => {
    const { id, ics } = askedFor(c.req.param("file"));
    const view = PUBLIC_ID.test(id) ? await deps.port.mobPage(id, deps.clock.now()) : null;
    if (!view) return notFound(c);
    const locale = localeFor(c, view.community.locale);
    const base = baseUrl(c, deps.publicUrl);
    const vary = { Vary: "Accept-Language", "Cache-Control": PAGE_CACHE };
    if (ics) {
      return serveText(c, ["mob.ics", locale, base, view], () => mobIcs(view, locale, base), {
        ...vary,
        "Content-Type": "text/calendar; charset=utf-8",
        "Content-Disposition": `attachment; filename="cashmob-${id}.ics"`,
      });
    }
    return serveText(
      c,
      ["mob", locale, base, view],
      () =>
        renderPage(
          <MobPage
            view={view}
            locale={locale}
            base={base}
            cardVersion={cardKey(cardContent(view))}
          />,
        ),
      { ...vary, "Content-Type": "text/html; charset=UTF-8" },
    );
  });

  app.get("/c/:file", async (c) => {
    const { id, ics } = askedFor(c.req.param("file"));
    const view = PUBLIC_ID.test(id) ? await deps.port.communityPage(id, deps.clock.now()) : null;
    if (!view) return notFound(c);
    const base = baseUrl(c, deps.publicUrl);
    if (ics) {
      // A feed is subscribed to once and shared: always in the community's language.
      return serveText(
        c,
        ["community.ics", base, view],
        () => communityIcs(view, view.locale, base),
        { "Cache-Control": "public, max-age=300", "Content-Type": "text/calendar; charset=utf-8" },
      );
    }
    const locale = localeFor(c, view.locale);
    return serveText(
      c,
      ["community", locale, base, view],
      () => renderPage(<CommunityPage view={view} locale={locale} base={base} />),
      {
        Vary: "Accept-Language",
        "Cache-Control": PAGE_CACHE,
        "Content-Type": "text/html; charset=UTF-8",
      },
    );
  });

  return app;
}

/** RFC 9110 If-None-Match (weak comparison): `*`, or a list of tags, one of them `key`. */
function ifNoneMatch(header: string | undefined, key: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === `"${key}"`);
}
