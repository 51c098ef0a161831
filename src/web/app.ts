import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { CardCache } from "./card-cache.js";
import type { WebAppDeps } from "./deps.js";
import { PageCache } from "./page-cache.js";
import { CSS_HASH, FAVICON_SVG } from "./pages/style.js";
import { checkinRoutes } from "./routes/checkin.js";
import { merchantRoutes } from "./routes/merchant.js";
import { opsRoutes } from "./routes/ops.js";
import { notFound, publicRoutes } from "./routes/public.js";

export type { InboundEndpoint, WebAppDeps } from "./deps.js";

/**
 * The web side as a hono app: public mob and community pages, the card,
 * calendars, the check-in page, the merchant's private page, health and metrics. `app.request()`
 * drives it without a socket; startWebServer puts it on one.
 */
export function createWebApp(deps: WebAppDeps): Hono {
  const app = new Hono();
  const https = deps.publicUrl?.startsWith("https:") ?? false;

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        // No script at all; the one stylesheet is allowed by its hash.
        defaultSrc: ["'none'"],
        styleSrc: [CSS_HASH],
        imgSrc: ["'self'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
      },
      // HSTS only means something over https; on plain http it would only mislead.
      strictTransportSecurity: https ? "max-age=15552000" : false,
      referrerPolicy: "no-referrer",
      // The same rule as `frame-ancestors 'none'`, for browsers that read only this one.
      xFrameOptions: "DENY",
      // The card must stay embeddable by link previews; its route says so itself.
      overwrite: false,
    }),
  );

  for (const endpoint of deps.inbound ?? [])
    app.post(endpoint.path, (c) => endpoint.handle(c.req.raw));
  app.route("/", opsRoutes(deps));
  app.route("/", publicRoutes(deps, deps.cards ?? new CardCache(), deps.pages ?? new PageCache()));
  app.route("/", merchantRoutes(deps));
  app.route("/", checkinRoutes(deps));
  app.get("/favicon.svg", (c) =>
    c.body(FAVICON_SVG, 200, {
      "Content-Type": "image/svg+xml",
      "Cache-Control": "public, max-age=86400",
    }),
  );

  app.notFound(notFound);
  app.onError((error, c) => {
    // The route pattern, never the path: a merchant link's path is a credential.
    deps.logger?.error({ err: error.message, route: c.req.routePath }, "web request failed");
    return c.text("Internal Server Error", 500, { "Cache-Control": "no-store" });
  });
  return app;
}
