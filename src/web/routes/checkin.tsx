/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Hono } from "hono";
import type { WebAppDeps } from "../deps.js";
import { CheckinPage } from "../pages/checkin-page.js";
import { renderPage } from "../pages/layout.js";
import { MessagePage } from "../pages/message-page.js";
import { localeFor, PUBLIC_ID } from "../request.js";
import { webStrings } from "../strings/index.js";
import { notFound } from "./public.js";

/** What a check-in code in a link may look like; anything else is read as a wrong code. */
const CODE = /^[A-Za-z0-9 ]{1,32}$/;

/**
 * `/m/:id/in?code=…`: the page a scanned check-in QR opens where no Telegram
 * bot is configured. Served only with PUBLIC_URL (the QR's base). The URL
 * holds a code: never cached, never indexed, never sent on as a Referer (the
 * app's headers say no-referrer).
 */
export function checkinRoutes(deps: WebAppDeps): Hono {
  const app = new Hono();
  app.get("/m/:id/in", async (c) => {
    const id = c.req.param("id");
    if (!deps.publicUrl || !PUBLIC_ID.test(id)) return notFound(c);
    const typed = c.req.query("code") ?? "";
    const code = CODE.test(typed) ? typed : "";
    const view = await deps.port.checkinPage(id, code, deps.clock.now());
    if (!view) return notFound(c);
    const headers = { "Cache-Control": "no-store", Vary: "Accept-Language" };
    if (view.kind === "wrong_code") {
      const s = webStrings(localeFor(c, view.locale));
      const page = <MessagePage s={s} title={s.checkinWrongTitle} text={s.checkinWrong} />;
      return c.html(await renderPage(page), 404, headers);
    }
    const locale = localeFor(c, view.community.locale);
    return c.html(await renderPage(<CheckinPage view={view} locale={locale} />), 200, headers);
  });
  return app;
}
