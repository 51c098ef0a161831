/**
 * The one real-browser test: Debian's chromium, driven by playwright-core,
 * against the web app on a real socket. It checks what a person on a phone
 * sees: the page renders with no console error (a CSP violation would be
 * one), the preview tags are there, and the merchant answers through the
 * real form. Screenshots at 390 px wide land in test-artifacts/.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebApp } from "../../src/web/app.js";
import { CardCache } from "../../src/web/card-cache.js";
import { createMerchantLink } from "../../src/web/merchant-link.js";
import { type RunningWebServer, startWebServer } from "../../src/web/server.js";
import { FakeClock } from "../fakes/clock.js";
import { LINK_SECRET, T0 } from "../fakes/web-harness.js";
import { InMemoryWebPort } from "../fakes/web-port.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARTIFACTS = join(import.meta.dirname, "..", "..", "test-artifacts");
const hasChromium = existsSync(CHROMIUM);

if (!hasChromium) {
  process.stderr.write(
    `browser test skipped: no chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)\n`,
  );
}

describe.skipIf(!hasChromium)("in a real browser, at phone width", () => {
  const clock = new FakeClock(T0);
  const port = new InMemoryWebPort(clock);
  let server: RunningWebServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const app = createWebApp({
      port,
      clock,
      publicUrl: null,
      linkSecret: LINK_SECRET,
      cards: new CardCache(),
    });
    server = await startWebServer(app, { host: "127.0.0.1", port: 0 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A phone-sized page that records every console error, page error and failed request. */
  async function phone(): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: "en-GB",
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning")
        problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
    page.on("response", (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    return { page, problems };
  }

  it("the mob page renders cleanly, fits the screen and carries its preview tags", async () => {
    const community = port.addCommunity();
    const mob = port.addMob(community, {
      shopName: "Librairie du Parc <script>alert(1)</script>",
      capacity: 40,
    });
    const { page, problems } = await phone();
    let alerted = false;
    page.on("dialog", async (d) => {
      alerted = true;
      await d.dismiss();
    });
    const res = await page.goto(`${server.url}/m/${mob.publicId}`);
    expect(res?.status()).toBe(200);
    await expect(page.locator("h1").textContent()).resolves.toBe(
      "Librairie du Parc <script>alert(1)</script>",
    );
    const og = (key: string) => page.locator(`meta[property="${key}"]`).getAttribute("content");
    const image = await og("og:image");
    expect(image).toMatch(new RegExp(`^${server.url}/m/${mob.publicId}/card\\.png\\?v=`));
    expect(await og("og:title")).toContain("Librairie du Parc");
    expect(await page.locator('meta[name="twitter:card"]').getAttribute("content")).toBe(
      "summary_large_image",
    );
    const card = await page.request.get(image ?? "");
    expect(card.status()).toBe(200);
    expect(card.headers()["content-type"]).toBe("image/png");
    // Nothing wider than the phone: no sideways scrolling.
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(ARTIFACTS, "mob-page-390.png"), fullPage: true });
    expect(alerted).toBe(false);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("the merchant answers through the real form, and the answer is recorded", async () => {
    const community = port.addCommunity();
    const mob = port.addMob(community, { status: "draft" });
    const { url } = createMerchantLink({
      secret: LINK_SECRET,
      mobId: mob.id,
      startsAt: mob.startsAt,
      now: clock.now(),
      publicUrl: server.url,
    });
    const { page, problems } = await phone();
    await page.goto(url);
    await page.getByLabel("Yes, welcome!").check();
    await page.getByLabel("A note for the organizers (optional)").fill("Après 17h, merci !");
    await page.getByLabel("Your usual daily takings, in EUR (optional)").fill("850");
    await page.screenshot({ path: join(ARTIFACTS, "merchant-form-390.png"), fullPage: true });
    await Promise.all([
      page.waitForURL(/answered=1$/),
      page.getByRole("button", { name: "Send my answer" }).click(),
    ]);
    await expect(page.getByRole("status").textContent()).resolves.toContain("Thank you!");
    expect(port.answers).toEqual([
      {
        mobId: mob.id,
        answer: "agreed",
        note: "Après 17h, merci !",
        usualTakingsMinor: 85_000,
        now: T0,
      },
    ]);
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
