import ical, { type VEvent } from "node-ical";
import { describe, expect, it } from "vitest";
import { webHarness } from "../fakes/web-harness.js";

/** The events of a served calendar, parsed back by an independent parser. */
async function events(res: Response): Promise<VEvent[]> {
  const text = await res.text();
  return Object.values(ical.sync.parseICS(text)).filter((c): c is VEvent => c?.type === "VEVENT");
}

describe("GET /m/<public id>.ics", () => {
  it("is one event with a stable UID, the times in UTC, the page URL and the meeting point", async () => {
    const h = webHarness();
    const mob = h.port.addMob(h.community, {
      startsAt: Date.UTC(2026, 11, 5, 17),
      endsAt: Date.UTC(2026, 11, 5, 19),
    });
    const res = await h.request(`/m/${mob.publicId}.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const raw = await res.clone().text();
    expect(raw).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(raw).toContain("METHOD:PUBLISH");
    expect(raw).toMatch(/\r\nDTSTAMP:\d{8}T\d{6}Z\r\n/);
    expect(raw).toContain("DTSTART:20261205T170000Z");
    const [event, ...more] = await events(res);
    expect(more).toEqual([]);
    expect(event?.uid).toBe(`mob-${mob.publicId}@mobs.example.org`);
    expect(event?.start.toISOString()).toBe("2026-12-05T17:00:00.000Z");
    expect(event?.end?.toISOString()).toBe("2026-12-05T19:00:00.000Z");
    expect(event?.summary).toBe("Cash mob: Librairie du Parc");
    expect(event?.location).toBe("Fontaine de la place");
    expect(event?.status).toBe("CONFIRMED");
    expect(event?.sequence).toBe(0);
    // node-ical keeps URL;VALUE=URI as { params, val }.
    const url = event?.url as unknown as string | { val: string };
    expect(typeof url === "string" ? url : url.val).toBe(
      `https://mobs.example.org/m/${mob.publicId}`,
    );
    expect(event?.description).toContain("3 rue des Lilas");
  });

  it("keeps its UID and raises SEQUENCE and DTSTAMP when the mob changes", async () => {
    const h = webHarness();
    const mob = h.port.addMob(h.community);
    const [before] = await events(await h.request(`/m/${mob.publicId}.ics`));
    h.clock.advance(3_600_000);
    h.port.update(mob, { startsAt: mob.startsAt + 86_400_000, endsAt: mob.endsAt + 86_400_000 });
    const [after] = await events(await h.request(`/m/${mob.publicId}.ics`));
    expect(after?.uid).toBe(before?.uid);
    expect(after?.sequence).toBe(Number(before?.sequence) + 1);
    expect(after?.dtstamp.getTime()).toBeGreaterThan(before?.dtstamp.getTime() ?? 0);
    expect(after?.start.getTime()).toBe((before?.start.getTime() ?? 0) + 86_400_000);
  });

  it("marks a cancelled mob STATUS:CANCELLED", async () => {
    const h = webHarness();
    const mob = h.port.addMob(h.community);
    h.port.update(mob, { status: "cancelled", cancelReason: "Shop closed" });
    const [event] = await events(await h.request(`/m/${mob.publicId}.ics`));
    expect(event?.status).toBe("CANCELLED");
    expect(event?.sequence).toBe(1);
    expect(event?.description).toContain("Shop closed");
  });

  it("hides a secret shop until the reveal, then names it", async () => {
    const h = webHarness();
    const mob = h.port.addMob(h.community, {
      secret: true,
      shopName: "Boulangerie X",
      address: "9 rue Y",
    });
    const hidden = await (await h.request(`/m/${mob.publicId}.ics`)).text();
    expect(hidden).not.toContain("Boulangerie");
    expect(hidden).not.toContain("9 rue Y");
    const [event] = await events(new Response(hidden));
    expect(event?.summary).toBe("Cash mob: Secret shop");
    h.clock.set(mob.startsAt - 10 * 60_000);
    const [revealed] = await events(await h.request(`/m/${mob.publicId}.ics`));
    expect(revealed?.summary).toBe("Cash mob: Boulangerie X");
  });

  it("escapes user text so it cannot add properties", async () => {
    const h = webHarness();
    const mob = h.port.addMob(h.community, {
      shopName: "Evil\r\nSTATUS:CANCELLED\r\nX-INJECT:1",
      meetingPoint: "Here; there, and\nelsewhere",
    });
    const raw = await (await h.request(`/m/${mob.publicId}.ics`)).text();
    expect(raw).not.toMatch(/\r\nX-INJECT/);
    const [event] = await events(new Response(raw));
    expect(event?.status).toBe("CONFIRMED");
    expect(event?.location).toBe("Here; there, and\nelsewhere");
  });
});

describe("GET /c/<public id>.ics", () => {
  it("is the community's feed: every public mob once, cancelled ones marked, drafts left out", async () => {
    const h = webHarness();
    const a = h.port.addMob(h.community, { shopName: "A" });
    const b = h.port.addMob(h.community, { shopName: "B", status: "cancelled" });
    const c = h.port.addMob(h.community, {
      shopName: "C",
      status: "tallied",
      startsAt: Date.UTC(2026, 9, 1, 16),
      endsAt: Date.UTC(2026, 9, 1, 18),
    });
    h.port.addMob(h.community, { shopName: "Draft", status: "draft" });
    h.port.addMob(h.port.addCommunity({ name: "Elsewhere" }), { shopName: "Other community" });
    const res = await h.request(`/c/${h.community.publicId}.ics`);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const list = await events(res);
    const byUid = new Map(list.map((e) => [e.uid, e]));
    expect([...byUid.keys()].sort()).toEqual(
      [a, b, c].map((m) => `mob-${m.publicId}@mobs.example.org`).sort(),
    );
    expect(byUid.get(`mob-${b.publicId}@mobs.example.org`)?.status).toBe("CANCELLED");
    expect(byUid.get(`mob-${a.publicId}@mobs.example.org`)?.summary).toBe("Cash mob: A");
  });

  it("uses the same UID as the mob's own file, so a subscribed calendar does not get it twice", async () => {
    const h = webHarness();
    const mob = h.port.addMob(h.community);
    const [own] = await events(await h.request(`/m/${mob.publicId}.ics`));
    const [fromFeed] = await events(await h.request(`/c/${h.community.publicId}.ics`));
    expect(fromFeed?.uid).toBe(own?.uid);
  });
});
