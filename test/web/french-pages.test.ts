import { describe, expect, it } from "vitest";
import { createMerchantLink } from "../../src/web/merchant-link.js";
import { typographyFaults } from "../fakes/french.js";
import { visibleText } from "../fakes/html-text.js";
import { LINK_SECRET, PUBLIC_URL, webHarness } from "../fakes/web-harness.js";

/**
 * A French community's pages as a visitor reads them: a non-breaking space
 * before : ; ! ? in the visible text, and the words the chat uses.
 */

describe("a French community's pages", () => {
  it("the mob page (coming, cancelled, tallied), the community page, the calendar and the merchant page set : ; ! ? the French way", async () => {
    const h = webHarness();
    const fr = h.port.addCommunity({ locale: "fr", name: "Croix-Rousse" });
    const coming = h.port.addMob(fr);
    const cancelled = h.port.addMob(fr, { status: "cancelled", cancelReason: "travaux" });
    const tallied = h.port.addMob(fr, {
      status: "tallied",
      tally: { mobbers: 3, totalMinor: 5000, averageMinor: 2500, goalRatio: 0.1, vsUsualDay: 0.4 },
    });
    const draft = h.port.addMob(fr, { status: "draft" });
    const { url } = createMerchantLink({
      secret: LINK_SECRET,
      mobId: draft.id,
      startsAt: draft.startsAt,
      now: h.clock.now(),
      publicUrl: PUBLIC_URL,
    });
    const paths = [
      `/m/${coming.publicId}`,
      `/m/${cancelled.publicId}`,
      `/m/${tallied.publicId}`,
      `/c/${fr.publicId}`,
      url.slice(PUBLIC_URL.length),
    ];
    for (const path of paths) {
      const res = await h.request(path);
      expect(res.status, path).toBe(200);
      const text = visibleText(await res.text());
      expect(typographyFaults(text), path).toEqual([]);
    }
    const ics = await (await h.request(`/m/${cancelled.publicId}.ics`)).text();
    const description = /DESCRIPTION:([\s\S]*?)\r\n[A-Z]/.exec(ics)?.[1]?.replace(/\r\n /g, "");
    expect(description).toContain("Promesse\u00a0: ");
    expect(description).toContain("Raison\u00a0: travaux");
    expect(typographyFaults(description?.replace(/\\[,;n]/g, " ") ?? "")).toEqual([]);
  });
});
