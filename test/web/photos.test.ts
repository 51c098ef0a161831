import { describe, expect, it } from "vitest";
import { mobPhotoFile, mobPhotoViews } from "../../src/app/web-photos.js";
import { makeHarness } from "../fakes/core-harness.js";
import { orgCreates } from "../fakes/core-scene.js";
import { png } from "../fakes/images.js";
import { webHarness } from "../fakes/web-harness.js";

const H = 3_600_000;

describe("the mob page's photos", () => {
  // Who sent them, and their metadata, stay off the page on the real store: test/web/privacy.test.ts.
  it("shows the album with each photo's link and size; each photo is served with its type", async () => {
    const h = webHarness();
    const bytes = png(640, 480, 5);
    const mob = h.port.addMob(h.community, {
      startsAt: h.clock.now() - 3 * H,
      photos: [
        { number: 2, width: 640, height: 480, bytes, contentType: "image/png" },
        { number: 5, width: 300, height: 400, bytes: png(300, 400), contentType: "image/png" },
      ],
    });
    mob.endsAt = mob.startsAt + 2 * H;
    const html = await (await h.request(`/m/${mob.publicId}`)).text();
    expect(html).toContain("<h2>Photos</h2>");
    const url = `https://mobs.example.org/m/${mob.publicId}/photos/2`;
    expect(html).toContain(
      `<a href="${url}"><img src="${url}" width="640" height="480" alt="Photo 2 of the cash mob" loading="lazy"/></a>`,
    );
    expect(html).toContain(`/photos/5"`);

    const res = await h.request(`/m/${mob.publicId}/photos/2`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
  });

  it("an unknown, removed or malformed photo, or a draft's, is a 404", async () => {
    const h = webHarness();
    const mob = h.port.addMob(h.community, {
      photos: [{ number: 1, width: 1, height: 1, bytes: png(1, 1), contentType: "image/png" }],
    });
    const draft = h.port.addMob(h.community, {
      status: "draft",
      photos: [{ number: 1, width: 1, height: 1, bytes: png(1, 1), contentType: "image/png" }],
    });
    for (const path of [
      `/m/${mob.publicId}/photos/2`,
      `/m/${mob.publicId}/photos/0`,
      `/m/${mob.publicId}/photos/1.png`,
      `/m/${mob.publicId}/photos/-1`,
      `/m/${draft.publicId}/photos/1`,
      "/m/nope!/photos/1",
    ])
      expect((await h.request(path)).status, path).toBe(404);
    expect((await h.request(`/m/${mob.publicId}/photos/1`)).status).toBe(200);
  });

  it("a mob without photos has no photo section", async () => {
    const h = webHarness();
    const mob = h.port.addMob(h.community);
    expect(await (await h.request(`/m/${mob.publicId}`)).text()).not.toContain("Photos");
  });
});

describe("the core's side of the album, for the web port", () => {
  it("gives numbers and sizes, and each photo's bytes with its type; a removed one is gone", async () => {
    const h = makeHarness();
    const store = h.store;
    await orgCreates(h.core, { shop: "Cave", when: "2026-12-05 18:00" });
    const mob = (await store.getMob(1))!;
    const member = await store.upsertMember("console", "a", "Alice", null, h.clock.now());
    const bytes = png(30, 20);
    await store.insertPhoto({
      mobId: mob.id,
      memberId: member.id,
      type: "png",
      width: 30,
      height: 20,
      bytes,
      sha256: "x",
      now: 11 * H,
    });
    expect(await mobPhotoViews(store, mob.id)).toEqual([{ number: 1, width: 30, height: 20 }]);
    expect(await mobPhotoFile(store, mob.id, 1)).toEqual({
      bytes: new Uint8Array(bytes),
      contentType: "image/png",
    });
    await store.dropPhoto(mob.id, 1, 12 * H);
    expect(await mobPhotoViews(store, mob.id)).toEqual([]);
    expect(await mobPhotoFile(store, mob.id, 1)).toBeNull();
    h.close();
  });
});
