/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { getCookie, setCookie } from "hono/cookie";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { MERCHANT_NOTE_MAX, type MerchantProposalView, type WebLocale } from "../../ports/web.js";
import { CSRF_COOKIE, CSRF_MAX_AGE_MS, checkCsrf, csrfField, csrfNonce } from "../csrf.js";
import type { WebAppDeps } from "../deps.js";
import { parseMerchantForm } from "../merchant-form.js";
import { verifyMerchantToken } from "../merchant-link.js";
import { renderPage } from "../pages/layout.js";
import {
  answeredLine,
  MerchantPage,
  type MerchantPageProps,
  merchantAnswer,
} from "../pages/merchant-page.js";
import { MessagePage } from "../pages/message-page.js";
import { PostBudget } from "../post-budget.js";
import { localeFor, visitorLocaleOf } from "../request.js";
import { type LinkProblem, webStrings } from "../strings/index.js";

/** A note of 500 characters, URL-encoded, with room to spare; anything bigger is not a form. */
export const MERCHANT_BODY_LIMIT = 8 * 1024;
/** 8 KB arrives in well under a second on any phone; a body dribbled in slower holds a socket. */
export const MERCHANT_BODY_DEADLINE_MS = 5_000;
/** Posts one mob's links take an hour (its pages say the number): the merchant corrects, nobody floods. */
export const MERCHANT_POSTS_PER_HOUR = 20;

const PRIVATE = { "Cache-Control": "no-store", "X-Robots-Tag": "noindex, nofollow" };

const STATUS: Record<LinkProblem, ContentfulStatusCode> = {
  invalid: 400,
  expired: 410,
  closed: 410,
  cancelled: 410,
  gone: 404,
  stale_form: 403,
  too_large: 413,
  too_slow: 408,
  too_many: 429,
};

async function problem(
  c: Context,
  locale: WebLocale,
  kind: LinkProblem,
  status: ContentfulStatusCode = STATUS[kind],
  proposal?: MerchantProposalView,
  headers: Readonly<Record<string, string>> = {},
): Promise<Response> {
  const s = webStrings(locale);
  const { title, text } = s.linkProblems[kind];
  const answered = proposal ? answeredLine(proposal, locale) : null;
  const page = await renderPage(
    <MessagePage s={s} title={title} text={text}>
      {answered ? <p>{answered}</p> : null}
    </MessagePage>,
  );
  return c.html(page, status, { ...PRIVATE, ...headers });
}

/** The posted form, or "late" when it has not all arrived within `ms`. */
async function formWithin(c: Context, ms: number): Promise<Record<string, unknown> | "late"> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), ms);
  });
  const body = c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  try {
    return await Promise.race([body, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** `GET, POST /merchant/:token`: the merchant's private page and answer. */
export function merchantRoutes(deps: WebAppDeps): Hono {
  const app = new Hono();
  const posts = deps.merchantPosts ?? new PostBudget(MERCHANT_POSTS_PER_HOUR, 3_600_000);
  const secure = deps.publicUrl?.startsWith("https:") ?? false;
  // Behind a proxy that mounts the app under a path, the cookie must carry that path.
  const cookiePath = `${deps.publicUrl ? new URL(deps.publicUrl).pathname.replace(/\/$/, "") : ""}/merchant`;

  async function showForm(
    c: Context,
    token: string,
    props: Omit<MerchantPageProps, "action" | "csrf" | "locale">,
    status: ContentfulStatusCode = 200,
  ): Promise<Response> {
    const nonce = csrfNonce(getCookie(c, CSRF_COOKIE));
    setCookie(c, CSRF_COOKIE, nonce, {
      path: cookiePath,
      httpOnly: true,
      sameSite: "Strict",
      secure: secure || new URL(c.req.url).protocol === "https:",
      maxAge: CSRF_MAX_AGE_MS / 1000,
    });
    const locale = localeFor(c, props.proposal.locale);
    const page = await renderPage(
      <MerchantPage
        {...props}
        locale={locale}
        // Relative, so it works behind a proxy that mounts the app under a path.
        action={token}
        csrf={csrfField(deps.linkSecret, token, nonce, deps.clock.now())}
      />,
    );
    return c.html(page, status, PRIVATE);
  }

  /** The token's mob and its proposal, or the page saying why not. */
  async function open(
    c: Context,
    token: string,
  ): Promise<{ proposal: MerchantProposalView } | { response: Response }> {
    const now = deps.clock.now();
    const check = verifyMerchantToken(deps.linkSecret, token, now);
    if (!check.ok && check.problem === "invalid") {
      return { response: await problem(c, visitorLocaleOf(c), "invalid") };
    }
    const proposal = await deps.port.merchantProposal(check.mobId, now);
    if (!proposal) return { response: await problem(c, visitorLocaleOf(c), "gone") };
    const locale = localeFor(c, proposal.locale);
    if (proposal.cancelled) return { response: await problem(c, locale, "cancelled") };
    const closedStatus = c.req.method === "POST" ? 409 : 410;
    if (!check.ok) {
      // A used link outlives its form: it still says what was answered.
      return merchantAnswer(proposal) === null
        ? { response: await problem(c, locale, "expired") }
        : { response: await problem(c, locale, "closed", closedStatus, proposal) };
    }
    if (!proposal.canAnswer) {
      return { response: await problem(c, locale, "closed", closedStatus, proposal) };
    }
    return { proposal };
  }

  app.get("/merchant/:token", async (c) => {
    const token = c.req.param("token");
    const opened = await open(c, token);
    if ("response" in opened) return opened.response;
    const thanked = c.req.query("answered") === "1" && merchantAnswer(opened.proposal) !== null;
    return showForm(c, token, { proposal: opened.proposal, thanked });
  });

  app.post(
    "/merchant/:token",
    bodyLimit({
      maxSize: MERCHANT_BODY_LIMIT,
      onError: (c) => problem(c, visitorLocaleOf(c), "too_large"),
    }),
    async (c) => {
      const token = c.req.param("token");
      const now = deps.clock.now();
      // The link first (signature, expiry, state), then the form it came with.
      const opened = await open(c, token);
      if ("response" in opened) return opened.response;
      const { proposal } = opened;
      const budget = posts.take(String(proposal.mobId), now);
      if (!budget.ok) {
        const retryAfter = String(Math.ceil(budget.retryAfterMs / 1000));
        const locale = localeFor(c, proposal.locale);
        return problem(c, locale, "too_many", 429, undefined, { "Retry-After": retryAfter });
      }
      const body = await formWithin(c, MERCHANT_BODY_DEADLINE_MS);
      if (body === "late") {
        // Closing is the point: the socket goes back, whatever the client still sends.
        const locale = localeFor(c, proposal.locale);
        return problem(c, locale, "too_slow", 408, undefined, { Connection: "close" });
      }
      const csrf = typeof body.csrf === "string" ? body.csrf : undefined;
      if (!checkCsrf(deps.linkSecret, token, csrf, getCookie(c, CSRF_COOKIE), now)) {
        return problem(c, localeFor(c, proposal.locale), "stale_form");
      }
      const form = parseMerchantForm(body, proposal.currency);
      if (!form.ok) {
        const s = webStrings(localeFor(c, proposal.locale));
        const error = s.formErrors[form.error]({ max: MERCHANT_NOTE_MAX });
        return showForm(c, token, { proposal, values: form.values, error }, 400);
      }
      const result = await deps.port.recordMerchantAnswer({
        mobId: proposal.mobId,
        answer: form.answer,
        note: form.note,
        usualTakingsMinor: form.usualTakingsMinor,
        now,
      });
      if (!result.ok) {
        const locale = localeFor(c, proposal.locale);
        return result.code === "MOB_NOT_FOUND"
          ? problem(c, locale, "gone")
          : problem(c, locale, "closed", 409, proposal);
      }
      // Post/redirect/get: a reload shows the page again instead of posting twice.
      return c.redirect(`${token}?answered=1`, 303);
    },
  );

  return app;
}
